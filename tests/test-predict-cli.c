/* test-predict-cli.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "sc-test-util.h"

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_object_ref (json_node_get_object (root));
}

static void
assert_members (JsonObject         *object,
                const char * const *names)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (guint i = 0; names[i] != NULL; i++)
    if (!json_object_has_member (object, names[i]))
      g_error ("missing member “%s”", names[i]);
  g_assert_cmpuint (g_list_length (members), ==, g_strv_length ((char **) names));
}

static void expect_failure (int         expected_status,
                            const char *fragment,
                            const char *first_arg,
                            ...) G_GNUC_NULL_TERMINATED;

static const char * const metric_names[] = {
  "horizon", "mae", "rmse", "mape", "r2", "mase", "direction", "coverage", NULL
};

/* The model's own forecasts (before shrinking toward "no change") are
 * those of scikit-learn's LinearRegression on the same rows, recorded
 * with: seed_pipeline.py FIXTURE --protocol fit-all --models linear-regression
 * (see tests/fixtures/README.md). */
static void
check_against_sklearn (const char   *fixture,
                       const char   *horizons,
                       const double *expected,
                       guint         n_expected)
{
  g_autofree char *path = sc_test_fixture_path (fixture);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonObject) object = NULL;
  JsonArray *forecasts;
  int status;

  status = sc_test_run_cli (NULL, &out, &err, "predict", "ko", "--csv", path, "--years", "0",
                            "--horizons", horizons, "--model", "linear-regression", "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  object = parse_object (out);
  forecasts = json_object_get_array_member (object, "forecasts");
  g_assert_cmpuint (json_array_get_length (forecasts), ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      JsonObject *f = json_array_get_object_element (forecasts, i);
      double price = json_object_get_double_member (f, "model_price");

      if (fabs (price / expected[i] - 1) > 1e-6)
        g_error ("%s horizon %d: %.17g, scikit-learn %.17g", fixture,
                 (int) json_object_get_int_member (f, "horizon"), price, expected[i]);
    }
}

static void
test_predict_matches_sklearn (void)
{
  const double ko[] = { 52.7711274399547, 50.98393582000775, 49.865302023446766 };
  const double nvda[] = { 18.88866824666122, 18.596125263493775 };

  check_against_sklearn ("KO-1000.csv", "10,60,365", ko, 3);
  check_against_sklearn ("NVDA-600.csv", "10,60", nvda, 2);
}

static void
test_predict_json_shape (void)
{
  g_autofree char *path = sc_test_fixture_path ("KO-1000.csv");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonObject) object = NULL;
  const char * const top[] = { "ticker", "model", "as_of", "last_close", "rows", "source",
                               "forecasts", "backtest", "seconds", NULL };
  const char * const forecast[] = { "horizon", "date", "price", "low", "high", "model_price", NULL };
  JsonArray *forecasts, *per_horizon;
  JsonObject *backtest;
  int status;

  status = sc_test_run_cli (NULL, &out, &err, "predict", "KO", "--csv", path, "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (err, ==, "");
  object = parse_object (out);
  assert_members (object, top);
  g_assert_cmpstr (json_object_get_string_member (object, "ticker"), ==, "KO");
  /* By default the recommended model. */
  g_assert_cmpstr (json_object_get_string_member (object, "model"), ==, "naive");
  g_assert_cmpstr (json_object_get_string_member (object, "as_of"), ==, "2020-12-11");
  g_assert_cmpstr (json_object_get_string_member (object, "source"), ==, "csv");
  g_assert_cmpfloat (json_object_get_double_member (object, "last_close"), ==, 53.349998);
  g_assert_cmpint (json_object_get_int_member (object, "rows"), ==, 1000);
  g_assert_cmpfloat (json_object_get_double_member (object, "seconds"), >, 0);

  forecasts = json_object_get_array_member (object, "forecasts");
  g_assert_cmpuint (json_array_get_length (forecasts), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *f = json_array_get_object_element (forecasts, i);

      assert_members (f, forecast);
      g_assert_cmpfloat (json_object_get_double_member (f, "low"), <=,
                         json_object_get_double_member (f, "price"));
      g_assert_cmpfloat (json_object_get_double_member (f, "high"), >=,
                         json_object_get_double_member (f, "price"));
    }
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (forecasts, 0), "date"),
                   ==, "2020-12-28");

  backtest = json_object_get_object_member (object, "backtest");
  g_assert_cmpstr (json_object_get_string_member (backtest, "protocol"), ==, "walk-forward");
  per_horizon = json_object_get_array_member (backtest, "per_horizon");
  g_assert_cmpuint (json_array_get_length (per_horizon), ==, 3);
  for (guint i = 0; i < 3; i++)
    assert_members (json_array_get_object_element (per_horizon, i), metric_names);
}

static void
test_backtest_seed_matches_sklearn (void)
{
  /* seed_pipeline.py KO-1000.csv --protocol seed --models linear-regression */
  const double mae[] = { 2.5369094748244385, 6.843650024008562, 15.50320175190036 };
  const double r2[] = { 0.06997919543879538, -0.025728836431371027, 0.41077592869022905 };
  g_autofree char *path = sc_test_fixture_path ("KO-1000.csv");
  g_autofree char *out = NULL;
  g_autoptr(JsonObject) object = NULL;
  const char * const top[] = { "ticker", "model", "protocol", "per_horizon", NULL };
  JsonArray *per_horizon;
  int status;

  status = sc_test_run_cli (NULL, &out, NULL, "backtest", "KO", "--csv", path, "--years", "0",
                            "--protocol", "seed", "--model", "linear-regression", "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  object = parse_object (out);
  assert_members (object, top);
  g_assert_cmpstr (json_object_get_string_member (object, "protocol"), ==, "seed");
  per_horizon = json_object_get_array_member (object, "per_horizon");
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *m = json_array_get_object_element (per_horizon, i);

      assert_members (m, metric_names);
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (m, "mae") / mae[i], 1, 1e-9);
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (m, "r2") / r2[i], 1, 1e-7);
      g_assert_true (json_object_get_null_member (m, "coverage"));
    }
}

/* backtest --origins lists every scored origin, oldest first, and the
 * summary scores are exactly those of the listed origins. */
static void
test_backtest_origins (void)
{
  g_autofree char *path = sc_test_fixture_path ("KO-1000.csv");
  const char * const origin_names[] = { "date", "target_date", "close", "forecast", "lower",
                                        "upper", "actual", NULL };
  const char * const models[] = { "naive", "linear-regression", "log-return" };
  const int horizons[] = { 10, 60, 365 };

  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    {
      g_autofree char *out = NULL;
      g_autoptr(JsonObject) object = NULL;
      JsonArray *per_horizon;
      int status;

      status = sc_test_run_cli (NULL, &out, NULL, "backtest", "KO", "--csv", path, "--model",
                                models[m], "--json", "--origins", NULL);
      g_assert_cmpint (status, ==, 0);
      object = parse_object (out);
      per_horizon = json_object_get_array_member (object, "per_horizon");
      g_assert_cmpuint (json_array_get_length (per_horizon), ==, 3);
      for (guint i = 0; i < 3; i++)
        {
          JsonObject *h = json_array_get_object_element (per_horizon, i);
          JsonArray *origins = json_object_get_array_member (h, "origins");
          guint n = json_array_get_length (origins);
          double err = 0, naive = 0, covered = 0, with_interval = 0;
          const char *previous = "";

          g_assert_cmpuint (n, >, 20);
          for (guint k = 0; k < n; k++)
            {
              JsonObject *o = json_array_get_object_element (origins, k);
              const char *date = json_object_get_string_member (o, "date");
              double close = json_object_get_double_member (o, "close");
              double forecast = json_object_get_double_member (o, "forecast");
              double actual = json_object_get_double_member (o, "actual");

              assert_members (o, origin_names);
              g_assert_cmpstr (date, >, previous);
              g_assert_cmpstr (json_object_get_string_member (o, "target_date"), >, date);
              previous = date;
              err += fabs (actual - forecast);
              naive += fabs (actual - close);
              if (!json_object_get_null_member (o, "lower"))
                {
                  double lower = json_object_get_double_member (o, "lower");
                  double upper = json_object_get_double_member (o, "upper");

                  g_assert_cmpfloat (lower, <, forecast);
                  g_assert_cmpfloat (upper, >, forecast);
                  covered += actual >= lower && actual <= upper;
                  with_interval++;
                }
            }
          g_assert_cmpint (json_object_get_int_member (h, "horizon"), ==, horizons[i]);
          g_assert_cmpfloat_with_epsilon (json_object_get_double_member (h, "mase"), err / naive, 1e-9);
          g_assert_cmpfloat_with_epsilon (json_object_get_double_member (h, "coverage"),
                                          covered / with_interval, 1e-12);
        }
    }

  /* The first origins of the 10-day naive backtest of KO-1000: the close
   * then, and the close 10 rows later. */
  {
    g_autofree char *out = NULL;
    g_autoptr(JsonObject) object = NULL;
    JsonObject *first;

    g_assert_cmpint (sc_test_run_cli (NULL, &out, NULL, "backtest", "KO", "--csv", path,
                                      "--model", "naive", "--horizons", "10", "--json",
                                      "--origins", NULL), ==, 0);
    object = parse_object (out);
    first = json_array_get_object_element (
      json_object_get_array_member (json_array_get_object_element (
        json_object_get_array_member (object, "per_horizon"), 0), "origins"), 0);
    g_assert_cmpfloat (json_object_get_double_member (first, "forecast"), ==,
                       json_object_get_double_member (first, "close"));
  }

  expect_failure (1, "--origins goes with --json", "backtest", "KO", "--csv", path, "--origins", NULL);
}

static void
test_backtest_human (void)
{
  g_autofree char *path = sc_test_fixture_path ("KO-1000.csv");
  g_autofree char *out = NULL;
  int status;

  status = sc_test_run_cli (NULL, &out, NULL, "backtest", "KO", "--csv", path, "--model", "naive",
                            NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "walk-forward"));
  g_assert_nonnull (strstr (out, "MASE"));
  g_assert_nonnull (strstr (out, "1.000"));
}

static void
test_models (void)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonObject) object = NULL;
  JsonArray *models;
  gboolean seen_lr = FALSE;
  guint recommended = 0;
  int status;

  status = sc_test_run_cli (NULL, &out, NULL, "models", "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  object = parse_object (out);
  models = json_object_get_array_member (object, "models");
  g_assert_cmpuint (json_array_get_length (models), >=, 3);
  for (guint i = 0; i < json_array_get_length (models); i++)
    {
      JsonObject *m = json_array_get_object_element (models, i);

      recommended += json_object_get_boolean_member (m, "recommended");
      if (g_strcmp0 (json_object_get_string_member (m, "id"), "linear-regression") == 0)
        {
          JsonArray *features = json_object_get_array_member (m, "features");

          seen_lr = TRUE;
          g_assert_cmpstr (json_object_get_string_member (m, "kind"), ==, "ols");
          g_assert_cmpstr (json_array_get_string_element (features, 1), ==, "ema10");
        }
    }
  g_assert_true (seen_lr);
  g_assert_cmpuint (recommended, ==, 1);

  g_clear_pointer (&out, g_free);
  status = sc_test_run_cli (NULL, &out, NULL, "models", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "linear-regression"));
}

static void
expect_failure (int         expected_status,
                const char *fragment,
                const char *first_arg,
                ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  va_list ap;

  g_ptr_array_add (args, (char *) g_getenv ("STOCKCAST_BIN"));
  va_start (ap, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  process = g_subprocess_newv ((const char * const *) args->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  if (g_subprocess_get_exit_status (process) != expected_status || strstr (err, fragment) == NULL)
    g_error ("exit %d, stderr “%s”; expected exit %d and “%s”",
             g_subprocess_get_exit_status (process), err, expected_status, fragment);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_str_has_prefix (err, "stockcast: "));
  if (expected_status == 2)
    {
      /* One readable line. */
      g_assert_true (g_str_has_suffix (err, ".\n"));
      g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
    }
}

static void
test_errors (void)
{
  g_autofree char *ko = sc_test_fixture_path ("KO-1000.csv");
  g_autofree char *aapl = sc_test_fixture_path ("AAPL-1981.csv");
  g_autofree char *missing = g_build_filename (sc_test_get_tmpdir (), "missing.csv", NULL);
  g_autofree char *bad = g_build_filename (sc_test_get_tmpdir (), "bad.csv", NULL);
  g_autofree char *data_home = g_build_filename (sc_test_get_tmpdir (), "errors-data", NULL);

  g_assert_true (g_file_set_contents (bad, "Date,Close\n2020-01-02,1\n2020-01-03,oops\n", -1, NULL));

  /* Without --csv, prices come from the cache or the network: neither
   * has any here (tests/meson.build points the quote URL at a closed port;
   * GLib's test isolation sets XDG_DATA_HOME=/dev/null for children). */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  expect_failure (3, "No prices for MYFUND on this computer", "predict", "MYFUND", NULL);
  expect_failure (2, "missing.csv does not exist.", "predict", "MSFT", "--csv", missing, NULL);
  expect_failure (2, "bad.csv, line 3: “oops” is not a number.", "predict", "X", "--csv", bad, NULL);
  expect_failure (2, "bad.csv, line 3", "backtest", "X", "--csv", bad, NULL);
  expect_failure (2, "needs at least", "predict", "AAPL", "--csv", aapl, NULL);
  expect_failure (2, "is not a valid ticker", "predict", "M$FT", "--csv", ko, NULL);
  expect_failure (2, "needs at least", "predict", "KO", "--csv", ko, "--years", "1", NULL);
  expect_failure (1, "Unknown model “nope”", "predict", "KO", "--csv", ko, "--model", "nope", NULL);
  expect_failure (1, "--horizons takes", "predict", "KO", "--csv", ko, "--horizons", "10,x", NULL);
  expect_failure (1, "--horizons takes", "predict", "KO", "--csv", ko, "--horizons", "0", NULL);
  expect_failure (1, "--years takes", "predict", "KO", "--csv", ko, "--years", "-1", NULL);
  expect_failure (1, "needs a ticker", "predict", NULL);
  expect_failure (1, "--csv and --save take a single ticker", "predict", "A", "B", "--csv", ko, NULL);
  expect_failure (1, "Unexpected argument", "backtest", "A", "B", NULL);
  expect_failure (1, "--save needs", "predict", "KO", "--csv", ko, "--save", NULL);
  expect_failure (1, "--protocol is walk-forward or seed", "backtest", "KO", "--csv", ko,
                  "--protocol", "magic", NULL);
  expect_failure (1, "Unknown option", "predict", "KO", "--frobnicate", NULL);
}

static void
test_predict_human (void)
{
  g_autofree char *path = sc_test_fixture_path ("KO-1000.csv");
  g_autofree char *out = NULL;
  int status;

  status = sc_test_run_cli (NULL, &out, NULL, "predict", "KO", "--csv", path, "--horizons", "60,10",
                            NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "KO · No change (baseline) · last close 53.35 on 2020-12-11"));
  g_assert_nonnull (strstr (out, "Horizon"));
  g_assert_nonnull (strstr (out, "80% interval"));
  g_assert_nonnull (strstr (out, "10 d "));
  g_assert_nonnull (strstr (out, "60 d "));
  g_assert_null (strstr (out, "365 d"));
  g_assert_nonnull (strstr (out, "“No change” is the baseline"));
  g_assert_nonnull (strstr (out, "80% range: "));

  /* Another model says how it did against "no change", and a year ahead
   * carries its caveat. */
  g_clear_pointer (&out, g_free);
  status = sc_test_run_cli (NULL, &out, NULL, "predict", "KO", "--csv", path, "--model",
                            "linear-regression", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "How Linear regression did on KO in past tests:"));
  g_assert_true (strstr (out, "than “no change” (MASE ") != NULL ||
                 strstr (out, "as good as “no change”") != NULL);
  g_assert_nonnull (strstr (out, "365 d: a forecast this far ahead rests on few independent outcomes"));
}

/* predict --save stores the prediction in the user's history. */
static void
test_predict_save (void)
{
  g_autofree char *path = sc_test_fixture_path ("KO-1000.csv");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonObject) object = NULL;
  const char *uuid;
  int status;

  status = sc_test_run_cli ("correct horse battery\n", NULL, NULL, "account", "register", "saver",
                            "--email", "saver@example.org", "--password-stdin", NULL);
  g_assert_cmpint (status, ==, 0);

  status = sc_test_run_cli ("correct horse battery\n", &out, &err, "predict", "KO", "--csv", path,
                            "--save", "--user", "saver", "--password-stdin", "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  object = parse_object (out);
  uuid = json_object_get_string_member (object, "uuid");
  g_assert_cmpuint (strlen (uuid), ==, 36);

  g_clear_pointer (&out, g_free);
  status = sc_test_run_cli ("correct horse battery\n", &out, NULL, "history", "--user", "saver",
                            "--password-stdin", "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, uuid));

  g_clear_pointer (&err, g_free);
  status = sc_test_run_cli ("wrong horse\n", NULL, &err, "predict", "KO", "--csv", path, "--save",
                            "--user", "saver", "--password-stdin", NULL);
  g_assert_cmpint (status, ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  sc_test_init (&argc, &argv);

  g_test_add_func ("/cli/predict/matches-sklearn", test_predict_matches_sklearn);
  g_test_add_func ("/cli/predict/json-shape", test_predict_json_shape);
  g_test_add_func ("/cli/predict/human", test_predict_human);
  g_test_add_func ("/cli/backtest/seed-matches-sklearn", test_backtest_seed_matches_sklearn);
  g_test_add_func ("/cli/backtest/human", test_backtest_human);
  g_test_add_func ("/cli/backtest/origins", test_backtest_origins);
  g_test_add_func ("/cli/models", test_models);
  g_test_add_func ("/cli/predict/errors", test_errors);
  g_test_add_func ("/cli/predict/save", test_predict_save);

  return g_test_run ();
}
