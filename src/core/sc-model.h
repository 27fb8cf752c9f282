/* sc-model.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-indicators.h"

G_BEGIN_DECLS

typedef enum
{
  SC_MODEL_KIND_OLS,
  SC_MODEL_KIND_RIDGE,
  SC_MODEL_KIND_MLP,
  SC_MODEL_KIND_NAIVE,
} ScModelKind;

typedef enum
{
  SC_MODEL_TARGET_PRICE,        /* the close h rows ahead */
  SC_MODEL_TARGET_LOG_RETURN,   /* log (close h rows ahead / close today) */
} ScModelTarget;

/* A model descriptor (models/ID.model, a GKeyFile). Immutable once loaded,
 * so it may be shared between threads. */
typedef struct _ScModelInfo ScModelInfo;

struct _ScModelInfo
{
  char          *id;
  char          *name;
  char          *description;
  char          *path;          /* the descriptor file */
  ScModelKind    kind;
  ScModelTarget  target;
  char         **feature_names;
  guint          n_features;
  ScFeature     *features;
  /* Target=price only: learn the change from today's close instead of the
   * price itself, so forecasts stay anchored when prices leave the range
   * seen in training. */
  gboolean       residual;
  /* Recommended=true: the default of the window and of `predict`; at most
   * one loaded model has it. */
  gboolean       recommended;

  /* [Ridge] */
  double         ridge_alpha;   /* penalty on standardised coefficients, times rows */

  /* [MLP] */
  guint          hidden;
  guint          max_iter;
  guint          seed;
  double         learning_rate;
  double         l2;            /* scikit-learn's alpha */
  guint          batch_size;
  guint          patience;      /* epochs without improvement before stopping */
  double         validation;    /* chronological tail kept for early stopping */

  /*< private >*/
  gint           ref_count;
};

ScModelInfo  *sc_model_info_ref       (ScModelInfo  *self);
void          sc_model_info_unref     (ScModelInfo  *self);
/* Reads one descriptor. Errors are SC_ERROR_DATA and name the file and,
 * where it applies, the line. */
ScModelInfo  *sc_model_info_load      (const char   *path,
                                       GError      **error);
ScModelInfo  *sc_model_info_load_data (const char   *display_name,
                                       const char   *data,
                                       gsize         length,
                                       GError      **error);
const char   *sc_model_kind_to_string   (ScModelKind   kind);
const char   *sc_model_target_to_string (ScModelTarget target);

/* Every *.model file of DIRS in order, a later descriptor replacing an
 * earlier one with the same Id; malformed ones are skipped with a warning
 * naming file and line. Sorted by Id. */
GPtrArray    *sc_model_load_dirs      (const char * const *dirs);
/* The folders searched by sc_models_get_all(): $STOCKCAST_MODELS_DIR if set,
 * else PKGDATADIR/models (or the source tree's models/ when that is not
 * installed), then $XDG_DATA_HOME/stockcast/models. */
char        **sc_model_search_dirs    (void);
/* The descriptors of the search folders, loaded once per process. */
GPtrArray    *sc_models_get_all       (void);
/* A new reference to the recommended model (failing that, "no change"),
 * or NULL when no model is installed. */
ScModelInfo  *sc_models_get_recommended (void);
/* A new reference to the model ID (NULL: the recommended one), or
 * SC_ERROR_USAGE naming it (SC_ERROR_DATA when no model is installed). */
ScModelInfo  *sc_models_lookup        (const char   *id,
                                       GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScModelInfo, sc_model_info_unref)

G_END_DECLS
