/* sc-result.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "sc-prices.h"

G_BEGIN_DECLS

/* A saved prediction and its outcomes, as the history shows it and the
 * sync API sends it. GLib and json-glib only (no database): the client
 * and the sync server share it. Errors: SC_ERROR_DATA. */

typedef struct
{
  int    horizon;       /* trading days ahead */
  ScDay  date;          /* predicted target trading day */
  double price;
  double low;           /* 80% interval */
  double high;
  double actual;        /* close h trading rows after as_of; NAN until known */
} ScResultForecast;

#define SC_TYPE_RESULT (sc_result_get_type ())

typedef struct _ScResult ScResult;

struct _ScResult
{
  char             *uuid;        /* RFC 4122 v4, lower case */
  char             *ticker;
  char             *created_at;  /* "YYYY-MM-DDTHH:MM:SSZ" (UTC) */
  char             *model;       /* model id */
  ScDay             as_of;
  double            last_close;
  guint             n_forecasts;
  ScResultForecast *forecasts;   /* by horizon, ascending */
  gboolean          deleted;     /* tombstone */
  gboolean          synced;      /* the server has this state */
  gint64            server_seq;  /* 0 if never on a server */
  char             *currency;    /* ISO 4217 code of the prices, NULL if unknown */
  /*< private >*/
  gint              ref_count;
};

GType     sc_result_get_type  (void) G_GNUC_CONST;
ScResult *sc_result_new       (void);
ScResult *sc_result_ref       (ScResult *self);
void      sc_result_unref     (ScResult *self);
/* TRUE if the forecast's actual close is known. */
gboolean  sc_result_forecast_has_actual (const ScResultForecast *forecast);

/* --- JSON (DESIGN.md "Result JSON") ------------------------------------- */

typedef enum
{
  SC_RESULT_JSON_DEFAULT = 0,     /* exactly the Result JSON (sync API) */
  SC_RESULT_JSON_LOCAL   = 1 << 0 /* adds "synced" (history --json) */
} ScResultJsonFlags;

/* Numbers are written in their shortest exact form ("213.26"). */
char     *sc_result_to_json        (const ScResult     *self,
                                    ScResultJsonFlags   flags);
/* The same, appended to out (for building arrays of results). */
void      sc_result_append_json    (const ScResult     *self,
                                    ScResultJsonFlags   flags,
                                    GString            *out);
/* Validates everything (prices of magnitude at most 10¹²); "actual" and
 * "deleted" are optional, unknown fields are ignored. synced/server_seq are left 0. */
ScResult *sc_result_new_from_json_node (JsonNode       *node,
                                        GError        **error);
ScResult *sc_result_new_from_json  (const char         *data,
                                    gssize              length,
                                    GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScResult, sc_result_unref)

G_END_DECLS
