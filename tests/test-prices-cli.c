/* test-prices-cli.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "sc-quote-server.h"
#include "sc-test-util.h"

/* `stockcast prices`, through the real binary and the fixture server. */

static ScQuoteServer *server;

static void
fresh_profile (const char *name)
{
  g_autofree char *dir = g_build_filename (sc_test_get_tmpdir (), name, NULL);

  g_mkdir_with_parents (dir, 0700);
  g_setenv ("XDG_DATA_HOME", dir, TRUE);
}

static void
use_server (const char *scenario)
{
  g_autofree char *url = sc_quote_server_get_url (server, scenario);

  g_setenv ("STOCKCAST_QUOTES_URL", url, TRUE);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

/* prices --csv, then import-csv of that file in another profile, then
 * prices --csv there: the same rows, byte for byte. */
static void
test_round_trip (void)
{
  struct { const char *fixture, *ticker; guint rows; const char *last_row; } cases[] = {
    { "fx-2344.TW-same-day", "2344.TW", 4, "2026-03-26,94.6,96.5,94.2,96,96,61480000\n" },
    { "fx-AAPL-split-dst", "AAPL", 49, "2020-11-06,118.31999969482422,119.19999694824219,116.12999725341797,118.69000244140625,117.9627914428711,114457900\n" },
    /* No adjclose in the answer: "null" in the file and back. */
    { "fx-0700.HK-hongkong", "0700.HK", 5, "2026-08-07,479,483.20001220703125,475.3999938964844,478.79998779296875,null,16320039\n" },
    { "fx-1301.T-tokyo", "1301.T", 23, "2024-12-06,4020,4035,4000,4015,4015,14700\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *from = g_strdup_printf ("trip-from-%u", i);
      g_autofree char *to = g_strdup_printf ("trip-to-%u", i);
      g_autofree char *scenario = g_strdup_printf ("trip%u/%s", i, cases[i].fixture);
      g_autofree char *file = g_strdup_printf ("%s/trip-%u.csv", sc_test_get_tmpdir (), i);
      g_autofree char *csv = NULL, *err = NULL, *again = NULL, *imported = NULL;
      int status;

      g_test_message ("%s", cases[i].fixture);
      fresh_profile (from);
      use_server (scenario);
      status = sc_test_run_cli (NULL, &csv, &err, "prices", cases[i].ticker, "--csv", NULL);
      g_assert_cmpint (status, ==, 0);
      g_assert_true (g_str_has_prefix (csv, "Date,Open,High,Low,Close,Adj Close,Volume\n"));
      g_assert_cmpuint (count_lines (csv), ==, cases[i].rows + 1);
      g_assert_true (g_str_has_suffix (csv, cases[i].last_row));
      g_assert_nonnull (strstr (err, "Prices from Yahoo Finance, last refreshed "));
      g_assert_true (g_file_set_contents (file, csv, -1, NULL));
      g_clear_pointer (&err, g_free);

      fresh_profile (to);
      g_setenv ("STOCKCAST_QUOTES_URL", "http://127.0.0.1:9/", TRUE);
      status = sc_test_run_cli (NULL, &imported, &err, "import-csv", cases[i].ticker, file, NULL);
      g_assert_cmpint (status, ==, 0);
      g_assert_cmpstr (err, ==, "");
      g_clear_pointer (&err, g_free);

      status = sc_test_run_cli (NULL, &again, &err, "prices", cases[i].ticker, "--csv", "--offline", NULL);
      g_assert_cmpint (status, ==, 0);
      g_assert_cmpstr (again, ==, csv);
      g_assert_nonnull (strstr (err, "Prices from an imported CSV file"));
    }
}

static void
test_json_and_table (void)
{
  g_autofree char *out = NULL, *err = NULL, *table = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *rows;
  JsonObject *last;
  int status;

  fresh_profile ("json");
  use_server ("json/fx-2344.TW-same-day");
  status = sc_test_run_cli (NULL, &out, &err, "prices", "2344.tw", "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "ticker"), ==, "2344.TW");
  g_assert_cmpstr (json_object_get_string_member (root, "source"), ==, "yahoo");
  g_assert_cmpstr (json_object_get_string_member (root, "loaded_from"), ==, "yahoo");
  g_assert_cmpstr (json_object_get_string_member (root, "currency"), ==, "TWD");
  g_assert_cmpstr (json_object_get_string_member (root, "timezone"), ==, "Asia/Taipei");
  g_assert_cmpstr (json_object_get_string_member (root, "exchange"), ==, "TAI");
  g_assert_true (g_str_has_suffix (json_object_get_string_member (root, "refreshed_at"), "Z"));
  g_assert_true (json_object_get_null_member (root, "live"));
  rows = json_object_get_array_member (root, "rows");
  g_assert_cmpuint (json_array_get_length (rows), ==, 4);
  last = json_array_get_object_element (rows, 3);
  g_assert_cmpstr (json_object_get_string_member (last, "date"), ==, "2026-03-26");
  g_assert_cmpfloat (json_object_get_double_member (last, "close"), ==, 96.0);

  /* The table shows the series' currency. */
  g_setenv ("STOCKCAST_QUOTES_URL", "http://127.0.0.1:9/", TRUE);
  g_clear_pointer (&err, g_free);
  status = sc_test_run_cli (NULL, &table, &err, "prices", "2344.TW", "--offline", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (table, "NT$96.00"));
  g_assert_nonnull (strstr (table, "(TWD, Asia/Taipei)"));
  g_assert_nonnull (strstr (table, "4 daily closes, 2026-03-23 to 2026-03-26."));
}

static void
test_errors (void)
{
  struct { const char *args[4]; int status; const char *words; } cases[] = {
    { { "prices", NULL }, 1, "prices TICKER" },
    { { "prices", "KO", "--csv", "--json" }, 1, "--csv and --json" },
    { { "prices", "K/O", NULL }, 2, "not a valid ticker" },
    { { "prices", "NOPE", "--offline", NULL }, 3, "offline" },
  };

  fresh_profile ("errors");
  g_setenv ("STOCKCAST_QUOTES_URL", "http://127.0.0.1:9/", TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *err = NULL;
      int status = sc_test_run_cli (NULL, NULL, &err, cases[i].args[0], cases[i].args[1],
                                    cases[i].args[2], cases[i].args[3], NULL);

      g_assert_cmpint (status, ==, cases[i].status);
      g_assert_nonnull (strstr (err, cases[i].words));
      g_assert_true (g_str_has_prefix (err, "stockcast: "));
    }

  /* A delisted symbol: exit 2, nothing cached. */
  {
    g_autofree char *err = NULL;
    int status;

    use_server ("gone/fx-delisted-404");
    status = sc_test_run_cli (NULL, NULL, &err, "prices", "GONE", NULL);
    g_assert_cmpint (status, ==, 2);
    g_assert_nonnull (strstr (err, "knows no ticker GONE"));
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  sc_test_init (&argc, &argv);

  g_test_add_func ("/cli/prices/csv-import-round-trip", test_round_trip);
  g_test_add_func ("/cli/prices/json-and-table", test_json_and_table);
  g_test_add_func ("/cli/prices/errors", test_errors);

  server = sc_quote_server_start ();
  status = g_test_run ();
  sc_quote_server_stop (server);

  return status;
}
