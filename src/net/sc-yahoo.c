/* sc-yahoo.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "sc-error.h"
#include "sc-json-util.h"
#include "sc-yahoo.h"

char *
sc_yahoo_build_url (const char *base,
                    const char *symbol,
                    gint64      period1,
                    gint64      period2)
{
  g_autofree char *escaped = g_uri_escape_string (symbol, NULL, FALSE);
  gsize base_len = strlen (base);

  while (base_len > 0 && base[base_len - 1] == '/')
    base_len--;

  return g_strdup_printf ("%.*s/v8/finance/chart/%s?period1=%" G_GINT64_FORMAT
                          "&period2=%" G_GINT64_FORMAT
                          "&interval=1d&events=div%%2Csplits&includeAdjustedClose=true",
                          (int) base_len, base, escaped, period1, period2);
}

static void
set_unreadable (GError     **error,
                const char  *symbol,
                const char  *data,
                gsize        length)
{
  gsize i = 0;

  while (i < length && g_ascii_isspace (data[i]))
    i++;

  if (i < length && data[i] == '<')
    g_set_error (error, SC_ERROR, SC_ERROR_NETWORK,
                 _("Yahoo Finance sent a web page instead of prices for %s; the service may be down."),
                 symbol);
  else
    g_set_error (error, SC_ERROR, SC_ERROR_NETWORK,
                 _("Yahoo Finance sent an unreadable answer for %s."), symbol);
}

/* chart.error → a GError; FALSE if the answer is "no data in this range". */
static gboolean
chart_error (const char  *symbol,
             long         status,
             JsonObject  *err,
             GError     **error)
{
  const char *code = sc_json_get_string (err, "code");
  const char *description = sc_json_get_string (err, "description");
  g_autofree char *shown = NULL;

  if (description != NULL && strstr (description, "Data doesn't exist") != NULL)
    return FALSE;

  if (status == 404 || g_strcmp0 (code, "Not Found") == 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("Yahoo Finance knows no ticker %s."), symbol);
      return TRUE;
    }

  shown = sc_json_printable (description ? description : code, 160);
  g_set_error (error, SC_ERROR, SC_ERROR_NETWORK,
               _("Yahoo Finance refused the request for %s (%s)."), symbol,
               shown && *shown ? shown : _("no reason given"));
  return TRUE;
}

enum { OPEN, HIGH, LOW, CLOSE, ADJCLOSE, VOLUME, N_VALUES };

typedef struct
{
  double time;
  ScDay  day;
  double value[N_VALUES];
} Bar;

/* A short code from meta (currency, exchange): letters and digits only, so
 * that nothing odd reaches the cache or a label. */
static char *
meta_code (JsonObject *meta,
           const char *member)
{
  const char *text = sc_json_get_string (meta, member);
  gsize len;

  if (text == NULL)
    return NULL;
  len = strlen (text);
  if (len == 0 || len > 16)
    return NULL;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (text[i]))
      return NULL;

  return g_strdup (text);
}

/* Whether the session of day was still open when the answer was made, by
 * meta.currentTradingPeriod.regular: it is if day is that session's date
 * and neither the bar's own time, the last trade (regularMarketTime) nor
 * the time of the request (period2, with an hour's grace for delayed
 * quotes) is past its end. *knows_session tells whether the answer said
 * anything about it. */
static gboolean
session_open (JsonObject *meta,
              GTimeZone  *tz,
              gint64      period2,
              ScDay       day,
              double      bar_time,
              gboolean   *knows_session,
              gint64     *last_trade)
{
  JsonObject *period = meta ? sc_json_get_object (meta, "currentTradingPeriod") : NULL;
  JsonObject *regular = period ? sc_json_get_object (period, "regular") : NULL;
  double start = regular ? sc_json_get_number (regular, "start") : NAN;
  double end = regular ? sc_json_get_number (regular, "end") : NAN;
  double traded = meta ? sc_json_get_number (meta, "regularMarketTime") : NAN;

  if (!isfinite (start) || !isfinite (end) || end < start ||
      start < -2300000000.0 || end > 7300000000.0)
    return FALSE;

  *knows_session = TRUE;
  if (sc_quotes_day_in_zone ((gint64) start, tz) != day)
    return FALSE;
  if (bar_time >= end || (isfinite (traded) && traded >= end))
    return FALSE;
  if (period2 > 0 && (double) period2 >= end + 3600)
    return FALSE;

  if (isfinite (traded) && traded > 0 && traded < 7300000000.0)
    *last_trade = (gint64) traded;
  return TRUE;
}

ScQuotes *
sc_yahoo_parse_chart (const char  *symbol,
                      long         status,
                      const char  *data,
                      gsize        length,
                      gint64       period2,
                      GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(ScQuotes) quotes = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  JsonNode *root;
  JsonObject *chart, *result, *meta, *indicators, *events, *splits;
  JsonObject *quote = NULL, *adjclose_obj = NULL;
  JsonArray *results, *timestamps, *quote_list, *adjclose_list;
  JsonArray *open = NULL, *high = NULL, *low = NULL, *close = NULL, *volume = NULL, *adjclose = NULL;
  g_autoptr(GArray) bars = NULL;
  const char *tz_name;

  g_return_val_if_fail (symbol != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  quotes = sc_quotes_new (symbol, "yahoo");

  parser = sc_json_parse (data, length);
  if (parser == NULL)
    {
      if (status == 404)
        g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                     _("Yahoo Finance knows no ticker %s."), symbol);
      else if (status >= 300 || status < 200)
        g_set_error (error, SC_ERROR, SC_ERROR_NETWORK,
                     _("Yahoo Finance answered the request for %s with HTTP %ld."), symbol, status);
      else
        set_unreadable (error, symbol, data, length);
      return NULL;
    }

  root = json_parser_get_root (parser);
  chart = root && JSON_NODE_HOLDS_OBJECT (root) ? sc_json_get_object (json_node_get_object (root), "chart") : NULL;
  if (chart == NULL)
    {
      if (status == 404)
        g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                     _("Yahoo Finance knows no ticker %s."), symbol);
      else
        set_unreadable (error, symbol, data, length);
      return NULL;
    }

  if (sc_json_get_object (chart, "error") != NULL)
    {
      if (chart_error (symbol, status, sc_json_get_object (chart, "error"), error))
        return NULL;
      return g_steal_pointer (&quotes);
    }

  if (status == 404)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA, _("Yahoo Finance knows no ticker %s."), symbol);
      return NULL;
    }
  if (status != 200)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_NETWORK,
                   _("Yahoo Finance answered the request for %s with HTTP %ld."), symbol, status);
      return NULL;
    }

  results = sc_json_get_array (chart, "result");
  if (results == NULL || json_array_get_length (results) == 0)
    return g_steal_pointer (&quotes);
  result = sc_json_array_get_object (results, 0);
  if (result == NULL)
    {
      set_unreadable (error, symbol, data, length);
      return NULL;
    }

  meta = sc_json_get_object (result, "meta");
  tz_name = meta ? sc_json_get_string (meta, "exchangeTimezoneName") : NULL;
  if (tz_name != NULL && *tz_name != '\0' && strlen (tz_name) < 64)
    tz = g_time_zone_new_identifier (tz_name);
  if (tz != NULL)
    {
      quotes->timezone = g_strdup (tz_name);
    }
  else
    {
      /* Without a zone name, the fixed offset is the best guess left. */
      double offset = meta ? sc_json_get_number (meta, "gmtoffset") : NAN;

      if (isfinite (offset) && fabs (offset) <= 18 * 3600)
        tz = g_time_zone_new_offset ((gint32) offset);
      else
        tz = g_time_zone_new_utc ();
    }

  if (meta != NULL)
    {
      quotes->currency = meta_code (meta, "currency");
      quotes->exchange = meta_code (meta, "exchangeName");
    }

  timestamps = sc_json_get_array (result, "timestamp");
  if (timestamps == NULL)
    return g_steal_pointer (&quotes);

  indicators = sc_json_get_object (result, "indicators");
  quote_list = indicators ? sc_json_get_array (indicators, "quote") : NULL;
  quote = quote_list ? sc_json_array_get_object (quote_list, 0) : NULL;
  if (quote != NULL)
    {
      open = sc_json_get_array (quote, "open");
      high = sc_json_get_array (quote, "high");
      low = sc_json_get_array (quote, "low");
      close = sc_json_get_array (quote, "close");
      volume = sc_json_get_array (quote, "volume");
    }
  adjclose_list = indicators ? sc_json_get_array (indicators, "adjclose") : NULL;
  adjclose_obj = adjclose_list ? sc_json_array_get_object (adjclose_list, 0) : NULL;
  if (adjclose_obj != NULL)
    adjclose = sc_json_get_array (adjclose_obj, "adjclose");

  if (close == NULL)
    {
      set_unreadable (error, symbol, data, length);
      return NULL;
    }

  bars = g_array_new (FALSE, FALSE, sizeof (Bar));
  for (guint i = 0; i < json_array_get_length (timestamps); i++)
    {
      Bar bar = {
        .time = sc_json_array_get_number (timestamps, i),
        .value = {
          sc_json_array_get_number (open, i),
          sc_json_array_get_number (high, i),
          sc_json_array_get_number (low, i),
          sc_json_array_get_number (close, i),
          sc_json_array_get_number (adjclose, i),
          sc_json_array_get_number (volume, i),
        },
      };

      /* Unix times from 1900 to 2200. */
      if (!isfinite (bar.time) || bar.time < -2300000000.0 || bar.time > 7300000000.0)
        {
          quotes->dropped++;
          continue;
        }
      if (period2 > 0 && bar.time >= (double) period2)
        {
          quotes->dropped++;
          continue;
        }
      if (isnan (bar.value[OPEN]) && isnan (bar.value[HIGH]) && isnan (bar.value[LOW]) &&
          isnan (bar.value[CLOSE]) && isnan (bar.value[VOLUME]))
        {
          quotes->dropped++;
          continue;
        }

      bar.day = sc_quotes_day_in_zone ((gint64) bar.time, tz);

      /* Two bars of one local date are one session: Yahoo sends the
       * session's bar and, during it or just after its close, a second one
       * with the latest values (Taipei: a null close at 09:00, then the
       * final close at 13:30:01). The later bar's values win where it has
       * them; the earlier one fills what it lacks. */
      if (bars->len > 0 && g_array_index (bars, Bar, bars->len - 1).day == bar.day)
        {
          Bar *last = &g_array_index (bars, Bar, bars->len - 1);

          for (guint k = 0; k < N_VALUES; k++)
            if (!isnan (bar.value[k]))
              last->value[k] = bar.value[k];
          last->time = MAX (last->time, bar.time);
          quotes->merged++;
          continue;
        }

      g_array_append_val (bars, bar);
    }

  /* A bar of the session still in progress is live, not final. */
  if (bars->len > 0 && session_open (meta, tz, period2, g_array_index (bars, Bar, bars->len - 1).day,
                                     g_array_index (bars, Bar, bars->len - 1).time,
                                     &quotes->knows_session, &quotes->live_time))
    {
      Bar *last = &g_array_index (bars, Bar, bars->len - 1);

      if (isfinite (last->value[CLOSE]) && last->value[CLOSE] > 0)
        sc_price_series_append (quotes->live, last->day, last->value[OPEN], last->value[HIGH],
                                last->value[LOW], last->value[CLOSE], last->value[ADJCLOSE],
                                last->value[VOLUME]);
      g_array_set_size (bars, bars->len - 1);
    }

  for (guint i = 0; i < bars->len; i++)
    {
      const Bar *bar = &g_array_index (bars, Bar, i);

      sc_price_series_append (quotes->series, bar->day, bar->value[OPEN], bar->value[HIGH],
                              bar->value[LOW], bar->value[CLOSE], bar->value[ADJCLOSE],
                              bar->value[VOLUME]);
    }

  events = sc_json_get_object (result, "events");
  splits = events ? sc_json_get_object (events, "splits") : NULL;
  if (splits != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (splits);

      for (const GList *m = members; m != NULL; m = m->next)
        {
          JsonObject *split = sc_json_get_object (splits, m->data);
          double t = split ? sc_json_get_number (split, "date") : NAN;
          ScDay day;

          if (!isfinite (t) || t < -2300000000.0 || t > 7300000000.0)
            continue;
          day = sc_quotes_day_in_zone ((gint64) t, tz);
          g_array_append_val (quotes->splits, day);
        }
      g_array_sort (quotes->splits, sc_json_compare_days);
    }

  sc_price_series_normalize (quotes->series);
  return g_steal_pointer (&quotes);
}
