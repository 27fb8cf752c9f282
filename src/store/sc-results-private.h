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
/* Inserts result for user_id inside the caller's transaction. */
gboolean  _sc_results_insert                (ScDb           *db,
                                             gint64          user_id,
                                             const ScResult *result,
                                             GError        **error);

G_END_DECLS
