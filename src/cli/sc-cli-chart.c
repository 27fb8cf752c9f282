/* sc-cli-chart.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <gmodule.h>

#include "sc-chart-renderer.h"
#include "sc-cli-private.h"
#include "sc-model.h"
#include "sc-prediction.h"
#include "sc-predictor.h"
#include "sc-prices.h"
#include "sc-validate.h"

#define DEFAULT_WIDTH  1200
#define DEFAULT_HEIGHT 700

/* "1200x700" (or with “×”) into two sizes from 100 to 10000. */
static gboolean
parse_size (const char *text,
            int        *width,
            int        *height)
{
  g_autoptr(GString) copy = g_string_new (text);
  g_auto(GStrv) parts = NULL;
  guint64 w, h;

  g_string_replace (copy, "×", "x", 0);
  g_string_replace (copy, "X", "x", 0);
  parts = g_strsplit (copy->str, "x", -1);
  if (g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 100, 10000, &w, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 100, 10000, &h, NULL))
    return FALSE;

  *width = (int) w;
  *height = (int) h;
  return TRUE;
}

static gboolean
parse_horizons (const char *text,
                GArray     *out)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      guint64 value;
      int h;

      if (!g_ascii_string_to_unsigned (g_strstrip (parts[i]), 10, 1, 2520, &value, NULL))
        return FALSE;
      h = (int) value;
      g_array_append_val (out, h);
    }

  return out->len > 0;
}

static gboolean
has_chart_extension (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, ".png") || g_str_has_suffix (lower, ".svg") ||
         g_str_has_suffix (lower, ".pdf");
}

G_MODULE_EXPORT int
_sc_cli_chart (int    argc,
               char **argv)
{
  g_autofree char *model_id = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree char *range_text = NULL;
  g_autofree char *size_text = NULL;
  g_autofree char *output = NULL;
  g_autofree char *ticker = NULL;
  gboolean offline = FALSE;
  gboolean log_scale = FALSE;
  gboolean ema = FALSE;
  gboolean rsi = FALSE;
  gboolean no_forecast = FALSE;
  g_autofree char *horizons_text = NULL;
  const GOptionEntry entries[] = {
    { "horizons", 0, 0, G_OPTION_ARG_STRING, &horizons_text, N_("Trading days ahead (default: 10,60,365)"), N_("LIST") },
    { "model", 'm', 0, G_OPTION_ARG_STRING, &model_id, N_("Prediction model (default: the recommended one)"), N_("ID") },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv_path, N_("Read prices from a CSV file"), N_("FILE") },
    { "offline", 0, 0, G_OPTION_ARG_NONE, &offline, N_("Never use the network"), NULL },
    { "range", 'r', 0, G_OPTION_ARG_STRING, &range_text, N_("History shown: 1m, 6m, 1y, 5y (default), 10y or all"), N_("RANGE") },
    { "size", 's', 0, G_OPTION_ARG_STRING, &size_text, N_("Image size in pixels (default: 1200x700)"), N_("WxH") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Chart file: .png, .svg or .pdf"), N_("FILE") },
    { "log", 0, 0, G_OPTION_ARG_NONE, &log_scale, N_("Logarithmic price scale"), NULL },
    { "ema", 0, 0, G_OPTION_ARG_NONE, &ema, N_("Draw the 10-day EMA"), NULL },
    { "rsi", 0, 0, G_OPTION_ARG_NONE, &rsi, N_("Draw the 10-day RSI below the prices"), NULL },
    { "no-forecast", 0, 0, G_OPTION_ARG_NONE, &no_forecast, N_("Draw the prices only"), NULL },
    { NULL }
  };
  g_autoptr(ScModelInfo) model = NULL;
  g_autoptr(ScPriceLoad) load = NULL;
  ScPriceSeries *prices;
  g_autoptr(ScPrediction) prediction = NULL;
  g_autoptr(ScPredictor) predictor = NULL;
  g_autoptr(ScChartRenderer) renderer = NULL;
  g_autoptr(GError) error = NULL;
  ScChartRange range = SC_CHART_RANGE_5Y;
  ScChartTheme theme;
  g_autoptr(GArray) horizons = g_array_new (FALSE, FALSE, sizeof (int));
  int width = DEFAULT_WIDTH;
  int height = DEFAULT_HEIGHT;

  if (!_sc_cli_parse_options (_("TICKER"), _("Draw a ticker’s prices and forecast to PNG, SVG or PDF."),
                              entries, &argc, &argv))
    return 1;

  /* Check everything the user typed before any work. */
  if (argc < 2)
    return _sc_cli_usage_error (_("%s needs a ticker symbol."), argv[0]);
  if (argc > 2)
    return _sc_cli_usage_error (_("Unexpected argument “%s”."), argv[2]);
  if (output == NULL)
    return _sc_cli_usage_error (_("chart needs --output FILE.png, .svg or .pdf."));
  if (!has_chart_extension (output))
    return _sc_cli_usage_error (_("The chart file name must end in .png, .svg or .pdf, not “%s”."), output);
  /* Before any work, and so that the error names the folder rather than
   * the temporary file written beside the chart. */
  {
    g_autofree char *folder = g_path_get_dirname (output);

    if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
      {
        g_set_error (&error, SC_ERROR, SC_ERROR_DATA,
                     _("Cannot write the chart: the folder “%s” does not exist."), folder);
        return _sc_cli_fail (error);
      }
  }
  if (range_text != NULL && !sc_chart_range_parse (range_text, &range))
    return _sc_cli_usage_error (_("--range takes 1m, 6m, 1y, 5y, 10y or all, not “%s”."), range_text);
  if (horizons_text != NULL && !parse_horizons (horizons_text, horizons))
    return _sc_cli_usage_error (_("--horizons takes trading days from 1 to 2520 separated by commas, not “%s”."),
                                horizons_text);
  if (size_text != NULL && !parse_size (size_text, &width, &height))
    return _sc_cli_usage_error (_("--size takes WIDTHxHEIGHT in pixels from 100 to 10000, not “%s”."), size_text);

  if (!sc_validate_ticker (argv[1], &error))
    return _sc_cli_fail (error);
  ticker = sc_ticker_normalize (argv[1]);

  if (!no_forecast)
    {
      model = sc_models_lookup (model_id, &error);
      if (model == NULL)
        return _sc_cli_fail (error);
    }

  load = _sc_cli_load_prices (ticker, csv_path, offline, &error);
  if (load == NULL)
    return _sc_cli_fail (error);
  prices = load->series;

  if (!no_forecast)
    {
      predictor = sc_predictor_new (model);
      if (horizons->len > 0)
        sc_predictor_set_horizons (predictor, (const int *) (gpointer) horizons->data, horizons->len);
      prediction = sc_predictor_run (predictor, prices, NULL, NULL, NULL, &error);
      if (prediction == NULL)
        return _sc_cli_fail (error);
    }

  renderer = sc_chart_renderer_new ();
  sc_chart_theme_init_light (&theme);
  sc_chart_renderer_set_theme (renderer, &theme);
  sc_chart_renderer_set_prices (renderer, prices);
  sc_chart_renderer_set_prediction (renderer, prediction);
  sc_chart_renderer_set_log_scale (renderer, log_scale);
  sc_chart_renderer_set_show_ema (renderer, ema);
  sc_chart_renderer_set_show_rsi (renderer, rsi);
  sc_chart_renderer_set_range (renderer, range);

  if (!sc_chart_renderer_export (renderer, output, width, height, &error))
    return _sc_cli_fail (error);

  return 0;
}
