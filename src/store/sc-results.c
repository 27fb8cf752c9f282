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
#include "sc-validate.h"
#include "sc-price-cache.h"
#include "sc-result-private.h"
#include "sc-results-private.h"

/* --- reading ------------------------------------------------------------ */

static void
take_forecasts (ScResult *result,
                GArray   *forecasts)
{
  g_array_sort (forecasts, _sc_result_compare_forecasts);
  result->n_forecasts = forecasts->len;
  result->forecasts = (ScResultForecast *) g_array_steal (forecasts, NULL);
}

/* Reads the rows of stmt (SC_RESULTS_COLUMNS, the rows of each result next to
 * each other) into results. */
gboolean
_sc_results_collect (ScDb          *db,
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

  if (!sc_db_reset_done (db, stmt, rc, _("Reading the history"), error))
    return FALSE;

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
                        "SELECT " SC_RESULTS_COLUMNS
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

  if (!_sc_results_collect (db, stmt, results, error))
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
  if (!sc_db_reset_one (db, stmt, rc, _("Reading the history"), error))
    return NULL;

  if (rc == SQLITE_DONE)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("There is no saved prediction %s in this history."), before_uuid);
      return NULL;
    }

  /* The same walk down results_by_user as sc_results_list(), started at
   * the cursor instead of skipped to it. */
  stmt = sc_db_prepare (db,
                        "SELECT " SC_RESULTS_COLUMNS
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
  if (!_sc_results_collect (db, stmt, results, error))
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

/* The key a result is stored under (its uuid in lower case); NULL with an
 * SC_ERROR_DATA error if uuid is no result id. */
static char *
result_key (const char  *uuid,
            GError     **error)
{
  if (uuid == NULL || !g_uuid_string_is_valid (uuid))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("“%s” is not a result id (a UUID)."), uuid ? uuid : "");
      return NULL;
    }

  return g_ascii_strdown (uuid, -1);
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

  if ((key = result_key (uuid, error)) == NULL)
    return NULL;

  stmt = sc_db_prepare (db,
                        "SELECT " SC_RESULTS_COLUMNS SC_RESULTS_FROM
                        "WHERE r.user_id = ?1 AND r.uuid = ?2",
                        error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  if (!_sc_results_collect (db, stmt, results, error))
    return NULL;

  if (results->len == 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("There is no saved prediction %s in this history."), uuid);
      return NULL;
    }

  return sc_result_ref (g_ptr_array_index (results, 0));
}

/* --- writing ------------------------------------------------------------ */

/* Inserts result for user_id inside the caller's transaction. */
gboolean
_sc_results_insert (ScDb            *db,
                    gint64           user_id,
                    const ScResult  *result,
                    GError         **error)
{
  g_autofree char *cached_currency = NULL;
  const char *currency = result->currency;
  sqlite3_stmt *stmt;
  gint64 result_id;
  char as_of[11];

  /* Without a currency of its own, a result takes the one its ticker's
   * prices are cached in. */
  if (currency == NULL)
    {
      cached_currency = sc_price_cache_dup_currency (db, result->ticker, error);
      if (cached_currency == NULL && error != NULL && *error != NULL)
        return FALSE;
      currency = cached_currency;
    }

  stmt = sc_db_prepare (db,
                        "INSERT INTO models (id, name) VALUES (?1, ?1) ON CONFLICT DO NOTHING",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, result->model, -1, SQLITE_TRANSIENT);
  if (!sc_db_step_done (db, stmt, _("Saving the model"), error))
    return FALSE;

  stmt = sc_db_prepare (db,
                        "INSERT INTO results (uuid, user_id, ticker, created_at, model, as_of, "
                        "                     last_close, deleted, synced, server_seq, currency) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
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
  if (currency != NULL)
    sqlite3_bind_text (stmt, 11, currency, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 11);
  if (!sc_db_step_done (db, stmt, _("Saving the prediction"), error))
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
      if (!sc_db_step_done (db, stmt, _("Saving the prediction"), error))
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

  if (!sc_validate_ticker (prediction->ticker, error) ||
      !sc_validate_model_id (prediction->model_id, error))
    return NULL;

  if (!isfinite (prediction->last_close))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("The prediction has no last close to save."));
      return NULL;
    }

  result = sc_result_new ();
  result->uuid = g_uuid_string_random ();
  result->ticker = sc_ticker_normalize (prediction->ticker);
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

  if (!_sc_results_insert (db, user_id, result, error))
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

  if ((key = result_key (uuid, error)) == NULL)
    return FALSE;

  stmt = sc_db_begin_update (db,
                             "UPDATE results SET deleted = 1, synced = 0 "
                             "WHERE user_id = ?1 AND uuid = ?2 AND deleted = 0",
                             user_id, key, error);
  if (stmt == NULL)
    return FALSE;

  return sc_db_update_and_commit (db, stmt, _("Deleting the prediction"), error,
                                  _("There is no saved prediction %s in this history."), uuid);
}
