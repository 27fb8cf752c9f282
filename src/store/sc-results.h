/* sc-results.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sc-db.h"
#include "sc-prediction.h"
#include "sc-result.h"

G_BEGIN_DECLS

/* A user's saved predictions ("history") in the results and
 * result_forecasts tables, their outcomes, and the state the sync client
 * needs. A result's content never changes after it is saved: only `actual`
 * gets filled in, and `deleted` turns into a tombstone.
 * Errors: SC_ERROR_DATA (bad input, unknown uuid), SC_ERROR_STORAGE. */

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

G_END_DECLS
