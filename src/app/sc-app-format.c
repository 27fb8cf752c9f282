/* sc-app-format.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include <glib/gi18n.h>

#include "sc-app-format.h"
#include "sc-error.h"

/* How far from 1 the MASE must be before we call a model better or worse
 * than the naive forecast: smaller differences are noise. */
#define MASE_MARGIN 0.02

char *
sc_format_price (double price)
{
  if (!isfinite (price))
    return g_strdup ("–");
  if (fabs (price) < 1.0)
    return g_strdup_printf ("%.4f", price);
  return g_strdup_printf ("%.2f", price);
}

/* One date format for the whole window (card, history, chart), from the
 * translation so each language writes dates its own way. */
static char *
format_date (GDateTime *date)
{
  /* TRANSLATORS: a date as in "1 Apr 2022", used everywhere in the window;
   * see g_date_time_format(). Chinese: "%Y年%-m月%-d日" */
  return g_date_time_format (date, _("%-e %b %Y"));
}

char *
sc_format_day (ScDay day)
{
  g_autoptr(GDateTime) date = NULL;

  date = g_date_time_new_from_unix_utc ((gint64) day * 86400);
  if (date == NULL)
    return g_strdup ("–");

  return format_date (date);
}

char *
sc_format_created (const char *created_at)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (created_at ? created_at : "", NULL);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *day = NULL;
  g_autofree char *time = NULL;

  if (when == NULL)
    return g_strdup (created_at ? created_at : "–");

  local = g_date_time_to_local (when);
  day = format_date (local);
  /* TRANSLATORS: the time of day of a saved prediction; see g_date_time_format() */
  time = g_date_time_format (local, _("%H:%M"));
  /* TRANSLATORS: a date, then a time: "1 Apr 2022, 14:05" */
  return g_strdup_printf (C_("date and time", "%s, %s"), day, time);
}

char *
sc_format_horizon (int horizon)
{
  /* The same words in the card, the history and the chart. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "In %d trading day", "In %d trading days", horizon),
                          horizon);
}

char *
sc_format_change (double from,
                  double to)
{
  double change;

  if (!(from > 0) || !isfinite (to))
    return g_strdup ("");

  change = (to / from - 1.0) * 100.0;
  if (fabs (change) < 0.05)
    return g_strdup ("±0.0%");
  if (change > 0)
    return g_strdup_printf ("+%.1f%%", change);
  return g_strdup_printf ("−%.1f%%", -change);
}

ScQualityVerdict
sc_quality_verdict (const ScHorizonMetrics *metrics)
{
  g_return_val_if_fail (metrics != NULL, SC_QUALITY_UNKNOWN);

  if (metrics->n == 0 || !isfinite (metrics->mase))
    return SC_QUALITY_UNKNOWN;
  if (metrics->mase <= 1.0 - MASE_MARGIN)
    return SC_QUALITY_BETTER;
  if (metrics->mase >= 1.0 + MASE_MARGIN)
    return SC_QUALITY_WORSE;
  return SC_QUALITY_SAME;
}

char *
sc_format_quality (const ScHorizonMetrics *metrics)
{
  double percent;

  g_return_val_if_fail (metrics != NULL, NULL);

  switch (sc_quality_verdict (metrics))
    {
    case SC_QUALITY_UNKNOWN:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Too little history to test the model %d trading day ahead.",
                                           "Too little history to test the model %d trading days ahead.",
                                           metrics->horizon),
                              metrics->horizon);

    case SC_QUALITY_BETTER:
      percent = round ((1.0 - metrics->mase) * 100.0);
      /* TRANSLATORS: “no change” is the baseline forecast (the price stays as today) */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%d trading day ahead: closer than “no change” by %.0f%%.",
                                           "%d trading days ahead: closer than “no change” by %.0f%%.",
                                           metrics->horizon),
                              metrics->horizon, percent);

    case SC_QUALITY_WORSE:
      percent = round ((metrics->mase - 1.0) * 100.0);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%d trading day ahead: worse than “no change” by %.0f%%.",
                                           "%d trading days ahead: worse than “no change” by %.0f%%.",
                                           metrics->horizon),
                              metrics->horizon, percent);

    case SC_QUALITY_SAME:
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%d trading day ahead: no better than “no change”.",
                                           "%d trading days ahead: no better than “no change”.",
                                           metrics->horizon),
                              metrics->horizon);
    }
}

char *
sc_format_quality_detail (const ScHorizonMetrics *metrics,
                          gboolean                baseline)
{
  g_return_val_if_fail (metrics != NULL, NULL);

  if (metrics->n == 0)
    return g_strdup ("");

  /* "No change" never moves, so it calls no direction: not a score. */
  if (baseline || !isfinite (metrics->direction))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%.0f%% of outcomes fell inside the 80%% range (%u test).",
                                         "%.0f%% of outcomes fell inside the 80%% range (%u tests).",
                                         metrics->n),
                            metrics->coverage * 100.0, metrics->n);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Right about the direction %.0f%% of the time; %.0f%% of outcomes fell inside the 80%% range (%u test).",
                                       "Right about the direction %.0f%% of the time; %.0f%% of outcomes fell inside the 80%% range (%u tests).",
                                       metrics->n),
                          metrics->direction * 100.0, metrics->coverage * 100.0, metrics->n);
}

static char *
format_age (ScDay as_of,
            ScDay today)
{
  int days = today - as_of;

  if (days <= 0)
    return g_strdup (_("last close today"));
  if (days == 1)
    return g_strdup (_("last close yesterday"));
  if (days < 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "last close %d day ago",
                                         "last close %d days ago", days), days);
  if (days < 730)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "last close %d month ago",
                                         "last close %d months ago", days / 30), days / 30);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "last close %d year ago",
                                       "last close %d years ago", days / 365), days / 365);
}

char *
sc_format_source (const char *source,
                  ScDay       as_of,
                  ScDay       today)
{
  g_autofree char *age = format_age (as_of, today);

  if (g_strcmp0 (source, "sample") == 0)
    return g_strdup_printf (_("Sample data bundled with Stockcast, not current prices (%s)"), age);
  if (g_strcmp0 (source, "yahoo") == 0)
    return g_strdup_printf (_("Yahoo Finance, %s"), age);
  if (g_strcmp0 (source, "tiingo") == 0)
    return g_strdup_printf (_("Tiingo, %s"), age);
  if (g_strcmp0 (source, "cache") == 0)
    return g_strdup_printf (_("Saved prices on this computer, %s"), age);
  if (g_strcmp0 (source, "csv") == 0)
    return g_strdup_printf (_("Imported CSV file, %s"), age);
  if (source == NULL || *source == '\0')
    return g_strdup_printf (_("Saved prediction, %s"), age);
  return g_strdup_printf ("%s, %s", source, age);
}

static int
compare_int (gconstpointer a,
             gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

GArray *
sc_parse_horizons (const char  *text,
                   GError     **error)
{
  g_autoptr(GArray) horizons = g_array_new (FALSE, FALSE, sizeof (int));
  g_auto(GStrv) parts = NULL;

  parts = g_regex_split_simple ("[\\s,;]+", text ? text : "", 0, 0);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *end = NULL;
      gint64 value;
      gboolean seen = FALSE;
      int h;

      if (*parts[i] == '\0')
        continue;

      value = g_ascii_strtoll (parts[i], &end, 10);
      if (end == parts[i] || *end != '\0' || value < 1 || value > 2000)
        {
          g_set_error (error, SC_ERROR, SC_ERROR_USAGE,
                       _("“%s” is not a number of trading days between 1 and 2000."), parts[i]);
          return NULL;
        }

      h = (int) value;
      for (guint j = 0; j < horizons->len; j++)
        seen |= g_array_index (horizons, int, j) == h;
      if (!seen)
        g_array_append_val (horizons, h);
    }

  if (horizons->len == 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_USAGE,
                   _("Enter at least one number of trading days ahead, such as 10."));
      return NULL;
    }

  g_array_sort (horizons, compare_int);
  return g_steal_pointer (&horizons);
}

char *
sc_format_horizons (const int *horizons,
                    guint      n_horizons)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n_horizons; i++)
    g_string_append_printf (text, i ? ", %d" : "%d", horizons[i]);

  return g_string_free (text, FALSE);
}
