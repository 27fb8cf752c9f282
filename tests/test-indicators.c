/* test-indicators.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sc-error.h"
#include "sc-indicators.h"
#include "sc-test-util.h"

static void
assert_close (double expected,
              double actual,
              double rel,
              guint  row,
              const char *what)
{
  if (isnan (expected) && isnan (actual))
    return;
  if (isnan (expected) != isnan (actual) ||
      fabs (expected - actual) > rel * MAX (fabs (expected), 1e-300))
    g_error ("%s row %u: expected %.17g, got %.17g", what, row, expected, actual);
}

/* The reference file of pandas_ta values (an excerpt, see fixtures/README.md). */
static void
test_reference (void)
{
  g_autofree char *path = sc_test_fixture_path ("indicators-MSFT-600.csv");
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GArray) close = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (double));
  const struct { const char *name; int column; guint length; gboolean rsi; } cols[] = {
    { "EMA_10", 2, 10, FALSE }, { "RSI_10", 3, 10, TRUE },
    { "EMA_20", 4, 20, FALSE }, { "RSI_14", 5, 14, TRUE },
  };
  guint n;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "Date,Close,EMA_10,RSI_10,EMA_20,RSI_14");

  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], ",", -1);
      double c = g_ascii_strtod (f[1], NULL);

      g_assert_cmpuint (g_strv_length (f), ==, 6);
      g_array_append_val (close, c);
      for (guint k = 0; k < 4; k++)
        {
          double v = f[2 + k][0] ? g_ascii_strtod (f[2 + k], NULL) : NAN;
          g_array_append_val (expected, v);
        }
    }
  n = close->len;
  g_assert_cmpuint (n, ==, 600);

  for (guint k = 0; k < G_N_ELEMENTS (cols); k++)
    {
      g_autofree double *out = g_new (double, n);
      guint checked = 0;

      if (cols[k].rsi)
        sc_indicator_rsi ((double *) close->data, n, cols[k].length, out);
      else
        sc_indicator_ema ((double *) close->data, n, cols[k].length, out);

      for (guint i = 0; i < n; i++)
        {
          double e = g_array_index (expected, double, i * 4 + k);

          assert_close (e, out[i], 1e-9, i, cols[k].name);
          checked += !isnan (e);
        }
      g_assert_cmpuint (checked, >=, n - cols[k].length);
    }
}

static void
test_by_hand (void)
{
  const double c[] = { 1, 2, 3, 4, 5 };
  double out[5];

  sc_indicator_sma (c, 5, 3, out);
  g_assert_true (isnan (out[0]) && isnan (out[1]));
  g_assert_cmpfloat (out[2], ==, 2);
  g_assert_cmpfloat (out[4], ==, 4);

  /* Seeded with the mean of the first three, then a = 2/(3+1) = 0.5. */
  sc_indicator_ema (c, 5, 3, out);
  g_assert_true (isnan (out[1]));
  g_assert_cmpfloat (out[2], ==, 2);
  g_assert_cmpfloat (out[3], ==, 3);
  g_assert_cmpfloat (out[4], ==, 4);

  /* Only gains: RSI is 100 once it is defined (from row LENGTH). */
  sc_indicator_rsi (c, 5, 2, out);
  g_assert_true (isnan (out[0]) && isnan (out[1]));
  g_assert_cmpfloat (out[2], ==, 100);
  g_assert_cmpfloat (out[4], ==, 100);

  sc_indicator_log_return (c, 5, 2, out);
  g_assert_true (isnan (out[1]));
  g_assert_cmpfloat_with_epsilon (out[4], log (5.0 / 3.0), 1e-15);

  sc_indicator_ema (c, 2, 3, out);
  g_assert_true (isnan (out[0]) && isnan (out[1]));
}

/* Every real feature at row i must depend on rows 0..i only: computing it
 * over a prefix gives exactly the value over the whole series. */
static void
test_causal (void)
{
  const char *names[] = { "close", "logclose", "ema10", "sma7", "rsi14", "return5", "volatility20",
                          "emagap12", "smagap30", "bollinger20", "macd" };
  guint n = 400;
  g_autofree double *close = g_new (double, n);
  g_autofree double *full = g_new (double, n);
  g_autofree double *part = g_new (double, n);
  GRand *rand = g_rand_new_with_seed (7);

  close[0] = 100;
  for (guint i = 1; i < n; i++)
    close[i] = close[i - 1] * exp (g_rand_double_range (rand, -0.03, 0.03));
  g_rand_free (rand);

  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    {
      ScFeature feature;
      g_autoptr(GError) error = NULL;

      g_assert_true (sc_feature_parse (names[k], &feature, &error));
      g_assert_no_error (error);
      g_assert_true (sc_feature_is_causal (&feature));
      sc_feature_compute (&feature, close, n, full);

      for (guint m = 1; m <= n; m += 37)
        {
          sc_feature_compute (&feature, close, m, part);
          for (guint i = 0; i < m; i++)
            if (!(isnan (part[i]) && isnan (full[i])) && part[i] != full[i])
              g_error ("%s differs at row %u of a %u-row prefix", names[k], i, m);
        }
      /* Defined right after the warm-up rows. */
      g_assert_false (isnan (full[sc_feature_warmup (&feature)]));
      if (sc_feature_warmup (&feature) > 0)
        g_assert_true (isnan (full[sc_feature_warmup (&feature) - 1]));
    }
}

static void
test_parse (void)
{
  const char *bad[] = { "foo", "ema", "ema0", "close5", "ema10x", "rsi-3", "volatility1", "ema1001",
                        "peek5", "macd9", "" };
  ScFeature feature;

  g_assert_true (sc_feature_parse ("macd", &feature, NULL));
  g_assert_cmpint (feature.kind, ==, SC_FEATURE_MACD);
  g_assert_true (sc_feature_parse ("EMA10", &feature, NULL));
  g_assert_cmpint (feature.kind, ==, SC_FEATURE_EMA);
  g_assert_cmpuint (feature.length, ==, 10);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (sc_feature_parse (bad[i], &feature, &error));
      g_assert_error (error, SC_ERROR, SC_ERROR_DATA);
      g_assert_nonnull (strstr (error->message, bad[i]));
    }

  _sc_feature_allow_peek (TRUE);
  g_assert_true (sc_feature_parse ("peek5", &feature, NULL));
  g_assert_false (sc_feature_is_causal (&feature));
  _sc_feature_allow_peek (FALSE);
}

int
main (int   argc,
      char *argv[])
{
  sc_test_init (&argc, &argv);

  g_test_add_func ("/core/indicators/reference", test_reference);
  g_test_add_func ("/core/indicators/by-hand", test_by_hand);
  g_test_add_func ("/core/indicators/causal", test_causal);
  g_test_add_func ("/core/indicators/parse", test_parse);

  return g_test_run ();
}
