/* sc-chart-layers.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Drawing the data layers in order: training window, grid, prices,
 * the forecast fan, earlier predictions, RSI and today's marker. */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sc-chart-renderer-private.h"

/* Drawing */

/* Decimates values[] over the visible rows (plus one neighbour each side,
 * so lines run to the edges) into dx (pixels) and dy (values). */
static guint
decimate_visible (ScChartRenderer    *self,
                  const double       *values,
                  const ScChartScale *ys,
                  guint              *out_n_rows)
{
  const Layout *L = &self->layout;
  guint i0 = _sc_chart_renderer_lower_bound (self, L->xs.d0);
  guint i1 = _sc_chart_renderer_lower_bound (self, L->xs.d1 + 1e-9);
  guint n = 0;

  i0 = i0 > 0 ? i0 - 1 : 0;
  i1 = MIN (i1 + 1, self->n_rows);

  for (guint i = i0; i < i1; i++)
    {
      if (!isfinite (values[i]) || (ys->log && values[i] <= 0))
        continue;
      self->sx[n] = sc_chart_scale_map (&L->xs, self->days[i]);
      self->sy[n] = values[i];
      n++;
    }

  if (out_n_rows != NULL)
    *out_n_rows = n;
  return n > 0 ? sc_chart_decimate (self->sx, self->sy, n, self->dx, self->dy) : 0;
}

/* The top edge of the wash under a line, one point per column (the line
 * covers the rest), as an open path from *x0 to *x1. */
static gboolean
path_under_line (ScChartRenderer    *self,
                 cairo_t            *cr,
                 const double       *values,
                 const ScChartScale *ys,
                 double             *x0,
                 double             *x1)
{
  guint m = decimate_visible (self, values, ys, NULL);
  guint k = 0;

  if (m == 0)
    return FALSE;

  for (guint j = 0; j < m; j++)
    {
      if (k > 0 && floor (self->dx[k - 1]) == floor (self->dx[j]))
        {
          self->dy[k - 1] = MAX (self->dy[k - 1], self->dy[j]);
          continue;
        }
      self->dx[k] = self->dx[j];
      self->dy[k] = self->dy[j];
      k++;
    }

  cairo_move_to (cr, self->dx[0], sc_chart_scale_map (ys, self->dy[0]));
  for (guint j = 1; j < k; j++)
    cairo_line_to (cr, self->dx[j], sc_chart_scale_map (ys, self->dy[j]));
  *x0 = self->dx[0];
  *x1 = self->dx[k - 1];
  return TRUE;
}

/* Draws values[] as a line of the given width in the current source. */
static void
draw_line (ScChartRenderer    *self,
           cairo_t            *cr,
           const double       *values,
           const ScChartScale *ys,
           double              width)
{
  guint n_rows;
  guint m = decimate_visible (self, values, ys, &n_rows);
  double half = width / 2;

  if (m == 0)
    return;

  cairo_save (cr);
  /* Four-by-four supersampling: the same look on a data line, much
   * cheaper. */
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);

  /* Three or more rows per pixel: dense. Sparser lines look better
   * stroked. */
  if (m < 3 || n_rows < 3 * (self->dx[m - 1] - self->dx[0]))
    {
      /* Sparse: stroked in short runs; cairo rasterises many small
       * polygons faster than one long one spanning the plot. */
      cairo_set_line_width (cr, width);
      /* Bevel joins look the same at this width and cost less. */
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      for (guint start = 0; start < m; start += STROKE_CHUNK)
        {
          guint end = MIN (start + STROKE_CHUNK, m - 1);

          cairo_move_to (cr, self->dx[start], sc_chart_scale_map (ys, self->dy[start]));
          for (guint k = start + 1; k <= end; k++)
            cairo_line_to (cr, self->dx[k], sc_chart_scale_map (ys, self->dy[k]));
          if (end == start)
            cairo_line_to (cr, self->dx[start] + 0.01, sc_chart_scale_map (ys, self->dy[start]));
          cairo_stroke (cr);
          if (end + 1 >= m)
            break;
        }
    }
  else
    {
      /* Dense: the line is the band between each column's min and max
       * (joined to the previous column), filled once instead of stroked. */
      guint c = 0;
      double prev_y = NAN;

      for (guint j = 0; j < m; )
        {
          double column = floor (self->dx[j]);
          double top = G_MAXDOUBLE, bottom = -G_MAXDOUBLE, y = 0;

          for (; j < m && floor (self->dx[j]) == column; j++)
            {
              y = sc_chart_scale_map (ys, self->dy[j]);
              top = MIN (top, y);
              bottom = MAX (bottom, y);
            }
          /* The step from the previous column's last point is ours. */
          if (isfinite (prev_y))
            {
              top = MIN (top, prev_y);
              bottom = MAX (bottom, prev_y);
            }
          prev_y = y;
          self->sx[c] = column + 0.5;
          self->sy[c] = top - half;
          self->dy[c] = bottom + half;
          c++;
        }

      cairo_move_to (cr, self->sx[0], self->sy[0]);
      for (guint k = 1; k < c; k++)
        cairo_line_to (cr, self->sx[k], self->sy[k]);
      for (guint k = c; k > 0; k--)
        cairo_line_to (cr, self->sx[k - 1], self->dy[k - 1]);
      cairo_close_path (cr);
      cairo_fill (cr);
    }

  cairo_restore (cr);
}

double
_sc_chart_crisp (double v)
{
  return floor (v) + 0.5;
}

static void
draw_training (ScChartRenderer *self,
               cairo_t         *cr)
{
  const Layout *L = &self->layout;
  double x0, x1, bottom;

  if (!L->show_training)
    return;

  x0 = MAX (sc_chart_scale_map (&L->xs, self->train_first), L->plot.x);
  x1 = MIN (sc_chart_scale_map (&L->xs, self->as_of), L->plot.x + L->plot.width);
  if (x1 <= x0)
    return;

  bottom = L->rsi.height > 0 ? L->rsi.y + L->rsi.height : L->plot.y + L->plot.height;
  _sc_chart_set_color (cr, &self->theme.training, 1);
  cairo_rectangle (cr, x0, L->plot.y, x1 - x0, bottom - L->plot.y);
  cairo_fill (cr);
}

static void
draw_grid (ScChartRenderer *self,
           cairo_t         *cr)
{
  const Layout *L = &self->layout;
  double bottom = L->rsi.height > 0 ? L->rsi.y + L->rsi.height : L->plot.y + L->plot.height;

  cairo_set_line_width (cr, 1);
  _sc_chart_set_color (cr, &self->theme.grid, 1);
  for (guint i = 0; i < L->price_ticks->len; i++)
    {
      const ScChartTick *tick = &g_array_index (L->price_ticks, ScChartTick, i);
      double y = _sc_chart_crisp (L->plot.y + L->plot.height - tick->pos);

      cairo_move_to (cr, L->plot.x, y);
      cairo_line_to (cr, L->plot.x + L->plot.width, y);
    }
  cairo_stroke (cr);

  _sc_chart_set_color (cr, &self->theme.grid, 0.7);
  for (guint i = 0; i < L->date_ticks->len; i++)
    {
      const ScChartTick *tick = &g_array_index (L->date_ticks, ScChartTick, i);
      double x = _sc_chart_crisp (L->plot.x + tick->pos);

      cairo_move_to (cr, x, L->plot.y);
      cairo_line_to (cr, x, bottom);
    }
  cairo_stroke (cr);
}

static void
draw_prices (ScChartRenderer *self,
             cairo_t         *cr)
{
  const Layout *L = &self->layout;
  double x0 = 0, x1 = 0;
  double bottom = L->plot.y + L->plot.height;

  if (self->n_rows == 0)
    return;

  /* A soft wash under the close line: a flat tint (a gradient costs a
   * third of a millisecond per frame more). Its top edge lies under the
   * line, so it needs no antialiasing. */
  if (path_under_line (self, cr, self->close, &L->ys, &x0, &x1))
    {
      cairo_line_to (cr, x1, bottom);
      cairo_line_to (cr, x0, bottom);
      cairo_close_path (cr);
      _sc_chart_set_color (cr, &self->theme.price, 0.07);
      cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
      cairo_fill (cr);
      cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);
    }

  if (self->show_ema)
    {
      _sc_chart_set_color (cr, &self->theme.ema, 0.9);
      draw_line (self, cr, self->ema, &L->ys, 1.3);
    }

  _sc_chart_set_color (cr, &self->theme.price, 1);
  draw_line (self, cr, self->close, &L->ys, 1.6);
}

static void
draw_past (ScChartRenderer *self,
           cairo_t         *cr)
{
  const Layout *L = &self->layout;

  for (guint i = 0; i < self->n_past; i++)
    {
      const ScChartPastPrediction *p = &self->past[i];
      double x, y, r = 4;

      if (p->date < L->xs.d0 || p->date > L->xs.d1 || !(p->price > 0))
        continue;

      x = sc_chart_scale_map (&L->xs, p->date);
      y = sc_chart_scale_map (&L->ys, p->price);

      cairo_set_line_width (cr, 1.2);
      if (isfinite (p->actual) && p->actual > 0)
        {
          double ya = sc_chart_scale_map (&L->ys, p->actual);
          gboolean hit = isfinite (p->low) && isfinite (p->high) &&
                         p->actual >= p->low && p->actual <= p->high;
          const ScChartColor *color = hit || !isfinite (p->low) ? &self->theme.hit : &self->theme.miss;

          /* The error: from the prediction to what happened. */
          _sc_chart_set_color (cr, color, 0.7);
          cairo_move_to (cr, x, y);
          cairo_line_to (cr, x, ya);
          cairo_stroke (cr);
          _sc_chart_set_color (cr, color, 1);
          cairo_arc (cr, x, ya, 3, 0, 2 * G_PI);
          cairo_fill (cr);
        }

      /* A hollow diamond: the past forecast. */
      cairo_move_to (cr, x, y - r);
      cairo_line_to (cr, x + r, y);
      cairo_line_to (cr, x, y + r);
      cairo_line_to (cr, x - r, y);
      cairo_close_path (cr);
      _sc_chart_set_color (cr, &self->theme.background, 1);
      cairo_fill_preserve (cr);
      _sc_chart_set_color (cr, &self->theme.forecast, 0.85);
      cairo_stroke (cr);
    }
}

static void
draw_forecast (ScChartRenderer *self,
               cairo_t         *cr)
{
  const Layout *L = &self->layout;
  double day;
  static const double dash[] = { 5, 4 };

  if (!self->has_prediction || self->n_forecasts == 0)
    return;

  /* The 80% fan. */
  for (guint i = 0; i <= self->n_forecasts; i++)
    {
      double v = _sc_chart_renderer_fan_point (self, i, FAN_HIGH, &day);

      cairo_line_to (cr, sc_chart_scale_map (&L->xs, day), sc_chart_scale_map (&L->ys, v));
    }
  for (guint i = self->n_forecasts; i > 0; i--)
    {
      double v = _sc_chart_renderer_fan_point (self, i, FAN_LOW, &day);

      cairo_line_to (cr, sc_chart_scale_map (&L->xs, day), sc_chart_scale_map (&L->ys, v));
    }
  cairo_close_path (cr);
  _sc_chart_set_color (cr, &self->theme.forecast, 0.14);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1);
  _sc_chart_set_color (cr, &self->theme.forecast, 0.35);
  cairo_stroke (cr);

  /* The forecast path from the last close. */
  for (guint i = 0; i <= self->n_forecasts; i++)
    {
      double v = _sc_chart_renderer_fan_point (self, i, FAN_PRICE, &day);

      cairo_line_to (cr, sc_chart_scale_map (&L->xs, day), sc_chart_scale_map (&L->ys, v));
    }
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_set_line_width (cr, 1.8);
  _sc_chart_set_color (cr, &self->theme.forecast, 1);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  /* Interval whiskers and points. */
  for (guint i = 1; i <= self->n_forecasts; i++)
    {
      double x, lo, hi, y;

      lo = sc_chart_scale_map (&L->ys, _sc_chart_renderer_fan_point (self, i, FAN_LOW, &day));
      hi = sc_chart_scale_map (&L->ys, _sc_chart_renderer_fan_point (self, i, FAN_HIGH, &day));
      y = sc_chart_scale_map (&L->ys, _sc_chart_renderer_fan_point (self, i, FAN_PRICE, &day));
      x = sc_chart_scale_map (&L->xs, day);

      cairo_set_line_width (cr, 1.4);
      _sc_chart_set_color (cr, &self->theme.forecast, 0.75);
      cairo_move_to (cr, x, lo);
      cairo_line_to (cr, x, hi);
      cairo_move_to (cr, x - 4, lo);
      cairo_line_to (cr, x + 4, lo);
      cairo_move_to (cr, x - 4, hi);
      cairo_line_to (cr, x + 4, hi);
      cairo_stroke (cr);

      _sc_chart_renderer_draw_dot (self, cr, x, y, 5, 3.6, &self->theme.forecast);
    }
}

/* Where the forecast runs on past the labels' column, a bracket across the
 * fan at the cut says it does not end there. */
static void
draw_fan_cut (ScChartRenderer *self,
              cairo_t         *cr)
{
  const Layout *L = &self->layout;
  double y0 = G_MAXDOUBLE, y1 = -G_MAXDOUBLE, x = L->plot.x + L->plot.width;
  double prev_x, prev_lo, prev_hi, day;
  static const double dash[] = { 2, 2 };

  if (!L->fan_cut)
    return;

  prev_x = sc_chart_scale_map (&L->xs, self->as_of);
  prev_lo = prev_hi = sc_chart_scale_map (&L->ys, self->last_close);
  for (guint i = 1; i <= self->n_forecasts; i++)
    {
      double fx = sc_chart_scale_map (&L->xs, (_sc_chart_renderer_fan_point (self, i, FAN_PRICE, &day), day));
      double lo = sc_chart_scale_map (&L->ys, _sc_chart_renderer_fan_point (self, i, FAN_LOW, &day));
      double hi = sc_chart_scale_map (&L->ys, _sc_chart_renderer_fan_point (self, i, FAN_HIGH, &day));

      if (fx >= x && prev_x <= x && fx - prev_x > 0.5)
        {
          double t = (x - prev_x) / (fx - prev_x);

          y0 = prev_hi + (hi - prev_hi) * t;
          y1 = prev_lo + (lo - prev_lo) * t;
          break;
        }
      prev_x = fx;
      prev_lo = lo;
      prev_hi = hi;
    }
  if (y0 > y1)
    return;

  y0 = CLAMP (y0, L->plot.y, L->plot.y + L->plot.height);
  y1 = CLAMP (y1, L->plot.y, L->plot.y + L->plot.height);
  cairo_set_line_width (cr, 1.5);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  _sc_chart_set_color (cr, &self->theme.forecast, 0.8);
  cairo_move_to (cr, _sc_chart_crisp (x), y0);
  cairo_line_to (cr, _sc_chart_crisp (x), y1);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  /* Small chevrons at the ends: "continues". */
  cairo_set_line_width (cr, 1.2);
  cairo_move_to (cr, x + 1, y0 - 3);
  cairo_line_to (cr, x + 4, y0);
  cairo_line_to (cr, x + 1, y0 + 3);
  cairo_move_to (cr, x + 1, y1 - 3);
  cairo_line_to (cr, x + 4, y1);
  cairo_line_to (cr, x + 1, y1 + 3);
  cairo_stroke (cr);
}

static void
draw_today (ScChartRenderer *self,
            cairo_t         *cr)
{
  const Layout *L = &self->layout;
  static const double dash[] = { 3, 3 };
  char date[64];
  double x, y, w, h, bottom;

  if (!self->has_prediction || self->as_of < L->xs.d0 || self->as_of > L->xs.d1)
    return;

  x = _sc_chart_crisp (sc_chart_scale_map (&L->xs, self->as_of));
  bottom = L->rsi.height > 0 ? L->rsi.y + L->rsi.height : L->plot.y + L->plot.height;

  cairo_set_line_width (cr, 1);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  _sc_chart_set_color (cr, &self->theme.today, 1);
  cairo_move_to (cr, x, L->plot.y);
  cairo_line_to (cr, x, bottom);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  _sc_chart_format_day_long (self->as_of, date, sizeof date);
  _sc_chart_renderer_text_set (self, self->small_font, date);
  _sc_chart_renderer_text_size (self, &w, &h);
  for (guint i = 0; i < L->labels->len; i++)
    {
      const ScChartLabel *label = &g_array_index (L->labels, ScChartLabel, i);

      if (label->kind == SC_CHART_LABEL_TODAY)
        _sc_chart_renderer_text_show (self, cr, label->rect.x, label->rect.y, &self->theme.today, 1);
    }

  y = sc_chart_scale_map (&L->ys, self->last_close);
  _sc_chart_renderer_draw_dot (self, cr, x, y, 4.5, 3.2, &self->theme.price);
}

static void
draw_rsi (ScChartRenderer *self,
          cairo_t         *cr)
{
  const Layout *L = &self->layout;
  static const double dash[] = { 4, 3 };
  double y30, y70;

  if (L->rsi.height <= 0)
    return;

  y30 = _sc_chart_crisp (sc_chart_scale_map (&L->rs, 30));
  y70 = _sc_chart_crisp (sc_chart_scale_map (&L->rs, 70));

  _sc_chart_set_color (cr, &self->theme.rsi, 0.07);
  cairo_rectangle (cr, L->rsi.x, y70, L->rsi.width, y30 - y70);
  cairo_fill (cr);

  cairo_set_line_width (cr, 1);
  _sc_chart_set_color (cr, &self->theme.foreground, 0.15);
  cairo_move_to (cr, L->rsi.x, _sc_chart_crisp (L->rsi.y));
  cairo_line_to (cr, L->rsi.x + L->rsi.width, _sc_chart_crisp (L->rsi.y));
  cairo_stroke (cr);

  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  _sc_chart_set_color (cr, &self->theme.rsi, 0.55);
  cairo_move_to (cr, L->rsi.x, y30);
  cairo_line_to (cr, L->rsi.x + L->rsi.width, y30);
  cairo_move_to (cr, L->rsi.x, y70);
  cairo_line_to (cr, L->rsi.x + L->rsi.width, y70);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  cairo_save (cr);
  cairo_rectangle (cr, L->rsi.x, L->rsi.y, L->rsi.width, L->rsi.height);
  cairo_clip (cr);
  if (self->n_rows > 0)
    {
      _sc_chart_set_color (cr, &self->theme.rsi, 1);
      draw_line (self, cr, self->rsi, &L->rs, 1.2);
    }
  cairo_restore (cr);

  _sc_chart_renderer_text_set (self, self->small_font, _("RSI 10"));
  _sc_chart_renderer_text_show (self, cr, L->rsi.x + 6, L->rsi.y + 3, &self->theme.foreground, 0.55);

  for (int level = 30; level <= 70; level += 40)
    {
      char label[8];
      double h;

      g_snprintf (label, sizeof label, "%d", level);
      _sc_chart_renderer_text_set (self, self->font, label);
      _sc_chart_renderer_text_size (self, NULL, &h);
      _sc_chart_renderer_text_show (self, cr, L->rsi.x + L->rsi.width + L->gutter + AXIS_GAP,
                                    sc_chart_scale_map (&L->rs, level) - h / 2, &self->theme.foreground, 0.6);
    }
}

void
sc_chart_renderer_draw (ScChartRenderer *self,
                        cairo_t         *cr,
                        int              width,
                        int              height)
{
  const Layout *L;

  g_return_if_fail (SC_IS_CHART_RENDERER (self));
  g_return_if_fail (cr != NULL);

  if (width <= 0 || height <= 0)
    return;

  _sc_chart_renderer_ensure_layout (self, width, height);
  L = &self->layout;

  cairo_save (cr);

  _sc_chart_set_color (cr, &self->theme.background, 1);
  cairo_paint (cr);

  if (self->n_rows == 0 && !self->has_prediction)
    {
      double w, h;

      _sc_chart_renderer_text_set (self, self->title_font, _("No prices to show"));
      _sc_chart_renderer_text_size (self, &w, &h);
      _sc_chart_renderer_text_show (self, cr, (width - w) / 2, (height - h) / 2, &self->theme.foreground, 0.5);
      cairo_restore (cr);
      return;
    }

  draw_training (self, cr);
  draw_grid (self, cr);

  cairo_save (cr);
  cairo_rectangle (cr, L->plot.x, L->plot.y, L->plot.width, L->plot.height);
  cairo_clip (cr);
  draw_prices (self, cr);
  cairo_restore (cr);

  cairo_save (cr);
  cairo_rectangle (cr, L->plot.x, L->plot.y, L->plot.width, L->plot.height);
  cairo_clip (cr);
  draw_forecast (self, cr);
  draw_past (self, cr);
  cairo_restore (cr);
  draw_fan_cut (self, cr);

  draw_rsi (self, cr);
  draw_today (self, cr);

  _sc_chart_renderer_draw_forecast_labels (self, cr);
  _sc_chart_renderer_draw_plot_legend (self, cr);

  _sc_chart_renderer_draw_axes (self, cr);
  _sc_chart_renderer_draw_title (self, cr);

  cairo_restore (cr);
}
