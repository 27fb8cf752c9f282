/* test-cli-prices.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "sc-price-cache.h"
#include "sc-prices.h"
#include "sc-quote-server.h"
#include "sc-test-util.h"

static ScQuoteServer *server;

/* Each test gets its own profile, so caches never leak between tests. */
static void
fresh_profile (const char *name)
{
  g_autofree char *dir = g_build_filename (sc_test_get_tmpdir (), name, NULL);

  g_mkdir_with_parents (dir, 0700);
  g_setenv ("XDG_DATA_HOME", dir, TRUE);
}

static gint64
cached_rows (const char *ticker,
             const char *source)
{
  g_autofree char *path = g_build_filename (g_getenv ("XDG_DATA_HOME"), "stockcast", "stockcast.db", NULL);
  g_autoptr(ScDb) db = NULL;
  g_autoptr(ScPriceCacheInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  db = sc_db_open (path, &error);
  g_assert_no_error (error);
  info = sc_price_cache_get_info (db, ticker, source, &error);
  g_assert_no_error (error);
  return info != NULL ? info->n_rows : 0;
}

static void
use_server (const char *scenario)
{
  g_autofree char *url = sc_quote_server_get_url (server, scenario);

  g_setenv ("STOCKCAST_QUOTES_URL", url, TRUE);
}

static void
test_import_csv (void)
{
  g_autofree char *fixture = sc_test_fixture_path ("quotes/KO.csv");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  fresh_profile ("import");
  status = sc_test_run_cli (NULL, &out, &err, "import-csv", "ko", fixture, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "Imported 368 rows of KO (2019-07-01 to 2020-12-11)."));
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (cached_rows ("KO", "csv"), ==, 368);

  /* Importing again replaces the earlier import. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_free (fixture);
  fixture = sc_test_fixture_path ("AAPL-1981.csv");
  status = sc_test_run_cli (NULL, &out, &err, "import-csv", "KO", fixture, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (err, "left out 1 row"));
  g_assert_cmpint (cached_rows ("KO", "csv"), ==, 15);
}

static void
test_import_csv_errors (void)
{
  g_autofree char *fixture = sc_test_fixture_path ("quotes/KO.csv");
  g_autofree char *bad = g_build_filename (sc_test_get_tmpdir (), "bad.csv", NULL);
  struct { const char *ticker; const char *file; int status; const char *words; } cases[] = {
    { "K/O", fixture, 2, "not a valid ticker" },
    { "KO", "/nonexistent/file.csv", 2, "/nonexistent/file.csv" },
    { "KO", bad, 2, NULL },
    { "KO", NULL, 1, "import-csv TICKER FILE" },
  };

  g_assert_true (g_file_set_contents (bad, "<html>not prices</html>\n", -1, NULL));
  fresh_profile ("import-errors");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *err = NULL;
      int status = sc_test_run_cli (NULL, NULL, &err, "import-csv", cases[i].ticker, cases[i].file, NULL);

      g_assert_cmpint (status, ==, cases[i].status);
      if (cases[i].words != NULL)
        g_assert_nonnull (strstr (err, cases[i].words));
      g_assert_true (g_str_has_prefix (err, "stockcast: "));
      g_assert_null (strstr (err, "CRITICAL"));
    }
}


static JsonObject *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static char *
forecasts_of (JsonObject *prediction)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

  json_node_set_array (node, json_object_get_array_member (prediction, "forecasts"));
  return json_to_string (node, FALSE);
}

/* predict TICKER --json [--offline]: the exit status, and the output
 * object when it succeeded. */
static int
predict (const char  *ticker,
         gboolean     offline,
         JsonObject **out_json,
         char       **out_err)
{
  g_autofree char *out = NULL;
  int status;

  if (offline)
    status = sc_test_run_cli (NULL, &out, out_err, "predict", ticker, "--json", "--offline", NULL);
  else
    status = sc_test_run_cli (NULL, &out, out_err, "predict", ticker, "--json", NULL);

  if (out_json != NULL)
    *out_json = status == 0 ? parse_json (out) : NULL;
  return status;
}

static void
test_predict_download_then_offline (void)
{
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) second = NULL;
  g_autoptr(JsonObject) third = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autofree char *err = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  fresh_profile ("predict-first");
  use_server ("pfirst");
  g_assert_cmpint (predict ("MSFT", FALSE, &first, &err), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "source"), ==, "yahoo");
  g_assert_cmpstr (json_object_get_string_member (first, "as_of"), ==, "2020-12-11");
  requests = sc_quote_server_get_requests (server, "pfirst");
  g_assert_cmpuint (requests->len, ==, 1);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (g_ptr_array_index (requests, 0), "user_agent"),
                                   "Mozilla/5.0"));
  g_assert_cmpint (cached_rows ("MSFT", "yahoo"), ==, 2518);

  /* Offline: the same forecasts from the cache, no request. */
  use_server ("psecond");
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (predict ("MSFT", TRUE, &second, &err), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (second, "source"), ==, "cache");
  a = forecasts_of (first);
  b = forecasts_of (second);
  g_assert_cmpstr (a, ==, b);
  g_clear_pointer (&requests, g_ptr_array_unref);
  requests = sc_quote_server_get_requests (server, "psecond");
  g_assert_cmpuint (requests->len, ==, 0);

  /* Server down: the cache with a warning. */
  g_setenv ("STOCKCAST_QUOTES_URL", "http://127.0.0.1:9/", TRUE);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (predict ("MSFT", FALSE, &third, &err), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (third, "source"), ==, "cache");
  g_assert_nonnull (strstr (err, "using cached prices up to 2020-12-11"));
}

static void
test_predict_incremental (void)
{
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) second = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autofree char *err = NULL;
  g_autofree char *period1 = NULL;
  ScDay cut = 0;

  fresh_profile ("predict-incremental");
  use_server ("pinc1/upto-2020-09-30");
  g_assert_cmpint (predict ("AAPL", FALSE, &first, &err), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "as_of"), ==, "2020-09-30");

  use_server ("pinc2");
  g_assert_cmpint (predict ("AAPL", FALSE, &second, NULL), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (second, "as_of"), ==, "2020-12-11");
  g_assert_cmpstr (json_object_get_string_member (second, "source"), ==, "yahoo");
  requests = sc_quote_server_get_requests (server, "pinc2");
  g_assert_cmpuint (requests->len, ==, 1);
  g_assert_true (sc_day_parse ("2020-09-30", &cut));
  period1 = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) (cut - 8) * 86400);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (g_ptr_array_index (requests, 0), "query"),
                                                  "period1"), ==, period1);
}

static void
test_predict_faults (void)
{
  struct { const char *scenario; const char *ticker; int status; const char *words; } cases[] = {
    { "f429/429", "NVDA", 0, NULL },
    { "f500/500x2", "GOOGL", 0, NULL },
    { "f404", "NOSUCH", 2, "NOSUCH" },
    /* An unusable answer and nothing cached: the bundled sample, saying why. */
    { "fhtml/html", "AMZN", 0, "web page" },
    { "ftrunc/truncated", "AMZN", 0, "unreadable" },
    { "fbad", "BAD/ONE", 2, "BAD/ONE" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *profile = g_strdup_printf ("predict-fault-%u", i);
      g_autoptr(JsonObject) json = NULL;
      g_autofree char *err = NULL;

      fresh_profile (profile);
      use_server (cases[i].scenario);
      g_assert_cmpint (predict (cases[i].ticker, FALSE, &json, &err), ==, cases[i].status);
      if (cases[i].status == 0 && cases[i].words == NULL)
        g_assert_cmpstr (json_object_get_string_member (json, "source"), ==, "yahoo");
      else if (cases[i].status == 0)
        {
          g_assert_cmpstr (json_object_get_string_member (json, "source"), ==, "sample");
          g_assert_nonnull (strstr (err, cases[i].words));
          g_assert_nonnull (strstr (err, "bundled sample"));
        }
      else
        {
          g_assert_nonnull (strstr (err, cases[i].words));
          g_assert_true (g_str_has_prefix (err, "stockcast: "));
          g_assert_cmpuint (strlen (err), <, 400);
        }
    }

  /* Nothing cached and the network unreachable (a closed local port): a
   * sample ticker comes from the bundled sample with a note, exit 0, as the
   * README promises for a first run; any other exits 3. */
  fresh_profile ("predict-down");
  g_setenv ("STOCKCAST_QUOTES_URL", "http://127.0.0.1:9/", TRUE);
  {
    g_autoptr(JsonObject) json = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (predict ("MSFT", FALSE, &json, &err), ==, 0);
    g_assert_cmpstr (json_object_get_string_member (json, "source"), ==, "sample");
    g_assert_nonnull (strstr (err, "Cannot reach Yahoo Finance"));
    g_assert_nonnull (strstr (err, "bundled sample prices of MSFT"));
  }
  g_assert_cmpint (predict ("MYFUND", FALSE, NULL, NULL), ==, 3);
}

static void
test_predict_sample_and_import (void)
{
  g_autoptr(JsonObject) sample = NULL;
  g_autoptr(JsonObject) imported = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autofree char *err = NULL;
  g_autofree char *csv = g_build_filename (SOURCE_ROOT, "data", "sample", "SPY.csv", NULL);

  fresh_profile ("predict-sample");
  use_server ("psample");
  g_assert_cmpint (predict ("MSFT", TRUE, &sample, &err), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (sample, "source"), ==, "sample");
  g_assert_cmpstr (json_object_get_string_member (sample, "as_of"), ==, "2020-12-11");
  g_assert_nonnull (strstr (err, "2020-12-11"));

  /* No sample for this one, nothing cached, offline: exit 3 ... */
  g_assert_cmpint (predict ("MYFUND", TRUE, NULL, NULL), ==, 3);
  /* ... until it is imported. */
  g_assert_cmpint (sc_test_run_cli (NULL, NULL, NULL, "import-csv", "MYFUND", csv, NULL), ==, 0);
  g_assert_cmpint (predict ("MYFUND", TRUE, &imported, NULL), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (imported, "source"), ==, "cache");
  g_assert_cmpstr (json_object_get_string_member (imported, "as_of"), ==, "2021-04-27");
  requests = sc_quote_server_get_requests (server, "psample");
  g_assert_cmpuint (requests->len, ==, 0);
}

/* One ticker rule for every command: what import-csv takes, predict takes
 * (issue: `import-csv AT&T` worked, then `predict AT&T` refused it). */
static void
test_import_then_predict_any_valid_ticker (void)
{
  g_autofree char *csv = sc_test_fixture_path ("KO-1000.csv");
  const char *tickers[] = { "AT&T", "BRK-B", "0700.HK", "^GSPC" };

  fresh_profile ("any-ticker");
  use_server ("anyticker");
  for (guint i = 0; i < G_N_ELEMENTS (tickers); i++)
    {
      g_autoptr(JsonObject) result = NULL;

      g_assert_cmpint (sc_test_run_cli (NULL, NULL, NULL, "import-csv", tickers[i], csv, NULL), ==, 0);
      g_assert_cmpint (predict (tickers[i], TRUE, &result, NULL), ==, 0);
      g_assert_cmpstr (json_object_get_string_member (result, "ticker"), ==, tickers[i]);
      g_assert_cmpstr (json_object_get_string_member (result, "source"), ==, "cache");
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  sc_test_init (&argc, &argv);

  g_test_add_func ("/cli/prices/import-csv", test_import_csv);
  g_test_add_func ("/cli/prices/import-csv-errors", test_import_csv_errors);
  g_test_add_func ("/cli/prices/predict-download-then-offline", test_predict_download_then_offline);
  g_test_add_func ("/cli/prices/predict-incremental", test_predict_incremental);
  g_test_add_func ("/cli/prices/predict-faults", test_predict_faults);
  g_test_add_func ("/cli/prices/predict-sample-and-import", test_predict_sample_and_import);
  g_test_add_func ("/cli/prices/import-then-predict-any-valid-ticker",
                   test_import_then_predict_any_valid_ticker);

  server = sc_quote_server_start ();
  use_server ("unused");
  status = g_test_run ();
  sc_quote_server_stop (server);

  return status;
}
