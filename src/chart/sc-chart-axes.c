/* sc-chart-axes.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Drawing the text around the data: axes and their tags, the forecast
 * labels, the in-plot legend and the title line. */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sc-chart-renderer-private.h"

/* The labels placed by place_labels(): a leader line from each point (or
 * from where the forecast is cut) to its label at the right edge. */
void
_sc_chart_renderer_draw_forecast_labels (ScChartRenderer *self,
                                         cairo_t         *cr)
{
  const Layout *L = &self->layout;

  for (guint i = 0; i < L->labels->len; i++)
    {
      const ScChartLabel *label = &g_array_index (L->labels, ScChartLabel, i);
      g_autofree char *price = NULL;
      g_autofree char *horizon = NULL;
      const cairo_rectangle_t *r = &label->rect;
      double h1;

      if (label->kind != SC_CHART_LABEL_FORECAST)
        continue;

      if (r->x - label->anchor_x > 6)
        {
          cairo_set_line_width (cr, 1);
          _sc_chart_set_color (cr, &self->theme.forecast, 0.55);
          cairo_move_to (cr, label->anchor_x + (label->beyond ? 0 : 5), label->anchor_y);
          cairo_line_to (cr, r->x - 6, r->y + r->height / 2);
          cairo_line_to (cr, r->x - 1, r->y + r->height / 2);
          cairo_stroke (cr);
        }

      _sc_chart_rounded_rect (cr, r->x, r->y, r->width, r->height, 4);
      _sc_chart_set_color (cr, &self->theme.background, 0.9);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, 1);
      _sc_chart_set_color (cr, &self->theme.forecast, 0.35);
      cairo_stroke (cr);

      _sc_chart_renderer_forecast_label_text (self, label->index, label->beyond, L->compact, &price, &horizon);
      _sc_chart_renderer_text_set (self, self->small_font, price);
      _sc_chart_renderer_text_size (self, NULL, &h1);
      _sc_chart_renderer_text_show (self, cr, r->x + 5, r->y + 2, &self->theme.forecast, 1);
      _sc_chart_renderer_text_set (self, self->small_font, horizon);
      _sc_chart_renderer_text_show (self, cr, r->x + 5, r->y + 2 + h1, &self->theme.foreground, 0.7);
    }
}

static void
draw_swatch (cairo_t            *cr,
             Swatch              swatch,
             const ScChartColor *color,
             double              x,
             double              cy)
{
  switch (swatch)
    {
    case SWATCH_LINE:
    case SWATCH_DASH:
      if (swatch == SWATCH_DASH)
        {
          _sc_chart_set_color (cr, color, 0.16);
          cairo_rectangle (cr, x, cy - 5, 16, 10);
          cairo_fill (cr);
        }
      cairo_set_line_width (cr, 2);
      _sc_chart_set_color (cr, color, 1);
      cairo_move_to (cr, x, cy);
      cairo_line_to (cr, x + 16, cy);
      cairo_stroke (cr);
      break;
    case SWATCH_BOX:
      _sc_chart_set_color (cr, color, 0.09);
      cairo_rectangle (cr, x, cy - 5, 16, 10);
      cairo_fill (cr);
      break;
    case SWATCH_DIAMOND:
    default:
      cairo_set_line_width (cr, 1.2);
      _sc_chart_set_color (cr, color, 1);
      cairo_move_to (cr, x + 8, cy - 4);
      cairo_line_to (cr, x + 12, cy);
      cairo_line_to (cr, x + 8, cy + 4);
      cairo_line_to (cr, x + 4, cy);
      cairo_close_path (cr);
      cairo_stroke (cr);
      break;
    }
}

void
_sc_chart_renderer_draw_plot_legend (ScChartRenderer *self,
                                     cairo_t         *cr)
{
  const Layout *L = &self->layout;
  LegendItem items[4];
  guint n_items = MIN (_sc_chart_renderer_plot_legend_items (self, items), L->n_legend);

  for (guint i = 0; i < L->labels->len; i++)
    {
      const ScChartLabel *label = &g_array_index (L->labels, ScChartLabel, i);
      const cairo_rectangle_t *r = &label->rect;
      double x = r->x + 6, y = r->y + 3;
      gboolean stacked = FALSE;

      if (label->kind != SC_CHART_LABEL_LEGEND)
        continue;

      _sc_chart_rounded_rect (cr, r->x, r->y, r->width, r->height, 4);
      _sc_chart_set_color (cr, &self->theme.background, 0.85);
      cairo_fill (cr);

      for (guint k = 0; k < n_items; k++)
        {
          double w, h;

          _sc_chart_renderer_text_set (self, self->small_font, items[k].label);
          _sc_chart_renderer_text_size (self, &w, &h);
          if (k == 1 && r->height > 2 * h)
            stacked = TRUE;
          if (stacked && k > 0)
            {
              x = r->x + 6;
              y += h + 2;
            }
          draw_swatch (cr, items[k].swatch, items[k].color, x, y + h / 2);
          _sc_chart_renderer_text_show (self, cr, x + LEGEND_SWATCH, y, &self->theme.foreground, 0.75);
          x += LEGEND_SWATCH + w + LEGEND_GAP;
        }
    }
}

/* A filled tag on the price axis at y. */
void
_sc_chart_renderer_draw_axis_tag (ScChartRenderer    *self,
                                  cairo_t            *cr,
                                  double              y,
                                  const char         *label,
                                  const ScChartColor *fill,
                                  const ScChartColor *ink)
{
  const Layout *L = &self->layout;
  double w, h, x = L->plot.x + L->plot.width + L->gutter + 2;

  _sc_chart_renderer_text_set (self, self->font, label);
  _sc_chart_renderer_text_size (self, &w, &h);

  /* Price labels it half covers are hidden whole. */
  _sc_chart_set_color (cr, &self->theme.background, 1);
  for (guint i = 0; i < L->price_ticks->len; i++)
    {
      const ScChartTick *tick = &g_array_index (L->price_ticks, ScChartTick, i);
      double ty = L->plot.y + L->plot.height - tick->pos;

      if (fabs (ty - y) < (tick->extent + h) / 2 + 2)
        {
          cairo_rectangle (cr, x, ty - tick->extent / 2 - 1, L->width - x, tick->extent + 2);
          cairo_fill (cr);
        }
    }

  _sc_chart_renderer_text_set (self, self->font, label);
  _sc_chart_rounded_rect (cr, x, y - h / 2 - 2, w + 10, h + 4, 3);
  _sc_chart_set_color (cr, fill, 1);
  cairo_fill (cr);
  _sc_chart_renderer_text_show (self, cr, x + 5, y - h / 2, ink, 1);
}

void
_sc_chart_renderer_draw_axes (ScChartRenderer *self,
                              cairo_t         *cr)
{
  const Layout *L = &self->layout;
  double axis_y = L->rsi.height > 0 ? L->rsi.y + L->rsi.height : L->plot.y + L->plot.height;
  double tag_y = NAN, tag_h = 0;

  if (self->has_prediction && self->last_close > 0)
    {
      tag_y = sc_chart_scale_map (&L->ys, self->last_close);
      if (tag_y < L->plot.y || tag_y > L->plot.y + L->plot.height)
        tag_y = NAN;
      tag_h = L->label_h + 4;
    }

  /* Baseline and date ticks. */
  cairo_set_line_width (cr, 1);
  _sc_chart_set_color (cr, &self->theme.foreground, 0.25);
  cairo_move_to (cr, L->plot.x, _sc_chart_crisp (axis_y));
  cairo_line_to (cr, L->plot.x + L->plot.width, _sc_chart_crisp (axis_y));
  for (guint i = 0; i < L->date_ticks->len; i++)
    {
      const ScChartTick *tick = &g_array_index (L->date_ticks, ScChartTick, i);
      double x = _sc_chart_crisp (L->plot.x + tick->pos);

      cairo_move_to (cr, x, _sc_chart_crisp (axis_y));
      cairo_line_to (cr, x, _sc_chart_crisp (axis_y) + 4);
    }
  cairo_stroke (cr);

  for (guint i = 0; i < L->date_ticks->len; i++)
    {
      const ScChartTick *tick = &g_array_index (L->date_ticks, ScChartTick, i);

      _sc_chart_renderer_text_set (self, self->font, tick->label);
      _sc_chart_renderer_text_show (self, cr, L->plot.x + tick->pos - tick->extent / 2, axis_y + AXIS_GAP - 2,
                                    &self->theme.foreground, 0.7);
    }

  for (guint i = 0; i < L->price_ticks->len; i++)
    {
      const ScChartTick *tick = &g_array_index (L->price_ticks, ScChartTick, i);
      double y = L->plot.y + L->plot.height - tick->pos;

      /* The last-close tag wins over a tick label it would cover. */
      if (isfinite (tag_y) && fabs (y - tag_y) < (tick->extent + tag_h) / 2)
        continue;
      _sc_chart_renderer_text_set (self, self->font, tick->label);
      _sc_chart_renderer_text_show (self, cr, L->plot.x + L->plot.width + L->gutter + AXIS_GAP, y - tick->extent / 2,
                                    &self->theme.foreground, 0.7);
    }

  if (isfinite (tag_y))
    {
      g_autofree char *label = sc_chart_format_price (self->last_close, 0.01, self->currency);

      _sc_chart_renderer_draw_axis_tag (self, cr, tag_y, label, &self->theme.price, &self->theme.background);
    }
}

static gboolean
past_visible (ScChartRenderer *self)
{
  for (guint i = 0; i < self->n_past; i++)
    if (self->past[i].date >= self->layout.xs.d0 && self->past[i].date <= self->layout.xs.d1)
      return TRUE;
  return FALSE;
}

void
_sc_chart_renderer_draw_title (ScChartRenderer *self,
                               cairo_t         *cr)
{
  const Layout *L = &self->layout;
  LegendItem legend[] = {
    { _("Close"), SWATCH_LINE, &self->theme.price, self->n_rows > 0 },
    /* xgettext:no-c-format */
    { _("Forecast, 80% range"), SWATCH_DASH, &self->theme.forecast, self->n_forecasts > 0 },
    { _("EMA 10"), SWATCH_LINE, &self->theme.ema, self->show_ema },
    { _("Training window"), SWATCH_BOX, &self->theme.foreground, L->show_training },
    { _("Earlier predictions"), SWATCH_DIAMOND, &self->theme.forecast, past_visible (self) },
  };
  double title_w, title_h, sub_w = 0, sub_h, x, right;
  g_autoptr(GString) sub = g_string_new (NULL);

  if (L->title.height <= 0)
    return;

  _sc_chart_renderer_text_set (self, self->title_font, self->ticker);
  _sc_chart_renderer_text_size (self, &title_w, &title_h);
  _sc_chart_renderer_text_show (self, cr, L->title.x, L->title.y, &self->theme.foreground, 1);

  if (self->has_prediction)
    {
      g_autofree char *price = sc_chart_format_price (self->last_close, 0.01, self->currency);
      char date[64];

      _sc_chart_format_day_long (self->as_of, date, sizeof date);
      /* TRANSLATORS: chart subtitle: last close, its date and the model */
      g_string_printf (sub, _("%s on %s · %s"), price, date,
                       self->model_id != NULL ? self->model_id : "");
    }
  else if (self->n_rows > 0)
    {
      g_autofree char *price = sc_chart_format_price (self->close[self->n_rows - 1], 0.01, self->currency);
      char date[64];

      _sc_chart_format_day_long (self->days[self->n_rows - 1], date, sizeof date);
      g_string_printf (sub, _("%s on %s"), price, date);
    }

  x = L->title.x + title_w + 12;
  if (sub->len > 0)
    {
      _sc_chart_renderer_text_set (self, self->font, sub->str);
      _sc_chart_renderer_text_size (self, &sub_w, &sub_h);
      if (x + sub_w <= L->title.x + L->title.width)
        _sc_chart_renderer_text_show (self, cr, x, L->title.y + title_h - sub_h - 2, &self->theme.foreground, 0.65);
      else
        sub_w = -12;
    }

  /* The legend, right-aligned, keeping the items that fit. */
  right = L->title.x + L->title.width;
  {
    double left_limit = x + sub_w + 24;
    double widths[G_N_ELEMENTS (legend)];
    double total = 0;
    guint n_shown = 0;

    for (guint i = 0; i < G_N_ELEMENTS (legend); i++)
      {
        if (!legend[i].shown)
          continue;
        _sc_chart_renderer_text_set (self, self->small_font, legend[i].label);
        _sc_chart_renderer_text_size (self, &widths[i], NULL);
        if (right - (total + widths[i] + 22 + 14) < left_limit)
          {
            legend[i].shown = FALSE;
            continue;
          }
        total += widths[i] + 22 + 14;
        n_shown++;
      }

    x = right - total + 14;
    for (guint i = 0; i < G_N_ELEMENTS (legend); i++)
      {
        double h, cy;

        if (!legend[i].shown)
          continue;
        _sc_chart_renderer_text_set (self, self->small_font, legend[i].label);
        _sc_chart_renderer_text_size (self, NULL, &h);
        cy = L->title.y + title_h - h / 2 - 2;

        draw_swatch (cr, legend[i].swatch, legend[i].color, x, cy);
        _sc_chart_renderer_text_show (self, cr, x + 22, cy - h / 2, &self->theme.foreground, 0.75);
        x += widths[i] + 22 + 14;
      }
  }
}
