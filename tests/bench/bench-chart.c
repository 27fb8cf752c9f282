/* bench-chart.c — frame time of the chart renderer
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-chart [--frames N] [--width W] [--height H] [CSV…]
 *
 * Draws the chart onto a W×H image surface (default 1600×900), as the
 * widget's static layer does while panning (every frame a new range: full
 * layout, decimation, ticks and text), and the hover layer drawn over the
 * cached static layer on pointer motion. Without CSV files it uses random
 * walks of 2,500 and 15,000 trading days; with them, their rows.
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sc-chart-renderer.h"
#include "sc-prediction.h"
#include "sc-prices.h"

/* CPU time of this thread, in ms: steadier than the wall clock on a busy
 * machine. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static ScPriceSeries *
random_walk (guint n)
{
  ScPriceSeries *prices = sc_price_series_new ("WALK");
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  ScDay day = sc_day_from_ymd (2020, 12, 11) - (ScDay) (n * 7 / 5) - 7;
  double price = 10;

  for (guint i = 0; i < n; day++)
    {
      if (sc_day_weekday (day) > 5)
        continue;
      price *= exp (g_rand_double_range (rand, -0.021, 0.022));
      sc_price_series_append (prices, day, NAN, NAN, NAN, price, NAN, NAN);
      i++;
    }

  return prices;
}

static ScPrediction *
make_prediction (ScPriceSeries *prices)
{
  ScPrediction *prediction = sc_prediction_new ();
  static const int horizons[] = { 10, 60, 365 };
  double last = prices->close[prices->n_rows - 1];

  prediction->ticker = g_strdup (prices->ticker);
  prediction->model_id = g_strdup ("linear-regression");
  prediction->as_of = prices->date[prices->n_rows - 1];
  prediction->last_close = last;
  prediction->rows = MIN (prices->n_rows, 2517);
  prediction->n_forecasts = 3;
  prediction->forecasts = g_new0 (ScForecast, 3);
  for (guint i = 0; i < 3; i++)
    {
      ScForecast *f = &prediction->forecasts[i];

      f->horizon = horizons[i];
      f->date = prediction->as_of + horizons[i] * 7 / 5 + 1;
      f->price = last * (1 + 0.03 * (i + 1));
      f->low = f->price * (0.92 - 0.06 * i);
      f->high = f->price * (1.08 + 0.08 * i);
    }

  return prediction;
}

static void
report (const char *label,
        double     *ms,
        guint       n)
{
  qsort (ms, n, sizeof (double), compare_doubles);
  printf ("  %-34s median %6.2f ms   p95 %6.2f ms   worst %6.2f ms\n",
          label, ms[n / 2], ms[(guint) (n * 0.95)], ms[n - 1]);
}

static void
bench (ScPriceSeries *prices,
       int            width,
       int            height,
       guint          frames,
       gboolean       overlays)
{
  g_autoptr(ScChartRenderer) renderer = sc_chart_renderer_new ();
  g_autoptr(ScPrediction) prediction = make_prediction (prices);
  cairo_surface_t *target = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_surface_t *cached = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  g_autofree double *full = g_new (double, frames);
  g_autofree double *hover = g_new (double, frames);
  double first, last;
  cairo_t *cr;

  sc_chart_renderer_set_prices (renderer, prices);
  sc_chart_renderer_set_prediction (renderer, prediction);
  sc_chart_renderer_set_show_ema (renderer, overlays);
  sc_chart_renderer_set_show_rsi (renderer, overlays);
  sc_chart_renderer_set_range (renderer, SC_CHART_RANGE_ALL);
  sc_chart_renderer_get_visible_range (renderer, &first, &last);

  /* Warm up fonts and caches. */
  for (guint i = 0; i < 3; i++)
    {
      cr = cairo_create (target);
      sc_chart_renderer_draw (renderer, cr, width, height);
      cairo_destroy (cr);
    }

  /* Static layer: each frame pans or zooms, so everything is redone. */
  for (guint i = 0; i < frames; i++)
    {
      double shrink = (i % 20) * (last - first) * 0.01;
      double start;

      sc_chart_renderer_set_visible_range (renderer, first + shrink, last - shrink * 0.2);
      start = cpu_ms ();
      cr = cairo_create (target);
      sc_chart_renderer_draw (renderer, cr, width, height);
      cairo_destroy (cr);
      cairo_surface_flush (target);
      full[i] = cpu_ms () - start;
    }

  /* Hover: the cached layer copied, the crosshair and tooltip on top. */
  sc_chart_renderer_set_range (renderer, SC_CHART_RANGE_ALL);
  cr = cairo_create (cached);
  sc_chart_renderer_draw (renderer, cr, width, height);
  cairo_destroy (cr);
  for (guint i = 0; i < frames; i++)
    {
      ScChartHover h;
      double start = cpu_ms ();

      sc_chart_renderer_hit_test (renderer, width, height, 20 + (i * 7) % (width - 200), &h);
      cr = cairo_create (target);
      cairo_set_source_surface (cr, cached, 0, 0);
      cairo_paint (cr);
      sc_chart_renderer_draw_hover (renderer, cr, width, height, &h);
      cairo_destroy (cr);
      cairo_surface_flush (target);
      hover[i] = cpu_ms () - start;
    }

  printf ("%s, %u rows, %d×%d%s:\n", prices->ticker, prices->n_rows, width, height,
          overlays ? ", EMA and RSI" : "");
  report ("static layer (pan/zoom frame)", full, frames);
  report ("hover over cached layer", hover, frames);

  cairo_surface_destroy (target);
  cairo_surface_destroy (cached);
}

int
main (int   argc,
      char *argv[])
{
  int frames = 200, width = 1600, height = 900;
  const GOptionEntry entries[] = {
    { "frames", 'n', 0, G_OPTION_ARG_INT, &frames, "Frames per case (default 200)", "N" },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "Width (default 1600)", "W" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "Height (default 900)", "H" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("[CSV…]");
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || frames < 1 || width < 100 || height < 100)
    {
      fprintf (stderr, "bench-chart: %s\n", error != NULL ? error->message : "bad option value");
      return 1;
    }

  if (argc < 2)
    {
      static const guint sizes[] = { 2500, 15000 };

      for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
        {
          g_autoptr(ScPriceSeries) prices = random_walk (sizes[i]);

          bench (prices, width, height, frames, FALSE);
          bench (prices, width, height, frames, TRUE);
        }
      return 0;
    }

  for (int i = 1; i < argc; i++)
    {
      g_autofree char *base = g_path_get_basename (argv[i]);
      g_autoptr(ScPriceSeries) prices = NULL;
      char *dot = strrchr (base, '.');

      if (dot != NULL)
        *dot = '\0';
      prices = sc_price_series_load_csv (base, argv[i], &error);
      if (prices == NULL)
        {
          fprintf (stderr, "bench-chart: %s\n", error->message);
          return 2;
        }
      bench (prices, width, height, frames, FALSE);
      bench (prices, width, height, frames, TRUE);
    }

  return 0;
}
