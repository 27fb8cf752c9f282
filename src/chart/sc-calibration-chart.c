/* sc-calibration-chart.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "sc-calibration-chart.h"
#include "sc-chart-renderer-private.h"
#include "sc-error.h"

#define MARGIN 48.0

static void
text (cairo_t            *cr,
      const ScChartTheme *theme,
      const char         *str,
      double              x,
      double              y,
      double              xalign,
      gboolean            bold)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (bold ? "Sans Bold 10" : "Sans 9");
  int w, h;

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, str, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  _sc_chart_set_color (cr, &theme->foreground, 1);
  cairo_move_to (cr, x - xalign * w, y - h / 2.0);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_coverage (cairo_t                 *cr,
               const ScChartTheme      *theme,
               const ScScorecard       *card,
               const cairo_rectangle_t *panel)
{
  double x0 = panel->x, y0 = panel->y, w = panel->width, h = panel->height;
  g_autoptr(GHashTable) models = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  double bar_w;

  text (cr, theme, _("Share inside the 80% range"), x0, y0 - 24, 0, TRUE);

  /* One bar per model over every horizon that came due. */
  for (guint i = 0; i < card->rows->len; i++)
    {
      const char *model = g_array_index (card->rows, ScScorecardRow, i).model;

      if (!g_hash_table_contains (models, model))
        {
          g_hash_table_add (models, (gpointer) model);
          g_ptr_array_add (names, (gpointer) model);
        }
    }

  _sc_chart_set_color (cr, &theme->grid, 1);
  cairo_set_line_width (cr, 1);
  for (int p = 0; p <= 100; p += 20)
    {
      g_autofree char *label = g_strdup_printf ("%d%%", p);
      double y = y0 + h * (1 - p / 100.0);

      _sc_chart_set_color (cr, &theme->grid, 1);
      cairo_move_to (cr, x0, y);
      cairo_line_to (cr, x0 + w, y);
      cairo_stroke (cr);
      text (cr, theme, label, x0 - 6, y, 1, FALSE);
    }

  bar_w = names->len ? w / names->len : w;
  for (guint m = 0; m < names->len; m++)
    {
      const char *model = g_ptr_array_index (names, m);
      guint due = 0, inside = 0;
      g_autofree char *label = NULL;
      double x = x0 + m * bar_w + bar_w * 0.2;

      for (guint i = 0; i < card->rows->len; i++)
        {
          const ScScorecardRow *row = &g_array_index (card->rows, ScScorecardRow, i);

          if (g_str_equal (row->model, model))
            {
              due += row->due;
              inside += row->inside;
            }
        }
      if (due > 0)
        {
          double share = (double) inside / due;

          _sc_chart_set_color (cr, share >= 0.7 && share <= 0.9 ? &theme->hit : &theme->miss, 1);
          cairo_rectangle (cr, x, y0 + h * (1 - share), bar_w * 0.6, h * share);
          cairo_fill (cr);
          label = g_strdup_printf ("%.0f%% (%u)", 100.0 * share, due);
        }
      else
        label = g_strdup (_("none due"));
      text (cr, theme, label, x + bar_w * 0.3, y0 + h * (1 - (due ? (double) inside / due : 0)) - 10, 0.5, FALSE);
      text (cr, theme, model, x + bar_w * 0.3, y0 + h + 14, 0.5, FALSE);
    }

  /* The share an honest range would give. */
  _sc_chart_set_color (cr, &theme->forecast, 1);
  cairo_set_line_width (cr, 2);
  {
    const double dash[] = { 6, 4 };

    cairo_set_dash (cr, dash, 2, 0);
    cairo_move_to (cr, x0, y0 + h * 0.2);
    cairo_line_to (cr, x0 + w, y0 + h * 0.2);
    cairo_stroke (cr);
    cairo_set_dash (cr, NULL, 0, 0);
  }
  text (cr, theme, _("expected 80%"), x0 + w, y0 + h * 0.2 - 10, 1, FALSE);
}

static void
draw_scatter (cairo_t                   *cr,
              const ScChartTheme        *theme,
              const ScScorecardForecast *forecasts,
              guint                      n,
              const cairo_rectangle_t   *panel)
{
  double x0 = panel->x, y0 = panel->y, w = panel->width, h = panel->height;
  double lim = 1;  /* percent */

  text (cr, theme, _("Actual against predicted change (%), with the 80% range"), x0, y0 - 24, 0, TRUE);

  for (guint i = 0; i < n; i++)
    {
      const ScScorecardForecast *f = &forecasts[i];

      if (isnan (f->actual) || f->last_close <= 0)
        continue;
      lim = MAX (lim, fabs (100 * (f->price / f->last_close - 1)));
      lim = MAX (lim, fabs (100 * (f->actual / f->last_close - 1)));
      lim = MAX (lim, fabs (100 * (f->low / f->last_close - 1)));
      lim = MAX (lim, fabs (100 * (f->high / f->last_close - 1)));
    }
  lim *= 1.1;

#define MAP_X(v) (x0 + w * ((v) + lim) / (2 * lim))
#define MAP_Y(v) (y0 + h * (1 - ((v) + lim) / (2 * lim)))

  _sc_chart_set_color (cr, &theme->grid, 1);
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, x0, y0, w, h);
  cairo_move_to (cr, MAP_X (0), y0);
  cairo_line_to (cr, MAP_X (0), y0 + h);
  cairo_move_to (cr, x0, MAP_Y (0));
  cairo_line_to (cr, x0 + w, MAP_Y (0));
  cairo_stroke (cr);
  /* Perfect forecasts lie on the diagonal. */
  _sc_chart_set_color (cr, &theme->forecast, 1);
  cairo_move_to (cr, MAP_X (-lim), MAP_Y (-lim));
  cairo_line_to (cr, MAP_X (lim), MAP_Y (lim));
  cairo_stroke (cr);

  for (guint i = 0; i < n; i++)
    {
      const ScScorecardForecast *f = &forecasts[i];
      double px, ay, lo, hi;
      gboolean inside;

      if (isnan (f->actual) || f->last_close <= 0)
        continue;
      px = 100 * (f->price / f->last_close - 1);
      ay = 100 * (f->actual / f->last_close - 1);
      lo = 100 * (f->low / f->last_close - 1);
      hi = 100 * (f->high / f->last_close - 1);
      inside = f->low <= f->actual && f->actual <= f->high;

      _sc_chart_set_color (cr, inside ? &theme->hit : &theme->miss, 1);
      cairo_set_line_width (cr, 1.5);
      cairo_move_to (cr, MAP_X (px), MAP_Y (lo));
      cairo_line_to (cr, MAP_X (px), MAP_Y (hi));
      cairo_stroke (cr);
      cairo_arc (cr, MAP_X (px), MAP_Y (ay), 3.5, 0, 2 * G_PI);
      cairo_fill (cr);
    }

  {
    g_autofree char *lo_label = g_strdup_printf ("%+.0f%%", -lim);
    g_autofree char *hi_label = g_strdup_printf ("%+.0f%%", lim);

    text (cr, theme, lo_label, x0, y0 + h + 14, 0, FALSE);
    text (cr, theme, hi_label, x0 + w, y0 + h + 14, 1, FALSE);
    text (cr, theme, _("predicted"), x0 + w / 2, y0 + h + 14, 0.5, FALSE);
    text (cr, theme, hi_label, x0 - 6, y0, 1, FALSE);
    text (cr, theme, lo_label, x0 - 6, y0 + h, 1, FALSE);
  }
#undef MAP_X
#undef MAP_Y
}

void
sc_calibration_chart_draw (cairo_t                   *cr,
                           int                        width,
                           int                        height,
                           const ScChartTheme        *theme,
                           const ScScorecardForecast *forecasts,
                           guint                      n_forecasts)
{
  g_autoptr(ScScorecard) card = sc_scorecard_compute (forecasts, n_forecasts);
  cairo_rectangle_t left = { MARGIN, 1.5 * MARGIN, (width - 3 * MARGIN) / 2, height - 2.5 * MARGIN };
  cairo_rectangle_t right = left;

  _sc_chart_set_color (cr, &theme->background, 1);
  cairo_paint (cr);

  if (card->overall.due == 0)
    {
      text (cr, theme, _("No prediction came due yet."), width / 2.0, height / 2.0, 0.5, TRUE);
      return;
    }

  right.x = 2 * MARGIN + left.width;
  draw_coverage (cr, theme, card, &left);
  draw_scatter (cr, theme, forecasts, n_forecasts, &right);
}

typedef struct
{
  const ScScorecardForecast *forecasts;
  guint                      n_forecasts;
} ExportData;

static void
draw_light (cairo_t       *cr,
            int            width,
            int            height,
            gconstpointer  user_data)
{
  const ExportData *data = user_data;
  ScChartTheme theme;

  sc_chart_theme_init_light (&theme);
  sc_calibration_chart_draw (cr, width, height, &theme, data->forecasts, data->n_forecasts);
}

gboolean
sc_calibration_chart_export (const char                *path,
                             int                        width,
                             int                        height,
                             const ScScorecardForecast *forecasts,
                             guint                      n_forecasts,
                             GError                   **error)
{
  ExportData data = { forecasts, n_forecasts };
  ExportFormat format;

  g_return_val_if_fail (path != NULL, FALSE);

  if (width < 300 || height < 200 || width > 10000 || height > 10000)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_USAGE,
                   _("The chart size must be between 300×200 and 10000×10000 pixels."));
      return FALSE;
    }
  if (!_sc_chart_export_format (path, &format, error))
    return FALSE;

  return _sc_chart_export_draw (path, format, width, height, NULL, draw_light, &data, error);
}
