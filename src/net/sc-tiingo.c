/* sc-tiingo.c
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
#include "sc-tiingo.h"

char *
sc_tiingo_build_url (const char *base,
                     const char *symbol,
                     ScDay       first,
                     ScDay       last)
{
  g_autofree char *lower = g_ascii_strdown (symbol, -1);
  g_autofree char *escaped = g_uri_escape_string (lower, NULL, FALSE);
  g_autofree char *from = sc_day_format (first);
  g_autofree char *to = sc_day_format (last);
  gsize base_len = strlen (base);

  while (base_len > 0 && base[base_len - 1] == '/')
    base_len--;

  return g_strdup_printf ("%.*s/tiingo/daily/%s/prices?startDate=%s&endDate=%s&format=json",
                          (int) base_len, base, escaped, from, to);
}

typedef struct
{
  ScDay  day;
  double open, high, low, close, adj_close, volume, split;
} Bar;

ScQuotes *
sc_tiingo_parse (const char  *symbol,
                 long         status,
                 const char  *data,
                 gsize        length,
                 GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(ScQuotes) quotes = NULL;
  g_autoptr(GArray) bars = NULL;
  JsonNode *root;
  JsonArray *array;
  double factor = 1.0;

  g_return_val_if_fail (symbol != NULL, NULL);

  if (status == 404)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA, _("Tiingo knows no ticker %s."), symbol);
      return NULL;
    }
  if (status == 401 || status == 403)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_AUTH,
                   _("Tiingo refused the API key; check it in Preferences or STOCKCAST_TIINGO_TOKEN."));
      return NULL;
    }
  if (status != 200)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_NETWORK,
                   _("Tiingo answered the request for %s with HTTP %ld."), symbol, status);
      return NULL;
    }

  parser = sc_json_parse (data, length);
  root = parser ? json_parser_get_root (parser) : NULL;
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_NETWORK,
                   _("Tiingo sent an unreadable answer for %s."), symbol);
      return NULL;
    }

  quotes = sc_quotes_new (symbol, "tiingo");
  quotes->timezone = g_strdup ("America/New_York");
  array = json_node_get_array (root);
  bars = g_array_sized_new (FALSE, FALSE, sizeof (Bar), json_array_get_length (array));

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *obj = sc_json_array_get_object (array, i);
      const char *date = obj ? sc_json_get_string (obj, "date") : NULL;
      g_autofree char *day_text = NULL;
      Bar bar;

      if (date == NULL || strlen (date) < 10)
        {
          quotes->dropped++;
          continue;
        }
      day_text = g_strndup (date, 10);
      if (!sc_day_parse (day_text, &bar.day))
        {
          quotes->dropped++;
          continue;
        }

      bar.open = sc_json_get_number (obj, "open");
      bar.high = sc_json_get_number (obj, "high");
      bar.low = sc_json_get_number (obj, "low");
      bar.close = sc_json_get_number (obj, "close");
      bar.adj_close = sc_json_get_number (obj, "adjClose");
      bar.volume = sc_json_get_number (obj, "volume");
      bar.split = sc_json_get_number (obj, "splitFactor");
      if (!isfinite (bar.split) || bar.split <= 0 || bar.split > 1e6)
        bar.split = 1.0;
      g_array_append_val (bars, bar);
    }

  /* Tiingo's open/high/low/close are as traded; divide by the splits that
   * came after each bar, as Yahoo does. */
  for (guint i = bars->len; i-- > 0;)
    {
      Bar *bar = &g_array_index (bars, Bar, i);

      bar->open /= factor;
      bar->high /= factor;
      bar->low /= factor;
      bar->close /= factor;
      bar->volume *= factor;
      if (bar->split != 1.0)
        {
          factor *= bar->split;
          g_array_append_val (quotes->splits, bar->day);
        }
    }
  g_array_sort (quotes->splits, sc_json_compare_days);

  for (guint i = 0; i < bars->len; i++)
    {
      const Bar *bar = &g_array_index (bars, Bar, i);

      sc_price_series_append (quotes->series, bar->day, bar->open, bar->high, bar->low,
                              bar->close, bar->adj_close, bar->volume);
    }

  sc_price_series_normalize (quotes->series);
  return g_steal_pointer (&quotes);
}
