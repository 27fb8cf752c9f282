/* sc-due.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sc-db-private.h"
#include "sc-due.h"
#include "sc-results.h"

static void
clear_due (gpointer data)
{
  ScDueForecast *f = data;

  g_clear_pointer (&f->ticker, g_free);
}

GArray *
sc_due_list_pending (ScDb        *db,
                     gint64       user_id,
                     const char  *today,
                     GError     **error)
{
  g_autoptr(GArray) pending = g_array_new (FALSE, TRUE, sizeof (ScDueForecast));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (today != NULL, NULL);

  g_array_set_clear_func (pending, clear_due);

  /* result_forecasts_unfilled keeps this to the few unfilled rows. */
  stmt = sc_db_prepare (db,
                        "SELECT f.result_id, f.horizon, r.ticker, f.price, f.low, f.high "
                        "FROM result_forecasts f JOIN results r ON r.id = f.result_id "
                        "WHERE f.actual IS NULL AND r.deleted = 0 AND f.target_date <= ?1 "
                        "AND (?2 = 0 OR r.user_id = ?2) "
                        "ORDER BY f.target_date, r.ticker, f.horizon",
                        error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, today, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, user_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ScDueForecast f = { 0 };

      f.result_id = sqlite3_column_int64 (stmt, 0);
      f.horizon = sqlite3_column_int (stmt, 1);
      f.ticker = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      f.price = sqlite3_column_double (stmt, 3);
      f.low = sqlite3_column_double (stmt, 4);
      f.high = sqlite3_column_double (stmt, 5);
      f.actual = NAN;
      g_array_append_val (pending, f);
    }
  if (!sc_db_reset_done (db, stmt, rc, _("Reading the history"), error))
    return NULL;

  return g_steal_pointer (&pending);
}

void
sc_due_forecasts_free (GArray *forecasts)
{
  if (forecasts == NULL)
    return;
  for (guint i = 0; i < forecasts->len; i++)
    g_clear_pointer (&g_array_index (forecasts, ScDueForecast, i).ticker, g_free);
  g_array_set_clear_func (forecasts, NULL);
  g_array_unref (forecasts);
}

GPtrArray *
sc_due_tickers (GArray *pending)
{
  GPtrArray *tickers = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (pending != NULL, tickers);

  for (guint i = 0; i < pending->len; i++)
    {
      const char *ticker = g_array_index (pending, ScDueForecast, i).ticker;
      gboolean seen = FALSE;

      for (guint j = 0; j < tickers->len && !seen; j++)
        seen = g_str_equal (g_ptr_array_index (tickers, j), ticker);
      if (!seen)
        g_ptr_array_add (tickers, g_strdup (ticker));
    }

  return tickers;
}

int
sc_due_lookup_actuals (ScDb    *db,
                       GArray  *pending,
                       GError **error)
{
  sqlite3_stmt *stmt;
  int known = 0;

  g_return_val_if_fail (db != NULL, -1);
  g_return_val_if_fail (pending != NULL, -1);

  stmt = sc_db_prepare (db,
                        "SELECT actual FROM result_forecasts "
                        "WHERE result_id = ?1 AND horizon = ?2 AND actual IS NOT NULL",
                        error);
  if (stmt == NULL)
    return -1;

  for (guint i = 0; i < pending->len; i++)
    {
      ScDueForecast *f = &g_array_index (pending, ScDueForecast, i);
      int rc;

      sqlite3_bind_int64 (stmt, 1, f->result_id);
      sqlite3_bind_int (stmt, 2, f->horizon);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          f->actual = sqlite3_column_double (stmt, 0);
          known++;
        }
      if (!sc_db_reset_one (db, stmt, rc, _("Reading the history"), error))
        return -1;
    }

  return known;
}

GArray *
sc_due_user_forecasts (ScDb    *db,
                       gint64   user_id,
                       GError **error)
{
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GArray) forecasts = g_array_new (FALSE, FALSE, sizeof (ScScorecardForecast));
  g_autoptr(GError) fill_error = NULL;

  /* Outcomes whose prices came in some other way (import, predict). */
  if (sc_results_fill_actuals (db, NULL, &fill_error) < 0)
    g_warning ("%s", fill_error->message);

  results = sc_results_list (db, user_id, SC_RESULTS_LIST_DEFAULT, 0, 0, error);
  if (results == NULL)
    return NULL;

  for (guint i = 0; i < results->len; i++)
    {
      const ScResult *r = g_ptr_array_index (results, i);

      for (guint j = 0; j < r->n_forecasts; j++)
        {
          const ScResultForecast *rf = &r->forecasts[j];
          /* Model ids are few: interned, they outlive the results. */
          ScScorecardForecast f = {
            g_intern_string (r->model), rf->horizon, r->last_close, rf->price, rf->low, rf->high, rf->actual,
          };

          g_array_append_val (forecasts, f);
        }
    }

  return g_steal_pointer (&forecasts);
}

ScScorecard *
sc_due_user_scorecard (ScDb    *db,
                       gint64   user_id,
                       GError **error)
{
  g_autoptr(GArray) forecasts = sc_due_user_forecasts (db, user_id, error);

  if (forecasts == NULL)
    return NULL;
  return sc_scorecard_compute ((ScScorecardForecast *) (gpointer) forecasts->data, forecasts->len);
}
