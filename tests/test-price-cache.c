/* test-price-cache.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "sc-db-private.h"
#include "sc-error.h"
#include "sc-net-prices.h"
#include "sc-price-cache.h"
#include "sc-price-loader.h"
#include "sc-quote-server.h"
#include "sc-results.h"
#include "sc-service.h"
#include "sc-test-util.h"

static ScQuoteServer *server;

static ScDay
day (const char *text)
{
  ScDay d = 0;

  g_assert_true (sc_day_parse (text, &d));
  return d;
}

static ScDb *
open_db (const char *name)
{
  g_autofree char *path = g_build_filename (sc_test_get_tmpdir (), name, NULL);
  g_autoptr(GError) error = NULL;
  ScDb *db;

  db = sc_db_open (path, &error);
  g_assert_no_error (error);
  return db;
}

/* n weekday bars from first, close = base + i. */
static ScPriceSeries *
make_series (const char *first,
             guint       n,
             double      base)
{
  ScPriceSeries *series = sc_price_series_new ("TEST");
  ScDay d = day (first);

  for (guint i = 0; i < n; d++)
    {
      if (sc_day_weekday (d) >= 6)
        continue;
      sc_price_series_append (series, d, base + i - 0.5, base + i + 1, base + i - 1, base + i,
                              i % 7 == 0 ? NAN : base + i - 0.1, 1000 + i);
      i++;
    }
  sc_price_series_normalize (series);
  return series;
}

/* --- schema ------------------------------------------------------------ */

static char *
schema_of (ScDb *db)
{
  return sc_test_db_query_text (db, "SELECT group_concat (sql, ';') FROM "
                         "(SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name)");
}

static void
test_migrations (void)
{
  g_autoptr(ScDb) fresh = open_db ("migrate-fresh.db");
  g_autofree char *expected = schema_of (fresh);
  /* Older databases are built by stopping the migrations at version v. */
  g_assert_cmpint (sc_db_get_version (fresh), ==, sc_db_latest_version ());
  g_assert_cmpint (sc_db_latest_version (), ==, 7);
  g_assert_cmpint (sc_test_db_query_int (fresh, "SELECT COUNT (*) FROM pragma_table_info ('results') WHERE name = 'currency'"), ==, 1);
  g_assert_cmpint (sc_test_db_query_int (fresh, "SELECT COUNT (*) FROM pragma_table_info ('price_series')"
                                     " WHERE name IN ('currency', 'exchange', 'live_date', 'live_close', 'live_time')"), ==, 5);
  g_assert_cmpint (sc_test_db_query_int (fresh, "SELECT COUNT (*) FROM pragma_table_info ('watchlist')"), ==, 8);
  g_assert_cmpint (sc_test_db_query_int (fresh, "SELECT COUNT (*) FROM pragma_table_info ('watchlist_sync')"), ==, 2);
  g_assert_cmpint (sc_test_db_query_int (fresh, "SELECT COUNT (*) FROM pragma_table_info ('prices')"), ==, 9);
  g_assert_cmpint (sc_test_db_query_int (fresh, "SELECT COUNT (*) FROM pragma_table_info ('price_series') WHERE name = 'timezone'"), ==, 1);

  for (int v = 1; v < sc_db_latest_version (); v++)
    {
      g_autofree char *name = g_strdup_printf ("migrate-%d.db", v);
      g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %d", v);
      g_autofree char *schema = NULL;
      g_autoptr(ScDb) db = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *path = NULL;

      sc_db_set_target_version_for_testing (v);
      db = open_db (name);
      sc_db_set_target_version_for_testing (-1);
      path = g_strdup (sc_db_get_path (db));
      g_assert_cmpint (sc_db_get_version (db), ==, v);

      g_assert_true (sc_db_exec (db, pragma, &error));
      g_assert_true (sc_db_exec (db, "INSERT INTO models (id, name) VALUES ('kept', 'Kept')", &error));
      if (v >= 2)
        g_assert_true (sc_db_exec (db, "INSERT INTO price_series (ticker, source, timezone) VALUES ('OLD', 'yahoo', 'Asia/Tokyo')", &error));
      g_assert_no_error (error);
      g_clear_pointer (&db, sc_db_unref);

      db = sc_db_open (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (sc_db_get_version (db), ==, sc_db_latest_version ());
      schema = schema_of (db);
      g_assert_cmpstr (schema, ==, expected);
      g_assert_cmpint (sc_test_db_query_int (db, "SELECT COUNT (*) FROM models WHERE id = 'kept'"), ==, 1);
      if (v >= 2)
        g_assert_cmpint (sc_test_db_query_int (db, "SELECT COUNT (*) FROM price_series WHERE ticker = 'OLD'"
                                        " AND timezone = 'Asia/Tokyo' AND currency IS NULL AND live_date IS NULL"), ==, 1);
    }
}

/* --- store and load ---------------------------------------------------- */

static void
test_store_load (void)
{
  g_autoptr(ScDb) db = open_db ("store.db");
  g_autoptr(ScPriceSeries) first = make_series ("2020-01-01", 30, 100);
  g_autoptr(ScPriceSeries) second = make_series ("2020-02-03", 20, 500);
  g_autoptr(ScPriceSeries) loaded = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  ScPriceCacheInfo *info;

  loaded = sc_price_cache_load (db, "TEST", "yahoo", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->n_rows, ==, 0);
  g_clear_pointer (&loaded, sc_price_series_unref);

  g_assert_true (sc_price_cache_store (db, "TEST", "yahoo",
                                       &(ScPriceSeriesMeta) { .timezone = "America/New_York" }, first,
                                       SC_PRICE_CACHE_MERGE, &error));
  g_assert_no_error (error);
  loaded = sc_price_cache_load (db, "TEST", "yahoo", &error);
  g_assert_cmpuint (loaded->n_rows, ==, 30);
  for (guint i = 0; i < 30; i++)
    {
      g_assert_cmpint (loaded->date[i], ==, first->date[i]);
      g_assert_cmpfloat (loaded->close[i], ==, first->close[i]);
      g_assert_cmpfloat (loaded->open[i], ==, first->open[i]);
      g_assert_cmpfloat (loaded->volume[i], ==, first->volume[i]);
      g_assert_true (isnan (loaded->adj_close[i]) == isnan (first->adj_close[i]));
    }
  g_clear_pointer (&loaded, sc_price_series_unref);

  /* Merge: overlapping dates take the new values, the rest stays. */
  g_assert_true (sc_price_cache_store (db, "TEST", "yahoo", NULL, second, SC_PRICE_CACHE_MERGE, &error));
  loaded = sc_price_cache_load (db, "TEST", "yahoo", &error);
  g_assert_cmpint (loaded->date[0], ==, day ("2020-01-01"));
  g_assert_cmpint (loaded->date[loaded->n_rows - 1], ==, second->date[19]);
  g_assert_cmpuint (loaded->n_rows, ==, 23 + 20);   /* 23 weekdays before 2020-02-03 */
  g_assert_cmpfloat (loaded->close[23], ==, 500);
  g_clear_pointer (&loaded, sc_price_series_unref);

  /* Another source is kept apart; the list puts the newest first. */
  g_assert_true (sc_price_cache_store (db, "TEST", "csv", NULL, first, SC_PRICE_CACHE_MERGE, &error));
  list = sc_price_cache_list (db, "TEST", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  info = g_ptr_array_index (list, 0);
  g_assert_cmpstr (info->source, ==, "yahoo");
  g_assert_cmpstr (info->timezone, ==, "America/New_York");   /* kept when NULL is given */
  g_assert_cmpuint (info->n_rows, ==, 43);
  g_assert_cmpint (info->first_date, ==, day ("2020-01-01"));
  g_assert_cmpstr (((ScPriceCacheInfo *) g_ptr_array_index (list, 1))->source, ==, "csv");
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Replace drops what was there. */
  g_assert_true (sc_price_cache_store (db, "TEST", "yahoo", NULL, second, SC_PRICE_CACHE_REPLACE, &error));
  loaded = sc_price_cache_load (db, "TEST", "yahoo", &error);
  g_assert_cmpuint (loaded->n_rows, ==, 20);
  g_assert_cmpint (sc_test_db_query_int (db, "SELECT COUNT (*) FROM prices WHERE source = 'csv'"), ==, 30);

  list = sc_price_cache_list (db, "OTHER", &error);
  g_assert_cmpuint (list->len, ==, 0);
}

static void
test_store_atomic (void)
{
  g_autoptr(ScDb) db = open_db ("atomic.db");
  g_autoptr(ScPriceSeries) first = make_series ("2020-01-01", 10, 100);
  g_autoptr(ScPriceSeries) second = make_series ("2020-01-01", 30, 200);
  g_autoptr(GError) error = NULL;

  g_assert_true (sc_price_cache_store (db, "TEST", "yahoo", NULL, first, SC_PRICE_CACHE_MERGE, &error));
  /* The 25th row of the next write fails: none of it may land. */
  g_assert_true (sc_db_exec (db, "CREATE TEMP TRIGGER fail BEFORE INSERT ON prices "
                                 "WHEN NEW.date = '2020-02-04' BEGIN SELECT RAISE (ABORT, 'disk on fire'); END",
                             &error));
  g_assert_false (sc_price_cache_store (db, "TEST", "yahoo", NULL, second, SC_PRICE_CACHE_REPLACE, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_STORAGE);
  g_assert_true (g_str_has_suffix (error->message, "."));
  g_assert_cmpint (sc_test_db_query_int (db, "SELECT COUNT (*) FROM prices"), ==, 10);
  g_assert_cmpint (sc_test_db_query_int (db, "SELECT MAX (close) FROM prices"), ==, 109);
  g_assert_true (sqlite3_get_autocommit (sc_db_get_handle (db)));
}

static void
test_fill_actuals (void)
{
  g_autoptr(ScDb) db = open_db ("actuals.db");
  g_autoptr(ScPriceSeries) series = make_series ("2020-01-01", 40, 100);
  g_autoptr(GError) error = NULL;
  g_autofree char *actual = NULL;

  /* A saved prediction made on 2020-01-02 (row 1) for 10 rows ahead:
   * row 11 has close 111. */
  g_assert_true (sc_db_exec (db,
                             "INSERT INTO users (id, username, username_key, email, email_key, password_hash, recovery_hash, created_at)"
                             " VALUES (1, 'ann', 'ann', 'a@example.com', 'a@example.com', 'x', 'y', '2020-01-02T00:00:00Z');"
                             "INSERT INTO results (id, uuid, user_id, ticker, created_at, model, as_of, last_close)"
                             " VALUES (1, '6f1c1a56-3f1e-4d57-9a43-1b7a3f0d2b11', 1, 'TEST', '2020-01-02T00:00:00Z', 'naive', '2020-01-02', 101);"
                             "INSERT INTO result_forecasts (result_id, horizon, target_date, price, low, high)"
                             " VALUES (1, 10, '2020-01-16', 101, 95, 105);",
                             &error));
  g_assert_no_error (error);

  g_assert_true (sc_price_cache_store (db, "TEST", "csv", NULL, series, SC_PRICE_CACHE_MERGE, &error));
  g_assert_no_error (error);
  actual = sc_test_db_query_text (db, "SELECT actual FROM result_forecasts WHERE result_id = 1");
  g_assert_cmpstr (actual, ==, "111.0");
}

/* --- a writer killed in the middle of a write ------------------------- */

#define WRITER_ROWS 20000

/* A saved prediction remembers the currency of its prices: its own, else
 * the one its ticker's prices are cached in, else none. */
static void
test_result_currency (void)
{
  g_autoptr(ScDb) db = open_db ("result-currency.db");
  g_autoptr(ScPriceSeries) series = make_series ("2026-03-02", 20, 90);
  g_autoptr(GError) error = NULL;
  ScPriceSeriesMeta meta = { .timezone = "Asia/Taipei", .currency = "TWD", .exchange = "TAI" };
  struct { const char *ticker, *currency, *expected; } cases[] = {
    { "1301.T", "JPY", "JPY" },
    { "2344.TW", NULL, "TWD" },
    { "MINE", NULL, NULL },
  };

  g_assert_true (sc_db_exec (db,
                             "INSERT INTO users (id, username, username_key, email, email_key, password_hash, recovery_hash, created_at)"
                             " VALUES (1, 'ann', 'ann', 'a@example.com', 'a@example.com', 'x', 'y', '2020-01-02T00:00:00Z');",
                             &error));
  g_assert_true (sc_price_cache_store (db, "2344.TW", "yahoo", &meta, series, SC_PRICE_CACHE_MERGE, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ScPrediction) prediction = sc_prediction_new ();
      g_autoptr(ScResult) result = NULL;
      g_autofree char *uuid = NULL;

      prediction->ticker = g_strdup (cases[i].ticker);
      prediction->model_id = g_strdup ("naive");
      prediction->currency = g_strdup (cases[i].currency);
      prediction->as_of = day ("2026-03-26");
      prediction->last_close = 96.0;
      prediction->n_forecasts = 1;
      prediction->forecasts = g_new0 (ScForecast, 1);
      prediction->forecasts[0] = (ScForecast) { 10, day ("2026-04-10"), 97.0, 90.0, 104.0 };

      uuid = sc_results_save (db, 1, prediction, &error);
      g_assert_no_error (error);
      result = sc_results_get (db, 1, uuid, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (result->currency, ==, cases[i].expected);
    }
}

static int
run_writer (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScDb) db = sc_db_open (path, &error);

  if (db == NULL)
    return 1;

  for (guint generation = 1; ; generation++)
    {
      g_autoptr(ScPriceSeries) series = sc_price_series_new ("KILL");

      for (guint i = 0; i < WRITER_ROWS; i++)
        sc_price_series_append (series, i, NAN, NAN, NAN, generation, NAN, NAN);
      if (!sc_price_cache_store (db, "KILL", "yahoo", NULL, series, SC_PRICE_CACHE_REPLACE, &error))
        return 1;
      printf ("%u\n", generation);
      fflush (stdout);
    }

  return 0;
}

static void
test_killed_writer (void)
{
  g_autofree char *path = g_build_filename (sc_test_get_tmpdir (), "killed.db", NULL);
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);

  g_assert_nonnull (self);

  for (guint round = 0; round < 4; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSubprocess) writer = NULL;
      g_autoptr(GDataInputStream) out = NULL;
      g_autoptr(ScDb) db = NULL;
      g_autofree char *line = NULL;
      g_autofree char *integrity = NULL;

      writer = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                 self, "--writer", path, NULL);
      g_assert_no_error (error);
      out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (writer));
      line = g_data_input_stream_read_line (out, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (line);

      /* Somewhere inside a later write. */
      g_usleep (g_random_int_range (1000, 40000));
      g_subprocess_force_exit (writer);
      g_subprocess_wait (writer, NULL, &error);
      g_assert_no_error (error);
      g_assert_false (g_subprocess_get_if_exited (writer));

      db = sc_db_open (path, &error);
      g_assert_no_error (error);
      integrity = sc_test_db_query_text (db, "PRAGMA integrity_check");
      g_assert_cmpstr (integrity, ==, "ok");
      g_assert_cmpint (sc_test_db_query_int (db, "SELECT COUNT (*) FROM prices WHERE ticker = 'KILL'"), ==, WRITER_ROWS);
      g_assert_cmpint (sc_test_db_query_int (db, "SELECT MIN (close) = MAX (close) FROM prices WHERE ticker = 'KILL'"), ==, 1);
      g_assert_cmpint (sc_test_db_query_int (db, "SELECT MIN (close) FROM prices"), >=, g_ascii_strtoll (line, NULL, 10));
    }
}

/* --- the loader -------------------------------------------------------- */

static void
use_server (const char *yahoo_scenario,
            const char *tiingo_scenario)
{
  g_autofree char *yahoo = sc_quote_server_get_url (server, yahoo_scenario);
  g_autofree char *tiingo = sc_quote_server_get_url (server, tiingo_scenario ? tiingo_scenario : yahoo_scenario);

  g_setenv ("STOCKCAST_QUOTES_URL", yahoo, TRUE);
  g_setenv ("STOCKCAST_TIINGO_URL", tiingo, TRUE);
}

static ScPriceLoad *
load (ScDb              *db,
      const char        *ticker,
      ScPriceLoadFlags   flags,
      GError           **error)
{
  g_autoptr(ScQuoteClient) client = sc_quote_client_new ();

  sc_quote_client_set_retries (client, 2, 20);
  return sc_price_loader_load (db, client, ticker, flags, NULL, NULL, NULL, error);
}

static guint
ko_rows (const char *up_to)
{
  g_autofree char *path = sc_test_fixture_path ("quotes/KO.csv");
  g_autoptr(ScPriceSeries) series = sc_price_series_load_csv ("KO", path, NULL);
  guint n = 0;

  for (guint i = 0; i < series->n_rows; i++)
    if (up_to == NULL || series->date[i] <= day (up_to))
      n++;

  return n;
}

static const char *
request_param (GPtrArray  *requests,
               guint       index,
               const char *name)
{
  JsonObject *request = g_ptr_array_index (requests, index);

  return json_object_get_string_member (json_object_get_object_member (request, "query"), name);
}

static void
test_loader_download_then_offline (void)
{
  g_autoptr(ScDb) db = open_db ("loader-first.db");
  g_autoptr(ScPriceLoad) first = NULL;
  g_autoptr(ScPriceLoad) second = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GError) error = NULL;

  use_server ("first", NULL);
  first = load (db, "ko", SC_PRICE_LOAD_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first->source, ==, "yahoo");
  g_assert_null (first->warning);
  g_assert_cmpuint (first->series->n_rows, ==, ko_rows (NULL));
  g_assert_cmpstr (first->series->ticker, ==, "KO");

  second = load (db, "KO", SC_PRICE_LOAD_OFFLINE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second->source, ==, "cache");
  g_assert_null (second->warning);
  g_assert_cmpuint (second->series->n_rows, ==, first->series->n_rows);
  for (guint i = 0; i < first->series->n_rows; i++)
    {
      g_assert_cmpint (second->series->date[i], ==, first->series->date[i]);
      g_assert_cmpfloat (second->series->close[i], ==, first->series->close[i]);
    }

  requests = sc_quote_server_get_requests (server, "first");
  g_assert_cmpuint (requests->len, ==, 1);
}

static void
test_loader_incremental (void)
{
  g_autoptr(ScDb) db = open_db ("loader-inc.db");
  g_autoptr(ScPriceLoad) first = NULL;
  g_autoptr(ScPriceLoad) second = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *period1 = NULL;

  use_server ("inc1/upto-2020-06-30", NULL);
  first = load (db, "KO", SC_PRICE_LOAD_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->series->n_rows, ==, ko_rows ("2020-06-30"));

  use_server ("inc2", NULL);
  second = load (db, "KO", SC_PRICE_LOAD_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second->source, ==, "yahoo");
  g_assert_cmpuint (second->series->n_rows, ==, ko_rows (NULL));

  /* Asked from a week before the newest cached bar (and a day for time
   * zones), not from the start. */
  requests = sc_quote_server_get_requests (server, "inc2");
  g_assert_cmpuint (requests->len, ==, 1);
  period1 = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) (day ("2020-06-30") - 7 - 1) * 86400);
  g_assert_cmpstr (request_param (requests, 0, "period1"), ==, period1);
}

static void
test_loader_split (void)
{
  const char *second_scenarios[] = { "split2/split", "scale2/scale-2" };
  const char *first_scenarios[] = { "split1/upto-2020-06-30", "scale1/upto-2020-06-30" };

  for (guint i = 0; i < G_N_ELEMENTS (second_scenarios); i++)
    {
      g_autofree char *name = g_strdup_printf ("loader-split-%u.db", i);
      g_autoptr(ScDb) db = open_db (name);
      g_autoptr(ScPriceLoad) first = NULL;
      g_autoptr(ScPriceLoad) second = NULL;
      g_autoptr(GPtrArray) requests = NULL;
      g_autoptr(GError) error = NULL;

      use_server (first_scenarios[i], NULL);
      first = load (db, "KO", SC_PRICE_LOAD_DEFAULT, &error);
      g_assert_no_error (error);

      use_server (second_scenarios[i], NULL);
      second = load (db, "KO", SC_PRICE_LOAD_DEFAULT, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (second->series->n_rows, ==, ko_rows (NULL));

      /* The incremental request, then everything again. */
      requests = sc_quote_server_get_requests (server, second_scenarios[i]);
      g_assert_cmpuint (requests->len, ==, 2);
      g_assert_cmpstr (request_param (requests, 0, "period1"), !=, "-2208994789");
      g_assert_cmpstr (request_param (requests, 1, "period1"), ==, "-2208994789");
      if (i == 1)
        g_assert_cmpfloat_with_epsilon (second->series->close[0], 2 * first->series->close[0], 1e-5);
      else
        g_assert_cmpfloat (second->series->close[0], ==, first->series->close[0]);
    }
}

static void
test_loader_failures (void)
{
  g_autoptr(ScDb) db = open_db ("loader-fail.db");
  g_autoptr(ScPriceLoad) cached = NULL;
  g_autoptr(ScPriceLoad) warned = NULL;
  g_autoptr(ScPriceLoad) none = NULL;
  g_autoptr(GError) error = NULL;

  use_server ("fail1", NULL);
  cached = load (db, "KO", SC_PRICE_LOAD_DEFAULT, &error);
  g_assert_no_error (error);

  /* Server down, cache present: the cache with a warning. */
  g_setenv ("STOCKCAST_QUOTES_URL", "http://127.0.0.1:9/", TRUE);
  warned = load (db, "KO", SC_PRICE_LOAD_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (warned->source, ==, "cache");
  g_assert_nonnull (warned->warning);
  g_assert_nonnull (strstr (warned->warning, "using cached prices up to 2020-12-11"));
  g_assert_cmpuint (warned->series->n_rows, ==, cached->series->n_rows);

  /* Nothing cached: the network's error (exit 3). */
  none = load (db, "GSPC", SC_PRICE_LOAD_DEFAULT, &error);
  g_assert_null (none);
  g_assert_error (error, SC_ERROR, SC_ERROR_NETWORK);
  g_clear_error (&error);

  /* A broken answer with a cache: warning; without: exit 3. */
  use_server ("fail2/truncated", NULL);
  g_clear_pointer (&warned, sc_price_load_free);
  warned = load (db, "KO", SC_PRICE_LOAD_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (warned->warning, "unreadable"));
  none = load (db, "GSPC", SC_PRICE_LOAD_DEFAULT, &error);
  g_assert_error (error, SC_ERROR, SC_ERROR_NETWORK);
  g_clear_error (&error);

  /* Unknown ticker: exit 2; no data at all for a new ticker: exit 2. */
  use_server ("fail3", NULL);
  none = load (db, "NOSUCH", SC_PRICE_LOAD_DEFAULT, &error);
  g_assert_error (error, SC_ERROR, SC_ERROR_DATA);
  g_assert_nonnull (strstr (error->message, "NOSUCH"));
  g_clear_error (&error);
  use_server ("fail4/empty", NULL);
  none = load (db, "GSPC", SC_PRICE_LOAD_DEFAULT, &error);
  g_assert_error (error, SC_ERROR, SC_ERROR_DATA);
  g_assert_nonnull (strstr (error->message, "no price data for GSPC"));
  g_clear_error (&error);

  none = load (db, "BAD/TICKER", SC_PRICE_LOAD_DEFAULT, &error);
  g_assert_error (error, SC_ERROR, SC_ERROR_DATA);
}

static void
test_loader_offline (void)
{
  g_autoptr(ScDb) db = open_db ("loader-offline.db");
  g_autoptr(ScPriceLoad) sample = NULL;
  g_autoptr(ScPriceLoad) none = NULL;
  g_autoptr(ScPriceLoad) fallback = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GError) error = NULL;

  use_server ("offline", NULL);
  sample = load (db, "msft", SC_PRICE_LOAD_OFFLINE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sample->source, ==, "sample");
  g_assert_cmpuint (sample->series->n_rows, ==, 2518);
  g_assert_nonnull (strstr (sample->warning, "2020-12-11"));

  none = load (db, "KO", SC_PRICE_LOAD_OFFLINE, &error);
  g_assert_null (none);
  g_assert_error (error, SC_ERROR, SC_ERROR_NETWORK);
  g_clear_error (&error);

  requests = sc_quote_server_get_requests (server, "offline");
  g_assert_cmpuint (requests->len, ==, 0);

  /* Online with the network down: sample data only when asked for. */
  g_setenv ("STOCKCAST_QUOTES_URL", "http://127.0.0.1:9/", TRUE);
  none = load (db, "AAPL", SC_PRICE_LOAD_DEFAULT, &error);
  g_assert_error (error, SC_ERROR, SC_ERROR_NETWORK);
  g_clear_error (&error);
  fallback = load (db, "AAPL", SC_PRICE_LOAD_SAMPLE_FALLBACK, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fallback->source, ==, "sample");
}

static void
test_loader_fresh_cache (void)
{
  g_autoptr(ScDb) db = open_db ("loader-fresh.db");
  g_autoptr(ScPriceSeries) series = sc_price_series_new ("FRESH");
  g_autoptr(ScPriceLoad) loaded = NULL;
  g_autoptr(GError) error = NULL;
  ScDay last = sc_quotes_last_completed_session ("America/New_York", g_get_real_time () / G_USEC_PER_SEC);

  for (int i = 20; i >= 0; i--)
    sc_price_series_append (series, last - i, NAN, NAN, NAN, 10 + i, NAN, NAN);
  g_assert_true (sc_price_cache_store (db, "FRESH", "yahoo",
                                       &(ScPriceSeriesMeta) { .timezone = "America/New_York" }, series,
                                       SC_PRICE_CACHE_MERGE, &error));

  /* Up to date: no request, so an unreachable server does not matter. */
  g_setenv ("STOCKCAST_QUOTES_URL", "http://127.0.0.1:9/", TRUE);
  loaded = load (db, "FRESH", SC_PRICE_LOAD_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->source, ==, "cache");
  g_assert_null (loaded->warning);
}

static void
test_loader_tiingo_fallback (void)
{
  g_autoptr(ScDb) db = open_db ("loader-tiingo.db");
  g_autoptr(ScPriceLoad) loaded = NULL;
  g_autoptr(GError) error = NULL;

  use_server ("tf/500always", "tfok");
  g_setenv ("STOCKCAST_TIINGO_TOKEN", "fixture-token", TRUE);
  loaded = load (db, "KO", SC_PRICE_LOAD_DEFAULT, &error);
  g_setenv ("STOCKCAST_TIINGO_TOKEN", "", TRUE);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->source, ==, "tiingo");
  g_assert_cmpuint (loaded->series->n_rows, ==, ko_rows (NULL));
}

static void
test_loader_source_order (void)
{
  g_autoptr(ScDb) db = open_db ("loader-order.db");
  g_autoptr(ScQuoteClient) client = NULL;
  g_autoptr(ScPriceLoad) loaded = NULL;
  g_autoptr(GPtrArray) yahoo = NULL;
  g_autoptr(GError) error = NULL;
  const char *tiingo_first[] = { "tiingo", "yahoo", NULL };
  const char *tiingo_only[] = { "tiingo", "bogus", NULL };

  use_server ("order-yahoo", "order-tiingo");

  /* Tiingo first with a key: Yahoo is never asked. */
  client = sc_quote_client_new ();
  sc_quote_client_set_tiingo_token (client, "fixture-token");
  sc_quote_client_set_source_order (client, tiingo_first);
  loaded = sc_price_loader_load (db, client, "KO", SC_PRICE_LOAD_DEFAULT, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->source, ==, "tiingo");
  yahoo = sc_quote_server_get_requests (server, "order-yahoo");
  g_assert_cmpuint (yahoo->len, ==, 0);
  g_clear_pointer (&client, sc_quote_client_unref);
  g_clear_pointer (&loaded, sc_price_load_free);

  /* Tiingo first without a key: Yahoo. */
  client = sc_quote_client_new ();
  sc_quote_client_set_source_order (client, tiingo_first);
  loaded = sc_price_loader_load (db, client, "AAPL", SC_PRICE_LOAD_DEFAULT, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->source, ==, "yahoo");
  g_clear_pointer (&client, sc_quote_client_unref);
  g_clear_pointer (&loaded, sc_price_load_free);

  /* Only Tiingo, no key: says so. A refused key is exit 4. */
  client = sc_quote_client_new ();
  sc_quote_client_set_source_order (client, tiingo_only);
  loaded = sc_price_loader_load (db, client, "MSFT", SC_PRICE_LOAD_DEFAULT, NULL, NULL, NULL, &error);
  g_assert_null (loaded);
  g_assert_error (error, SC_ERROR, SC_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "API key"));
  g_clear_error (&error);
  sc_quote_client_set_tiingo_token (client, "wrong");
  loaded = sc_price_loader_load (db, client, "MSFT", SC_PRICE_LOAD_DEFAULT, NULL, NULL, NULL, &error);
  g_assert_error (error, SC_ERROR, SC_ERROR_AUTH);
}

static void
on_loaded (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
on_progress (goffset  received,
             goffset  total,
             gpointer user_data)
{
  guint *calls = user_data;

  (*calls)++;
}

/* The window's way: the service in a worker thread, with the net layer's
 * price source and a database of its own. */
static void
test_loader_async (void)
{
  g_autofree char *path = g_build_filename (sc_test_get_tmpdir (), "loader-async.db", NULL);
  g_autoptr(ScNetPrices) prices = sc_net_prices_new (NULL);
  g_autoptr(ScService) service = sc_service_new (path, SC_PRICE_SOURCE (prices));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ScPriceLoad) loaded = NULL;
  g_autoptr(ScPriceLoad) again = NULL;
  g_autoptr(ScDb) db = NULL;
  g_autoptr(GError) error = NULL;
  guint calls = 0;

  use_server ("async", NULL);
  sc_service_load_prices_async (service, "nvda", SC_PRICE_LOAD_DEFAULT, NULL, on_loaded, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  loaded = sc_service_load_prices_finish (service, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->source, ==, "yahoo");
  g_assert_cmpuint (loaded->series->n_rows, ==, 2518);

  /* Download progress reaches the caller of the blocking form. */
  db = sc_db_open (path, &error);
  g_assert_no_error (error);
  sc_test_db_exec (db, "DELETE FROM prices; DELETE FROM price_series;");
  again = sc_price_loader_load (db, NULL, "NVDA", SC_PRICE_LOAD_DEFAULT, NULL,
                                on_progress, &calls, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->series->n_rows, ==, 2518);
  g_assert_cmpuint (calls, >, 0);
}

/* The app's price source follows the quote settings as they change. */
static void
test_net_prices_follow_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID_BASE);
  g_autoptr(ScNetPrices) prices = sc_net_prices_new (settings);
  g_autoptr(ScDb) db = open_db ("follow-settings.db");
  g_autoptr(ScPriceLoad) loaded = NULL;
  g_autoptr(GError) error = NULL;
  const char *tiingo_only[] = { "tiingo", NULL };

  use_server ("follow", NULL);
  g_settings_set_strv (settings, "quote-sources", tiingo_only);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  loaded = sc_price_source_load (SC_PRICE_SOURCE (prices), db, "KO", SC_PRICE_LOAD_DEFAULT,
                                 NULL, NULL, NULL, &error);
  g_assert_null (loaded);
  g_assert_error (error, SC_ERROR, SC_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "API key"));
  g_clear_error (&error);

  g_settings_reset (settings, "quote-sources");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  loaded = sc_price_source_load (SC_PRICE_SOURCE (prices), db, "KO", SC_PRICE_LOAD_DEFAULT,
                                 NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->source, ==, "yahoo");
}

typedef struct
{
  GCancellable *cancellable;
  gboolean      cancelled;
} CancelOnData;

/* Cancels once the request is under way (libcurl's first progress call):
 * the event, not a delay. */
static void
cancel_on_data (goffset  received,
                goffset  total,
                gpointer user_data)
{
  CancelOnData *data = user_data;

  if (!data->cancelled)
    {
      data->cancelled = TRUE;
      g_cancellable_cancel (data->cancellable);
    }
}

static void
test_loader_cancel (void)
{
  g_autofree char *path = g_build_filename (sc_test_get_tmpdir (), "loader-cancel.db", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(ScPriceLoad) loaded = NULL;
  g_autoptr(ScDb) db = sc_db_open (path, NULL);
  g_autoptr(GError) error = NULL;
  CancelOnData data = { cancellable, FALSE };

  /* With a cache, a cancelled refresh is still a cancellation, not a
   * warning. */
  use_server ("cancel1/upto-2020-06-30", NULL);
  loaded = sc_price_loader_load (db, NULL, "KO", SC_PRICE_LOAD_DEFAULT, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&loaded, sc_price_load_free);

  /* The server waits 5 s before it answers: only the cancellation ends
   * the request before that. */
  use_server ("cancel2/slow5", NULL);
  loaded = sc_price_loader_load (db, NULL, "KO", SC_PRICE_LOAD_DEFAULT, cancellable,
                                 cancel_on_data, &data, &error);
  g_assert_true (data.cancelled);
  g_assert_null (loaded);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* --- the corpus of captured answers (tests/fixtures/yahoo) ------------ */

typedef struct
{
  const char *fixture;
  const char *ticker;
  guint       rows;
  const char *first, *last;
  double      last_close;
  const char *currency;
} CorpusCase;

/* Read by hand from the files; see tests/fixtures/yahoo/README.md. */
static const CorpusCase corpus_cases[] = {
  { "AAPL-split-dst", "AAPL", 49, "2020-08-31", "2020-11-06", 118.69000244140625, "USD" },
  { "QQQ-etf", "QQQ", 1, "2020-01-02", "2020-01-02", 216.16000366210938, "USD" },
  { "GSPC-index", "^GSPC", 10, "2020-03-02", "2020-03-13", 2711.02002, "USD" },
  { "OCDO.L-london", "OCDO.L", 1, "2020-01-02", "2020-01-02", 1259.5, "GBp" },
  { "1301.T-tokyo", "1301.T", 23, "2024-11-06", "2024-12-06", 4015, "JPY" },
  { "0700.HK-hongkong", "0700.HK", 5, "2026-08-03", "2026-08-07", 478.79998779296875, "HKD" },
  { "600497.SS-shanghai", "600497.SS", 8, "2017-11-16", "2017-11-27", 6.510000228881836, "CNY" },
  { "2344.TW-same-day", "2344.TW", 4, "2026-03-23", "2026-03-26", 96.0, "TWD" },
};

static void
test_loader_corpus (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (corpus_cases); i++)
    {
      const CorpusCase *c = &corpus_cases[i];
      g_autofree char *db_name = g_strdup_printf ("corpus-%u.db", i);
      g_autofree char *scenario = g_strdup_printf ("corpus%u/fx-%s", i, c->fixture);
      g_autoptr(ScDb) db = open_db (db_name);
      g_autoptr(ScPriceLoad) loaded = NULL;
      g_autoptr(ScPriceLoad) offline = NULL;
      g_autoptr(ScPriceSeries) cached = NULL;
      g_autoptr(ScPriceCacheInfo) info = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", c->fixture);
      use_server (scenario, NULL);
      loaded = load (db, c->ticker, SC_PRICE_LOAD_DEFAULT, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (loaded->source, ==, "yahoo");
      g_assert_cmpstr (loaded->currency, ==, c->currency);
      g_assert_cmpuint (loaded->live->n_rows, ==, 0);

      /* What landed in the cache. */
      cached = sc_price_cache_load (db, c->ticker, "yahoo", &error);
      g_assert_no_error (error);
      g_assert_cmpuint (cached->n_rows, ==, c->rows);
      g_assert_cmpint (cached->date[0], ==, day (c->first));
      g_assert_cmpint (cached->date[c->rows - 1], ==, day (c->last));
      g_assert_cmpfloat (cached->close[c->rows - 1], ==, c->last_close);
      info = sc_price_cache_get_info (db, c->ticker, "yahoo", &error);
      g_assert_nonnull (info);
      g_assert_cmpstr (info->currency, ==, c->currency);
      g_assert_cmpint (info->live_date, ==, G_MININT32);
      g_assert_cmpint (info->refreshed_at, >, 0);

      offline = load (db, c->ticker, SC_PRICE_LOAD_OFFLINE, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (offline->source, ==, "cache");
      g_assert_cmpstr (offline->currency, ==, c->currency);
      g_assert_cmpuint (offline->series->n_rows, ==, c->rows);
      g_assert_cmpfloat (offline->series->close[c->rows - 1], ==, c->last_close);
    }
}

static void
test_loader_corpus_errors (void)
{
  struct { const char *scenario; int code; } cases[] = {
    { "cerr1/fx-delisted-404", SC_ERROR_DATA },
    { "cerr2/fx-429-edge-429", SC_ERROR_NETWORK },
    { "cerr3/fx-429-page-429", SC_ERROR_NETWORK },
  };
  g_autoptr(ScDb) db = open_db ("corpus-errors.db");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ScPriceLoad) loaded = NULL;
      g_autoptr(GPtrArray) list = NULL;

      use_server (cases[i].scenario, NULL);
      loaded = load (db, "GONE", SC_PRICE_LOAD_DEFAULT, &error);
      g_assert_null (loaded);
      g_assert_error (error, SC_ERROR, cases[i].code);
      list = sc_price_cache_list (db, "GONE", NULL);
      g_assert_cmpuint (list->len, ==, 0);
      g_assert_cmpint (sc_test_db_query_int (db, "SELECT COUNT (*) FROM price_series WHERE ticker = 'GONE'"), ==, 0);
    }
}

static ScPriceLoad *
load_at (ScDb        *db,
         const char  *ticker,
         gint64       now,
         GError     **error)
{
  g_autoptr(ScQuoteClient) client = sc_quote_client_new ();

  sc_quote_client_set_retries (client, 2, 20);
  sc_quote_client_set_now (client, now);
  return sc_price_loader_load (db, client, ticker, SC_PRICE_LOAD_DEFAULT, NULL, NULL, NULL, error);
}

static void
test_loader_live (void)
{
  g_autoptr(ScDb) db = open_db ("live.db");
  g_autoptr(ScPriceLoad) during = NULL;
  g_autoptr(ScPriceLoad) after = NULL;
  g_autoptr(ScPriceSeries) cached = NULL;
  g_autoptr(ScPriceCacheInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  /* 11:05 in Taipei on 2026-03-26: Yahoo's currentTradingPeriod says the
   * session runs until 13:30; its bar is shown as live, not cached as a
   * final close. */
  use_server ("live1/fx-2344.TW-live", NULL);
  during = load_at (db, "2344.TW", 1774494300, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (during->series->n_rows, ==, 3);
  g_assert_cmpint (during->series->date[2], ==, day ("2026-03-25"));
  g_assert_cmpuint (during->live->n_rows, ==, 1);
  g_assert_cmpint (during->live->date[0], ==, day ("2026-03-26"));
  g_assert_cmpfloat (during->live->close[0], ==, 95.5);
  g_assert_cmpint (during->live_time, ==, 1774494120);
  cached = sc_price_cache_load (db, "2344.TW", "yahoo", &error);
  g_assert_cmpuint (cached->n_rows, ==, 3);
  g_assert_cmpint (sc_test_db_query_int (db, "SELECT COUNT (*) FROM prices WHERE date = '2026-03-26'"), ==, 0);
  info = sc_price_cache_get_info (db, "2344.TW", "yahoo", &error);
  g_assert_cmpint (info->live_date, ==, day ("2026-03-26"));
  g_clear_pointer (&info, sc_price_cache_info_free);
  g_clear_pointer (&cached, sc_price_series_unref);

  /* 14:00, after the close (and before the 16:00 the exchange calendar
   * would assume): the next refresh replaces the live bar with the final
   * one, merged from the day's two bars. */
  use_server ("live2/fx-2344.TW-same-day", NULL);
  after = load_at (db, "2344.TW", 1774504800, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after->source, ==, "yahoo");
  g_assert_cmpuint (after->live->n_rows, ==, 0);
  cached = sc_price_cache_load (db, "2344.TW", "yahoo", &error);
  g_assert_cmpuint (cached->n_rows, ==, 4);
  g_assert_cmpint (cached->date[3], ==, day ("2026-03-26"));
  g_assert_cmpfloat (cached->close[3], ==, 96.0);
  g_assert_cmpfloat (cached->open[3], ==, 94.6);
  info = sc_price_cache_get_info (db, "2344.TW", "yahoo", &error);
  g_assert_cmpint (info->live_date, ==, G_MININT32);
  g_assert_cmpstr (info->currency, ==, "TWD");
  g_assert_cmpstr (info->timezone, ==, "Asia/Taipei");
  g_assert_cmpstr (info->exchange, ==, "TAI");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (argc == 3 && g_str_equal (argv[1], "--writer"))
    return run_writer (argv[2]);

  sc_test_init (&argc, &argv);

  g_test_add_func ("/store/price-cache/migrations", test_migrations);
  g_test_add_func ("/store/price-cache/store-load", test_store_load);
  g_test_add_func ("/store/price-cache/atomic", test_store_atomic);
  g_test_add_func ("/store/price-cache/fill-actuals", test_fill_actuals);
  g_test_add_func ("/store/price-cache/result-currency", test_result_currency);
  g_test_add_func ("/store/price-cache/killed-writer", test_killed_writer);
  g_test_add_func ("/net/loader/download-then-offline", test_loader_download_then_offline);
  g_test_add_func ("/net/loader/incremental", test_loader_incremental);
  g_test_add_func ("/net/loader/split", test_loader_split);
  g_test_add_func ("/net/loader/failures", test_loader_failures);
  g_test_add_func ("/net/loader/offline", test_loader_offline);
  g_test_add_func ("/net/loader/fresh-cache", test_loader_fresh_cache);
  g_test_add_func ("/net/loader/tiingo-fallback", test_loader_tiingo_fallback);
  g_test_add_func ("/net/loader/source-order", test_loader_source_order);
  g_test_add_func ("/net/loader/async", test_loader_async);
  g_test_add_func ("/net/loader/follow-settings", test_net_prices_follow_settings);
  g_test_add_func ("/net/loader/cancel", test_loader_cancel);
  g_test_add_func ("/net/loader/corpus", test_loader_corpus);
  g_test_add_func ("/net/loader/corpus-errors", test_loader_corpus_errors);
  g_test_add_func ("/net/loader/live-then-final", test_loader_live);

  server = sc_quote_server_start ();
  status = g_test_run ();
  sc_quote_server_stop (server);

  return status;
}
