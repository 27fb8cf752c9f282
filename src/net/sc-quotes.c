/* sc-quotes.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sc-error.h"
#include "sc-quotes.h"

ScQuotes *
sc_quotes_new (const char *ticker,
               const char *source)
{
  ScQuotes *quotes = g_new0 (ScQuotes, 1);

  quotes->series = sc_price_series_new (ticker);
  quotes->live = sc_price_series_new (ticker);
  quotes->source = g_strdup (source);
  quotes->splits = g_array_new (FALSE, FALSE, sizeof (ScDay));
  return quotes;
}

void
sc_quotes_free (ScQuotes *quotes)
{
  if (quotes == NULL)
    return;

  g_clear_pointer (&quotes->series, sc_price_series_unref);
  g_clear_pointer (&quotes->live, sc_price_series_unref);
  g_clear_pointer (&quotes->splits, g_array_unref);
  g_free (quotes->source);
  g_free (quotes->timezone);
  g_free (quotes->currency);
  g_free (quotes->exchange);
  g_free (quotes);
}

ScDay
sc_quotes_day_in_zone (gint64     t,
                       GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) midnight = NULL;

  if (utc == NULL)
    return G_MININT32;

  local = g_date_time_to_timezone (utc, tz);
  midnight = g_date_time_new_utc (g_date_time_get_year (local),
                                  g_date_time_get_month (local),
                                  g_date_time_get_day_of_month (local), 0, 0, 0);
  return (ScDay) (g_date_time_to_unix (midnight) / 86400);
}

gint64
sc_quotes_day_to_unix (ScDay day)
{
  return (gint64) day * 86400;
}

ScDay
sc_quotes_last_completed_session (const char *timezone,
                                  gint64      now_unix)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (timezone ? timezone : "America/New_York");
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now_unix);
  g_autoptr(GDateTime) local = NULL;
  ScDay day;

  if (tz == NULL)
    tz = g_time_zone_new_utc ();

  local = g_date_time_to_timezone (utc, tz);
  day = sc_quotes_day_in_zone (now_unix, tz);

  /* Before the close, today's session is not complete yet. */
  if (g_date_time_get_hour (local) < 16)
    day--;

  while (sc_day_weekday (day) >= 6)
    day--;

  return day;
}
