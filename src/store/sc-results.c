/* sc-results.c
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
#include "sc-result-private.h"
#include "sc-results.h"

/* --- reading ------------------------------------------------------------ */

#define RESULT_COLUMNS \
  "r.id, r.uuid, r.ticker, r.created_at, r.model, r.as_of, r.last_close, " \
  "r.deleted, r.synced, r.server_seq, " \
  "f.horizon, f.target_date, f.price, f.low, f.high, f.actual, r.currency "

#define RESULT_FROM \
  "FROM results r LEFT JOIN result_forecasts f ON f.result_id = r.id "

static void
take_forecasts (ScResult *result,
                GArray   *forecasts)
{
  g_array_sort (forecasts, _sc_result_compare_forecasts);
  result->n_forecasts = forecasts->len;
  result->forecasts = (ScResultForecast *) g_array_steal (forecasts, NULL);
}

/* Reads the rows of stmt (RESULT_COLUMNS, the rows of each result next to
 * each other) into results. */
static gboolean
collect_results (ScDb          *db,
                 sqlite3_stmt  *stmt,
                 GPtrArray     *results,
                 GError       **error)
{
  g_autoptr(GArray) forecasts = g_array_new (FALSE, FALSE, sizeof (ScResultForecast));
  ScResult *current = NULL;
  gint64 current_id = -1;
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (current == NULL || id != current_id)
        {
          if (current != NULL)
            take_forecasts (current, forecasts);

          current = sc_result_new ();
          current_id = id;
          current->uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          current->ticker = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
          current->created_at = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
          current->model = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
          if (!_sc_result_day_from_text ((const char *) sqlite3_column_text (stmt, 5), &current->as_of))
            current->as_of = 0;
          current->last_close = sqlite3_column_double (stmt, 6);
          current->deleted = sqlite3_column_int (stmt, 7) != 0;
          current->synced = sqlite3_column_int (stmt, 8) != 0;
          current->server_seq = sqlite3_column_int64 (stmt, 9);
          current->currency = g_strdup ((const char *) sqlite3_column_text (stmt, 16));
          g_ptr_array_add (results, current);
        }

      if (sqlite3_column_type (stmt, 10) != SQLITE_NULL)
        {
          ScResultForecast f;

          f.horizon = sqlite3_column_int (stmt, 10);
          if (!_sc_result_day_from_text ((const char *) sqlite3_column_text (stmt, 11), &f.date))
            f.date = 0;
          f.price = sqlite3_column_double (stmt, 12);
          f.low = sqlite3_column_double (stmt, 13);
          f.high = sqlite3_column_double (stmt, 14);
          f.actual = sqlite3_column_type (stmt, 15) == SQLITE_NULL
                     ? NAN : sqlite3_column_double (stmt, 15);
          g_array_append_val (forecasts, f);
        }
    }

  if (current != NULL)
    take_forecasts (current, forecasts);

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      sc_db_set_error (db, error, _("Reading the history"));
      return FALSE;
    }

  return TRUE;
}

GPtrArray *
sc_results_list (ScDb                *db,
                 gint64               user_id,
                 ScResultsListFlags   flags,
                 guint                offset,
                 guint                limit,
                 GError             **error)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_result_unref);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (db != NULL, NULL);

  /* Page over results in index order (newest first), then join their
   * forecasts by primary key: no sorting anywhere. */
  stmt = sc_db_prepare (db,
                        "SELECT " RESULT_COLUMNS
                        "FROM (SELECT * FROM results"
                        "      WHERE user_id = ?1 AND (deleted = 0 OR ?2)"
                        "      ORDER BY created_at DESC, id DESC LIMIT ?3 OFFSET ?4) r "
                        "LEFT JOIN result_forecasts f ON f.result_id = r.id",
                        error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_int (stmt, 2, (flags & SC_RESULTS_LIST_INCLUDE_DELETED) != 0);
  sqlite3_bind_int64 (stmt, 3, limit == 0 ? -1 : (gint64) limit);
  sqlite3_bind_int64 (stmt, 4, offset);

  if (!collect_results (db, stmt, results, error))
    return NULL;

  return g_steal_pointer (&results);
}

GPtrArray *
sc_results_list_before (ScDb                *db,
                        gint64               user_id,
                        ScResultsListFlags   flags,
                        const char          *before_uuid,
                        guint                limit,
                        GError             **error)
{
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *key = NULL;
  g_autofree char *created_at = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);

  if (before_uuid == NULL)
    return sc_results_list (db, user_id, flags, 0, limit, error);

  /* The cursor is the row itself, not its position: rows saved or deleted
   * meanwhile shift no page boundary. A tombstone is a cursor too. */
  key = g_ascii_strdown (before_uuid, -1);
  stmt = sc_db_prepare (db, "SELECT created_at, id FROM results WHERE user_id = ?1 AND uuid = ?2",
                        error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      created_at = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      id = sqlite3_column_int64 (stmt, 1);
    }
  else if (rc != SQLITE_DONE)
    sc_db_set_error (db, error, _("Reading the history"));
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                     _("There is no saved prediction %s in this history."), before_uuid);
      return NULL;
    }

  /* The same walk down results_by_user as sc_results_list(), started at
   * the cursor instead of skipped to it. */
  stmt = sc_db_prepare (db,
                        "SELECT " RESULT_COLUMNS
                        "FROM (SELECT * FROM results"
                        "      WHERE user_id = ?1 AND (deleted = 0 OR ?2)"
                        "        AND (created_at, id) < (?4, ?5)"
                        "      ORDER BY created_at DESC, id DESC LIMIT ?3) r "
                        "LEFT JOIN result_forecasts f ON f.result_id = r.id",
                        error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_int (stmt, 2, (flags & SC_RESULTS_LIST_INCLUDE_DELETED) != 0);
  sqlite3_bind_int64 (stmt, 3, limit == 0 ? -1 : (gint64) limit);
  sqlite3_bind_text (stmt, 4, created_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, id);

  results = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_result_unref);
  if (!collect_results (db, stmt, results, error))
    return NULL;

  return g_steal_pointer (&results);
}

gint64
sc_results_count (ScDb    *db,
                  gint64   user_id,
                  GError **error)
{
  sqlite3_stmt *stmt;
  gint64 count = -1;

  g_return_val_if_fail (db != NULL, -1);

  stmt = sc_db_prepare (db, "SELECT count(*) FROM results WHERE user_id = ?1 AND deleted = 0",
                        error);
  if (stmt == NULL)
    return -1;

  sqlite3_bind_int64 (stmt, 1, user_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    sc_db_set_error (db, error, _("Counting the history"));
  sqlite3_reset (stmt);

  return count;
}

ScResult *
sc_results_get (ScDb        *db,
                gint64       user_id,
                const char  *uuid,
                GError     **error)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_result_unref);
  g_autofree char *key = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (db != NULL, NULL);

  if (uuid == NULL || !g_uuid_string_is_valid (uuid))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("“%s” is not a result id (a UUID)."), uuid ? uuid : "");
      return NULL;
    }

  key = g_ascii_strdown (uuid, -1);
  stmt = sc_db_prepare (db,
                        "SELECT " RESULT_COLUMNS RESULT_FROM
                        "WHERE r.user_id = ?1 AND r.uuid = ?2",
                        error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  if (!collect_results (db, stmt, results, error))
    return NULL;

  if (results->len == 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("There is no saved prediction %s in this history."), uuid);
      return NULL;
    }

  return sc_result_ref (g_ptr_array_index (results, 0));
}

GPtrArray *
sc_results_list_unsynced (ScDb    *db,
                          gint64   user_id,
                          GError **error)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_result_unref);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (db != NULL, NULL);

  stmt = sc_db_prepare (db,
                        "SELECT " RESULT_COLUMNS RESULT_FROM
                        "WHERE r.user_id = ?1 AND r.synced = 0 "
                        "ORDER BY r.created_at, r.id",
                        error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, user_id);
  if (!collect_results (db, stmt, results, error))
    return NULL;

  return g_steal_pointer (&results);
}

/* --- writing ------------------------------------------------------------ */

static gboolean
step_done (ScDb          *db,
           sqlite3_stmt  *stmt,
           const char    *what,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sc_db_set_error (db, error, what);
      return FALSE;
    }

  return TRUE;
}

/* Steps stmt, an UPDATE of the result uuid in the transaction the caller
 * began, and commits; otherwise rolls back, with an SC_ERROR_DATA error
 * when no result matched. */
static gboolean
update_one_and_commit (ScDb          *db,
                       sqlite3_stmt  *stmt,
                       const char    *what,
                       const char    *uuid,
                       GError       **error)
{
  if (!step_done (db, stmt, what, error))
    {
      sc_db_rollback (db);
      return FALSE;
    }

  if (sqlite3_changes (sc_db_get_handle (db)) == 0)
    {
      sc_db_rollback (db);
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("There is no saved prediction %s in this history."), uuid);
      return FALSE;
    }

  return sc_db_commit (db, error);
}

/* Inserts result for user_id inside the caller's transaction. */
static gboolean
insert_result (ScDb            *db,
               gint64           user_id,
               const ScResult  *result,
               GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 result_id;
  char as_of[11];

  stmt = sc_db_prepare (db,
                        "INSERT INTO models (id, name) VALUES (?1, ?1) ON CONFLICT DO NOTHING",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, result->model, -1, SQLITE_TRANSIENT);
  if (!step_done (db, stmt, _("Saving the model"), error))
    return FALSE;

  stmt = sc_db_prepare (db,
                        "INSERT INTO results (uuid, user_id, ticker, created_at, model, as_of, "
                        "                     last_close, deleted, synced, server_seq, currency) "
                        /* Without a currency of its own, a result takes the
                         * one its ticker's prices are cached in. */
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
                        " COALESCE (?11, (SELECT currency FROM price_series"
                        "                 WHERE ticker = ?3 AND currency IS NOT NULL"
                        "                 ORDER BY refreshed_at DESC LIMIT 1)))",
                        error);
  if (stmt == NULL)
    return FALSE;

  _sc_result_day_to_text (result->as_of, as_of);
  sqlite3_bind_text (stmt, 1, result->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, user_id);
  sqlite3_bind_text (stmt, 3, result->ticker, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, result->created_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, result->model, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, as_of, -1, SQLITE_TRANSIENT);
  sqlite3_bind_double (stmt, 7, result->last_close);
  sqlite3_bind_int (stmt, 8, result->deleted);
  sqlite3_bind_int (stmt, 9, result->synced);
  sqlite3_bind_int64 (stmt, 10, result->server_seq);
  if (result->currency != NULL)
    sqlite3_bind_text (stmt, 11, result->currency, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 11);
  if (!step_done (db, stmt, _("Saving the prediction"), error))
    return FALSE;

  result_id = sqlite3_last_insert_rowid (sc_db_get_handle (db));

  stmt = sc_db_prepare (db,
                        "INSERT INTO result_forecasts (result_id, horizon, target_date, "
                        "                              price, low, high, actual) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                        error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < result->n_forecasts; i++)
    {
      const ScResultForecast *f = &result->forecasts[i];
      char date[11];

      _sc_result_day_to_text (f->date, date);
      sqlite3_bind_int64 (stmt, 1, result_id);
      sqlite3_bind_int (stmt, 2, f->horizon);
      sqlite3_bind_text (stmt, 3, date, -1, SQLITE_TRANSIENT);
      sqlite3_bind_double (stmt, 4, f->price);
      sqlite3_bind_double (stmt, 5, f->low);
      sqlite3_bind_double (stmt, 6, f->high);
      if (isnan (f->actual))
        sqlite3_bind_null (stmt, 7);
      else
        sqlite3_bind_double (stmt, 7, f->actual);
      if (!step_done (db, stmt, _("Saving the prediction"), error))
        return FALSE;
    }

  return TRUE;
}

char *
sc_results_save (ScDb                *db,
                 gint64               user_id,
                 const ScPrediction  *prediction,
                 GError             **error)
{
  g_autoptr(ScResult) result = NULL;
  g_autoptr(GError) fill_error = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (prediction != NULL, NULL);

  if (!_sc_result_check_ticker (prediction->ticker, error) ||
      !_sc_result_check_model (prediction->model_id, error))
    return NULL;

  if (!isfinite (prediction->last_close))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("The prediction has no last close to save."));
      return NULL;
    }

  result = sc_result_new ();
  result->uuid = g_uuid_string_random ();
  result->ticker = g_ascii_strup (prediction->ticker, -1);
  result->created_at = _sc_result_now_timestamp ();
  result->model = g_strdup (prediction->model_id);
  result->as_of = prediction->as_of;
  result->last_close = prediction->last_close;
  result->currency = g_strdup (prediction->currency);
  result->n_forecasts = prediction->n_forecasts;
  result->forecasts = g_new0 (ScResultForecast, MAX (1, prediction->n_forecasts));
  for (guint i = 0; i < prediction->n_forecasts; i++)
    {
      result->forecasts[i].horizon = prediction->forecasts[i].horizon;
      result->forecasts[i].date = prediction->forecasts[i].date;
      result->forecasts[i].price = prediction->forecasts[i].price;
      result->forecasts[i].low = prediction->forecasts[i].low;
      result->forecasts[i].high = prediction->forecasts[i].high;
      result->forecasts[i].actual = NAN;
    }
  qsort (result->forecasts, result->n_forecasts, sizeof (ScResultForecast), _sc_result_compare_forecasts);

  if (!_sc_result_check_forecasts (result->forecasts, result->n_forecasts, error))
    return NULL;

  if (!sc_db_begin (db, error))
    return NULL;

  if (!insert_result (db, user_id, result, error))
    {
      sc_db_rollback (db);
      return NULL;
    }

  if (!sc_db_commit (db, error))
    return NULL;

  /* A prediction made on old data may already have its outcomes. */
  if (sc_results_fill_actuals (db, result->ticker, &fill_error) < 0)
    g_warning ("Could not fill the outcomes of %s: %s", result->ticker, fill_error->message);

  return g_steal_pointer (&result->uuid);
}

gboolean
sc_results_delete (ScDb        *db,
                   gint64       user_id,
                   const char  *uuid,
                   GError     **error)
{
  g_autofree char *key = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (db != NULL, FALSE);

  if (uuid == NULL || !g_uuid_string_is_valid (uuid))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("“%s” is not a result id (a UUID)."), uuid ? uuid : "");
      return FALSE;
    }

  key = g_ascii_strdown (uuid, -1);

  if (!sc_db_begin (db, error))
    return FALSE;

  stmt = sc_db_prepare (db,
                        "UPDATE results SET deleted = 1, synced = 0 "
                        "WHERE user_id = ?1 AND uuid = ?2 AND deleted = 0",
                        error);
  if (stmt == NULL)
    {
      sc_db_rollback (db);
      return FALSE;
    }

  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  return update_one_and_commit (db, stmt, _("Deleting the prediction"), uuid, error);
}

/* --- outcomes ----------------------------------------------------------- */

typedef struct
{
  char   date[11];
  double close;
} PriceRow;

typedef struct
{
  gint64 result_id;
  int    horizon;
  double actual;
} Outcome;

/* The cached closes of ticker, one per date (from the most recently
 * refreshed source when several have the date), by date. */
static GArray *
load_closes (ScDb        *db,
             const char  *ticker,
             GError     **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (PriceRow));
  sqlite3_stmt *stmt;
  int rc;

  stmt = sc_db_prepare (db,
                        "SELECT p.date, p.close FROM prices p "
                        "JOIN price_series s ON s.ticker = p.ticker AND s.source = p.source "
                        "WHERE p.ticker = ?1 AND p.close > 0 "
                        "ORDER BY p.date, s.refreshed_at DESC, p.source",
                        error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, ticker, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *date = (const char *) sqlite3_column_text (stmt, 0);
      PriceRow row;

      if (date == NULL || strlen (date) != 10)
        continue;
      if (rows->len > 0 && strcmp (g_array_index (rows, PriceRow, rows->len - 1).date, date) == 0)
        continue;

      memcpy (row.date, date, 11);
      row.close = sqlite3_column_double (stmt, 1);
      g_array_append_val (rows, row);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      sc_db_set_error (db, error, _("Reading the price cache"));
      return NULL;
    }

  return g_steal_pointer (&rows);
}

/* Index of the first row dated after date. */
static guint
first_row_after (GArray     *rows,
                 const char *date)
{
  guint lo = 0, hi = rows->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (strcmp (g_array_index (rows, PriceRow, mid).date, date) <= 0)
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
  g_autoptr(GArray) rows = NULL;
  sqlite3_stmt *select, *update;
  int filled = 0;
  int rc;

  rows = load_closes (db, ticker, error);
  if (rows == NULL)
    return -1;
  if (rows->len == 0)
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
        const char *as_of = (const char *) sqlite3_column_text (select, 2);
        int horizon = sqlite3_column_int (select, 1);
        guint index;

        if (as_of == NULL || horizon <= 0)
          continue;

        index = first_row_after (rows, as_of) + (guint) horizon - 1;
        if (index >= rows->len)
          continue;

        item.result_id = sqlite3_column_int64 (select, 0);
        item.horizon = horizon;
        item.actual = g_array_index (rows, PriceRow, index).close;
        g_array_append_val (todo, item);
      }
    sqlite3_reset (select);

    if (rc != SQLITE_DONE)
      {
        sc_db_set_error (db, error, _("Reading the history"));
        return -1;
      }

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
        if (!step_done (db, update, _("Saving an outcome"), error))
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
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          sc_db_set_error (db, error, _("Reading the history"));
          return -1;
        }
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

/* --- sync --------------------------------------------------------------- */

gboolean
sc_results_mark_synced (ScDb        *db,
                        gint64       user_id,
                        const char  *uuid,
                        gboolean     deleted,
                        gint64       server_seq,
                        GError     **error)
{
  g_autofree char *key = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  key = g_ascii_strdown (uuid, -1);

  if (!sc_db_begin (db, error))
    return FALSE;

  stmt = sc_db_prepare (db,
                        "UPDATE results SET synced = (deleted = ?3), "
                        "  server_seq = max (server_seq, ?4) "
                        "WHERE user_id = ?1 AND uuid = ?2",
                        error);
  if (stmt == NULL)
    {
      sc_db_rollback (db);
      return FALSE;
    }

  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, deleted ? 1 : 0);
  sqlite3_bind_int64 (stmt, 4, server_seq);
  return update_one_and_commit (db, stmt, _("Saving the sync state"), uuid, error);
}

gboolean
sc_results_merge_remote (ScDb            *db,
                         gint64           user_id,
                         const ScResult  *remote,
                         gint64           server_seq,
                         GError         **error)
{
  g_autoptr(ScResult) copy = NULL;
  g_autofree char *key = NULL;
  g_autofree char *created_at = NULL;
  sqlite3_stmt *stmt;
  gint64 local_id = -1;
  gboolean local_deleted = FALSE;
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (remote != NULL, FALSE);

  if (!_sc_result_check (remote, error))
    return FALSE;

  created_at = _sc_result_normalize_timestamp (remote->created_at);
  if (created_at == NULL)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("A result needs its creation time."));
      return FALSE;
    }

  key = g_ascii_strdown (remote->uuid, -1);

  if (!sc_db_begin (db, error))
    return FALSE;

  stmt = sc_db_prepare (db,
                        "SELECT id, deleted FROM results WHERE user_id = ?1 AND uuid = ?2",
                        error);
  if (stmt == NULL)
    goto fail;

  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      local_id = sqlite3_column_int64 (stmt, 0);
      local_deleted = sqlite3_column_int (stmt, 1) != 0;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      sc_db_set_error (db, error, _("Reading the history"));
      goto fail;
    }

  if (local_id < 0)
    {
      copy = sc_result_new ();
      copy->uuid = g_steal_pointer (&key);
      copy->ticker = g_ascii_strup (remote->ticker, -1);
      copy->created_at = g_steal_pointer (&created_at);
      copy->model = g_strdup (remote->model);
      copy->as_of = remote->as_of;
      copy->last_close = remote->last_close;
      copy->n_forecasts = remote->n_forecasts;
      copy->forecasts = g_memdup2 (remote->forecasts, sizeof (ScResultForecast) * remote->n_forecasts);
      qsort (copy->forecasts, copy->n_forecasts, sizeof (ScResultForecast), _sc_result_compare_forecasts);
      copy->deleted = remote->deleted;
      copy->synced = TRUE;
      copy->server_seq = server_seq;

      if (!insert_result (db, user_id, copy, error))
        goto fail;
    }
  else
    {
      /* Tombstones win. The server holds remote->deleted: a local deletion
       * it lacks stays unsynced, to be pushed. */
      gboolean deleted = local_deleted || remote->deleted;
      gboolean synced = deleted == remote->deleted;

      stmt = sc_db_prepare (db,
                            "UPDATE results SET deleted = ?2, synced = ?3, "
                            "  server_seq = max (server_seq, ?4) WHERE id = ?1",
                            error);
      if (stmt == NULL)
        goto fail;

      sqlite3_bind_int64 (stmt, 1, local_id);
      sqlite3_bind_int (stmt, 2, deleted);
      sqlite3_bind_int (stmt, 3, synced);
      sqlite3_bind_int64 (stmt, 4, server_seq);
      if (!step_done (db, stmt, _("Saving the sync state"), error))
        goto fail;

      stmt = sc_db_prepare (db,
                            "UPDATE result_forecasts SET actual = ?3 "
                            "WHERE result_id = ?1 AND horizon = ?2 AND actual IS NULL",
                            error);
      if (stmt == NULL)
        goto fail;

      for (guint i = 0; i < remote->n_forecasts; i++)
        {
          if (isnan (remote->forecasts[i].actual))
            continue;
          sqlite3_bind_int64 (stmt, 1, local_id);
          sqlite3_bind_int (stmt, 2, remote->forecasts[i].horizon);
          sqlite3_bind_double (stmt, 3, remote->forecasts[i].actual);
          if (!step_done (db, stmt, _("Saving an outcome"), error))
            goto fail;
        }
    }

  return sc_db_commit (db, error);

fail:
  sc_db_rollback (db);
  return FALSE;
}
