/* sc-chart-hover.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Hover: what lies under the pointer, stepping through it with the
 * keyboard, the hover card, and the accessible description. */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sc-chart-renderer-private.h"

/* Hover */

static void
hover_for_row (ScChartRenderer *self,
               guint            row,
               ScChartHover    *out)
{
  const Layout *L = &self->layout;

  *out = (ScChartHover) { 0 };
  out->valid = TRUE;
  out->row = row;
  out->day = self->days[row];
  out->price = self->close[row];
  out->x = sc_chart_scale_map (&L->xs, out->day);
  out->y = sc_chart_scale_map (&L->ys, out->price);
}

static void
hover_for_forecast (ScChartRenderer *self,
                    guint            index,
                    ScChartHover    *out)
{
  const Layout *L = &self->layout;

  *out = (ScChartHover) { 0 };
  out->valid = TRUE;
  out->is_forecast = TRUE;
  out->index = index;
  out->forecast = self->forecasts[index];
  out->day = out->forecast.date;
  out->price = out->forecast.price;
  out->x = sc_chart_scale_map (&L->xs, out->day);
  out->y = sc_chart_scale_map (&L->ys, out->price);
}

gboolean
sc_chart_renderer_hit_test (ScChartRenderer *self,
                            int              width,
                            int              height,
                            double           x,
                            ScChartHover    *out_hover)
{
  const Layout *L;
  double day;

  g_return_val_if_fail (SC_IS_CHART_RENDERER (self), FALSE);
  g_return_val_if_fail (out_hover != NULL, FALSE);

  *out_hover = (ScChartHover) { 0 };
  _sc_chart_renderer_ensure_layout (self, width, height);
  L = &self->layout;

  if (x < L->plot.x || x > L->plot.x + L->plot.width)
    return FALSE;

  day = sc_chart_scale_unmap (&L->xs, x);
  /* Past the last close: the nearest forecast. */
  if (self->n_forecasts > 0 && day > self->as_of &&
      (self->n_rows == 0 || day > self->days[self->n_rows - 1]))
    {
      guint best = 0;

      for (guint i = 1; i < self->n_forecasts; i++)
        if (fabs (self->forecasts[i].date - day) < fabs (self->forecasts[best].date - day))
          best = i;
      hover_for_forecast (self, best, out_hover);
      return TRUE;
    }

  if (self->n_rows == 0)
    return FALSE;

  {
    guint i = _sc_chart_renderer_lower_bound (self, day);

    if (i == self->n_rows)
      i = self->n_rows - 1;
    else if (i > 0 && day - self->days[i - 1] < self->days[i] - day)
      i = i - 1;
    hover_for_row (self, i, out_hover);
  }

  return TRUE;
}

gboolean
sc_chart_renderer_step (ScChartRenderer    *self,
                        int                 width,
                        int                 height,
                        const ScChartHover *from,
                        int                 step,
                        ScChartHover       *out_hover)
{
  gint64 pos, n_total;

  g_return_val_if_fail (SC_IS_CHART_RENDERER (self), FALSE);
  g_return_val_if_fail (out_hover != NULL, FALSE);

  _sc_chart_renderer_ensure_layout (self, width, height);

  /* Rows then forecasts, as one sequence. */
  n_total = (gint64) self->n_rows + self->n_forecasts;
  if (n_total == 0)
    return FALSE;

  if (from == NULL || !from->valid)
    pos = step >= 0 ? 0 : n_total - 1;
  else
    {
      pos = from->is_forecast ? (gint64) self->n_rows + from->index : (gint64) from->row;
      pos = CLAMP (pos + step, 0, n_total - 1);
    }

  if (pos < self->n_rows)
    hover_for_row (self, (guint) pos, out_hover);
  else
    hover_for_forecast (self, (guint) (pos - self->n_rows), out_hover);

  return TRUE;
}

void
sc_chart_renderer_draw_hover (ScChartRenderer    *self,
                              cairo_t            *cr,
                              int                 width,
                              int                 height,
                              const ScChartHover *hover)
{
  const Layout *L;
  static const double dash[] = { 2, 3 };
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *tag = NULL;
  char date[64];
  double bottom, x, y, w, h, tw, th, bx, by;
  gboolean y_visible;

  g_return_if_fail (SC_IS_CHART_RENDERER (self));

  if (hover == NULL || !hover->valid)
    return;

  _sc_chart_renderer_ensure_layout (self, width, height);
  L = &self->layout;

  x = sc_chart_scale_map (&L->xs, hover->day);
  y = sc_chart_scale_map (&L->ys, hover->price);
  if (x < L->plot.x - 0.5 || x > L->plot.x + L->plot.width + 0.5)
    return;
  y_visible = y >= L->plot.y && y <= L->plot.y + L->plot.height;
  bottom = L->rsi.height > 0 ? L->rsi.y + L->rsi.height : L->plot.y + L->plot.height;

  cairo_save (cr);

  /* Crosshair */
  cairo_set_line_width (cr, 1);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  _sc_chart_set_color (cr, &self->theme.foreground, 0.45);
  cairo_move_to (cr, _sc_chart_crisp (x), L->plot.y);
  cairo_line_to (cr, _sc_chart_crisp (x), bottom);
  if (y_visible)
    {
      cairo_move_to (cr, L->plot.x, _sc_chart_crisp (y));
      cairo_line_to (cr, L->plot.x + L->plot.width, _sc_chart_crisp (y));
    }
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  if (y_visible)
    {
      const ScChartColor *color = hover->is_forecast ? &self->theme.forecast : &self->theme.price;

      _sc_chart_renderer_draw_dot (self, cr, x, y, 5.5, 4, color);

      tag = sc_chart_format_price (hover->price, 0.01, self->currency);
      _sc_chart_renderer_draw_axis_tag (self, cr, y, tag, &self->theme.foreground, &self->theme.background);
    }

  /* Date tag on the time axis. */
  _sc_chart_format_day_long (hover->day, date, sizeof date);
  _sc_chart_renderer_text_set (self, self->font, date);
  _sc_chart_renderer_text_size (self, &w, &h);
  bx = CLAMP (x - w / 2 - 5, 0, width - w - 10);
  /* Tick labels it half covers are hidden whole. */
  _sc_chart_set_color (cr, &self->theme.background, 1);
  for (guint i = 0; i < L->date_ticks->len; i++)
    {
      const ScChartTick *tick = &g_array_index (L->date_ticks, ScChartTick, i);
      double left = L->plot.x + tick->pos - tick->extent / 2;

      if (left < bx + w + 10 && left + tick->extent > bx)
        {
          cairo_rectangle (cr, left - 1, bottom + 2, tick->extent + 2, h + 4);
          cairo_fill (cr);
        }
    }
  _sc_chart_rounded_rect (cr, bx, bottom + 2, w + 10, h + 4, 3);
  _sc_chart_set_color (cr, &self->theme.foreground, 1);
  cairo_fill (cr);
  _sc_chart_renderer_text_show (self, cr, bx + 5, bottom + 4, &self->theme.background, 1);

  /* Tooltip */
  if (hover->is_forecast)
    {
      const ScForecast *f = &hover->forecast;
      g_autofree char *price = sc_chart_format_price (f->price, 0.01, self->currency);
      g_autofree char *low = sc_chart_format_price (f->low, 0.01, self->currency);
      g_autofree char *high = sc_chart_format_price (f->high, 0.01, self->currency);
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "Forecast, %d trading day ahead",
                                                             "Forecast, %d trading days ahead",
                                                             f->horizon), f->horizon);
      g_autofree char *t_title = g_markup_escape_text (title, -1);

      g_string_append_printf (body, "<b>%s</b>\n%s\n", t_title, date);
      g_string_append_printf (body, _("Price  <b>%s</b>"), price);
      if (isfinite (f->low) && isfinite (f->high))
        {
          g_string_append_c (body, '\n');
          g_string_append_printf (body, _("80%% interval  %s – %s"), low, high);
        }
    }
  else
    {
      g_autofree char *price = sc_chart_format_price (hover->price, 0.01, self->currency);

      g_string_append_printf (body, "<b>%s</b>\n", date);
      g_string_append_printf (body, _("Close  <b>%s</b>"), price);
      if (self->show_ema && isfinite (self->ema[hover->row]))
        {
          g_autofree char *ema = sc_chart_format_price (self->ema[hover->row], 0.01, self->currency);

          g_string_append_c (body, '\n');
          g_string_append_printf (body, _("EMA 10  %s"), ema);
        }
      if (self->show_rsi && isfinite (self->rsi[hover->row]))
        {
          g_string_append_c (body, '\n');
          g_string_append_printf (body, _("RSI 10  %.1f"), self->rsi[hover->row]);
        }
    }

  pango_layout_set_font_description (self->text, self->font);
  pango_layout_set_markup (self->text, body->str, -1);
  _sc_chart_renderer_text_size (self, &tw, &th);
  bx = x + 14;
  if (bx + tw + 20 > L->plot.x + L->plot.width)
    bx = x - 14 - tw - 20;
  bx = MAX (bx, 2);
  by = y_visible ? y - th / 2 - 8 : L->plot.y + 8;
  by = CLAMP (by, L->plot.y + 2, MAX (L->plot.y + 2, bottom - th - 18));

  _sc_chart_rounded_rect (cr, bx, by, tw + 20, th + 16, 6);
  _sc_chart_set_color (cr, &self->theme.background, 0.96);
  cairo_fill_preserve (cr);
  _sc_chart_set_color (cr, &self->theme.foreground, 0.18);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  _sc_chart_renderer_text_show (self, cr, bx + 10, by + 8, &self->theme.foreground, 0.95);
  pango_layout_set_attributes (self->text, NULL);

  cairo_restore (cr);
}

char *
sc_chart_renderer_describe (ScChartRenderer *self)
{
  GString *out = g_string_new (NULL);
  char d0[64], d1[64];
  double first, last;

  g_return_val_if_fail (SC_IS_CHART_RENDERER (self), NULL);

  if (self->n_rows == 0)
    {
      g_string_append (out, _("Price chart with no prices."));
      return g_string_free (out, FALSE);
    }

  _sc_chart_renderer_effective_range (self, &first, &last);
  _sc_chart_format_day_long (MAX (first, self->days[0]), d0, sizeof d0);
  _sc_chart_format_day_long (MIN (last, self->days[self->n_rows - 1]), d1, sizeof d1);
  g_string_append_printf (out, _("Price chart of %s from %s to %s."),
                          self->ticker != NULL ? self->ticker : "", d0, d1);

  if (self->has_prediction)
    {
      g_autofree char *close = sc_chart_format_price (self->last_close, 0.01, self->currency);

      g_string_append_c (out, ' ');
      g_string_append_printf (out, _("Last close %s."), close);
      for (guint i = 0; i < self->n_forecasts; i++)
        {
          const ScForecast *f = &self->forecasts[i];
          g_autofree char *price = sc_chart_format_price (f->price, 0.01, self->currency);
          g_autofree char *low = sc_chart_format_price (f->low, 0.01, self->currency);
          g_autofree char *high = sc_chart_format_price (f->high, 0.01, self->currency);

          g_string_append_c (out, ' ');
          g_string_append_printf (out, _("Forecast in %d trading days: %s, 80%% interval %s to %s."),
                                  f->horizon, price, low, high);
        }
    }

  return g_string_free (out, FALSE);
}
