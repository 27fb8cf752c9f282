/* sc-chart-renderer.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "sc-chart-renderer-private.h"
#include "sc-error.h"
#include "sc-indicators.h"

G_DEFINE_FINAL_TYPE (ScChartRenderer, sc_chart_renderer, G_TYPE_OBJECT)

/* The renderer */

void
_sc_chart_renderer_invalidate (ScChartRenderer *self)
{
  self->layout.valid = FALSE;
}

static void
sc_chart_renderer_finalize (GObject *object)
{
  ScChartRenderer *self = SC_CHART_RENDERER (object);

  g_free (self->ticker);
  g_free (self->days);
  g_free (self->close);
  g_free (self->ema);
  g_free (self->rsi);
  g_free (self->model_id);
  g_free (self->forecasts);
  g_free (self->past);
  g_free (self->currency);
  g_free (self->sx);
  g_free (self->sy);
  g_free (self->dx);
  g_free (self->dy);
  g_clear_pointer (&self->layout.date_ticks, g_array_unref);
  g_clear_pointer (&self->layout.price_ticks, g_array_unref);
  g_clear_pointer (&self->layout.labels, g_array_unref);
  g_clear_pointer (&self->font, pango_font_description_free);
  g_clear_pointer (&self->small_font, pango_font_description_free);
  g_clear_pointer (&self->title_font, pango_font_description_free);
  g_clear_object (&self->text);
  g_clear_object (&self->pango);

  G_OBJECT_CLASS (sc_chart_renderer_parent_class)->finalize (object);
}

static void
sc_chart_renderer_class_init (ScChartRendererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sc_chart_renderer_finalize;
}

static void
sc_chart_renderer_init (ScChartRenderer *self)
{
  cairo_font_options_t *options;
  PangoFontMap *font_map;

  sc_chart_theme_init_light (&self->theme);
  self->label_width[0] = self->label_width[1] = -1;
  self->currency = g_strdup ("$");
  self->show_title = TRUE;
  self->train_first = NAN;

  /* Metrics are not hinted, so labels measure the same on every surface. */
  font_map = pango_cairo_font_map_get_default ();
  self->pango = pango_font_map_create_context (font_map);
  pango_cairo_context_set_resolution (self->pango, 96);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_SLIGHT);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (self->pango, options);
  cairo_font_options_destroy (options);
  self->text = pango_layout_new (self->pango);

  sc_chart_renderer_set_font (self, "Sans 9");
}

ScChartRenderer *
sc_chart_renderer_new (void)
{
  return g_object_new (SC_TYPE_CHART_RENDERER, NULL);
}

/* The model's features, as core computes them. */
static void
compute_indicators (ScChartRenderer *self)
{
  sc_indicator_ema (self->close, self->n_rows, EMA_PERIOD, self->ema);
  sc_indicator_rsi (self->close, self->n_rows, RSI_PERIOD, self->rsi);
}

static void
ensure_scratch (ScChartRenderer *self,
                guint            n)
{
  if (n <= self->scratch_len)
    return;

  self->scratch_len = MAX (n, 64);
  self->sx = g_renew (double, self->sx, self->scratch_len);
  self->sy = g_renew (double, self->sy, self->scratch_len);
  self->dx = g_renew (double, self->dx, self->scratch_len);
  self->dy = g_renew (double, self->dy, self->scratch_len);
}

/* Training window: the rows of the prediction's window end at as_of. */
static void
update_training_window (ScChartRenderer *self,
                        guint            rows)
{
  self->train_first = NAN;

  if (!self->has_prediction || rows == 0 || self->n_rows == 0)
    return;

  for (guint i = self->n_rows; i > 0; i--)
    {
      if (self->days[i - 1] <= self->as_of)
        {
          guint end = i - 1;

          self->train_first = self->days[end >= rows - 1 ? end - (rows - 1) : 0];
          return;
        }
    }
}

void
sc_chart_renderer_set_prices (ScChartRenderer *self,
                              ScPriceSeries   *prices)
{
  g_return_if_fail (SC_IS_CHART_RENDERER (self));

  g_clear_pointer (&self->ticker, g_free);
  g_clear_pointer (&self->days, g_free);
  g_clear_pointer (&self->close, g_free);
  g_clear_pointer (&self->ema, g_free);
  g_clear_pointer (&self->rsi, g_free);
  self->n_rows = 0;

  if (prices != NULL)
    {
      self->ticker = g_strdup (prices->ticker);
      self->days = g_new (double, MAX (prices->n_rows, 1));
      self->close = g_new (double, MAX (prices->n_rows, 1));
      self->ema = g_new (double, MAX (prices->n_rows, 1));
      self->rsi = g_new (double, MAX (prices->n_rows, 1));
      for (guint i = 0; i < prices->n_rows; i++)
        {
          /* Series are normalised; skip anything that is not, defensively. */
          if (!(prices->close[i] > 0) ||
              (self->n_rows > 0 && prices->date[i] <= self->days[self->n_rows - 1]))
            continue;
          self->days[self->n_rows] = prices->date[i];
          self->close[self->n_rows] = prices->close[i];
          self->n_rows++;
        }
      compute_indicators (self);
      ensure_scratch (self, self->n_rows + 2);
    }

  update_training_window (self, self->train_rows);
  self->range_set = FALSE;
  _sc_chart_renderer_invalidate (self);
}

static int
compare_forecasts (const void *a,
                   const void *b)
{
  const ScForecast *fa = a;
  const ScForecast *fb = b;

  return (fa->date > fb->date) - (fa->date < fb->date);
}

void
sc_chart_renderer_set_prediction (ScChartRenderer *self,
                                  ScPrediction    *prediction)
{
  g_return_if_fail (SC_IS_CHART_RENDERER (self));
  self->label_width[0] = self->label_width[1] = -1;

  g_clear_pointer (&self->model_id, g_free);
  g_clear_pointer (&self->forecasts, g_free);
  self->n_forecasts = 0;
  self->has_prediction = prediction != NULL;
  self->train_rows = 0;

  if (prediction != NULL)
    {
      self->model_id = g_strdup (prediction->model_id);
      if (self->ticker == NULL)
        self->ticker = g_strdup (prediction->ticker);
      self->as_of = prediction->as_of;
      self->last_close = prediction->last_close;
      self->forecasts = g_new0 (ScForecast, MAX (prediction->n_forecasts, 1));
      for (guint i = 0; i < prediction->n_forecasts; i++)
        {
          const ScForecast *f = &prediction->forecasts[i];

          if (!(f->price > 0) || f->date <= prediction->as_of)
            continue;
          self->forecasts[self->n_forecasts++] = *f;
        }
      self->train_rows = prediction->rows;
      qsort (self->forecasts, self->n_forecasts, sizeof (ScForecast), compare_forecasts);
    }

  update_training_window (self, self->train_rows);
  self->range_set = FALSE;
  _sc_chart_renderer_invalidate (self);
}

const char *
sc_chart_renderer_get_ticker (ScChartRenderer *self)
{
  g_return_val_if_fail (SC_IS_CHART_RENDERER (self), NULL);

  return self->ticker;
}

void
sc_chart_renderer_set_past_predictions (ScChartRenderer             *self,
                                        const ScChartPastPrediction *items,
                                        guint                        n_items)
{
  g_return_if_fail (SC_IS_CHART_RENDERER (self));
  g_return_if_fail (items != NULL || n_items == 0);

  g_clear_pointer (&self->past, g_free);
  self->n_past = n_items;
  if (n_items > 0)
    self->past = g_memdup2 (items, sizeof (ScChartPastPrediction) * n_items);
  _sc_chart_renderer_invalidate (self);
}

void
sc_chart_renderer_set_show_ema (ScChartRenderer *self,
                                gboolean         show)
{
  g_return_if_fail (SC_IS_CHART_RENDERER (self));

  self->show_ema = !!show;
  _sc_chart_renderer_invalidate (self);
}

void
sc_chart_renderer_set_show_rsi (ScChartRenderer *self,
                                gboolean         show)
{
  g_return_if_fail (SC_IS_CHART_RENDERER (self));

  self->show_rsi = !!show;
  _sc_chart_renderer_invalidate (self);
}

gboolean
sc_chart_renderer_get_show_ema (ScChartRenderer *self)
{
  g_return_val_if_fail (SC_IS_CHART_RENDERER (self), FALSE);

  return self->show_ema;
}

gboolean
sc_chart_renderer_get_show_rsi (ScChartRenderer *self)
{
  g_return_val_if_fail (SC_IS_CHART_RENDERER (self), FALSE);

  return self->show_rsi;
}

void
sc_chart_renderer_set_show_title (ScChartRenderer *self,
                                  gboolean         show)
{
  g_return_if_fail (SC_IS_CHART_RENDERER (self));

  self->show_title = !!show;
  _sc_chart_renderer_invalidate (self);
}

void
sc_chart_renderer_set_log_scale (ScChartRenderer *self,
                                 gboolean         log_scale)
{
  g_return_if_fail (SC_IS_CHART_RENDERER (self));

  self->log_scale = !!log_scale;
  _sc_chart_renderer_invalidate (self);
}

gboolean
sc_chart_renderer_get_log_scale (ScChartRenderer *self)
{
  g_return_val_if_fail (SC_IS_CHART_RENDERER (self), FALSE);

  return self->log_scale;
}

void
sc_chart_renderer_set_theme (ScChartRenderer    *self,
                             const ScChartTheme *theme)
{
  g_return_if_fail (SC_IS_CHART_RENDERER (self));
  g_return_if_fail (theme != NULL);

  self->theme = *theme;
  _sc_chart_renderer_invalidate (self);
}

void
sc_chart_renderer_get_theme (ScChartRenderer *self,
                             ScChartTheme    *out_theme)
{
  g_return_if_fail (SC_IS_CHART_RENDERER (self));
  g_return_if_fail (out_theme != NULL);

  *out_theme = self->theme;
}

void
sc_chart_renderer_set_currency (ScChartRenderer *self,
                                const char      *symbol)
{
  g_return_if_fail (SC_IS_CHART_RENDERER (self));
  self->label_width[0] = self->label_width[1] = -1;

  g_free (self->currency);
  self->currency = g_strdup (symbol != NULL ? symbol : "");
  _sc_chart_renderer_invalidate (self);
}

void
sc_chart_renderer_set_font (ScChartRenderer *self,
                            const char      *font)
{
  PangoFontDescription *desc;
  double size;

  g_return_if_fail (SC_IS_CHART_RENDERER (self));
  self->label_width[0] = self->label_width[1] = -1;

  desc = pango_font_description_from_string (font != NULL ? font : "Sans 9");
  if (pango_font_description_get_size (desc) <= 0)
    pango_font_description_set_size (desc, 9 * PANGO_SCALE);
  size = pango_font_description_get_size (desc);

  g_clear_pointer (&self->font, pango_font_description_free);
  g_clear_pointer (&self->small_font, pango_font_description_free);
  g_clear_pointer (&self->title_font, pango_font_description_free);

  self->font = desc;
  self->small_font = pango_font_description_copy (desc);
  pango_font_description_set_size (self->small_font, (int) (size * 0.88));
  self->title_font = pango_font_description_copy (desc);
  pango_font_description_set_size (self->title_font, (int) (size * 1.3));
  pango_font_description_set_weight (self->title_font, PANGO_WEIGHT_BOLD);
  _sc_chart_renderer_invalidate (self);
}

/* Text */

void
_sc_chart_renderer_text_set (ScChartRenderer            *self,
                             const PangoFontDescription *font,
                             const char                 *text)
{
  pango_layout_set_font_description (self->text, font);
  pango_layout_set_text (self->text, text, -1);
}

void
_sc_chart_renderer_text_size (ScChartRenderer *self,
                              double          *width,
                              double          *height)
{
  int w, h;

  pango_layout_get_size (self->text, &w, &h);
  if (width != NULL)
    *width = (double) w / PANGO_SCALE;
  if (height != NULL)
    *height = (double) h / PANGO_SCALE;
}

double
_sc_chart_renderer_measure_label (const char *label,
                                  gpointer    user_data)
{
  ScChartRenderer *self = user_data;
  double width;

  _sc_chart_renderer_text_set (self, self->font, label);
  _sc_chart_renderer_text_size (self, &width, NULL);
  return width;
}

/* Draws the current text with its top-left corner at x, y. */
void
_sc_chart_renderer_text_show (ScChartRenderer    *self,
                              cairo_t            *cr,
                              double              x,
                              double              y,
                              const ScChartColor *color,
                              double              alpha)
{
  _sc_chart_set_color (cr, color, alpha);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, self->text);
}

void
_sc_chart_rounded_rect (cairo_t *cr,
                        double   x,
                        double   y,
                        double   w,
                        double   h,
                        double   r)
{
  r = MIN (r, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

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

      cairo_arc (cr, x, y, 5.5, 0, 2 * G_PI);
      _sc_chart_set_color (cr, &self->theme.background, 1);
      cairo_fill (cr);
      cairo_arc (cr, x, y, 4, 0, 2 * G_PI);
      _sc_chart_set_color (cr, color, 1);
      cairo_fill (cr);

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

/* Export */

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

gboolean
sc_chart_renderer_export (ScChartRenderer  *self,
                          const char       *path,
                          int               width,
                          int               height,
                          GError          **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autofree char *lower = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  enum { PNG, SVG, PDF } format;

  g_return_val_if_fail (SC_IS_CHART_RENDERER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".png"))
    format = PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    format = SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    format = PDF;
  else
    {
      g_set_error (error, SC_ERROR, SC_ERROR_USAGE,
                   _("The chart file name must end in .png, .svg or .pdf."));
      return FALSE;
    }

  if (width < 100 || height < 100 || width > 10000 || height > 10000)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_USAGE,
                   _("The chart size must be between 100 and 10000 pixels each way."));
      return FALSE;
    }

  switch (format)
    {
    case SVG:
      surface = cairo_svg_surface_create_for_stream (append_bytes, bytes, width, height);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
      break;
    case PDF:
      surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, width, height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                      self->ticker != NULL ? self->ticker : "Stockcast");
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Stockcast");
      break;
    case PNG:
    default:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      break;
    }

  cr = cairo_create (surface);
  sc_chart_renderer_draw (self, cr, width, height);
  status = cairo_status (cr);
  cairo_destroy (cr);

  if (status == CAIRO_STATUS_SUCCESS)
    {
      if (format == PNG)
        status = cairo_surface_write_to_png_stream (surface, append_bytes, bytes);
      else
        {
          cairo_surface_finish (surface);
          status = cairo_surface_status (surface);
        }
    }
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("Could not draw the chart: %s."), cairo_status_to_string (status));
      return FALSE;
    }

  /* Written to a temporary file and renamed: never half a chart. */
  if (!g_file_set_contents (path, (const char *) bytes->data, bytes->len, error))
    {
      g_prefix_error (error, "%s", "");
      if (error != NULL && *error != NULL)
        {
          (*error)->domain = SC_ERROR;
          (*error)->code = SC_ERROR_DATA;
        }
      return FALSE;
    }

  return TRUE;
}
