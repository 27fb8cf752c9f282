/* sc-calendar.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sc-calendar.h"

ScDay
sc_calendar_easter (int year)
{
  /* The anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
  int a = year % 19;
  int b = year / 100;
  int c = year % 100;
  int d = b / 4;
  int e = b % 4;
  int f = (b + 8) / 25;
  int g = (b - f + 1) / 3;
  int h = (19 * a + b - d - g + 15) % 30;
  int i = c / 4;
  int k = c % 4;
  int l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  int month = (h + l - 7 * m + 114) / 31;
  int day = ((h + l - 7 * m + 114) % 31) + 1;

  return sc_day_from_ymd (year, month, day);
}

/* The N-th (1-based) WEEKDAY (1 = Monday) of a month; N = -1: the last. */
static ScDay
nth_weekday (int year,
             int month,
             int weekday,
             int n)
{
  ScDay day;

  if (n > 0)
    {
      day = sc_day_from_ymd (year, month, 1);
      while (sc_day_weekday (day) != weekday)
        day++;
      return day + 7 * (n - 1);
    }

  day = sc_day_from_ymd (year, month, g_date_get_days_in_month (month, year));
  while (sc_day_weekday (day) != weekday)
    day--;
  return day;
}

/* A fixed-date holiday on a Saturday is observed on Friday, on a Sunday on
 * Monday. */
static ScDay
observed (ScDay day)
{
  switch (sc_day_weekday (day))
    {
    case 6:
      return day - 1;
    case 7:
      return day + 1;
    default:
      return day;
    }
}

gboolean
sc_calendar_is_holiday (ScDay day)
{
  int year, month, dom;
  ScDay new_year;

  sc_day_to_ymd (day, &year, &month, &dom);

  /* New Year's Day on a Saturday is not moved to the Friday before: the
   * NYSE keeps December 31 open to close its books. */
  new_year = sc_day_from_ymd (year, 1, 1);
  if (sc_day_weekday (new_year) == 7 && day == new_year + 1)
    return TRUE;
  if (day == new_year)
    return TRUE;

  switch (month)
    {
    case 1:
      return year >= 1998 && day == nth_weekday (year, 1, 1, 3);
    case 2:
      return day == nth_weekday (year, 2, 1, 3);
    case 3:
    case 4:
      return day == sc_calendar_easter (year) - 2;
    case 5:
      return day == nth_weekday (year, 5, 1, -1);
    case 6:
      return year >= 2022 && day == observed (sc_day_from_ymd (year, 6, 19));
    case 7:
      return day == observed (sc_day_from_ymd (year, 7, 4));
    case 9:
      return day == nth_weekday (year, 9, 1, 1);
    case 11:
      return day == nth_weekday (year, 11, 4, 4);
    case 12:
      return day == observed (sc_day_from_ymd (year, 12, 25));
    default:
      return FALSE;
    }
}

gboolean
sc_calendar_is_trading_day (ScDay day)
{
  return sc_day_weekday (day) <= 5 && !sc_calendar_is_holiday (day);
}

ScDay
sc_calendar_add_trading_days (ScDay from,
                              guint n)
{
  ScDay day = from;

  while (n > 0)
    {
      day++;
      if (sc_calendar_is_trading_day (day))
        n--;
    }
  return day;
}
