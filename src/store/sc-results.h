/* sc-results.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "sc-db.h"
#include "sc-prediction.h"

G_BEGIN_DECLS

/* A user's saved predictions ("history"), their outcomes, and the state the
 * sync client needs. A result's content never changes after it is saved:
 * only `actual` gets filled in, and `deleted` turns into a tombstone.
 * Errors: SC_ERROR_DATA (bad input, unknown uuid), SC_ERROR_STORAGE. */

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

/* --- local history ------------------------------------------------------ */

/* Stores every horizon of prediction for user_id with a new uuid v4 and
 * created_at = now; fills actuals already known from the price cache.
 * Returns the uuid. */
char     *sc_results_save     (ScDb                *db,
                               gint64               user_id,
                               const ScPrediction  *prediction,
                               GError             **error);

typedef enum
{
  SC_RESULTS_LIST_DEFAULT         = 0,
  SC_RESULTS_LIST_INCLUDE_DELETED = 1 << 0,
} ScResultsListFlags;

/* The user's results, newest first (created_at, then insertion order).
 * Element type ScResult (owned). limit 0 = all; offset skips that many.
 * NULL on error. */
GPtrArray *sc_results_list    (ScDb                *db,
                               gint64               user_id,
                               ScResultsListFlags   flags,
                               guint                offset,
                               guint                limit,
                               GError             **error);
/* The next page after the result before_uuid in the order of
 * sc_results_list() (older ones, newest first); before_uuid NULL starts at
 * the newest. Unlike an offset, this cursor neither repeats nor skips a row
 * when results are saved or deleted between pages. limit 0 = all.
 * SC_ERROR_DATA if the user has no result with that uuid. */
GPtrArray *sc_results_list_before (ScDb              *db,
                                   gint64             user_id,
                                   ScResultsListFlags flags,
                                   const char        *before_uuid,
                                   guint              limit,
                                   GError           **error);
/* Number of results the user has (tombstones left out). -1 on error. */
gint64    sc_results_count    (ScDb                *db,
                               gint64               user_id,
                               GError             **error);
/* One of the user's results (tombstones included), or NULL with
 * SC_ERROR_DATA if the user has no result with this uuid. */
ScResult *sc_results_get      (ScDb                *db,
                               gint64               user_id,
                               const char          *uuid,
                               GError             **error);
/* Turns the result into a tombstone (kept for sync, hidden from history). */
gboolean  sc_results_delete   (ScDb                *db,
                               gint64               user_id,
                               const char          *uuid,
                               GError             **error);

/* Fills `actual` of every forecast (all users) for ticker (NULL: every
 * ticker) whose target row is in the `prices` cache: the close h trading
 * rows after as_of. Call after every refresh or import. Returns the number
 * of forecasts filled, or -1 on error. */
int       sc_results_fill_actuals (ScDb            *db,
                                   const char      *ticker,
                                   GError         **error);

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
/* As a JsonNode, for json-glib users (its generator writes numbers with
 * 17 significant digits). */
JsonNode *sc_result_to_json_node   (const ScResult     *self,
                                    ScResultJsonFlags   flags);
/* Validates everything; "actual" and "deleted" are optional, unknown
 * fields are ignored. synced/server_seq are left 0. */
ScResult *sc_result_new_from_json_node (JsonNode       *node,
                                        GError        **error);
ScResult *sc_result_new_from_json  (const char         *data,
                                    gssize              length,
                                    GError            **error);

/* --- sync ---------------------------------------------------------------- */

/* Results (tombstones included) whose current state the server lacks,
 * oldest first. */
GPtrArray *sc_results_list_unsynced (ScDb              *db,
                                     gint64             user_id,
                                     GError           **error);
/* Records that the server holds the result in the state `deleted` with
 * sequence server_seq. If the result changed meanwhile (deleted locally
 * after it was sent), it stays unsynced. */
gboolean  sc_results_mark_synced   (ScDb               *db,
                                    gint64              user_id,
                                    const char         *uuid,
                                    gboolean            deleted,
                                    gint64              server_seq,
                                    GError            **error);
/* Inserts or merges a result pulled from the server (idempotent): a new
 * uuid is inserted as synced; for a known one a tombstone on either side
 * wins, missing actuals are taken over and server_seq is kept at the
 * maximum. A local deletion not yet pushed stays unsynced. */
gboolean  sc_results_merge_remote  (ScDb               *db,
                                    gint64              user_id,
                                    const ScResult     *remote,
                                    gint64              server_seq,
                                    GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScResult, sc_result_unref)

G_END_DECLS
