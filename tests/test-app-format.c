/* test-app-format.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "sc-app-format.h"
#include "sc-error.h"
#include "sc-test-util.h"

static void
check_quality (double      mase,
               guint       n,
               const char *expected)
{
  ScHorizonMetrics metrics = { .horizon = 10, .n = n, .mase = mase, .direction = 0.54, .coverage = 0.79 };
  g_autofree char *text = sc_format_quality (&metrics);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_quality (void)
{
  check_quality (0.92, 250, "10 trading days ahead: closer than “no change” by 8%.");
  check_quality (0.99, 250, "10 trading days ahead: no better than “no change”.");
  check_quality (1.01, 250, "10 trading days ahead: no better than “no change”.");
  check_quality (1.25, 250, "10 trading days ahead: worse than “no change” by 25%.");
  check_quality (NAN, 0, "Too little history to test the model 10 trading days ahead.");
}

static void
test_quality_detail (void)
{
  ScHorizonMetrics metrics = { .horizon = 60, .n = 120, .mase = 1.0, .direction = 0.54, .coverage = 0.79 };
  g_autofree char *text = sc_format_quality_detail (&metrics, FALSE);
  g_autofree char *baseline = sc_format_quality_detail (&metrics, TRUE);
  ScHorizonMetrics worse = { .horizon = 60, .n = 120, .mase = 1.3 };
  ScHorizonMetrics same = { .horizon = 60, .n = 120, .mase = 1.01 };
  ScHorizonMetrics better = { .horizon = 60, .n = 120, .mase = 0.9 };

  g_assert_cmpstr (text, ==, "Right about the direction 54% of the time; 79% of outcomes fell inside the 80% range (120 tests).");
  /* The baseline is never scored against itself. */
  g_assert_cmpstr (baseline, ==, "79% of outcomes fell inside the 80% range (120 tests).");
  g_assert_cmpint (sc_quality_verdict (&worse), ==, SC_QUALITY_WORSE);
  g_assert_cmpint (sc_quality_verdict (&same), ==, SC_QUALITY_SAME);
  g_assert_cmpint (sc_quality_verdict (&better), ==, SC_QUALITY_BETTER);
}

static void
test_source (void)
{
  ScDay day;
  g_autofree char *sample = NULL;
  g_autofree char *yahoo = NULL;
  g_autofree char *cache = NULL;

  g_assert_true (sc_day_parse ("2022-04-01", &day));
  sample = sc_format_source ("sample", day, day + 400);
  yahoo = sc_format_source ("yahoo", day, day + 3);
  cache = sc_format_source ("cache", day, day + 1);
  g_assert_cmpstr (sample, ==, "Sample data bundled with Stockcast, not current prices (last close 13 months ago)");
  g_assert_cmpstr (yahoo, ==, "Yahoo Finance, last close 3 days ago");
  g_assert_cmpstr (cache, ==, "Saved prices on this computer, last close yesterday");
}

static void
test_horizons (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) horizons = NULL;
  g_autofree char *text = NULL;

  horizons = sc_parse_horizons (" 365, 10;60 10 ", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (horizons->len, ==, 3);
  text = sc_format_horizons ((const int *) (gpointer) horizons->data, horizons->len);
  g_assert_cmpstr (text, ==, "10, 60, 365");

  g_clear_pointer (&horizons, g_array_unref);
  horizons = sc_parse_horizons ("10, soon", &error);
  g_assert_null (horizons);
  g_assert_error (error, SC_ERROR, SC_ERROR_USAGE);
  g_clear_error (&error);

  horizons = sc_parse_horizons ("0", &error);
  g_assert_null (horizons);
  g_clear_error (&error);

  horizons = sc_parse_horizons ("  ", &error);
  g_assert_null (horizons);
  g_assert_error (error, SC_ERROR, SC_ERROR_USAGE);
}

static void
test_numbers (void)
{
  g_autofree char *price = sc_format_price (309.4249);
  g_autofree char *penny = sc_format_price (0.01234);
  g_autofree char *up = sc_format_change (100, 103.2);
  g_autofree char *down = sc_format_change (100, 98.5);
  g_autofree char *day = NULL;
  ScDay d;

  g_assert_cmpstr (price, ==, "309.42");
  g_assert_cmpstr (penny, ==, "0.0123");
  g_assert_cmpstr (up, ==, "+3.2%");
  g_assert_cmpstr (down, ==, "−1.5%");
  g_assert_true (sc_day_parse ("2022-04-01", &d));
  day = sc_format_day (d);
  g_assert_cmpstr (day, ==, "1 Apr 2022");
  {
    g_autofree char *created = sc_format_created ("2026-12-05T07:58:00Z");
    g_autofree char *horizon = sc_format_horizon (10);

    /* Local time, in the same date format. */
    g_assert_true (strstr (created, "Dec 2026, ") != NULL);
    g_assert_cmpstr (horizon, ==, "In 10 trading days");
  }
}

int
main (int   argc,
      char *argv[])
{
  sc_test_init (&argc, &argv);

  g_test_add_func ("/app/format/quality", test_quality);
  g_test_add_func ("/app/format/quality-detail", test_quality_detail);
  g_test_add_func ("/app/format/source", test_source);
  g_test_add_func ("/app/format/horizons", test_horizons);
  g_test_add_func ("/app/format/numbers", test_numbers);

  return g_test_run ();
}
