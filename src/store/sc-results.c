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
#include "sc-results.h"

#define TICKER_MAX_BYTES 32
#define MODEL_MAX_BYTES  64
#define MAX_FORECASTS    64

G_DEFINE_BOXED_TYPE (ScResult, sc_result, sc_result_ref, sc_result_unref)

ScResult *
sc_result_new (void)
{
  ScResult *self = g_new0 (ScResult, 1);

  self->ref_count = 1;
  return self;
}

ScResult *
sc_result_ref (ScResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
sc_result_unref (ScResult *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;

  g_free (self->uuid);
  g_free (self->ticker);
  g_free (self->created_at);
  g_free (self->model);
  g_free (self->currency);
  g_free (self->forecasts);
  g_free (self);
}

gboolean
sc_result_forecast_has_actual (const ScResultForecast *forecast)
{
  g_return_val_if_fail (forecast != NULL, FALSE);

  return !isnan (forecast->actual);
}

/* --- dates -------------------------------------------------------------- */

/* ScDay counts days since 1970-01-01 (proleptic Gregorian); these are
 * H. Hinnant's civil-date algorithms, cheap enough for 100,000 rows. */
static ScDay
days_from_civil (int y,
                 int m,
                 int d)
{
  int era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return (ScDay) (era * 146097 + doe - 719468);
}

static void
day_to_text (ScDay day,
             char  out[11])
{
  int z = day + 719468;
  int era = (z >= 0 ? z : z - 146096) / 146097;
  int doe = z - era * 146097;
  int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int mp = (5 * doy + 2) / 153;
  int d = doy - (153 * mp + 2) / 5 + 1;
  int m = mp + (mp < 10 ? 3 : -9);
  int y = yoe + era * 400 + (m <= 2);

  g_snprintf (out, 11, "%04d-%02d-%02d", CLAMP (y, 0, 9999), m, d);
}

/* Strict YYYY-MM-DD. */
static gboolean
day_from_text (const char *text,
               ScDay      *out_day)
{
  int y, m, d;

  if (text == NULL)
    return FALSE;
  for (int i = 0; i < 10; i++)
    {
      if (i == 4 || i == 7)
        {
          if (text[i] != '-')
            return FALSE;
        }
      else if (!g_ascii_isdigit (text[i]))
        return FALSE;
    }
  if (text[10] != '\0')
    return FALSE;

  y = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
  m = (text[5] - '0') * 10 + (text[6] - '0');
  d = (text[8] - '0') * 10 + (text[9] - '0');
  if (y < 1 || !g_date_valid_dmy (d, m, y))
    return FALSE;

  *out_day = days_from_civil (y, m, d);
  return TRUE;
}

/* Normalises an ISO 8601 timestamp to "YYYY-MM-DDTHH:MM:SSZ" (UTC). */
static char *
normalize_timestamp (const char *text)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GDateTime) utc = NULL;

  if (text == NULL)
    return NULL;

  dt = g_date_time_new_from_iso8601 (text, NULL);
  if (dt == NULL)
    return NULL;

  utc = g_date_time_to_utc (dt);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static char *
now_timestamp (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* --- reading ------------------------------------------------------------ */

#define RESULT_COLUMNS \
  "r.id, r.uuid, r.ticker, r.created_at, r.model, r.as_of, r.last_close, " \
  "r.deleted, r.synced, r.server_seq, " \
  "f.horizon, f.target_date, f.price, f.low, f.high, f.actual, r.currency "

#define RESULT_FROM \
  "FROM results r LEFT JOIN result_forecasts f ON f.result_id = r.id "

static int
compare_forecasts (gconstpointer a,
                   gconstpointer b)
{
  const ScResultForecast *fa = a;
  const ScResultForecast *fb = b;

  return (fa->horizon > fb->horizon) - (fa->horizon < fb->horizon);
}

static void
take_forecasts (ScResult *result,
                GArray   *forecasts)
{
  g_array_sort (forecasts, compare_forecasts);
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
          if (!day_from_text ((const char *) sqlite3_column_text (stmt, 5), &current->as_of))
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
          if (!day_from_text ((const char *) sqlite3_column_text (stmt, 11), &f.date))
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

static gboolean
check_ticker (const char  *ticker,
              GError     **error)
{
  if (ticker == NULL || ticker[0] == '\0' || strlen (ticker) > TICKER_MAX_BYTES ||
      !g_utf8_validate (ticker, -1, NULL))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("A result needs a ticker of 1 to %d bytes."), TICKER_MAX_BYTES);
      return FALSE;
    }

  for (const char *p = ticker; *p != '\0'; p++)
    if (g_ascii_iscntrl (*p) || *p == ' ')
      {
        g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                     _("A ticker cannot contain spaces or control characters."));
        return FALSE;
      }

  return TRUE;
}

static gboolean
check_model (const char  *model,
             GError     **error)
{
  if (model == NULL || model[0] == '\0' || strlen (model) > MODEL_MAX_BYTES ||
      !g_utf8_validate (model, -1, NULL))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("A result needs a model id of 1 to %d bytes."), MODEL_MAX_BYTES);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_forecasts (const ScResultForecast  *forecasts,
                 guint                    n_forecasts,
                 GError                 **error)
{
  if (n_forecasts == 0 || n_forecasts > MAX_FORECASTS)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("A result needs 1 to %d forecasts."), MAX_FORECASTS);
      return FALSE;
    }

  for (guint i = 0; i < n_forecasts; i++)
    {
      const ScResultForecast *f = &forecasts[i];

      if (f->horizon <= 0 || f->horizon > 100000 ||
          !isfinite (f->price) || !isfinite (f->low) || !isfinite (f->high) ||
          (!isnan (f->actual) && !isfinite (f->actual)))
        {
          g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                       _("A forecast needs a positive horizon and finite prices."));
          return FALSE;
        }

      for (guint j = 0; j < i; j++)
        if (forecasts[j].horizon == f->horizon)
          {
            g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                         _("A result lists the horizon %d twice."), f->horizon);
            return FALSE;
          }
    }

  return TRUE;
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

  day_to_text (result->as_of, as_of);
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

      day_to_text (f->date, date);
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

  if (!check_ticker (prediction->ticker, error) ||
      !check_model (prediction->model_id, error))
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
  result->created_at = now_timestamp ();
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
  qsort (result->forecasts, result->n_forecasts, sizeof (ScResultForecast), compare_forecasts);

  if (!check_forecasts (result->forecasts, result->n_forecasts, error))
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

static gboolean
check_result (const ScResult  *result,
              GError         **error)
{
  if (result->uuid == NULL || !g_uuid_string_is_valid (result->uuid))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA, _("A result needs a valid uuid."));
      return FALSE;
    }

  if (!check_ticker (result->ticker, error) || !check_model (result->model, error))
    return FALSE;

  if (result->created_at == NULL)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("A result needs its creation time."));
      return FALSE;
    }

  if (!isfinite (result->last_close))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA, _("A result needs a last close."));
      return FALSE;
    }

  return check_forecasts (result->forecasts, result->n_forecasts, error);
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

  if (!check_result (remote, error))
    return FALSE;

  created_at = normalize_timestamp (remote->created_at);
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
      qsort (copy->forecasts, copy->n_forecasts, sizeof (ScResultForecast), compare_forecasts);
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

/* --- JSON --------------------------------------------------------------- */

JsonNode *
sc_result_to_json_node (const ScResult     *self,
                        ScResultJsonFlags   flags)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  char date[11];

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, self->uuid);
  json_builder_set_member_name (builder, "ticker");
  json_builder_add_string_value (builder, self->ticker);
  json_builder_set_member_name (builder, "created_at");
  json_builder_add_string_value (builder, self->created_at);
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, self->model);
  day_to_text (self->as_of, date);
  json_builder_set_member_name (builder, "as_of");
  json_builder_add_string_value (builder, date);
  json_builder_set_member_name (builder, "last_close");
  json_builder_add_double_value (builder, self->last_close);

  json_builder_set_member_name (builder, "forecasts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->n_forecasts; i++)
    {
      const ScResultForecast *f = &self->forecasts[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "horizon");
      json_builder_add_int_value (builder, f->horizon);
      day_to_text (f->date, date);
      json_builder_set_member_name (builder, "date");
      json_builder_add_string_value (builder, date);
      json_builder_set_member_name (builder, "price");
      json_builder_add_double_value (builder, f->price);
      json_builder_set_member_name (builder, "low");
      json_builder_add_double_value (builder, f->low);
      json_builder_set_member_name (builder, "high");
      json_builder_add_double_value (builder, f->high);
      json_builder_set_member_name (builder, "actual");
      if (isnan (f->actual))
        json_builder_add_null_value (builder);
      else
        json_builder_add_double_value (builder, f->actual);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "deleted");
  json_builder_add_boolean_value (builder, self->deleted);

  if (flags & SC_RESULT_JSON_LOCAL)
    {
      json_builder_set_member_name (builder, "synced");
      json_builder_add_boolean_value (builder, self->synced);
    }

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* The shortest text that reads back as the same double ("213.26", not
 * json-glib's "213.25999999999999"). */
static void
append_number (GString *out,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      /* JSON has no NaN or infinity; validation keeps them out anyway. */
      g_string_append (out, "null");
      return;
    }

  /* Whole numbers without an exponent ("200", not "2e+02"). */
  if (value == floor (value) && fabs (value) < 1e15)
    {
      g_string_append_printf (out, "%.0f", value);
      return;
    }

  for (int precision = 1; precision <= 17; precision++)
    {
      static const char *formats[] = {
        NULL, "%.1g", "%.2g", "%.3g", "%.4g", "%.5g", "%.6g", "%.7g", "%.8g", "%.9g",
        "%.10g", "%.11g", "%.12g", "%.13g", "%.14g", "%.15g", "%.16g", "%.17g",
      };

      g_ascii_formatd (buffer, sizeof buffer, formats[precision], value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }

  g_string_append (out, buffer);
}

static void
append_string (GString    *out,
               const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

void
sc_result_append_json (const ScResult     *self,
                       ScResultJsonFlags   flags,
                       GString            *out)
{
  char date[11];

  g_return_if_fail (self != NULL);
  g_return_if_fail (out != NULL);

  g_string_append (out, "{\"uuid\":");
  append_string (out, self->uuid);
  g_string_append (out, ",\"ticker\":");
  append_string (out, self->ticker);
  g_string_append (out, ",\"created_at\":");
  append_string (out, self->created_at);
  g_string_append (out, ",\"model\":");
  append_string (out, self->model);
  day_to_text (self->as_of, date);
  g_string_append_printf (out, ",\"as_of\":\"%s\",\"last_close\":", date);
  append_number (out, self->last_close);
  g_string_append (out, ",\"forecasts\":[");
  for (guint i = 0; i < self->n_forecasts; i++)
    {
      const ScResultForecast *f = &self->forecasts[i];

      day_to_text (f->date, date);
      g_string_append_printf (out, "%s{\"horizon\":%d,\"date\":\"%s\",\"price\":",
                              i > 0 ? "," : "", f->horizon, date);
      append_number (out, f->price);
      g_string_append (out, ",\"low\":");
      append_number (out, f->low);
      g_string_append (out, ",\"high\":");
      append_number (out, f->high);
      g_string_append (out, ",\"actual\":");
      if (isnan (f->actual))
        g_string_append (out, "null");
      else
        append_number (out, f->actual);
      g_string_append_c (out, '}');
    }
  g_string_append_printf (out, "],\"deleted\":%s", self->deleted ? "true" : "false");
  if (flags & SC_RESULT_JSON_LOCAL)
    g_string_append_printf (out, ",\"synced\":%s", self->synced ? "true" : "false");
  g_string_append_c (out, '}');
}

char *
sc_result_to_json (const ScResult     *self,
                   ScResultJsonFlags   flags)
{
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_sized_new (256 + 96 * self->n_forecasts);
  sc_result_append_json (self, flags, out);
  return g_string_free (out, FALSE);
}

static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gboolean
get_number (JsonObject *object,
            const char *name,
            double     *out_value)
{
  JsonNode *node = json_object_get_member (object, name);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_DOUBLE)
    *out_value = json_node_get_double (node);
  else if (type == G_TYPE_INT64)
    *out_value = (double) json_node_get_int (node);
  else
    return FALSE;

  return isfinite (*out_value);
}

static gboolean
json_invalid (GError     **error,
              const char  *field)
{
  g_set_error (error, SC_ERROR, SC_ERROR_DATA,
               _("The result JSON has no valid “%s”."), field);
  return FALSE;
}

static gboolean
parse_forecast (JsonNode          *node,
                ScResultForecast  *f,
                GError           **error)
{
  JsonObject *object;
  JsonNode *member;
  double horizon;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return json_invalid (error, "forecasts");
  object = json_node_get_object (node);

  if (!get_number (object, "horizon", &horizon) || horizon != floor (horizon) ||
      horizon <= 0 || horizon > 100000)
    return json_invalid (error, "horizon");
  f->horizon = (int) horizon;

  if (!day_from_text (get_string (object, "date"), &f->date))
    return json_invalid (error, "date");
  if (!get_number (object, "price", &f->price))
    return json_invalid (error, "price");
  if (!get_number (object, "low", &f->low))
    return json_invalid (error, "low");
  if (!get_number (object, "high", &f->high))
    return json_invalid (error, "high");

  f->actual = NAN;
  member = json_object_get_member (object, "actual");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member) &&
      !get_number (object, "actual", &f->actual))
    return json_invalid (error, "actual");

  return TRUE;
}

ScResult *
sc_result_new_from_json_node (JsonNode  *node,
                              GError   **error)
{
  g_autoptr(ScResult) result = NULL;
  JsonObject *object;
  JsonNode *member;
  JsonArray *array;
  const char *text;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA, _("A result must be a JSON object."));
      return NULL;
    }
  object = json_node_get_object (node);
  result = sc_result_new ();

  text = get_string (object, "uuid");
  if (text == NULL || !g_uuid_string_is_valid (text))
    return json_invalid (error, "uuid"), NULL;
  result->uuid = g_ascii_strdown (text, -1);

  text = get_string (object, "ticker");
  if (!check_ticker (text, NULL))
    return json_invalid (error, "ticker"), NULL;
  result->ticker = g_strdup (text);

  result->created_at = normalize_timestamp (get_string (object, "created_at"));
  if (result->created_at == NULL)
    return json_invalid (error, "created_at"), NULL;

  text = get_string (object, "model");
  if (!check_model (text, NULL))
    return json_invalid (error, "model"), NULL;
  result->model = g_strdup (text);

  if (!day_from_text (get_string (object, "as_of"), &result->as_of))
    return json_invalid (error, "as_of"), NULL;

  if (!get_number (object, "last_close", &result->last_close))
    return json_invalid (error, "last_close"), NULL;

  member = json_object_get_member (object, "forecasts");
  if (member == NULL || !JSON_NODE_HOLDS_ARRAY (member))
    return json_invalid (error, "forecasts"), NULL;
  array = json_node_get_array (member);
  if (json_array_get_length (array) == 0 || json_array_get_length (array) > MAX_FORECASTS)
    return json_invalid (error, "forecasts"), NULL;

  result->n_forecasts = json_array_get_length (array);
  result->forecasts = g_new0 (ScResultForecast, result->n_forecasts);
  for (guint i = 0; i < result->n_forecasts; i++)
    if (!parse_forecast (json_array_get_element (array, i), &result->forecasts[i], error))
      return NULL;
  qsort (result->forecasts, result->n_forecasts, sizeof (ScResultForecast), compare_forecasts);
  if (!check_forecasts (result->forecasts, result->n_forecasts, error))
    return NULL;

  member = json_object_get_member (object, "deleted");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_BOOLEAN)
        return json_invalid (error, "deleted"), NULL;
      result->deleted = json_node_get_boolean (member);
    }

  return g_steal_pointer (&result);
}

ScResult *
sc_result_new_from_json (const char  *data,
                         gssize       length,
                         GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (data != NULL, NULL);

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("The result is not valid JSON (%s)."), local_error->message);
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA, _("A result must be a JSON object."));
      return NULL;
    }

  return sc_result_new_from_json_node (json_parser_get_root (parser), error);
}
