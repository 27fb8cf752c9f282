/* sc-cli-prices-command.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdio.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "sc-cli-private.h"
#include "sc-currency.h"
#include "sc-price-csv.h"
#include "sc-price-loader.h"
#include "sc-quotes.h"
#include "sc-validate.h"

/* stockcast prices TICKER [--csv | --json] [--offline]: the daily prices
 * the cache holds for TICKER (refreshed first unless --offline), to check
 * them or take them to a spreadsheet. --csv writes the Yahoo layout that
 * import-csv reads back; the live bar of a session still open is never in
 * it (it is not a final close) and is only named on stderr. */

static const char *
source_name (const char *source)
{
  if (g_strcmp0 (source, "yahoo") == 0)
    return "Yahoo Finance";
  if (g_strcmp0 (source, "tiingo") == 0)
    return "Tiingo";
  if (g_strcmp0 (source, "csv") == 0)
    return _("an imported CSV file");
  if (g_strcmp0 (source, "sample") == 0)
    return _("the sample data bundled with Stockcast");
  return source;
}

/* "2026-03-26 14:00 UTC" */
static char *
format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (unix_time);

  return time ? g_date_time_format (time, "%Y-%m-%d %H:%M UTC") : g_strdup ("?");
}

/* "2026-03-26T06:00:00Z" */
static char *
format_iso (gint64 unix_time)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (unix_time);

  return time ? g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

/* One line saying where the prices come from and when they were fetched. */
static char *
describe_origin (const ScPriceLoad *load)
{
  g_autofree char *when = NULL;

  if (load->refreshed_at <= 0)
    return g_strdup_printf (_("Prices from %s."), source_name (load->series_source));

  when = format_time (load->refreshed_at);
  /* TRANSLATORS: "Prices from Yahoo Finance, last refreshed 2026-03-26 06:00 UTC." */
  return g_strdup_printf (_("Prices from %s, last refreshed %s."), source_name (load->series_source), when);
}

static void
print_csv (const ScPriceLoad *load)
{
  g_autoptr(GBytes) csv = sc_price_series_to_csv (load->series);
  gsize length;
  const char *data = g_bytes_get_data (csv, &length);

  fwrite (data, 1, length, stdout);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_bar (JsonBuilder   *builder,
         ScPriceSeries *s,
         guint          i)
{
  g_autofree char *date = sc_day_format (s->date[i]);

  json_builder_begin_object (builder);
  add_string (builder, "date", date);
  _sc_cli_json_add_number (builder, "open", s->open[i]);
  _sc_cli_json_add_number (builder, "high", s->high[i]);
  _sc_cli_json_add_number (builder, "low", s->low[i]);
  _sc_cli_json_add_number (builder, "close", s->close[i]);
  _sc_cli_json_add_number (builder, "adj_close", s->adj_close[i]);
  _sc_cli_json_add_number (builder, "volume", s->volume[i]);
}

static void
print_json (const ScPriceLoad *load)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *refreshed = load->refreshed_at > 0 ? format_iso (load->refreshed_at) : NULL;

  json_builder_begin_object (builder);
  add_string (builder, "ticker", load->series->ticker);
  add_string (builder, "source", load->series_source);
  add_string (builder, "loaded_from", load->source);
  add_string (builder, "currency", load->currency);
  add_string (builder, "timezone", load->timezone);
  add_string (builder, "exchange", load->exchange);
  add_string (builder, "refreshed_at", refreshed);
  json_builder_set_member_name (builder, "rows");
  json_builder_begin_array (builder);
  for (guint i = 0; i < load->series->n_rows; i++)
    {
      add_bar (builder, load->series, i);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "live");
  if (load->live != NULL && load->live->n_rows > 0)
    {
      g_autofree char *traded = load->live_time > 0 ? format_iso (load->live_time) : NULL;

      add_bar (builder, load->live, 0);
      add_string (builder, "last_trade", traded);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  _sc_cli_print_json (builder);
}

static void
print_row (ScPriceSeries *s,
           guint          i,
           const char    *currency,
           const char    *note)
{
  g_autofree char *date = sc_day_format (s->date[i]);
  g_autofree char *open = sc_currency_format (currency, s->open[i]);
  g_autofree char *high = sc_currency_format (currency, s->high[i]);
  g_autofree char *low = sc_currency_format (currency, s->low[i]);
  g_autofree char *close = sc_currency_format (currency, s->close[i]);
  g_autofree char *adj = sc_currency_format (currency, s->adj_close[i]);
  g_autofree char *volume = isfinite (s->volume[i]) ? g_strdup_printf ("%.0f", s->volume[i]) : g_strdup ("–");
  const char *cells[] = { date, open, high, low, close, adj, volume, note };
  const int widths[] = { -10, 12, 12, 12, 12, 12, 13, -1 };

  _sc_cli_print_row (cells, widths, note != NULL ? 8 : 7);
}

static void
print_table (const ScPriceLoad *load)
{
  ScPriceSeries *s = load->series;
  g_autofree char *origin = describe_origin (load);
  const char *headers[] = { _("Date"), _("Open"), _("High"), _("Low"), _("Close"), _("Adj close"), _("Volume") };
  const int widths[] = { -10, 12, 12, 12, 12, 12, 13 };

  printf ("%s  %s", s->ticker, origin);
  if (load->currency != NULL || load->timezone != NULL)
    {
      printf ("  (%s%s%s)", load->currency ? load->currency : "",
              load->currency && load->timezone ? ", " : "", load->timezone ? load->timezone : "");
    }
  printf ("\n\n");
  _sc_cli_print_row (headers, widths, G_N_ELEMENTS (headers));
  for (guint i = 0; i < s->n_rows; i++)
    print_row (s, i, load->currency, NULL);
  if (load->live != NULL && load->live->n_rows > 0)
    {
      g_autofree char *note = NULL;

      if (load->live_time > 0)
        {
          g_autofree char *when = format_time (load->live_time);

          /* TRANSLATORS: after a row of prices: the session has not closed */
          note = g_strdup_printf (_("live, last trade %s"), when);
        }
      else
        note = g_strdup (_("live"));
      print_row (load->live, 0, load->currency, note);
    }

  if (s->n_rows > 0)
    {
      g_autofree char *first = sc_day_format (s->date[0]);
      g_autofree char *last = sc_day_format (s->date[s->n_rows - 1]);

      printf ("\n");
      printf (g_dngettext (GETTEXT_PACKAGE, "%u daily close, %s to %s.\n",
                           "%u daily closes, %s to %s.\n", s->n_rows),
              s->n_rows, first, last);
    }
}

int
_sc_cli_prices (int    argc,
                char **argv)
{
  gboolean csv = FALSE, json = FALSE, offline = FALSE;
  const GOptionEntry entries[] = {
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Write CSV (Date,Open,High,Low,Close,Adj Close,Volume), as import-csv reads it"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Write JSON"), NULL },
    { "offline", 0, 0, G_OPTION_ARG_NONE, &offline, N_("Do not refresh from the network"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ScPriceLoad) load = NULL;
  g_autofree char *ticker = NULL;

  if (!_sc_cli_parse_options (_("TICKER"),
                              _("Print the daily prices cached for TICKER, refreshed first unless --offline."),
                              entries, &argc, &argv))
    return 1;

  if (argc < 2)
    return _sc_cli_usage_error (_("Say which ticker: prices TICKER."));
  if (argc > 2)
    return _sc_cli_usage_error (_("Unexpected argument “%s”."), argv[2]);
  if (csv && json)
    return _sc_cli_usage_error (_("Choose one of --csv and --json."));

  if (!sc_validate_ticker (argv[1], &error))
    return _sc_cli_fail (error);
  ticker = sc_ticker_normalize (argv[1]);

  load = _sc_cli_load_prices (ticker, NULL, offline, &error);
  if (load == NULL)
    return _sc_cli_fail (error);

  if (csv)
    {
      g_autofree char *origin = describe_origin (load);

      print_csv (load);
      fprintf (stderr, "stockcast: %s\n", origin);
      if (load->live->n_rows > 0)
        {
          g_autofree char *date = sc_day_format (load->live->date[0]);

          fprintf (stderr, _("stockcast: left out the live bar of %s: its session has not closed.\n"), date);
        }
    }
  else if (json)
    print_json (load);
  else
    print_table (load);

  return 0;
}
