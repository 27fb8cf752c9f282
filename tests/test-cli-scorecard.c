/* test-cli-scorecard.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "sc-quote-server.h"
#include "sc-test-util.h"

#define PASSWORD "correct horse battery\n"

static ScQuoteServer *server;

static void
use_server (const char *scenario)
{
  g_autofree char *url = sc_quote_server_get_url (server, scenario);

  g_setenv ("STOCKCAST_QUOTES_URL", url, TRUE);
}

static void
fresh_profile (const char *name)
{
  g_autofree char *dir = g_build_filename (sc_test_get_tmpdir (), name, NULL);

  g_mkdir_with_parents (dir, 0700);
  g_setenv ("XDG_DATA_HOME", dir, TRUE);
  g_assert_cmpint (sc_test_run_cli (PASSWORD, NULL, NULL, "account", "register", "ann",
                                    "--email", "ann@example.org", "--password-stdin", NULL), ==, 0);
}

static JsonObject *
scorecard_json (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) node = NULL;
  GError *error = NULL;

  g_assert_cmpint (sc_test_run_cli (PASSWORD, &out, &err, "scorecard", "--user", "ann",
                                    "--password-stdin", "--json", NULL), ==, 0);
  node = json_from_string (out, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

/* Predictions saved from prices up to mid-2020 come due once `refresh`
 * fetches the later prices from the fixture quote server; the scorecard
 * then counts them, and agrees with history's own figures. */
static void
test_refresh_fills_actuals (void)
{
  g_autoptr(JsonObject) before = NULL;
  g_autoptr(JsonObject) after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  JsonObject *overall;
  JsonArray *by_model;
  gint64 due = 0, inside = 0;

  fresh_profile ("refresh");

  use_server ("early/upto-2020-06-01");
  g_assert_cmpint (sc_test_run_cli (PASSWORD, NULL, NULL, "predict", "MSFT", "--model", "linear-regression",
                                    "--horizons", "10,60,365", "--save", "--user", "ann", "--password-stdin", NULL), ==, 0);
  g_assert_cmpint (sc_test_run_cli (PASSWORD, NULL, NULL, "predict", "MSFT", "--model", "naive",
                                    "--horizons", "10", "--save", "--user", "ann", "--password-stdin",
                                    NULL), ==, 0);

  before = scorecard_json ();
  g_assert_cmpstr (json_object_get_string_member (before, "user"), ==, "ann");
  overall = json_object_get_object_member (before, "overall");
  g_assert_cmpint (json_object_get_int_member (overall, "due"), ==, 0);
  g_assert_true (json_object_get_null_member (overall, "coverage"));
  g_assert_true (json_object_get_null_member (overall, "mase"));
  g_assert_true (json_object_get_null_member (overall, "direction"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (before, "by_model")), ==, 4);

  /* the whole series now: 10- and 60-day targets are in it, 365 is not */
  use_server ("late");
  g_assert_cmpint (sc_test_run_cli (NULL, &out, &err, "refresh", NULL), ==, 0);
  requests = sc_quote_server_get_requests (server, "late");
  g_assert_cmpuint (requests->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (requests, 0), "symbol"), ==, "MSFT");
  g_assert_nonnull (strstr (out, "3 predictions came due"));
  g_assert_nonnull (strstr (out, "MSFT, 10 trading days: predicted "));
  g_assert_nonnull (strstr (out, "MSFT, 60 trading days: predicted "));
  g_assert_nonnull (strstr (out, "1 prediction is still waiting for its actual close."));

  after = scorecard_json ();
  overall = json_object_get_object_member (after, "overall");
  g_assert_cmpint (json_object_get_int_member (overall, "due"), ==, 3);
  by_model = json_object_get_array_member (after, "by_model");
  g_assert_cmpuint (json_array_get_length (by_model), ==, 4);
  for (guint i = 0; i < json_array_get_length (by_model); i++)
    {
      JsonObject *row = json_array_get_object_element (by_model, i);
      gint64 h = json_object_get_int_member (row, "horizon");

      due += json_object_get_int_member (row, "due");
      inside += json_object_get_int_member (row, "inside");
      if (h == 365)
        {
          g_assert_cmpint (json_object_get_int_member (row, "due"), ==, 0);
          g_assert_true (json_object_get_null_member (row, "coverage"));
        }
      else
        {
          g_assert_cmpint (json_object_get_int_member (row, "due"), ==, 1);
          g_assert_false (json_object_get_null_member (row, "direction"));
        }
    }
  g_assert_cmpint (due, ==, 3);
  g_assert_cmpint (inside, ==, json_object_get_int_member (overall, "inside"));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (overall, "coverage"),
                                  inside / 3.0, 1e-12);
  /* naive predicts no change: its MASE is exactly 1 */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (by_model, 3), "model"),
                   ==, "naive");
  g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (by_model, 3), "mase"),
                     ==, 1.0);

  /* nothing new the second time */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (sc_test_run_cli (NULL, &out, NULL, "refresh", "--offline", NULL), ==, 0);
  g_assert_null (strstr (out, "came due"));

  /* the calibration chart, in each format, written whole */
  {
    const char *names[] = { "calibration.png", "calibration.svg", "calibration.pdf" };
    const char *magic[] = { "\x89PNG", "<?xml", "%PDF" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *path = g_build_filename (sc_test_get_tmpdir (), names[i], NULL);
        g_autofree char *data = NULL;
        gsize length = 0;

        g_assert_cmpint (sc_test_run_cli (PASSWORD, NULL, NULL, "scorecard", "--user", "ann",
                                          "--password-stdin", "--chart", path, "--size", "900x500",
                                          NULL), ==, 0);
        g_assert_true (g_file_get_contents (path, &data, &length, NULL));
        g_assert_cmpuint (length, >, 1000);
        g_assert_true (g_str_has_prefix (data, magic[i]));
      }
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (sc_test_run_cli (PASSWORD, NULL, &err, "scorecard", "--user", "ann",
                                      "--password-stdin", "--chart", "x.gif", NULL), ==, 1);
    g_assert_nonnull (strstr (err, ".png, .svg or .pdf"));
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (sc_test_run_cli (PASSWORD, NULL, &err, "scorecard", "--user", "ann",
                                      "--password-stdin", "--chart", "x.png", "--size", "10x10", NULL), ==, 1);
  }

  /* the human form says the sample is small */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (sc_test_run_cli (PASSWORD, &out, NULL, "scorecard", "--user", "ann",
                                    "--password-stdin", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "3 came due: too few to judge"));
}

/* predict A B C: one line per ticker in the order given, the same
 * forecasts as predicting each alone; a ticker without prices is reported
 * and the others still come out. */
static void
test_predict_many (void)
{
  g_autofree char *out = NULL;
  g_autofree char *single = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) alone = NULL;
  JsonArray *predictions;
  GError *error = NULL;

  fresh_profile ("many");
  g_assert_cmpint (sc_test_run_cli (NULL, &out, NULL, "predict", "NVDA", "msft", "AAPL", "--offline",
                                    "--json", NULL), ==, 0);
  node = json_from_string (out, &error);
  g_assert_no_error (error);
  predictions = json_object_get_array_member (json_node_get_object (node), "predictions");
  g_assert_cmpuint (json_array_get_length (predictions), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (predictions, 1), "ticker"),
                   ==, "MSFT");

  g_assert_cmpint (sc_test_run_cli (NULL, &single, NULL, "predict", "MSFT", "--offline", "--json", NULL), ==, 0);
  alone = json_from_string (single, &error);
  g_assert_no_error (error);
  for (guint k = 0; k < 3; k++)
    {
      JsonObject *a = json_array_get_object_element (json_object_get_array_member (json_array_get_object_element (predictions, 1), "forecasts"), k);
      JsonObject *b = json_array_get_object_element (json_object_get_array_member (json_node_get_object (alone), "forecasts"), k);

      g_assert_cmpfloat (json_object_get_double_member (a, "price"), ==, json_object_get_double_member (b, "price"));
      g_assert_cmpfloat (json_object_get_double_member (a, "low"), ==, json_object_get_double_member (b, "low"));
    }

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (sc_test_run_cli (NULL, &out, &err, "predict", "MSFT", "NOSUCH", "--offline",
                                    "--horizons", "10", NULL), ==, 3);
  g_assert_true (g_str_has_prefix (out, "MSFT "));
  g_assert_nonnull (strstr (err, "NOSUCH"));

  g_clear_pointer (&err, g_free);
  g_assert_cmpint (sc_test_run_cli (NULL, NULL, &err, "predict", "MSFT", "AAPL", "--csv", "x.csv", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "single ticker"));
}

/* The watchlist keeps each user's tickers apart, in the order added,
 * each once; bad input writes nothing. */
static void
test_watchlist (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  fresh_profile ("watchlist");
  g_assert_cmpint (sc_test_run_cli ("other horse battery\n", NULL, NULL, "account", "register", "bo",
                                    "--email", "bo@example.org", "--password-stdin", NULL), ==, 0);

  g_assert_cmpint (sc_test_run_cli (PASSWORD, &out, NULL, "watchlist", "add", "msft", "KO", "NVDA",
                                    "--user", "ann", "--password-stdin", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Added MSFT to the watchlist."));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (sc_test_run_cli (PASSWORD, &out, NULL, "watchlist", "add", "KO",
                                    "--user", "ann", "--password-stdin", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "KO was already on the watchlist."));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (sc_test_run_cli (PASSWORD, &out, NULL, "watchlist", "remove", "ko",
                                    "--user", "ann", "--password-stdin", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (sc_test_run_cli (PASSWORD, NULL, &err, "watchlist", "remove", "KO",
                                    "--user", "ann", "--password-stdin", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "KO is not on the watchlist."));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (sc_test_run_cli (PASSWORD, NULL, &err, "watchlist", "add", "AAPL", "M$FT",
                                    "--user", "ann", "--password-stdin", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "“M$FT” is not a valid ticker"));
  /* re-adding after a removal puts it at the end */
  g_assert_cmpint (sc_test_run_cli (PASSWORD, NULL, NULL, "watchlist", "add", "KO",
                                    "--user", "ann", "--password-stdin", NULL), ==, 0);

  g_assert_cmpint (sc_test_run_cli (PASSWORD, &out, NULL, "watchlist", "list",
                                    "--user", "ann", "--password-stdin", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "MSFT\nNVDA\nKO\n");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (sc_test_run_cli (PASSWORD, &out, NULL, "watchlist", "list", "--json",
                                    "--user", "ann", "--password-stdin", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "{\"user\":\"ann\",\"tickers\":[\"MSFT\",\"NVDA\",\"KO\"]}\n");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (sc_test_run_cli ("other horse battery\n", &out, NULL, "watchlist", "list",
                                    "--user", "bo", "--password-stdin", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpint (sc_test_run_cli (PASSWORD, NULL, NULL, "watchlist", "frob",
                                    "--user", "ann", "--password-stdin", NULL), ==, 1);
}

static void
test_errors (void)
{
  g_autofree char *err = NULL;

  fresh_profile ("errors");
  g_assert_cmpint (sc_test_run_cli (PASSWORD, NULL, &err, "scorecard", "--password-stdin", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "--user NAME"));
  g_assert_cmpint (sc_test_run_cli ("wrong horse\n", NULL, NULL, "scorecard", "--user", "ann",
                                    "--password-stdin", NULL), ==, 4);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (sc_test_run_cli (NULL, NULL, &err, "refresh", "extra", NULL), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  sc_test_init (&argc, &argv);

  g_test_add_func ("/cli/scorecard/refresh-fills-actuals", test_refresh_fills_actuals);
  g_test_add_func ("/cli/scorecard/errors", test_errors);
  g_test_add_func ("/cli/predict/many", test_predict_many);
  g_test_add_func ("/cli/watchlist", test_watchlist);

  /* quote-server.py exits by itself when this process goes away, so an
   * aborted test leaves no server behind. */
  server = sc_quote_server_start ();
  use_server ("unused");
  status = g_test_run ();
  sc_quote_server_stop (server);

  return status;
}
