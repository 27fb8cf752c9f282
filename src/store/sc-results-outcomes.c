/* sc-results-outcomes.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sc-db-private.h"
#include "sc-error.h"
#include "sc-price-cache.h"
#include "sc-result-private.h"
#include "sc-results-private.h"

/* Outcomes: the actual close of each forecast, once the price cache has
 * the row h trading days after as_of. Prices come from the price cache's
 * API; only the results tables are read and written here. */

typedef struct
{
  gint64 result_id;
  int    horizon;
  double actual;
} Outcome;

/* Index of the first row dated after day. */
static guint
first_row_after (const ScPriceSeries *closes,
                 ScDay                day)
{
  guint lo = 0, hi = closes->n_rows;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (closes->date[mid] <= day)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

static int
fill_ticker (ScDb        *db,
             const char  *ticker,
             GError     **error)
{
  g_autoptr(ScPriceSeries) closes = NULL;
  sqlite3_stmt *select, *update;
  int filled = 0;
  int rc;

  closes = sc_price_cache_load_closes (db, ticker, error);
  if (closes == NULL)
    return -1;
  if (closes->n_rows == 0)
    return 0;

  select = sc_db_prepare (db,
                          "SELECT f.result_id, f.horizon, r.as_of "
                          "FROM results r JOIN result_forecasts f ON f.result_id = r.id "
                          "WHERE r.ticker = ?1 AND f.actual IS NULL",
                          error);
  if (select == NULL)
    return -1;

  /* Collect first: the update must not run while the select is open on
   * the same table. */
  {
    g_autoptr(GArray) todo = g_array_new (FALSE, FALSE, sizeof (Outcome));
    Outcome item;

    sqlite3_bind_text (select, 1, ticker, -1, SQLITE_TRANSIENT);
    while ((rc = sqlite3_step (select)) == SQLITE_ROW)
      {
        int horizon = sqlite3_column_int (select, 1);
        ScDay as_of;
        guint index;

        if (horizon <= 0 ||
            !_sc_result_day_from_text ((const char *) sqlite3_column_text (select, 2), &as_of))
          continue;

        index = first_row_after (closes, as_of) + (guint) horizon - 1;
        if (index >= closes->n_rows)
          continue;

        item.result_id = sqlite3_column_int64 (select, 0);
        item.horizon = horizon;
        item.actual = closes->close[index];
        g_array_append_val (todo, item);
      }
    if (!sc_db_reset_done (db, select, rc, _("Reading the history"), error))
      return -1;

    if (todo->len == 0)
      return 0;

    update = sc_db_prepare (db,
                            "UPDATE result_forecasts SET actual = ?3 "
                            "WHERE result_id = ?1 AND horizon = ?2 AND actual IS NULL",
                            error);
    if (update == NULL)
      return -1;

    for (guint i = 0; i < todo->len; i++)
      {
        item = g_array_index (todo, Outcome, i);
        sqlite3_bind_int64 (update, 1, item.result_id);
        sqlite3_bind_int (update, 2, item.horizon);
        sqlite3_bind_double (update, 3, item.actual);
        if (!sc_db_step_done (db, update, _("Saving an outcome"), error))
          return -1;
        filled += sqlite3_changes (sc_db_get_handle (db));
      }
  }

  return filled;
}

int
sc_results_fill_actuals (ScDb        *db,
                         const char  *ticker,
                         GError     **error)
{
  g_autoptr(GPtrArray) tickers = g_ptr_array_new_with_free_func (g_free);
  int filled = 0;

  g_return_val_if_fail (db != NULL, -1);

  if (ticker != NULL)
    {
      g_ptr_array_add (tickers, g_ascii_strup (ticker, -1));
    }
  else
    {
      sqlite3_stmt *stmt;
      int rc;

      stmt = sc_db_prepare (db,
                            "SELECT DISTINCT ticker FROM results WHERE id IN "
                            "(SELECT result_id FROM result_forecasts WHERE actual IS NULL)",
                            error);
      if (stmt == NULL)
        return -1;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (tickers, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      if (!sc_db_reset_done (db, stmt, rc, _("Reading the history"), error))
        return -1;
    }

  if (!sc_db_begin (db, error))
    return -1;

  for (guint i = 0; i < tickers->len; i++)
    {
      int n = fill_ticker (db, g_ptr_array_index (tickers, i), error);

      if (n < 0)
        {
          sc_db_rollback (db);
          return -1;
        }
      filled += n;
    }

  if (!sc_db_commit (db, error))
    return -1;

  if (filled > 0)
    g_debug ("Filled %d outcomes", filled);
  return filled;
}
