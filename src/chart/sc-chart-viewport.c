/* sc-chart-viewport.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The visible range: presets, clamping, zoom and pan, and the mapping
 * between dates, prices and pixels. */

#include "config.h"

#include <math.h>

#include "sc-chart-renderer-private.h"

/* Ranges */

static const struct
{
  const char *name;
  double      days;
} range_presets[] = {
  [SC_CHART_RANGE_1M] = { "1m", 31 },
  [SC_CHART_RANGE_6M] = { "6m", 183 },
  [SC_CHART_RANGE_1Y] = { "1y", 366 },
  [SC_CHART_RANGE_5Y] = { "5y", 1827 },
  [SC_CHART_RANGE_10Y] = { "10y", 3653 },
  [SC_CHART_RANGE_ALL] = { "all", 0 },
};

gboolean
sc_chart_range_parse (const char   *text,
                      ScChartRange *out_range)
{
  g_return_val_if_fail (out_range != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (range_presets); i++)
    if (g_ascii_strcasecmp (text, range_presets[i].name) == 0)
      {
        *out_range = (ScChartRange) i;
        return TRUE;
      }

  return FALSE;
}

const char *
sc_chart_range_to_string (ScChartRange range)
{
  g_return_val_if_fail (range <= SC_CHART_RANGE_ALL, NULL);

  return range_presets[range].name;
}

/* Visible range */

static double
forecast_last_day (ScChartRenderer *self)
{
  return self->n_forecasts > 0 ? self->forecasts[self->n_forecasts - 1].date : -G_MAXDOUBLE;
}

void
sc_chart_renderer_get_full_range (ScChartRenderer *self,
                                  double          *first,
                                  double          *last)
{
  double lo, hi;

  g_return_if_fail (SC_IS_CHART_RENDERER (self));

  if (self->n_rows == 0)
    {
      lo = self->has_prediction ? self->as_of - 30 : 0;
      hi = MAX (lo + 30, forecast_last_day (self));
    }
  else
    {
      lo = self->days[0];
      hi = MAX (self->days[self->n_rows - 1], forecast_last_day (self));
    }

  hi += MAX (2.0, (hi - lo) * 0.04);
  if (hi - lo < MIN_SPAN)
    lo = hi - MIN_SPAN;

  if (first != NULL)
    *first = lo;
  if (last != NULL)
    *last = hi;
}

static void
preset_range (ScChartRenderer *self,
              ScChartRange     range,
              double          *out_first,
              double          *out_last)
{
  double full_first, full_last;
  double end, history;
  double ahead = 0;

  sc_chart_renderer_get_full_range (self, &full_first, &full_last);
  end = self->n_rows > 0 ? self->days[self->n_rows - 1] : full_first;
  if (self->has_prediction)
    end = MAX (end, self->as_of);

  history = range == SC_CHART_RANGE_ALL ? end - full_first : range_presets[range].days;
  history = MAX (history, MIN_SPAN);

  /* Show the forecasts that fit beside this much history. */
  for (guint i = 0; i < self->n_forecasts; i++)
    {
      double offset = self->forecasts[i].date - end;

      if (range == SC_CHART_RANGE_ALL || range >= SC_CHART_RANGE_5Y || offset <= history / 2)
        ahead = MAX (ahead, offset);
    }

  if (self->n_forecasts == 0)
    ahead = history * 0.02;
  else if (range >= SC_CHART_RANGE_5Y)
    ahead = MAX (history * 0.02, ahead * 1.06 + history * 0.02);
  else
    ahead = MAX (history / 4, ahead * 1.06 + history * 0.04);

  *out_first = MAX (full_first, end - history);
  *out_last = end + MAX (ahead, 1);
}

static void
clamp_range (ScChartRenderer *self,
             double          *first,
             double          *last)
{
  double full_first, full_last;
  double span;

  sc_chart_renderer_get_full_range (self, &full_first, &full_last);

  span = CLAMP (*last - *first, MIN_SPAN, full_last - full_first);
  if (*first < full_first)
    *first = full_first;
  if (*first + span > full_last)
    *first = full_last - span;
  *last = *first + span;
}

void
_sc_chart_renderer_effective_range (ScChartRenderer *self,
                                    double          *first,
                                    double          *last)
{
  if (self->range_set)
    {
      *first = self->first;
      *last = self->last;
    }
  else
    {
      preset_range (self, SC_CHART_RANGE_5Y, first, last);
      clamp_range (self, first, last);
    }
}

void
sc_chart_renderer_set_visible_range (ScChartRenderer *self,
                                     double           first,
                                     double           last)
{
  g_return_if_fail (SC_IS_CHART_RENDERER (self));
  g_return_if_fail (isfinite (first) && isfinite (last));

  if (last < first)
    {
      double tmp = first;

      first = last;
      last = tmp;
    }

  clamp_range (self, &first, &last);
  self->first = first;
  self->last = last;
  self->range_set = TRUE;
  _sc_chart_renderer_invalidate (self);
}

void
sc_chart_renderer_get_visible_range (ScChartRenderer *self,
                                     double          *first,
                                     double          *last)
{
  double f, l;

  g_return_if_fail (SC_IS_CHART_RENDERER (self));

  _sc_chart_renderer_effective_range (self, &f, &l);
  if (first != NULL)
    *first = f;
  if (last != NULL)
    *last = l;
}

void
sc_chart_renderer_set_range (ScChartRenderer *self,
                             ScChartRange     range)
{
  double first, last;

  g_return_if_fail (SC_IS_CHART_RENDERER (self));
  g_return_if_fail (range <= SC_CHART_RANGE_ALL);

  preset_range (self, range, &first, &last);
  clamp_range (self, &first, &last);
  self->first = first;
  self->last = last;
  self->range_set = TRUE;
  _sc_chart_renderer_invalidate (self);
}

/* Geometry */

/* The layout at width × height, made first if need be. */
static const Layout *
layout_at (ScChartRenderer *self,
           int              width,
           int              height)
{
  _sc_chart_renderer_ensure_layout (self, width, height);
  return &self->layout;
}

void
sc_chart_renderer_get_plot_area (ScChartRenderer   *self,
                                 int                width,
                                 int                height,
                                 cairo_rectangle_t *out_area)
{
  g_return_if_fail (SC_IS_CHART_RENDERER (self));
  g_return_if_fail (out_area != NULL);

  *out_area = layout_at (self, width, height)->plot;
}

double
sc_chart_renderer_date_to_x (ScChartRenderer *self,
                             int              width,
                             int              height,
                             double           day)
{
  g_return_val_if_fail (SC_IS_CHART_RENDERER (self), 0);

  return sc_chart_scale_map (&layout_at (self, width, height)->xs, day);
}

double
sc_chart_renderer_x_to_date (ScChartRenderer *self,
                             int              width,
                             int              height,
                             double           x)
{
  g_return_val_if_fail (SC_IS_CHART_RENDERER (self), 0);

  return sc_chart_scale_unmap (&layout_at (self, width, height)->xs, x);
}

double
sc_chart_renderer_price_to_y (ScChartRenderer *self,
                              int              width,
                              int              height,
                              double           price)
{
  g_return_val_if_fail (SC_IS_CHART_RENDERER (self), 0);

  return sc_chart_scale_map (&layout_at (self, width, height)->ys, price);
}

GArray *
sc_chart_renderer_get_date_ticks (ScChartRenderer *self,
                                  int              width,
                                  int              height)
{
  g_return_val_if_fail (SC_IS_CHART_RENDERER (self), NULL);

  return layout_at (self, width, height)->date_ticks;
}

GArray *
sc_chart_renderer_get_price_ticks (ScChartRenderer *self,
                                   int              width,
                                   int              height)
{
  g_return_val_if_fail (SC_IS_CHART_RENDERER (self), NULL);

  return layout_at (self, width, height)->price_ticks;
}

void
sc_chart_renderer_zoom (ScChartRenderer *self,
                        int              width,
                        int              height,
                        double           anchor_x,
                        double           factor)
{
  double first, last, anchor;

  g_return_if_fail (SC_IS_CHART_RENDERER (self));
  g_return_if_fail (factor > 0);

  _sc_chart_renderer_ensure_layout (self, width, height);
  _sc_chart_renderer_effective_range (self, &first, &last);
  anchor = sc_chart_scale_unmap (&self->layout.xs,
                                 CLAMP (anchor_x, self->layout.plot.x,
                                        self->layout.plot.x + self->layout.plot.width));

  sc_chart_renderer_set_visible_range (self,
                                       anchor - (anchor - first) / factor,
                                       anchor + (last - anchor) / factor);
}

void
sc_chart_renderer_pan (ScChartRenderer *self,
                       int              width,
                       int              height,
                       double           first,
                       double           last,
                       double           dx)
{
  double days;

  g_return_if_fail (SC_IS_CHART_RENDERER (self));

  _sc_chart_renderer_ensure_layout (self, width, height);
  days = dx * (last - first) / self->layout.plot.width;
  sc_chart_renderer_set_visible_range (self, first - days, last - days);
}
