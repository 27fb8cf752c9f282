/* test-cli-prices.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

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
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT COUNT (*) FROM prices WHERE ticker = ?1 AND source = ?2",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, ticker, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, source, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
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

int
main (int   argc,
      char *argv[])
{
  int status;

  sc_test_init (&argc, &argv);

  g_test_add_func ("/cli/prices/import-csv", test_import_csv);
  g_test_add_func ("/cli/prices/import-csv-errors", test_import_csv_errors);

  server = sc_quote_server_start ();
  use_server ("unused");
  status = g_test_run ();
  sc_quote_server_stop (server);

  return status;
}
