/* test-calendar.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sc-calendar.h"
#include "sc-test-util.h"

static ScDay
day (const char *text)
{
  ScDay d;

  g_assert_true (sc_day_parse (text, &d));
  return d;
}

static void
test_holidays (void)
{
  /* The NYSE's published closures. */
  const char *closed[] = {
    "2020-01-01", "2020-01-20", "2020-02-17", "2020-04-10", "2020-05-25", "2020-07-03",
    "2020-09-07", "2020-11-26", "2020-12-25",
    "2021-01-01", "2021-01-18", "2021-02-15", "2021-04-02", "2021-05-31", "2021-07-05",
    "2021-09-06", "2021-11-25", "2021-12-24",
    "2022-01-17", "2022-02-21", "2022-04-15", "2022-05-30", "2022-06-20", "2022-07-04",
    "2022-09-05", "2022-11-24", "2022-12-26",
    "2023-01-02", "2023-06-19", "2026-04-03", "2026-06-19", "2026-07-03", "2027-06-18",
  };
  const char *open[] = {
    "2021-12-31",   /* New Year's Day 2022 fell on a Saturday: not moved */
    "2020-12-24", "2021-06-18", "2020-11-27", "2019-06-19", "2022-04-14", "2022-04-18",
  };

  for (guint i = 0; i < G_N_ELEMENTS (closed); i++)
    if (sc_calendar_is_trading_day (day (closed[i])))
      g_error ("%s should be a holiday", closed[i]);
  for (guint i = 0; i < G_N_ELEMENTS (open); i++)
    if (!sc_calendar_is_trading_day (day (open[i])))
      g_error ("%s should be a trading day", open[i]);

  g_assert_false (sc_calendar_is_trading_day (day ("2020-12-12")));  /* Saturday */
  g_assert_cmpint (sc_calendar_easter (2024), ==, day ("2024-03-31"));
  g_assert_cmpint (sc_calendar_easter (2025), ==, day ("2025-04-20"));

  /* 252 trading days in 2019, 253 in 2021 (a normal calendar year). */
  {
    guint n2019 = 0, n2021 = 0;

    for (ScDay d = day ("2019-01-01"); d <= day ("2019-12-31"); d++)
      n2019 += sc_calendar_is_trading_day (d);
    for (ScDay d = day ("2021-01-01"); d <= day ("2021-12-31"); d++)
      n2021 += sc_calendar_is_trading_day (d);
    g_assert_cmpuint (n2019, ==, 252);
    g_assert_cmpuint (n2021, ==, 252);
  }
}

static void
test_add (void)
{
  /* DESIGN.md's examples. */
  g_assert_cmpint (sc_calendar_add_trading_days (day ("2020-12-11"), 10), ==, day ("2020-12-28"));
  g_assert_cmpint (sc_calendar_add_trading_days (day ("2022-04-01"), 10), ==, day ("2022-04-18"));
  g_assert_cmpint (sc_calendar_add_trading_days (day ("2020-12-11"), 0), ==, day ("2020-12-11"));
  g_assert_cmpint (sc_calendar_add_trading_days (day ("2020-12-11"), 1), ==, day ("2020-12-14"));
}

int
main (int   argc,
      char *argv[])
{
  sc_test_init (&argc, &argv);

  g_test_add_func ("/core/calendar/holidays", test_holidays);
  g_test_add_func ("/core/calendar/add", test_add);

  return g_test_run ();
}
