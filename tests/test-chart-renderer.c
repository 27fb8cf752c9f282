/* test-chart-renderer.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "sc-chart-renderer.h"
#include "sc-error.h"
#include "sc-model.h"
#include "sc-predictor.h"
#include "sc-prediction.h"
#include "sc-prices.h"
#include "sc-test-util.h"

#define W 1200
#define H 700

/* Rendered charts go next to the meson logs for a person to look at. */
static char *
gallery_path (const char *name)
{
  g_autofree char *dir = g_build_filename (BUILD_ROOT, "meson-logs", "chart", NULL);

  g_mkdir_with_parents (dir, 0755);
  return g_build_filename (dir, name, NULL);
}

static void
save_png (cairo_surface_t *surface,
          const char      *name)
{
  g_autofree char *path = gallery_path (name);

  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
}

static ScPriceSeries *
load_msft (void)
{
  g_autofree char *path = sc_test_fixture_path ("MSFT-2018-2020.csv");
  g_autoptr(GError) error = NULL;
  ScPriceSeries *prices;

  prices = sc_price_series_load_csv ("MSFT", path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (prices->n_rows, ==, 757);
  return prices;
}

/* A random walk of n trading days ending on 2020-12-11. */
static ScPriceSeries *
random_walk (guint  n,
             guint32 seed)
{
  ScPriceSeries *prices = sc_price_series_new ("WALK");
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  ScDay day = sc_day_from_ymd (2020, 12, 11);
  g_autofree double *close = g_new (double, n);
  g_autofree ScDay *dates = g_new (ScDay, n);
  double price = 100;

  for (guint i = n; i > 0; i--)
    {
      while (sc_day_weekday (day) > 5)
        day--;
      dates[i - 1] = day;
      close[i - 1] = price;
      price /= exp (g_rand_double_range (rand, -0.02, 0.0205));
      day--;
    }
  for (guint i = 0; i < n; i++)
    sc_price_series_append (prices, dates[i], NAN, NAN, NAN, close[i], NAN, NAN);

  return prices;
}

static ScPrediction *
make_prediction (ScPriceSeries *prices)
{
  ScPrediction *prediction = sc_prediction_new ();
  static const int horizons[] = { 10, 60, 365 };
  static const double factors[][3] = {
    { 1.02, 0.96, 1.07 },
    { 1.05, 0.90, 1.17 },
    { 1.12, 0.82, 1.38 },
  };
  ScDay as_of = prices->date[prices->n_rows - 1];
  double last = prices->close[prices->n_rows - 1];

  prediction->ticker = g_strdup (prices->ticker);
  prediction->model_id = g_strdup ("linear-regression");
  prediction->source = g_strdup ("csv");
  prediction->protocol = g_strdup ("walk-forward");
  prediction->as_of = as_of;
  prediction->last_close = last;
  prediction->rows = MIN (prices->n_rows, 500);
  prediction->n_forecasts = 3;
  prediction->forecasts = g_new0 (ScForecast, 3);
  for (guint i = 0; i < 3; i++)
    {
      ScForecast *f = &prediction->forecasts[i];

      f->horizon = horizons[i];
      /* Trading days to calendar days, roughly. */
      f->date = as_of + (ScDay) ceil (horizons[i] * 7.0 / 5.0);
      f->price = last * factors[i][0];
      f->low = last * factors[i][1];
      f->high = last * factors[i][2];
    }

  return prediction;
}

static void
get_pixel (cairo_surface_t *surface,
           int              x,
           int              y,
           guint8           rgb[3])
{
  unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 pixel;

  cairo_surface_flush (surface);
  pixel = *(guint32 *) (data + y * stride + x * 4);
  rgb[0] = (pixel >> 16) & 0xff;
  rgb[1] = (pixel >> 8) & 0xff;
  rgb[2] = pixel & 0xff;
}

static gboolean
color_near (const guint8        rgb[3],
            const ScChartColor *color,
            int                 tolerance)
{
  return abs (rgb[0] - (int) lround (color->red * 255)) <= tolerance &&
         abs (rgb[1] - (int) lround (color->green * 255)) <= tolerance &&
         abs (rgb[2] - (int) lround (color->blue * 255)) <= tolerance;
}

/* Scales */

static void
test_scale_linear (void)
{
  ScChartScale s = { 100, 200, 50, 450, FALSE };

  g_assert_cmpfloat_with_epsilon (sc_chart_scale_map (&s, 100), 50, 1e-9);
  g_assert_cmpfloat_with_epsilon (sc_chart_scale_map (&s, 150), 250, 1e-9);
  g_assert_cmpfloat_with_epsilon (sc_chart_scale_map (&s, 200), 450, 1e-9);
  g_assert_cmpfloat_with_epsilon (sc_chart_scale_unmap (&s, 250), 150, 1e-9);

  /* Inverted, as a price axis is. */
  s = (ScChartScale) { 0, 10, 300, 100, FALSE };
  g_assert_cmpfloat_with_epsilon (sc_chart_scale_map (&s, 10), 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (sc_chart_scale_unmap (&s, 200), 5, 1e-9);
}

static void
test_scale_log (void)
{
  ScChartScale s = { 1, 1000, 600, 0, TRUE };

  /* Each decade takes the same height. */
  g_assert_cmpfloat_with_epsilon (sc_chart_scale_map (&s, 10), 400, 1e-9);
  g_assert_cmpfloat_with_epsilon (sc_chart_scale_map (&s, 100), 200, 1e-9);
  g_assert_cmpfloat_with_epsilon (sc_chart_scale_unmap (&s, 300), sqrt (1000), 1e-9);
  for (double v = 1.5; v < 1000; v *= 3.7)
    g_assert_cmpfloat_with_epsilon (sc_chart_scale_unmap (&s, sc_chart_scale_map (&s, v)), v, 1e-9);
}

/* Date ticks */

static double
measure_chars (const char *label,
               gpointer    user_data)
{
  return 7.0 * g_utf8_strlen (label, -1);
}

static void
assert_date_ticks_ok (GArray *ticks,
                      double  first,
                      double  last,
                      double  width)
{
  g_assert_cmpuint (ticks->len, >=, 2);

  for (guint i = 0; i < ticks->len; i++)
    {
      const ScChartTick *t = &g_array_index (ticks, ScChartTick, i);
      int y, m, d;

      g_assert_cmpfloat (t->value, >=, first);
      g_assert_cmpfloat (t->value, <=, last);
      g_assert_cmpfloat (t->value, ==, floor (t->value));
      g_assert_cmpfloat_with_epsilon (t->pos, (t->value - first) / (last - first) * width, 1e-6);
      /* Labels inside the axis. */
      g_assert_cmpfloat (t->pos - t->extent / 2, >=, 0);
      g_assert_cmpfloat (t->pos + t->extent / 2, <=, width);
      g_assert_cmpstr (t->label, !=, "");

      /* Round dates: beyond weeks, ticks fall on the 1st or 15th. */
      sc_day_to_ymd ((ScDay) t->value, &y, &m, &d);
      if (last - first > 400)
        g_assert_cmpint (d, ==, 1);
      if (last - first > 3000)
        g_assert_true (m == 1 || m == 7);
      if (last - first > 7000)
        g_assert_cmpint (m, ==, 1);

      if (i > 0)
        {
          const ScChartTick *p = &g_array_index (ticks, ScChartTick, i - 1);

          /* No overlap, with room to spare. */
          g_assert_cmpfloat (p->pos + p->extent / 2 + 8, <, t->pos - t->extent / 2);
          g_assert_cmpfloat (p->value, <, t->value);
        }
    }
}

static void
test_date_ticks_ranges (void)
{
  static const double spans[] = { 7, 10, 14, 31, 62, 92, 183, 365, 730, 1095, 1826,
                                  3652, 7305, 10957, 14610, 18262, 21915 };
  static const double widths[] = { 320, 640, 1000, 1600 };
  ScDay end = sc_day_from_ymd (2020, 12, 11);

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    for (guint s = 0; s < G_N_ELEMENTS (spans); s++)
      for (double shift = 0; shift < 400; shift += 97.3)
        {
          double first = end - spans[s] - shift;
          double last = end - shift;
          g_autoptr(GArray) ticks = sc_chart_date_ticks (first, last, widths[w], measure_chars, NULL);

          if (ticks->len < 2 || g_test_verbose ())
            {
              g_test_message ("span %g width %g shift %g: %u ticks", spans[s], widths[w], shift, ticks->len);
              for (guint k = 0; k < ticks->len; k++)
                g_test_message ("  %s at %g", g_array_index (ticks, ScChartTick, k).label,
                                g_array_index (ticks, ScChartTick, k).pos);
            }
          assert_date_ticks_ok (ticks, first, last, widths[w]);
          /* Not too sparse either: at least one label per 260 px or so. */
          g_assert_cmpuint (ticks->len, >=, (guint) (widths[w] / 260));
        }
}

static void
test_date_ticks_labels (void)
{
  ScDay first = sc_day_from_ymd (2020, 3, 1);
  g_autoptr(GArray) days = sc_chart_date_ticks (first - 0.5, first + 7, 800, measure_chars, NULL);
  g_autoptr(GArray) months = sc_chart_date_ticks (first, first + 400, 800, measure_chars, NULL);
  g_autoptr(GArray) years = sc_chart_date_ticks (first - 20000, first, 800, measure_chars, NULL);
  gboolean seen_year = FALSE;

  /* Days: the first one says the year, as no January is in view. */
  g_assert_cmpstr (g_array_index (days, ScChartTick, 0).label, ==, "1 Mar 2020");
  g_assert_cmpstr (g_array_index (days, ScChartTick, 1).label, ==, "Mar 2");

  /* Months: January shows the year. */
  for (guint i = 0; i < months->len; i++)
    if (g_str_equal (g_array_index (months, ScChartTick, i).label, "2021"))
      seen_year = TRUE;
  g_assert_true (seen_year);

  for (guint i = 0; i < years->len; i++)
    {
      const char *label = g_array_index (years, ScChartTick, i).label;
      int year = atoi (label);

      g_assert_cmpint (year % 5, ==, 0);
    }
}

/* Price ticks */

static gboolean
is_round (double value,
          double step)
{
  double k = value / step;

  return fabs (k - round (k)) < 1e-6;
}

static double
step_of (GArray *ticks)
{
  return g_array_index (ticks, ScChartTick, 1).value - g_array_index (ticks, ScChartTick, 0).value;
}

static void
test_price_ticks_linear (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (int i = 0; i < 2000; i++)
    {
      double low = exp (g_rand_double_range (rand, log (0.05), log (50000)));
      double high = low * (1 + g_rand_double_range (rand, 0.001, 5));
      double height = g_rand_double_range (rand, 80, 900);
      g_autoptr(GArray) ticks = sc_chart_price_ticks (low, high, FALSE, height, 30, "$");
      double step, mantissa;

      g_assert_cmpuint (ticks->len, >=, height >= 150 ? 2 : 1);
      g_assert_cmpuint (ticks->len, <=, height / 30 + 1);
      if (ticks->len < 2)
        continue;

      step = step_of (ticks);
      mantissa = step / pow (10, floor (log10 (step) + 1e-9));
      g_assert_true (fabs (mantissa - 1) < 1e-6 || fabs (mantissa - 2) < 1e-6 ||
                     fabs (mantissa - 2.5) < 1e-6 || fabs (mantissa - 5) < 1e-6);

      for (guint k = 0; k < ticks->len; k++)
        {
          const ScChartTick *t = &g_array_index (ticks, ScChartTick, k);

          g_assert_true (is_round (t->value, step));
          g_assert_cmpfloat (t->value, >=, low - step * 1e-6);
          g_assert_cmpfloat (t->value, <=, high + step * 1e-6);
          g_assert_true (g_str_has_prefix (t->label, "$"));
          if (k > 0)
            g_assert_cmpfloat (t->pos - g_array_index (ticks, ScChartTick, k - 1).pos, >=, 30 - 1e-6);
        }
    }
}

static void
test_price_ticks_log (void)
{
  g_autoptr(GArray) wide = sc_chart_price_ticks (0.08, 350, TRUE, 600, 30, "$");
  g_autoptr(GArray) narrow = sc_chart_price_ticks (180, 240, TRUE, 600, 30, "$");
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);

  /* Decades and their 2s and 5s. */
  g_assert_cmpuint (wide->len, >=, 4);
  for (guint k = 0; k < wide->len; k++)
    {
      const ScChartTick *t = &g_array_index (wide, ScChartTick, k);
      double mantissa = t->value / pow (10, floor (log10 (t->value) + 1e-9));

      g_assert_true (fabs (mantissa - 1) < 1e-6 || fabs (mantissa - 2) < 1e-6 ||
                     fabs (mantissa - 3) < 1e-6 || fabs (mantissa - 5) < 1e-6);
      if (k > 0)
        g_assert_cmpfloat (t->pos - g_array_index (wide, ScChartTick, k - 1).pos, >=, 30);
    }
  g_assert_cmpstr (g_array_index (wide, ScChartTick, 0).label, ==, "$0.10");

  /* A narrow log range uses plain round steps. */
  g_assert_cmpuint (narrow->len, >=, 3);
  for (guint k = 0; k < narrow->len; k++)
    g_assert_true (is_round (g_array_index (narrow, ScChartTick, k).value, step_of (narrow)));

  for (int i = 0; i < 1000; i++)
    {
      double low = exp (g_rand_double_range (rand, log (0.01), log (1000)));
      double high = low * exp (g_rand_double_range (rand, 0.01, 9));
      double height = g_rand_double_range (rand, 100, 900);
      g_autoptr(GArray) ticks = sc_chart_price_ticks (low, high, TRUE, height, 30, "$");

      if (ticks->len < 2)
        g_test_message ("log ticks for %g..%g over %g px: %u", low, high, height, ticks->len);
      g_assert_cmpuint (ticks->len, >=, height >= 150 ? 2 : 1);
      for (guint k = 1; k < ticks->len; k++)
        g_assert_cmpfloat (g_array_index (ticks, ScChartTick, k).pos -
                           g_array_index (ticks, ScChartTick, k - 1).pos, >=, 30 - 1e-6);
    }
}

/* A nice number: 1, 2, 2.5 or 5 × 10^k, or on a log axis also 3 × 10^k. */
static gboolean
is_nice (double   value,
         gboolean log_scale)
{
  static const double mantissas[] = { 1, 2, 2.5, 3, 5, 10 };
  double mantissa = value / pow (10, floor (log10 (value) + 1e-9));

  for (guint i = 0; i < G_N_ELEMENTS (mantissas); i++)
    if (fabs (mantissa - mantissas[i]) < 1e-6 && (log_scale || mantissas[i] != 3))
      return TRUE;
  return FALSE;
}

/* The y axis of any range carries a handful of increasing round labels:
 * never one or two lonely ones (as 1Y of a fast riser once did), never a
 * crowd. */
static void
test_price_ticks_count (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (23);

  for (int i = 0; i < 4000; i++)
    {
      gboolean log_scale = i % 2 == 1;
      double low = exp (g_rand_double_range (rand, log (0.05), log (50000)));
      double high = log_scale ? low * exp (g_rand_double_range (rand, log (1.01), log (1e6)))
                              : low * (1 + g_rand_double_range (rand, 0.001, 30));
      double height = g_rand_double_range (rand, 300, 900);
      g_autoptr(GArray) ticks = sc_chart_price_ticks (low, high, log_scale, height, 30, "$");
      double step;

      if (ticks->len < 4 || ticks->len > 8)
        g_test_message ("%s ticks for %g..%g over %g px: %u",
                        log_scale ? "log" : "linear", low, high, height, ticks->len);
      g_assert_cmpuint (ticks->len, >=, 4);
      g_assert_cmpuint (ticks->len, <=, 8);

      step = step_of (ticks);
      for (guint k = 0; k < ticks->len; k++)
        {
          const ScChartTick *t = &g_array_index (ticks, ScChartTick, k);

          g_assert_cmpfloat (t->value, >=, low * (1 - 1e-9));
          g_assert_cmpfloat (t->value, <=, high * (1 + 1e-9));
          g_assert_cmpfloat (t->pos, >=, -1e-6);
          g_assert_cmpfloat (t->pos, <=, height + 1e-6);
          /* Equal round steps, or round values on a log axis. */
          g_assert_true ((is_nice (step, FALSE) && is_round (t->value, step)) ||
                         (log_scale && is_nice (t->value, TRUE)));
          if (k > 0)
            {
              const ScChartTick *p = &g_array_index (ticks, ScChartTick, k - 1);

              g_assert_cmpfloat (t->value, >, p->value);
              g_assert_cmpfloat (t->pos - p->pos, >=, 30 - 1e-6);
              g_assert_cmpstr (t->label, !=, p->label);
            }
        }
    }
}

static void
test_format_price (void)
{
  static const struct { double value, step; const char *expected; } cases[] = {
    { 1234.5, 0.01, "$1,234.50" },
    { 1234.6, 100, "$1,235" },
    { 1000000, 500000, "$1,000,000" },
    { 0.5, 0.5, "$0.50" },
    { 0.25, 0.05, "$0.25" },
    { 0.125, 0.005, "$0.125" },
    { 100, 20, "$100" },
    { 999.999, 1, "$1,000" },
    { -12.5, 0.1, "−$12.50" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = sc_chart_format_price (cases[i].value, cases[i].step, "$");

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

/* Decimation */

static void
test_decimate_keeps_extremes (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  const guint n = 100000;
  g_autofree double *xs = g_new (double, n);
  g_autofree double *ys = g_new (double, n);
  g_autofree double *ox = g_new (double, n);
  g_autofree double *oy = g_new (double, n);
  guint m, j = 0;

  for (guint i = 0; i < n; i++)
    {
      xs[i] = i * 700.0 / n + 0.25;
      ys[i] = g_rand_double (rand) + (i % 5000 == 0 ? 5 : 0);
    }

  m = sc_chart_decimate (xs, ys, n, ox, oy);
  g_assert_cmpuint (m, <=, 2 * 701);
  g_assert_cmpuint (m, >=, 2 * 700);

  /* Each column's min and max survive, in order, and nothing else. */
  for (guint i = 0; i < n; )
    {
      double column = floor (xs[i]);
      double lo = ys[i], hi = ys[i];
      guint k = 0;

      for (; i < n && floor (xs[i]) == column; i++)
        {
          lo = MIN (lo, ys[i]);
          hi = MAX (hi, ys[i]);
        }

      for (; j < m && floor (ox[j]) == column; j++, k++)
        {
          if (j > 0)
            g_assert_cmpfloat (ox[j], >, ox[j - 1]);
          g_assert_true (oy[j] == lo || oy[j] == hi);
        }
      g_assert_cmpuint (k, ==, lo == hi ? 1 : 2);
      g_assert_true (oy[j - 1] == lo || oy[j - 1] == hi);
      g_assert_true (oy[j - k] == lo || oy[j - k] == hi);
      g_assert_true (oy[j - 1] != oy[j - k] || lo == hi);
    }
  g_assert_cmpuint (j, ==, m);

  /* Every local extreme of a zig-zag wider than a pixel survives. */
  for (guint i = 0; i < 400; i++)
    {
      xs[i] = i * 1.5;
      ys[i] = (i % 2) ? 10 + i : -(double) i;
    }
  m = sc_chart_decimate (xs, ys, 400, ox, oy);
  for (guint i = 0; i < 400; i++)
    {
      gboolean found = FALSE;

      for (guint k = 0; k < m && !found; k++)
        found = ox[k] == xs[i] && oy[k] == ys[i];
      g_assert_true (found);
    }

  /* Few points: nothing to drop. */
  m = sc_chart_decimate ((double[]) { 0.5, 2.5, 4.5 }, (double[]) { 1, 3, 2 }, 3, ox, oy);
  g_assert_cmpuint (m, ==, 3);
}

/* Rendering */

static cairo_surface_t *
render (ScChartRenderer *renderer,
        int              width,
        int              height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  sc_chart_renderer_draw (renderer, cr, width, height);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  return surface;
}

static void
test_forecast_pixels (void)
{
  g_autoptr(ScChartRenderer) renderer = sc_chart_renderer_new ();
  g_autoptr(ScPriceSeries) prices = load_msft ();
  g_autoptr(ScPrediction) prediction = make_prediction (prices);
  cairo_surface_t *surface;
  cairo_rectangle_t plot;
  ScChartTheme theme;
  double drawn_first, drawn_last;

  sc_chart_theme_init_light (&theme);
  sc_chart_renderer_set_prices (renderer, prices);
  sc_chart_renderer_set_prediction (renderer, prediction);
  /* A preset shows every forecast left of the labels' column. */
  sc_chart_renderer_set_range (renderer, SC_CHART_RANGE_5Y);
  surface = render (renderer, W, H);
  save_png (surface, "forecast-pixels.png");

  sc_chart_renderer_get_plot_area (renderer, W, H, &plot);
  g_assert_cmpfloat (plot.width, >, W * 0.8);
  g_assert_cmpfloat (plot.height, >, H * 0.75);
  drawn_first = sc_chart_renderer_x_to_date (renderer, W, H, plot.x);
  drawn_last = sc_chart_renderer_x_to_date (renderer, W, H, plot.x + plot.width);

  for (guint i = 0; i < prediction->n_forecasts; i++)
    {
      const ScForecast *f = &prediction->forecasts[i];
      double x = sc_chart_renderer_date_to_x (renderer, W, H, f->date);
      double y = sc_chart_renderer_price_to_y (renderer, W, H, f->price);
      double y_low = sc_chart_renderer_price_to_y (renderer, W, H, f->low);
      double y_high = sc_chart_renderer_price_to_y (renderer, W, H, f->high);
      guint8 rgb[3];

      /* The x mapping is the plain linear one over the drawn range: the
       * range asked for, with the room a preset adds on the right for the
       * forecast labels. */
      g_assert_cmpfloat_with_epsilon (x, plot.x + (f->date - drawn_first) / (drawn_last - drawn_first) * plot.width, 1e-6);
      g_assert_cmpfloat (y_high, <, y);
      g_assert_cmpfloat (y, <, y_low);

      /* The point's centre is drawn in the forecast colour… */
      get_pixel (surface, (int) floor (x), (int) floor (y), rgb);
      g_assert_true (color_near (rgb, &theme.forecast, 30));
      /* …and there is background-ish fan, not forecast ink, well outside the
       * interval. */
      get_pixel (surface, (int) floor (x), (int) floor (y_high) - 12, rgb);
      g_assert_false (color_near (rgb, &theme.forecast, 30));
    }

  /* The last close sits on the "today" line in the price colour. */
  {
    guint8 rgb[3];
    double x = sc_chart_renderer_date_to_x (renderer, W, H, prediction->as_of);
    double y = sc_chart_renderer_price_to_y (renderer, W, H, prediction->last_close);

    get_pixel (surface, (int) floor (x), (int) floor (y), rgb);
    g_assert_true (color_near (rgb, &theme.price, 30));
  }

  cairo_surface_destroy (surface);
}

/* An interval far wider than the prices (a year ahead for a volatile
 * stock) does not squeeze them into a strip: the axis gives the interval at
 * most the prices' own height again, the fan runs off the plot, and every
 * forecast point stays inside it. */
static void
test_wide_interval (void)
{
  g_autoptr(ScChartRenderer) renderer = sc_chart_renderer_new ();
  g_autoptr(ScPriceSeries) prices = load_msft ();
  g_autoptr(ScPrediction) prediction = make_prediction (prices);
  double first = prediction->as_of - 700;
  double last = prediction->as_of + 520;
  double lo = G_MAXDOUBLE, hi = 0;
  cairo_rectangle_t plot;

  for (gsize i = 0; i < prices->n_rows; i++)
    if (prices->date[i] >= first)
      {
        lo = MIN (lo, prices->close[i]);
        hi = MAX (hi, prices->close[i]);
      }
  prediction->forecasts[2].high = prediction->last_close * 12;

  for (int log_scale = 0; log_scale <= 1; log_scale++)
    {
      cairo_surface_t *surface;

      sc_chart_renderer_set_prices (renderer, prices);
      sc_chart_renderer_set_prediction (renderer, prediction);
      sc_chart_renderer_set_log_scale (renderer, log_scale);
      sc_chart_renderer_set_visible_range (renderer, first, last);
      surface = render (renderer, W, H);
      save_png (surface, log_scale ? "wide-interval-log.png" : "wide-interval.png");
      sc_chart_renderer_get_plot_area (renderer, W, H, &plot);

      /* The prices take at least a third of the plot's height. */
      g_assert_cmpfloat (sc_chart_renderer_price_to_y (renderer, W, H, lo) -
                         sc_chart_renderer_price_to_y (renderer, W, H, hi), >, plot.height / 3);
      /* The wide bound is off the top; the points are all inside. */
      g_assert_cmpfloat (sc_chart_renderer_price_to_y (renderer, W, H, prediction->forecasts[2].high), <, plot.y);
      for (guint i = 0; i < prediction->n_forecasts; i++)
        {
          double y = sc_chart_renderer_price_to_y (renderer, W, H, prediction->forecasts[i].price);

          g_assert_cmpfloat (y, >=, plot.y);
          g_assert_cmpfloat (y, <=, plot.y + plot.height);
        }
      cairo_surface_destroy (surface);
    }
}

static void
test_log_scale (void)
{
  g_autoptr(ScChartRenderer) renderer = sc_chart_renderer_new ();
  g_autoptr(ScPriceSeries) prices = random_walk (15000, 5);
  cairo_surface_t *surface;
  GArray *ticks;
  double y10, y20, y40;

  sc_chart_renderer_set_prices (renderer, prices);
  sc_chart_renderer_set_range (renderer, SC_CHART_RANGE_ALL);
  sc_chart_renderer_set_log_scale (renderer, TRUE);
  g_assert_true (sc_chart_renderer_get_log_scale (renderer));

  /* Equal ratios, equal heights. */
  y10 = sc_chart_renderer_price_to_y (renderer, W, H, 10);
  y20 = sc_chart_renderer_price_to_y (renderer, W, H, 20);
  y40 = sc_chart_renderer_price_to_y (renderer, W, H, 40);
  g_assert_cmpfloat_with_epsilon (y10 - y20, y20 - y40, 1e-6);

  ticks = sc_chart_renderer_get_price_ticks (renderer, W, H);
  g_assert_cmpuint (ticks->len, >=, 3);
  for (guint k = 1; k < ticks->len; k++)
    {
      const ScChartTick *a = &g_array_index (ticks, ScChartTick, k - 1);
      const ScChartTick *b = &g_array_index (ticks, ScChartTick, k);

      /* Labels do not overlap. */
      g_assert_cmpfloat (b->pos - a->pos, >, (a->extent + b->extent) / 2);
    }

  surface = render (renderer, W, H);
  save_png (surface, "log-60-years.png");
  cairo_surface_destroy (surface);

  /* Switching back gives a linear axis. */
  sc_chart_renderer_set_log_scale (renderer, FALSE);
  y10 = sc_chart_renderer_price_to_y (renderer, W, H, 10);
  y20 = sc_chart_renderer_price_to_y (renderer, W, H, 20);
  y40 = sc_chart_renderer_price_to_y (renderer, W, H, 40);
  g_assert_cmpfloat_with_epsilon (2 * (y10 - y20), y20 - y40, 1e-6);
}

/* Real pango labels over one week to 60 years: ticks never overlap. */
static void
test_rendered_ticks (void)
{
  g_autoptr(ScChartRenderer) renderer = sc_chart_renderer_new ();
  g_autoptr(ScPriceSeries) prices = random_walk (15000, 9);
  static const double spans[] = { 7, 20, 45, 120, 400, 1000, 2500, 6000, 12000, 21915 };
  static const int sizes[][2] = { { 400, 300 }, { 800, 500 }, { 1600, 900 } };
  double end = prices->date[prices->n_rows - 1];

  sc_chart_renderer_set_prices (renderer, prices);
  for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
    for (guint s = 0; s < G_N_ELEMENTS (spans); s++)
      {
        GArray *dates, *price_ticks;
        cairo_rectangle_t plot;

        sc_chart_renderer_set_visible_range (renderer, end - spans[s], end);
        dates = sc_chart_renderer_get_date_ticks (renderer, sizes[z][0], sizes[z][1]);
        price_ticks = sc_chart_renderer_get_price_ticks (renderer, sizes[z][0], sizes[z][1]);
        sc_chart_renderer_get_plot_area (renderer, sizes[z][0], sizes[z][1], &plot);

        g_assert_cmpuint (dates->len, >=, 2);
        g_assert_cmpuint (price_ticks->len, >=, 2);
        for (guint k = 0; k < dates->len; k++)
          {
            const ScChartTick *t = &g_array_index (dates, ScChartTick, k);

            g_assert_cmpfloat (t->extent, >, 5);
            g_assert_cmpfloat (t->pos - t->extent / 2, >=, 0);
            g_assert_cmpfloat (t->pos + t->extent / 2, <=, plot.width);
            if (k > 0)
              {
                const ScChartTick *p = &g_array_index (dates, ScChartTick, k - 1);

                g_assert_cmpfloat (p->pos + p->extent / 2, <, t->pos - t->extent / 2);
              }
          }
        for (guint k = 1; k < price_ticks->len; k++)
          {
            const ScChartTick *a = &g_array_index (price_ticks, ScChartTick, k - 1);
            const ScChartTick *b = &g_array_index (price_ticks, ScChartTick, k);

            g_assert_cmpfloat (b->pos - a->pos, >, (a->extent + b->extent) / 2);
          }
      }
}

/* What a person reads on the y axis, through the renderer: from cents to
 * thousands of dollars, every preset range, linear and log, window and
 * small sizes, 4 to 8 labels that grow upwards, inside the plot, apart. */
static void
test_rendered_price_labels (void)
{
  static const double factors[] = { 0.004, 0.3, 1, 7, 45, 2600 };
  static const int sizes[][2] = { { 1200, 700 }, { 800, 500 }, { 740, 320 }, { 400, 300 } };
  /* The CLI's default and labels as large as the window's. */
  static const char *fonts[] = { NULL, "Sans 13" };

  for (guint f = 0; f < G_N_ELEMENTS (factors) * G_N_ELEMENTS (fonts); f++)
    {
      g_autoptr(ScChartRenderer) renderer = sc_chart_renderer_new ();
      g_autoptr(ScPriceSeries) prices = random_walk (6000, 31 + f);
      g_autoptr(ScPrediction) prediction = NULL;
      double factor = factors[f % G_N_ELEMENTS (factors)];

      for (guint i = 0; i < prices->n_rows; i++)
        prices->close[i] *= factor;
      prediction = make_prediction (prices);
      sc_chart_renderer_set_font (renderer, fonts[f / G_N_ELEMENTS (factors)]);
      sc_chart_renderer_set_prices (renderer, prices);
      sc_chart_renderer_set_prediction (renderer, prediction);

      for (ScChartRange range = SC_CHART_RANGE_1M; range <= SC_CHART_RANGE_ALL; range++)
        for (int log_scale = 0; log_scale <= 1; log_scale++)
          for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
            {
              int w = sizes[z][0], h = sizes[z][1];
              cairo_rectangle_t plot;
              GArray *ticks;

              sc_chart_renderer_set_range (renderer, range);
              sc_chart_renderer_set_log_scale (renderer, log_scale);
              ticks = sc_chart_renderer_get_price_ticks (renderer, w, h);
              sc_chart_renderer_get_plot_area (renderer, w, h, &plot);

              if (ticks->len < 4 || ticks->len > 8)
                g_test_message ("×%g %s %s %d×%d: %u labels", factor,
                                sc_chart_range_to_string (range), log_scale ? "log" : "linear",
                                w, h, ticks->len);
              g_assert_cmpuint (ticks->len, >=, 4);
              g_assert_cmpuint (ticks->len, <=, 8);
              for (guint k = 0; k < ticks->len; k++)
                {
                  const ScChartTick *t = &g_array_index (ticks, ScChartTick, k);

                  /* On a log axis the finer step thinned where it is
                   * squeezed keeps multiples of that finer step (27, 29,
                   * 31, 33 of a step of 1). */
                  g_assert_true ((is_nice (step_of (ticks), FALSE) && is_round (t->value, step_of (ticks))) ||
                                 (log_scale && is_nice (t->value, TRUE)) ||
                                 (log_scale && is_nice (step_of (ticks) / 2, FALSE) &&
                                  is_round (t->value, step_of (ticks) / 2)));
                  g_assert_cmpfloat (t->pos, >=, -1e-6);
                  g_assert_cmpfloat (t->pos, <=, plot.height + 1e-6);
                  g_assert_cmpfloat (fabs (sc_chart_renderer_price_to_y (renderer, w, h, t->value) -
                                           (plot.y + plot.height - t->pos)), <, 1e-6);
                  if (k > 0)
                    {
                      const ScChartTick *p = &g_array_index (ticks, ScChartTick, k - 1);

                      g_assert_cmpfloat (t->value, >, p->value);
                      g_assert_cmpfloat (t->pos - p->pos, >, (t->extent + p->extent) / 2);
                    }
                }
            }
    }
}

static void
test_ranges_and_zoom (void)
{
  g_autoptr(ScChartRenderer) renderer = sc_chart_renderer_new ();
  g_autoptr(ScPriceSeries) prices = random_walk (3000, 1);
  g_autoptr(ScPrediction) prediction = make_prediction (prices);
  double first, last, full_first, full_last, anchor_day, x;
  ScChartRange range;

  g_assert_true (sc_chart_range_parse ("10Y", &range));
  g_assert_cmpint (range, ==, SC_CHART_RANGE_10Y);
  g_assert_false (sc_chart_range_parse ("2w", &range));
  g_assert_cmpstr (sc_chart_range_to_string (SC_CHART_RANGE_6M), ==, "6m");

  sc_chart_renderer_set_prices (renderer, prices);
  sc_chart_renderer_set_prediction (renderer, prediction);
  sc_chart_renderer_get_full_range (renderer, &full_first, &full_last);
  g_assert_cmpfloat (full_first, ==, prices->date[0]);
  g_assert_cmpfloat (full_last, >, prediction->forecasts[2].date);

  /* 1m: a month of history, the 10-day forecast beside it. */
  sc_chart_renderer_set_range (renderer, SC_CHART_RANGE_1M);
  sc_chart_renderer_get_visible_range (renderer, &first, &last);
  g_assert_cmpfloat_with_epsilon (first, prediction->as_of - 31, 1e-9);
  g_assert_cmpfloat (last, >, prediction->forecasts[0].date);
  g_assert_cmpfloat (last, <, prediction->forecasts[1].date);

  /* 5y and all: every forecast. */
  sc_chart_renderer_set_range (renderer, SC_CHART_RANGE_5Y);
  sc_chart_renderer_get_visible_range (renderer, &first, &last);
  g_assert_cmpfloat (last, >, prediction->forecasts[2].date);
  sc_chart_renderer_set_range (renderer, SC_CHART_RANGE_ALL);
  sc_chart_renderer_get_visible_range (renderer, &first, &last);
  g_assert_cmpfloat (first, ==, prices->date[0]);

  /* Zooming keeps the day under the pointer in place. */
  sc_chart_renderer_set_range (renderer, SC_CHART_RANGE_5Y);
  x = 500;
  anchor_day = sc_chart_renderer_x_to_date (renderer, W, H, x);
  sc_chart_renderer_zoom (renderer, W, H, x, 2.0);
  g_assert_cmpfloat_with_epsilon (sc_chart_renderer_x_to_date (renderer, W, H, x), anchor_day, 1e-6);
  sc_chart_renderer_get_visible_range (renderer, &first, &last);

  /* Zooming in stops at a week; out, at everything. */
  for (int i = 0; i < 30; i++)
    sc_chart_renderer_zoom (renderer, W, H, x, 2.0);
  sc_chart_renderer_get_visible_range (renderer, &first, &last);
  g_assert_cmpfloat_with_epsilon (last - first, 7, 1e-6);
  for (int i = 0; i < 30; i++)
    sc_chart_renderer_zoom (renderer, W, H, x, 0.5);
  sc_chart_renderer_get_visible_range (renderer, &first, &last);
  g_assert_cmpfloat_with_epsilon (first, full_first, 1e-6);
  g_assert_cmpfloat_with_epsilon (last, full_last, 1e-6);

  /* Panning keeps the span and stops at the ends. */
  sc_chart_renderer_set_range (renderer, SC_CHART_RANGE_1Y);
  sc_chart_renderer_get_visible_range (renderer, &first, &last);
  sc_chart_renderer_pan (renderer, W, H, first, last, 100);
  {
    double f2, l2;

    sc_chart_renderer_get_visible_range (renderer, &f2, &l2);
    g_assert_cmpfloat_with_epsilon (l2 - f2, last - first, 1e-6);
    g_assert_cmpfloat (f2, <, first);
    sc_chart_renderer_pan (renderer, W, H, f2, l2, 1e7);
    sc_chart_renderer_get_visible_range (renderer, &f2, &l2);
    g_assert_cmpfloat_with_epsilon (f2, full_first, 1e-6);
    g_assert_cmpfloat_with_epsilon (l2 - f2, last - first, 1e-6);
  }
}

static void
test_hover (void)
{
  g_autoptr(ScChartRenderer) renderer = sc_chart_renderer_new ();
  g_autoptr(ScPriceSeries) prices = load_msft ();
  g_autoptr(ScPrediction) prediction = make_prediction (prices);
  ScChartHover hover, next;
  cairo_rectangle_t plot;
  double x;

  sc_chart_renderer_set_prices (renderer, prices);
  sc_chart_renderer_set_prediction (renderer, prediction);
  sc_chart_renderer_set_range (renderer, SC_CHART_RANGE_5Y);
  sc_chart_renderer_get_plot_area (renderer, W, H, &plot);

  /* Over the history: the nearest row. */
  x = sc_chart_renderer_date_to_x (renderer, W, H, prices->date[100]) * 0.75 +
      sc_chart_renderer_date_to_x (renderer, W, H, prices->date[101]) * 0.25;
  g_assert_true (sc_chart_renderer_hit_test (renderer, W, H, x, &hover));
  g_assert_false (hover.is_forecast);
  g_assert_cmpuint (hover.row, ==, 100);
  g_assert_cmpfloat (hover.price, ==, prices->close[100]);

  /* Over the future side: the nearest forecast. */
  x = sc_chart_renderer_date_to_x (renderer, W, H, prediction->forecasts[1].date + 5);
  g_assert_true (sc_chart_renderer_hit_test (renderer, W, H, x, &hover));
  g_assert_true (hover.is_forecast);
  g_assert_cmpint (hover.forecast.horizon, ==, 60);

  /* Outside the plot: nothing. */
  g_assert_false (sc_chart_renderer_hit_test (renderer, W, H, plot.x - 3, &hover));

  /* Stepping runs from the last row into the forecasts and back. */
  g_assert_true (sc_chart_renderer_step (renderer, W, H, NULL, -1, &hover));
  g_assert_true (hover.is_forecast);
  g_assert_cmpint (hover.forecast.horizon, ==, 365);
  g_assert_true (sc_chart_renderer_step (renderer, W, H, &hover, -3, &next));
  g_assert_false (next.is_forecast);
  g_assert_cmpuint (next.row, ==, prices->n_rows - 1);

  /* Drawing the hover over a chart works on both sides. */
  {
    cairo_surface_t *surface = render (renderer, W, H);
    cairo_t *cr = cairo_create (surface);

    sc_chart_renderer_draw_hover (renderer, cr, W, H, &hover);
    sc_chart_renderer_step (renderer, W, H, &next, -200, &next);
    sc_chart_renderer_draw_hover (renderer, cr, W, H, &next);
    cairo_destroy (cr);
    save_png (surface, "hover.png");
    cairo_surface_destroy (surface);
  }

  {
    g_autofree char *text = sc_chart_renderer_describe (renderer);

    g_assert_nonnull (strstr (text, "MSFT"));
    g_assert_nonnull (strstr (text, "Forecast in 10 trading days"));
  }
}

static gboolean
labels_overlap (const cairo_rectangle_t *a,
                const cairo_rectangle_t *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

/* On every bundled sample, with the linear model's real forecasts and a
 * few earlier predictions, at every range preset, the window's sizes wide
 * and narrow and the export's, linear and log, with and without a title:
 * no two labels overlap, the legend and date lie inside the plot, the
 * forecasts' labels in their column right of it, never over a point. */
static void
test_labels_apart (void)
{
  static const char *tickers[] = { "AAPL", "AMZN", "GOOGL", "MSFT", "NVDA", "SPY" };
  static const int sizes[][2] = { { 1200, 700 }, { 700, 420 }, { 330, 260 } };
  const char *sample_dir = g_getenv ("STOCKCAST_SAMPLE_DIR");
  g_autoptr(ScModelInfo) model = sc_models_lookup ("linear-regression", NULL);
  guint n_checked = 0;

  g_assert_nonnull (sample_dir);
  g_assert_nonnull (model);

  for (guint t = 0; t < G_N_ELEMENTS (tickers); t++)
    {
      g_autofree char *file = g_strdup_printf ("%s.csv", tickers[t]);
      g_autofree char *path = g_build_filename (sample_dir, file, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(ScPriceSeries) prices = sc_price_series_load_csv (tickers[t], path, &error);
      g_autoptr(ScPredictor) predictor = NULL;
      g_autoptr(ScPrediction) prediction = NULL;
      ScChartPastPrediction past[6];

      g_assert_no_error (error);
      predictor = sc_predictor_new (model);
      prediction = sc_predictor_run (predictor, prices, NULL, NULL, NULL, &error);
      g_assert_no_error (error);

      for (guint i = 0; i < G_N_ELEMENTS (past); i++)
        {
          guint row = prices->n_rows - 700 + i * 100;

          past[i] = (ScChartPastPrediction) {
            .made_on = prices->date[row - 42],
            .date = prices->date[row],
            .horizon = 60,
            .price = prices->close[row - 42] * 1.03,
            .low = prices->close[row - 42] * 0.9,
            .high = prices->close[row - 42] * 1.15,
            .actual = prices->close[row],
          };
        }

      for (int title = 0; title <= 1; title++)
        {
          g_autoptr(ScChartRenderer) renderer = sc_chart_renderer_new ();

          sc_chart_renderer_set_show_title (renderer, title);
          sc_chart_renderer_set_prices (renderer, prices);
          sc_chart_renderer_set_prediction (renderer, prediction);
          sc_chart_renderer_set_past_predictions (renderer, past, G_N_ELEMENTS (past));

          for (ScChartRange range = SC_CHART_RANGE_1M; range <= SC_CHART_RANGE_ALL; range++)
            for (int log_scale = 0; log_scale <= 1; log_scale++)
              for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
                {
                  int w = sizes[z][0], h = sizes[z][1];
                  g_autoptr(GArray) labels = NULL;
                  cairo_rectangle_t plot;
                  guint n_forecast_labels = 0;

                  sc_chart_renderer_set_range (renderer, range);
                  sc_chart_renderer_set_log_scale (renderer, log_scale);
                  labels = sc_chart_renderer_get_labels (renderer, w, h);
                  sc_chart_renderer_get_plot_area (renderer, w, h, &plot);

                  for (guint i = 0; i < labels->len; i++)
                    {
                      const ScChartLabel *a = &g_array_index (labels, ScChartLabel, i);

                      if (a->kind == SC_CHART_LABEL_FORECAST)
                        n_forecast_labels++;
                      /* Inside the plot, or (forecasts) in the column between
                       * the plot and the price axis. */
                      g_assert_cmpfloat (a->rect.x, >=, plot.x - 1e-6);
                      g_assert_cmpfloat (a->rect.y, >=, plot.y - 1e-6);
                      g_assert_cmpfloat (a->rect.x + a->rect.width, <=,
                                         a->kind == SC_CHART_LABEL_FORECAST ? w : plot.x + plot.width + 1e-6);
                      g_assert_cmpfloat (a->rect.y + a->rect.height, <=, plot.y + plot.height + 1e-6);
                      if (a->kind == SC_CHART_LABEL_FORECAST)
                        g_assert_cmpfloat (a->rect.x, >=, plot.x + plot.width);

                      for (guint k = i + 1; k < labels->len; k++)
                        {
                          const ScChartLabel *b = &g_array_index (labels, ScChartLabel, k);

                          if (labels_overlap (&a->rect, &b->rect))
                            g_test_message ("%s %s %s %d×%d%s: labels %u and %u overlap", tickers[t],
                                            sc_chart_range_to_string (range), log_scale ? "log" : "linear",
                                            w, h, title ? " titled" : "", i, k);
                          g_assert_false (labels_overlap (&a->rect, &b->rect));
                        }

                      /* A point that is drawn lies left of every forecast label. */
                      if (a->kind == SC_CHART_LABEL_FORECAST && !a->beyond)
                        for (guint k = 0; k < labels->len; k++)
                          {
                            const ScChartLabel *b = &g_array_index (labels, ScChartLabel, k);

                            if (b->kind == SC_CHART_LABEL_FORECAST)
                              g_assert_cmpfloat (a->anchor_x + 5, <, b->rect.x);
                          }
                    }

                  /* Every preset shows at least the 10-day forecast's label. */
                  g_assert_cmpuint (n_forecast_labels, >=, 1);
                  n_checked++;
                }
        }
    }

  g_test_message ("%u layouts checked", n_checked);
}

static void
test_gallery (void)
{
  g_autoptr(ScPriceSeries) prices = load_msft ();
  g_autoptr(ScPrediction) prediction = make_prediction (prices);
  ScChartPastPrediction past[4];

  for (guint i = 0; i < G_N_ELEMENTS (past); i++)
    {
      guint row = 300 + i * 80;

      past[i] = (ScChartPastPrediction) {
        .made_on = prices->date[row - 42],
        .date = prices->date[row],
        .horizon = 60,
        .price = prices->close[row - 42] * 1.04,
        .low = prices->close[row - 42] * 0.93,
        .high = prices->close[row - 42] * 1.15,
        .actual = prices->close[row],
      };
    }

  for (int dark = 0; dark <= 1; dark++)
    for (ScChartRange range = SC_CHART_RANGE_1M; range <= SC_CHART_RANGE_ALL; range += 2)
      {
        g_autoptr(ScChartRenderer) renderer = sc_chart_renderer_new ();
        g_autofree char *name = g_strdup_printf ("msft-%s-%s.png", sc_chart_range_to_string (range),
                                                 dark ? "dark" : "light");
        g_autofree char *path = gallery_path (name);
        g_autoptr(GError) error = NULL;
        ScChartTheme theme;

        if (dark)
          sc_chart_theme_init_dark (&theme);
        else
          sc_chart_theme_init_light (&theme);
        sc_chart_renderer_set_theme (renderer, &theme);
        sc_chart_renderer_set_prices (renderer, prices);
        sc_chart_renderer_set_prediction (renderer, prediction);
        sc_chart_renderer_set_past_predictions (renderer, past, G_N_ELEMENTS (past));
        sc_chart_renderer_set_show_ema (renderer, range != SC_CHART_RANGE_1M);
        sc_chart_renderer_set_show_rsi (renderer, range == SC_CHART_RANGE_1Y);
        sc_chart_renderer_set_range (renderer, range);
        g_assert_true (sc_chart_renderer_export (renderer, path, W, H, &error));
        g_assert_no_error (error);
      }
}

/* Export */

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* Like strstr, over bytes that may hold NULs. */
static const char *
find_bytes (const char *data,
            gsize       length,
            const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      return data + i;
  return NULL;
}

static void
test_export (void)
{
  g_autoptr(ScChartRenderer) renderer = sc_chart_renderer_new ();
  g_autoptr(ScPriceSeries) prices = load_msft ();
  g_autoptr(ScPrediction) prediction = make_prediction (prices);
  g_autofree char *png = g_build_filename (sc_test_get_tmpdir (), "chart.png", NULL);
  g_autofree char *svg = g_build_filename (sc_test_get_tmpdir (), "chart.SVG", NULL);
  g_autofree char *pdf = g_build_filename (sc_test_get_tmpdir (), "chart.pdf", NULL);
  g_autofree char *bad = g_build_filename (sc_test_get_tmpdir (), "chart.gif", NULL);
  g_autofree char *missing = g_build_filename (sc_test_get_tmpdir (), "no-such-dir", "chart.png", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  sc_chart_renderer_set_prices (renderer, prices);
  sc_chart_renderer_set_prediction (renderer, prediction);

  /* PNG: the signature, and IHDR says 640 × 360. */
  g_assert_true (sc_chart_renderer_export (renderer, png, 640, 360, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (png, &data, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
  g_assert_cmpmem (data + 12, 4, "IHDR", 4);
  g_assert_cmpuint (read_be32 ((const guint8 *) data + 16), ==, 640);
  g_assert_cmpuint (read_be32 ((const guint8 *) data + 20), ==, 360);
  {
    cairo_surface_t *surface = cairo_image_surface_create_from_png (png);

    g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
    g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 640);
    g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 360);
    cairo_surface_destroy (surface);
  }
  g_clear_pointer (&data, g_free);

  /* SVG: pixel units, the asked size. */
  g_assert_true (sc_chart_renderer_export (renderer, svg, 1200, 700, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &data, &length, NULL));
  g_assert_true (g_str_has_prefix (data, "<?xml"));
  g_assert_nonnull (strstr (data, "<svg"));
  g_assert_nonnull (strstr (data, "width=\"1200px\""));
  g_assert_nonnull (strstr (data, "height=\"700px\""));
  g_assert_nonnull (strstr (data, "</svg>"));
  g_clear_pointer (&data, g_free);

  /* PDF: one page of 1200 × 700 points. */
  g_assert_true (sc_chart_renderer_export (renderer, pdf, 1200, 700, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &data, &length, NULL));
  g_assert_true (g_str_has_prefix (data, "%PDF-"));
  g_assert_nonnull (find_bytes (data, length, "/MediaBox [ 0 0 1200 700 ]"));
  g_assert_nonnull (find_bytes (data + length - 32, 32, "%%EOF"));
  g_clear_pointer (&data, g_free);

  /* Errors, and nothing left behind. */
  g_assert_false (sc_chart_renderer_export (renderer, bad, 640, 360, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_USAGE);
  g_clear_error (&error);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));

  g_assert_false (sc_chart_renderer_export (renderer, png, 20, 20, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_USAGE);
  g_clear_error (&error);

  g_assert_false (sc_chart_renderer_export (renderer, missing, 640, 360, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_DATA);
  g_clear_error (&error);
}

static void
test_empty (void)
{
  g_autoptr(ScChartRenderer) renderer = sc_chart_renderer_new ();
  g_autoptr(ScPriceSeries) empty = sc_price_series_new ("NONE");
  g_autoptr(ScPriceSeries) one = sc_price_series_new ("ONE");
  cairo_surface_t *surface;
  ScChartHover hover;

  surface = render (renderer, 300, 200);
  cairo_surface_destroy (surface);
  g_assert_false (sc_chart_renderer_hit_test (renderer, 300, 200, 150, &hover));
  g_assert_false (sc_chart_renderer_step (renderer, 300, 200, NULL, 1, &hover));

  sc_chart_renderer_set_prices (renderer, empty);
  surface = render (renderer, 300, 200);
  cairo_surface_destroy (surface);

  /* A single row still draws, with a week-wide range. */
  sc_price_series_append (one, sc_day_from_ymd (2020, 1, 2), NAN, NAN, NAN, 42, NAN, NAN);
  sc_chart_renderer_set_prices (renderer, one);
  sc_chart_renderer_set_log_scale (renderer, TRUE);
  surface = render (renderer, 300, 200);
  cairo_surface_destroy (surface);
  g_assert_true (sc_chart_renderer_hit_test (renderer, 300, 200,
                                             sc_chart_renderer_date_to_x (renderer, 300, 200, one->date[0]),
                                             &hover));
  g_assert_cmpfloat (hover.price, ==, 42);

  /* A saved prediction before its prices arrive: the fan alone. */
  {
    g_autoptr(ScPriceSeries) msft = load_msft ();
    g_autoptr(ScPrediction) prediction = make_prediction (msft);
    g_autoptr(ScChartRenderer) lone = sc_chart_renderer_new ();
    double x;

    sc_chart_renderer_set_prices (lone, NULL);
    sc_chart_renderer_set_prediction (lone, prediction);
    g_assert_cmpstr (sc_chart_renderer_get_ticker (lone), ==, "MSFT");
    surface = render (lone, 600, 400);
    save_png (surface, "prediction-only.png");
    cairo_surface_destroy (surface);
    x = sc_chart_renderer_date_to_x (lone, 600, 400, prediction->forecasts[1].date);
    g_assert_true (sc_chart_renderer_hit_test (lone, 600, 400, x, &hover));
    g_assert_true (hover.is_forecast);
    g_assert_cmpint (hover.forecast.horizon, ==, 60);
  }
}

int
main (int   argc,
      char *argv[])
{
  sc_test_init (&argc, &argv);

  g_test_add_func ("/chart/scale/linear", test_scale_linear);
  g_test_add_func ("/chart/scale/log", test_scale_log);
  g_test_add_func ("/chart/ticks/dates", test_date_ticks_ranges);
  g_test_add_func ("/chart/ticks/date-labels", test_date_ticks_labels);
  g_test_add_func ("/chart/ticks/prices-linear", test_price_ticks_linear);
  g_test_add_func ("/chart/ticks/prices-log", test_price_ticks_log);
  g_test_add_func ("/chart/ticks/prices-count", test_price_ticks_count);
  g_test_add_func ("/chart/ticks/rendered", test_rendered_ticks);
  g_test_add_func ("/chart/ticks/rendered-prices", test_rendered_price_labels);
  g_test_add_func ("/chart/format-price", test_format_price);
  g_test_add_func ("/chart/decimate", test_decimate_keeps_extremes);
  g_test_add_func ("/chart/render/forecast-pixels", test_forecast_pixels);
  g_test_add_func ("/chart/render/log-scale", test_log_scale);
  g_test_add_func ("/chart/render/wide-interval", test_wide_interval);
  g_test_add_func ("/chart/render/ranges-zoom", test_ranges_and_zoom);
  g_test_add_func ("/chart/render/hover", test_hover);
  g_test_add_func ("/chart/render/empty", test_empty);
  g_test_add_func ("/chart/render/gallery", test_gallery);
  g_test_add_func ("/chart/render/labels-apart", test_labels_apart);
  g_test_add_func ("/chart/export", test_export);

  return g_test_run ();
}
