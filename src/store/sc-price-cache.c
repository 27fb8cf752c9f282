/* sc-price-cache.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sc-db-private.h"
#include "sc-error.h"
#include "sc-price-cache.h"
#include "sc-results.h"

void
sc_price_cache_info_free (ScPriceCacheInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->source);
  g_free (info->timezone);
  g_free (info->currency);
  g_free (info->exchange);
  g_free (info);
}

static ScDay
column_day (sqlite3_stmt *stmt,
            int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  ScDay day = 0;

  if (text == NULL || !sc_day_parse (text, &day))
    return G_MININT32;

  return day;
}

static double
column_double (sqlite3_stmt *stmt,
               int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NAN;

  return sqlite3_column_double (stmt, column);
}

static void
bind_double (sqlite3_stmt *stmt,
             int           index,
             double        value)
{
  if (isfinite (value))
    sqlite3_bind_double (stmt, index, value);
  else
    sqlite3_bind_null (stmt, index);
}

/* Runs sql with ?1 bound to ticker (and ?2 to source unless NULL), handing
 * each row to add_row with data. */
static gboolean
read_rows (ScDb         *db,
           const char   *sql,
           const char   *ticker,
           const char   *source,
           void        (*add_row) (sqlite3_stmt *stmt,
                                   gpointer      data),
           gpointer      data,
           GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = sc_db_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, ticker, -1, SQLITE_TRANSIENT);
  if (source != NULL)
    sqlite3_bind_text (stmt, 2, source, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_row (stmt, data);

  return sc_db_reset_done (db, stmt, rc, _("Reading the price cache"), error);
}

static void
add_info (sqlite3_stmt *stmt,
          gpointer      data)
{
  ScPriceCacheInfo *info = g_new0 (ScPriceCacheInfo, 1);

  info->source = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  info->timezone = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  info->refreshed_at = sqlite3_column_int64 (stmt, 2);
  info->first_date = column_day (stmt, 3);
  info->last_date = column_day (stmt, 4);
  info->n_rows = sqlite3_column_int (stmt, 5);
  info->currency = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  info->exchange = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
  info->live_date = column_day (stmt, 8);
  info->live_open = column_double (stmt, 9);
  info->live_high = column_double (stmt, 10);
  info->live_low = column_double (stmt, 11);
  info->live_close = column_double (stmt, 12);
  info->live_volume = column_double (stmt, 13);
  info->live_time = sqlite3_column_int64 (stmt, 14);
  g_ptr_array_add (data, info);
}

GPtrArray *
sc_price_cache_list (ScDb        *db,
                     const char  *ticker,
                     GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_price_cache_info_free);

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (ticker != NULL, NULL);

  if (!read_rows (db,
                  "SELECT s.source, s.timezone, s.refreshed_at,"
                  "       MIN (p.date), MAX (p.date), COUNT (*),"
                  "       s.currency, s.exchange, s.live_date, s.live_open, s.live_high,"
                  "       s.live_low, s.live_close, s.live_volume, s.live_time"
                  "  FROM price_series s JOIN prices p"
                  "    ON p.ticker = s.ticker AND p.source = s.source"
                  " WHERE s.ticker = ?1"
                  " GROUP BY s.source"
                  " ORDER BY MAX (p.date) DESC, s.refreshed_at DESC",
                  ticker, NULL, add_info, list, error))
    return NULL;

  return g_steal_pointer (&list);
}

static void
add_bar (sqlite3_stmt *stmt,
         gpointer      data)
{
  ScDay day = column_day (stmt, 0);

  if (day == G_MININT32)
    return;
  sc_price_series_append (data, day,
                          column_double (stmt, 1), column_double (stmt, 2),
                          column_double (stmt, 3), column_double (stmt, 4),
                          column_double (stmt, 5), column_double (stmt, 6));
}

ScPriceSeries *
sc_price_cache_load (ScDb        *db,
                     const char  *ticker,
                     const char  *source,
                     GError     **error)
{
  g_autoptr(ScPriceSeries) series = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (ticker != NULL, NULL);
  g_return_val_if_fail (source != NULL, NULL);

  series = sc_price_series_new (ticker);
  if (!read_rows (db,
                  "SELECT date, open, high, low, close, adj_close, volume"
                  "  FROM prices WHERE ticker = ?1 AND source = ?2 ORDER BY date",
                  ticker, source, add_bar, series, error))
    return NULL;

  sc_price_series_normalize (series);
  return g_steal_pointer (&series);
}

static void
add_close (sqlite3_stmt *stmt,
           gpointer      data)
{
  ScPriceSeries *series = data;
  ScDay day = column_day (stmt, 0);

  /* The first row of a date is the freshest source's. */
  if (day == G_MININT32 ||
      (series->n_rows > 0 && series->date[series->n_rows - 1] == day))
    return;
  sc_price_series_append (series, day, NAN, NAN, NAN,
                          sqlite3_column_double (stmt, 1), NAN, NAN);
}

ScPriceSeries *
sc_price_cache_load_closes (ScDb        *db,
                            const char  *ticker,
                            GError     **error)
{
  g_autoptr(ScPriceSeries) series = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (ticker != NULL, NULL);

  series = sc_price_series_new (ticker);
  if (!read_rows (db,
                  "SELECT p.date, p.close FROM prices p "
                  "JOIN price_series s ON s.ticker = p.ticker AND s.source = p.source "
                  "WHERE p.ticker = ?1 AND p.close > 0 "
                  "ORDER BY p.date, s.refreshed_at DESC, p.source",
                  ticker, NULL, add_close, series, error))
    return NULL;

  return g_steal_pointer (&series);
}

char *
sc_price_cache_dup_currency (ScDb        *db,
                             const char  *ticker,
                             GError     **error)
{
  sqlite3_stmt *stmt;
  char *currency = NULL;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (ticker != NULL, NULL);

  stmt = sc_db_prepare (db,
                        "SELECT currency FROM price_series"
                        " WHERE ticker = ?1 AND currency IS NOT NULL"
                        " ORDER BY refreshed_at DESC LIMIT 1",
                        error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, ticker, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    currency = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (!sc_db_reset_one (db, stmt, rc, _("Reading the price cache"), error))
    return NULL;

  return currency;
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static gboolean
store_rows (ScDb                    *db,
            const char              *ticker,
            const char              *source,
            const ScPriceSeriesMeta *meta,
            ScPriceSeries           *series,
            ScPriceCacheMode         mode,
            GError                 **error)
{
  ScPriceSeries *live = meta->live != NULL && meta->live->n_rows > 0 ? meta->live : NULL;
  g_autofree char *live_date = live ? sc_day_format (live->date[0]) : NULL;
  sqlite3_stmt *stmt;

  stmt = sc_db_prepare (db,
                        "INSERT INTO price_series (ticker, source, timezone, refreshed_at,"
                        "   currency, exchange, live_date, live_open, live_high, live_low,"
                        "   live_close, live_volume, live_time)"
                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
                        " ON CONFLICT (ticker, source) DO UPDATE SET"
                        "   timezone = COALESCE (excluded.timezone, timezone),"
                        "   currency = COALESCE (excluded.currency, currency),"
                        "   exchange = COALESCE (excluded.exchange, exchange),"
                        "   refreshed_at = excluded.refreshed_at,"
                        "   live_date = excluded.live_date, live_open = excluded.live_open,"
                        "   live_high = excluded.live_high, live_low = excluded.live_low,"
                        "   live_close = excluded.live_close, live_volume = excluded.live_volume,"
                        "   live_time = excluded.live_time",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, ticker, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, source, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 3, meta->timezone);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time () / G_USEC_PER_SEC);
  bind_text_or_null (stmt, 5, meta->currency);
  bind_text_or_null (stmt, 6, meta->exchange);
  bind_text_or_null (stmt, 7, live_date);
  bind_double (stmt, 8, live ? live->open[0] : NAN);
  bind_double (stmt, 9, live ? live->high[0] : NAN);
  bind_double (stmt, 10, live ? live->low[0] : NAN);
  bind_double (stmt, 11, live ? live->close[0] : NAN);
  bind_double (stmt, 12, live ? live->volume[0] : NAN);
  if (live != NULL && meta->live_time > 0)
    sqlite3_bind_int64 (stmt, 13, meta->live_time);
  else
    sqlite3_bind_null (stmt, 13);
  if (!sc_db_step_done (db, stmt, _("Saving prices"), error))
    return FALSE;

  if (mode == SC_PRICE_CACHE_REPLACE)
    {
      stmt = sc_db_prepare (db, "DELETE FROM prices WHERE ticker = ?1 AND source = ?2", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, ticker, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, source, -1, SQLITE_TRANSIENT);
      if (!sc_db_step_done (db, stmt, _("Saving prices"), error))
        return FALSE;
    }

  stmt = sc_db_prepare (db,
                        "INSERT OR REPLACE INTO prices"
                        " (ticker, source, date, open, high, low, close, adj_close, volume)"
                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                        error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < series->n_rows; i++)
    {
      g_autofree char *date = sc_day_format (series->date[i]);

      if (!(isfinite (series->close[i]) && series->close[i] > 0))
        continue;

      sqlite3_bind_text (stmt, 1, ticker, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, source, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, date, -1, SQLITE_TRANSIENT);
      bind_double (stmt, 4, series->open[i]);
      bind_double (stmt, 5, series->high[i]);
      bind_double (stmt, 6, series->low[i]);
      bind_double (stmt, 7, series->close[i]);
      bind_double (stmt, 8, series->adj_close[i]);
      bind_double (stmt, 9, series->volume[i]);
      if (!sc_db_step_done (db, stmt, _("Saving prices"), error))
        return FALSE;
    }

  return TRUE;
}

ScPriceCacheInfo *
sc_price_cache_get_info (ScDb        *db,
                         const char  *ticker,
                         const char  *source,
                         GError     **error)
{
  g_autoptr(GPtrArray) list = sc_price_cache_list (db, ticker, error);

  if (list == NULL)
    return NULL;

  for (guint i = 0; i < list->len; i++)
    {
      ScPriceCacheInfo *info = g_ptr_array_index (list, i);

      if (g_strcmp0 (info->source, source) == 0)
        return g_ptr_array_steal_index (list, i);
    }

  return NULL;
}

gboolean
sc_price_cache_store (ScDb                    *db,
                      const char              *ticker,
                      const char              *source,
                      const ScPriceSeriesMeta *meta,
                      ScPriceSeries           *series,
                      ScPriceCacheMode         mode,
                      GError                 **error)
{
  static const ScPriceSeriesMeta unknown = { NULL };
  g_autoptr(GError) fill_error = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (ticker != NULL, FALSE);
  g_return_val_if_fail (source != NULL, FALSE);
  g_return_val_if_fail (series != NULL, FALSE);

  if (!sc_db_begin (db, error))
    return FALSE;

  if (!store_rows (db, ticker, source, meta ? meta : &unknown, series, mode, error))
    {
      sc_db_rollback (db);
      return FALSE;
    }

  if (!sc_db_commit (db, error))
    return FALSE;

  g_debug ("Cached %u bars of %s from %s (%s)", series->n_rows, ticker, source,
           mode == SC_PRICE_CACHE_REPLACE ? "replace" : "merge");

  /* Saved predictions whose target day is now cached get their actual
   * close. The prices are in either way, so a failure is only a warning. */
  if (sc_results_fill_actuals (db, ticker, &fill_error) < 0)
    g_warning ("Cannot fill in actual closes for %s: %s", ticker, fill_error->message);

  return TRUE;
}
