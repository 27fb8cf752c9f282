/* sc-results-private.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sc-db-private.h"
#include "sc-results.h"

G_BEGIN_DECLS

/* Shared by the files of the results store: sc-results.c (queries),
 * sc-results-outcomes.c and sc-results-sync.c. */

/* The columns _sc_results_collect() reads, from SC_RESULTS_FROM or an
 * equivalent join of results r and result_forecasts f. */
#define SC_RESULTS_COLUMNS \
  "r.id, r.uuid, r.ticker, r.created_at, r.model, r.as_of, r.last_close, " \
  "r.deleted, r.synced, r.server_seq, " \
  "f.horizon, f.target_date, f.price, f.low, f.high, f.actual, r.currency "

#define SC_RESULTS_FROM \
  "FROM results r LEFT JOIN result_forecasts f ON f.result_id = r.id "

/* Reads the rows of stmt (SC_RESULTS_COLUMNS, the rows of each result next
 * to each other) into results, and resets stmt. */
gboolean  _sc_results_collect               (ScDb           *db,
                                             sqlite3_stmt   *stmt,
                                             GPtrArray      *results,
                                             GError        **error);
/* Begins a transaction and prepares sql, an UPDATE of one result, with ?1
 * bound to user_id and ?2 to the result's key (its uuid in lower case);
 * NULL with error, the transaction rolled back, if that fails. */
sqlite3_stmt *_sc_results_begin_update      (ScDb           *db,
                                             const char     *sql,
                                             gint64          user_id,
                                             const char     *key,
                                             GError        **error);
/* Steps stmt, an UPDATE of the result uuid in the transaction the caller
 * began, and commits; otherwise rolls back, with an SC_ERROR_DATA error
 * when no result matched. */
gboolean  _sc_results_update_one_and_commit (ScDb           *db,
                                             sqlite3_stmt   *stmt,
                                             const char     *what,
                                             const char     *uuid,
                                             GError        **error);
/* Inserts result for user_id inside the caller's transaction. */
gboolean  _sc_results_insert                (ScDb           *db,
                                             gint64          user_id,
                                             const ScResult *result,
                                             GError        **error);

G_END_DECLS
