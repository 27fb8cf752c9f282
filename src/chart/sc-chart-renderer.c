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

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "sc-chart-renderer-private.h"
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

/* A dot of COLOR (radius INNER) ringed with the background out to OUTER, so
 * it stands out from the lines beneath. */
void
_sc_chart_renderer_draw_dot (ScChartRenderer    *self,
                             cairo_t            *cr,
                             double              x,
                             double              y,
                             double              outer,
                             double              inner,
                             const ScChartColor *color)
{
  cairo_arc (cr, x, y, outer, 0, 2 * G_PI);
  _sc_chart_set_color (cr, &self->theme.background, 1);
  cairo_fill (cr);
  cairo_arc (cr, x, y, inner, 0, 2 * G_PI);
  _sc_chart_set_color (cr, color, 1);
  cairo_fill (cr);
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
