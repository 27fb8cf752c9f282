/* sc-chart-layout.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Layout at one size: plot and axis areas, the visible price extent,
 * the ticks, and the placement of the labels inside the plot. */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sc-chart-renderer-private.h"

/* Data lookups */

/* The first row dated at or after day. */
guint
_sc_chart_renderer_lower_bound (ScChartRenderer *self,
                                double           day)
{
  guint lo = 0, hi = self->n_rows;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (self->days[mid] < day)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

double
_sc_chart_renderer_fan_point (ScChartRenderer *self,
                              guint            i,
                              FanEdge          edge,
                              double          *day)
{
  const ScForecast *f;

  /* Point 0 is the last close; the fan opens from it. */
  if (i == 0)
    {
      *day = self->as_of;
      return self->last_close;
    }

  f = &self->forecasts[i - 1];
  *day = f->date;
  switch (edge)
    {
    case FAN_LOW:
      return isfinite (f->low) && f->low > 0 ? f->low : f->price;
    case FAN_HIGH:
      return isfinite (f->high) && f->high > 0 ? f->high : f->price;
    case FAN_PRICE:
    default:
      return f->price;
    }
}

static void
extend (double *lo,
        double *hi,
        double  value)
{
  if (!isfinite (value) || value <= 0)
    return;
  *lo = MIN (*lo, value);
  *hi = MAX (*hi, value);
}

/* The price extent of what is visible between first and last. */
static void
visible_extent (ScChartRenderer *self,
                double           first,
                double           last,
                double          *out_lo,
                double          *out_hi)
{
  double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;
  double fan_lo = G_MAXDOUBLE, fan_hi = -G_MAXDOUBLE;
  guint i0 = _sc_chart_renderer_lower_bound (self, first);
  guint i1 = _sc_chart_renderer_lower_bound (self, last + 1e-9);

  for (guint i = i0; i < i1; i++)
    {
      extend (&lo, &hi, self->close[i]);
      if (self->show_ema)
        extend (&lo, &hi, self->ema[i]);
    }

  /* The line leaves the plot between the visible rows and their outer
   * neighbours: include where it crosses the edges. */
  if (i0 > 0 && i0 < self->n_rows)
    {
      double t = (first - self->days[i0 - 1]) / (self->days[i0] - self->days[i0 - 1]);
      extend (&lo, &hi, self->close[i0 - 1] + t * (self->close[i0] - self->close[i0 - 1]));
    }
  if (i1 > 0 && i1 < self->n_rows)
    {
      double t = (last - self->days[i1 - 1]) / (self->days[i1] - self->days[i1 - 1]);
      extend (&lo, &hi, self->close[i1 - 1] + t * (self->close[i1] - self->close[i1 - 1]));
    }

  if (self->has_prediction)
    {
      for (guint i = 0; i <= self->n_forecasts; i++)
        for (int edge = FAN_PRICE; edge <= FAN_HIGH; edge++)
          {
            double day, value = _sc_chart_renderer_fan_point (self, i, edge, &day);
            /* The forecasts themselves count in full, their intervals
             * only as far as the cap below allows. */
            double *elo = edge == FAN_PRICE ? &lo : &fan_lo;
            double *ehi = edge == FAN_PRICE ? &hi : &fan_hi;

            if (day >= first && day <= last)
              extend (elo, ehi, value);

            /* Segments crossing either edge. */
            if (i > 0)
              {
                double day0, value0 = _sc_chart_renderer_fan_point (self, i - 1, edge, &day0);
                double edges[2] = { first, last };

                for (guint e = 0; e < 2; e++)
                  if (day0 < edges[e] && day > edges[e])
                    extend (elo, ehi, value0 + (value - value0) * (edges[e] - day0) / (day - day0));
              }
          }
    }

  for (guint i = 0; i < self->n_past; i++)
    {
      const ScChartPastPrediction *p = &self->past[i];

      if (p->date < first || p->date > last)
        continue;
      extend (&lo, &hi, p->price);
      extend (&lo, &hi, p->actual);
    }

  if (lo > hi)
    {
      /* Nothing visible: the whole series, or a placeholder. */
      for (guint i = 0; i < self->n_rows; i++)
        extend (&lo, &hi, self->close[i]);
      if (lo > hi)
        {
          lo = 1;
          hi = 100;
        }
    }

  /* An interval far wider than everything else (NVDA a year ahead: $80 to
   * $5,600 beside closes under $600) would squeeze the prices into a strip
   * at the bottom. It may add at most the height of the rest again, on a
   * log axis the same ratio again; beyond that the fan runs off the plot,
   * and the card and tooltip still give its bounds. */
  if (fan_lo <= fan_hi)
    {
      double cap_lo, cap_hi;

      if (self->log_scale)
        {
          double ratio = MAX (hi / lo, 1.5);

          cap_lo = lo / ratio;
          cap_hi = hi * ratio;
        }
      else
        {
          double span = MAX (hi - lo, 0.2 * hi);

          cap_lo = lo - span;
          cap_hi = hi + span;
        }
      lo = MIN (lo, MAX (fan_lo, cap_lo));
      hi = MAX (hi, MIN (fan_hi, cap_hi));
    }

  *out_lo = lo;
  *out_hi = hi;
}

/* A forecast's label: its price (with an arrow when its point lies past
 * the cut) over the horizon in the card's and the history's words. */
void
_sc_chart_renderer_forecast_label_text (ScChartRenderer *self,
                                        guint            index,
                                        gboolean         beyond,
                                        gboolean         compact,
                                        char           **price_line,
                                        char           **horizon_line)
{
  const ScForecast *f = &self->forecasts[index];
  g_autofree char *price = sc_chart_format_price (f->price, 0.01, self->currency);

  /* TRANSLATORS: a forecast label on the chart whose point lies beyond the
   * right edge: an arrow, then the price */
  *price_line = beyond ? g_strdup_printf (C_("chart", "→ %s"), price) : g_steal_pointer (&price);
  if (compact)
    /* TRANSLATORS: a short forecast label on a narrow chart: trading days ahead */
    *horizon_line = g_strdup_printf (C_("chart", "%d d"), f->horizon);
  else
    *horizon_line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "In %d trading day", "In %d trading days", f->horizon),
                                     f->horizon);
}

static void
forecast_label_size (ScChartRenderer *self,
                     guint            index,
                     gboolean         beyond,
                     gboolean         compact,
                     double          *out_w,
                     double          *out_h)
{
  g_autofree char *price = NULL;
  g_autofree char *horizon = NULL;
  double w1, h1, w2, h2;

  _sc_chart_renderer_forecast_label_text (self, index, beyond, compact, &price, &horizon);
  _sc_chart_renderer_text_set (self, self->small_font, price);
  _sc_chart_renderer_text_size (self, &w1, &h1);
  _sc_chart_renderer_text_set (self, self->small_font, horizon);
  _sc_chart_renderer_text_size (self, &w2, &h2);
  *out_w = MAX (w1, w2) + 10;
  *out_h = h1 + h2 + 4;
}

static double
forecast_label_width (ScChartRenderer *self,
                      gboolean         compact)
{
  double widest = 0;

  if (self->label_width[compact ? 1 : 0] >= 0)
    return self->label_width[compact ? 1 : 0];

  for (guint i = 0; i < self->n_forecasts; i++)
    {
      double w, h;

      forecast_label_size (self, i, TRUE, compact, &w, &h);
      widest = MAX (widest, w);
    }

  self->label_width[compact ? 1 : 0] = widest;
  return widest;
}

static gboolean
past_in_view (ScChartRenderer *self,
              double           first,
              double           last)
{
  for (guint i = 0; i < self->n_past; i++)
    if (self->past[i].date >= first && self->past[i].date <= last)
      return TRUE;
  return FALSE;
}

static void place_labels (ScChartRenderer *self);

void
_sc_chart_renderer_ensure_layout (ScChartRenderer *self,
                                  int              width,
                                  int              height)
{
  Layout *L = &self->layout;
  double first, last, lo, hi;
  double title_h = 0, axis_w = 0, bottom_h, rsi_h, rsi_gap, top;
  double price_gap;

  if (L->valid && L->width == width && L->height == height)
    return;

  g_clear_pointer (&L->date_ticks, g_array_unref);
  g_clear_pointer (&L->price_ticks, g_array_unref);
  g_clear_pointer (&L->labels, g_array_unref);
  L->width = width;
  L->height = height;

  _sc_chart_renderer_effective_range (self, &first, &last);

  _sc_chart_renderer_text_set (self, self->font, "0123456789");
  _sc_chart_renderer_text_size (self, NULL, &L->label_h);

  if (self->show_title && self->ticker != NULL)
    {
      _sc_chart_renderer_text_set (self, self->title_font, self->ticker);
      _sc_chart_renderer_text_size (self, NULL, &title_h);
      L->title = (cairo_rectangle_t) { PAD, PAD, MAX (0, width - 2 * PAD), title_h };
      top = PAD + title_h + 10;
    }
  else
    {
      L->title = (cairo_rectangle_t) { PAD, PAD, 0, 0 };
      top = PAD;
    }

  bottom_h = L->label_h + AXIS_GAP;
  rsi_gap = self->show_rsi ? 12 : 0;
  rsi_h = self->show_rsi ? MAX (48.0, (height - top - PAD - bottom_h) * 0.2) : 0;

  L->plot.y = top;
  L->plot.height = MAX (10.0, height - PAD - bottom_h - rsi_h - rsi_gap - top);
  L->rsi.y = L->plot.y + L->plot.height + rsi_gap;
  L->rsi.height = rsi_h;

  /* Price scale with some air above and below the data. */
  visible_extent (self, first, last, &lo, &hi);
  if (self->log_scale)
    {
      double ll = log (lo), lh = log (hi), r = MAX (lh - ll, 0.02);

      lo = exp (ll - 0.08 * r);
      hi = exp (lh + 0.08 * r);
    }
  else
    {
      double r = hi - lo;

      if (r < fabs (hi) * 1e-6)
        r = MAX (fabs (hi) * 0.02, 0.01);
      lo = MAX (lo - 0.08 * r, lo >= 0 ? 0 : -G_MAXDOUBLE);
      hi = hi + 0.08 * r;
    }

  /* Room for a label and most of one again between two labels (the tick
   * choice itself keeps the axis to a handful of them); a short plot
   * squeezes them a little closer rather than show too few. */
  price_gap = L->label_h * 1.8;
  L->price_ticks = sc_chart_price_ticks (lo, hi, self->log_scale, L->plot.height,
                                         price_gap, self->currency);
  if (L->price_ticks->len < MIN_PRICE_TICKS)
    {
      GArray *closer = sc_chart_price_ticks (lo, hi, self->log_scale, L->plot.height,
                                             L->label_h * 1.35, self->currency);

      if (closer->len > L->price_ticks->len)
        g_clear_pointer (&L->price_ticks, g_array_unref);
      if (L->price_ticks == NULL)
        L->price_ticks = closer;
      else
        g_array_unref (closer);
    }
  L->price_step = L->price_ticks->len >= 2
    ? fabs (g_array_index (L->price_ticks, ScChartTick, 1).value -
            g_array_index (L->price_ticks, ScChartTick, 0).value)
    : 1;

  for (guint i = 0; i < L->price_ticks->len; i++)
    {
      ScChartTick *tick = &g_array_index (L->price_ticks, ScChartTick, i);
      double w;

      _sc_chart_renderer_text_set (self, self->font, tick->label);
      _sc_chart_renderer_text_size (self, &w, &tick->extent);
      axis_w = MAX (axis_w, w);
    }

  /* Room for the last-close tag and the hover tag too. */
  {
    g_autofree char *tag = sc_chart_format_price (MAX (fabs (hi), fabs (lo)), 0.01, self->currency);
    double w;

    _sc_chart_renderer_text_set (self, self->font, tag);
    _sc_chart_renderer_text_size (self, &w, NULL);
    axis_w = MAX (axis_w, w + 8);
  }

  /* The forecasts' labels get a column of their own between the plot and
   * the price axis, when the forecast is in view; a narrow chart gets
   * shorter labels rather than a sliver of a plot. */
  L->gutter = 0;
  L->compact = FALSE;
  /* Kept whatever the view (zoom and pan keep the plot's width). */
  if (self->has_prediction && self->n_forecasts > 0)
    {
      double room = width - 2 * PAD - AXIS_GAP - axis_w;

      L->gutter = forecast_label_width (self, FALSE) + LABEL_GAP;
      if (L->gutter > room * 0.35)
        {
          L->compact = TRUE;
          L->gutter = forecast_label_width (self, TRUE) + LABEL_GAP;
        }
    }

  L->plot.x = PAD;
  L->plot.width = MAX (10.0, width - PAD - AXIS_GAP - axis_w - L->gutter - L->plot.x);
  L->rsi.x = L->plot.x;
  L->rsi.width = L->plot.width;

  L->xs = (ScChartScale) { first, last, L->plot.x, L->plot.x + L->plot.width, FALSE };
  L->ys = (ScChartScale) { lo, hi, L->plot.y + L->plot.height, L->plot.y, self->log_scale };
  L->rs = (ScChartScale) { 0, 100, L->rsi.y + L->rsi.height, L->rsi.y, FALSE };

  L->date_ticks = sc_chart_date_ticks (first, last, L->plot.width, _sc_chart_renderer_measure_label, self);

  /* The training window's shade says something only where it begins
   * inside the view; covering the whole plot, it says nothing. */
  L->show_training = self->has_prediction && isfinite (self->train_first) &&
                     self->train_first > first && self->train_first < MIN (self->as_of, last);
  place_labels (self);

  L->valid = TRUE;
}

/* The in-plot legend of the window's chart (exports have it in their
 * title line): what the forecast, earlier predictions and the shade are. */
guint
_sc_chart_renderer_plot_legend_items (ScChartRenderer *self,
                                      LegendItem      *items)
{
  const Layout *L = &self->layout;
  guint n = 0;

  if (self->show_title || !self->has_prediction)
    return 0;

  items[n++] = (LegendItem) { _("Forecast, 80% range"), SWATCH_DASH, &self->theme.forecast, TRUE };
  if (self->n_past > 0 && past_in_view (self, L->xs.d0, L->xs.d1))
    items[n++] = (LegendItem) { _("Earlier predictions"), SWATCH_DIAMOND, &self->theme.forecast, TRUE };
  if (L->show_training)
    items[n++] = (LegendItem) { _("Training window"), SWATCH_BOX, &self->theme.foreground, TRUE };

  return n;
}

typedef struct
{
  double y;
  double h;
  guint  index;
} Slot;

static int
compare_slots (gconstpointer a,
               gconstpointer b)
{
  const Slot *sa = a, *sb = b;

  return sa->y < sb->y ? -1 : sa->y > sb->y ? 1 : 0;
}

static gboolean
rect_overlaps (const cairo_rectangle_t *a,
               const cairo_rectangle_t *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

static void
place_labels (ScChartRenderer *self)
{
  Layout *L = &self->layout;
  double right = L->plot.x + L->plot.width;
  double bottom = L->plot.y + L->plot.height - 2;
  double top = L->plot.y + 2;
  double column_x, cut_x = right;
  LegendItem items[4];
  guint n_items;
  g_autoptr(GArray) slots = g_array_new (FALSE, FALSE, sizeof (Slot));

  L->labels = g_array_new (FALSE, TRUE, sizeof (ScChartLabel));
  L->fan_cut = FALSE;

  /* The legend: one row at the top left, or one item a row if that is
   * more than half the plot. */
  n_items = _sc_chart_renderer_plot_legend_items (self, items);
  /* A plot too narrow for the whole legend keeps the items that fit. */
  while (n_items > 0)
    {
      double widest = 0;

      for (guint i = 0; i < n_items; i++)
        {
          double w;

          _sc_chart_renderer_text_set (self, self->small_font, items[i].label);
          _sc_chart_renderer_text_size (self, &w, NULL);
          widest = MAX (widest, LEGEND_SWATCH + w);
        }
      if (widest + 12 <= L->plot.width - 12)
        break;
      n_items--;
    }
  L->n_legend = n_items;
  if (n_items > 0)
    {
      double row_w = 0, item_h = 0, widest = 0;
      gboolean stacked;
      ScChartLabel legend = { SC_CHART_LABEL_LEGEND, 0, FALSE };

      for (guint i = 0; i < n_items; i++)
        {
          double w, h;

          _sc_chart_renderer_text_set (self, self->small_font, items[i].label);
          _sc_chart_renderer_text_size (self, &w, &h);
          row_w += LEGEND_SWATCH + w + (i ? LEGEND_GAP : 0);
          widest = MAX (widest, LEGEND_SWATCH + w);
          item_h = MAX (item_h, h);
        }
      stacked = row_w > L->plot.width * 0.5;
      legend.rect = (cairo_rectangle_t) {
        L->plot.x + 6, L->plot.y + 4,
        (stacked ? widest : row_w) + 12,
        (stacked ? n_items * (item_h + 2) : item_h + 2) + 4,
      };
      g_array_append_val (L->labels, legend);
    }

  /* The last close's date, beside its marker. */
  if (self->has_prediction && self->as_of >= L->xs.d0 && self->as_of <= L->xs.d1)
    {
      ScChartLabel today = { SC_CHART_LABEL_TODAY, 0, FALSE };
      char date[64];
      double x = sc_chart_scale_map (&L->xs, self->as_of);
      double w, h;

      _sc_chart_format_day_long (self->as_of, date, sizeof date);
      _sc_chart_renderer_text_set (self, self->small_font, date);
      _sc_chart_renderer_text_size (self, &w, &h);
      today.rect = (cairo_rectangle_t) { x - 6 - w, L->plot.y + 4, w, h };
      if (today.rect.x < L->plot.x)
        today.rect.x = x + 6;
      if (today.rect.x + w > L->plot.x + L->plot.width)
        today.rect.x = L->plot.x + L->plot.width - w;
      for (guint i = 0; i < L->labels->len; i++)
        {
          const ScChartLabel *other = &g_array_index (L->labels, ScChartLabel, i);

          if (rect_overlaps (&today.rect, &other->rect))
            today.rect.y = other->rect.y + other->rect.height + 4;
        }
      today.anchor_x = x;
      today.anchor_y = today.rect.y;
      if (w <= L->plot.width)
        g_array_append_val (L->labels, today);
    }

  if (!self->has_prediction || self->n_forecasts == 0 || self->as_of > L->xs.d1 ||
      self->forecasts[self->n_forecasts - 1].date < L->xs.d0)
    return;

  /* The forecasts' column right of the plot (the layout's gutter); where
   * the forecast runs on past the plot's edge, it is cut there and marked. */
  if (L->gutter <= 0)
    return;
  column_x = right + LABEL_GAP;
  top = L->plot.y;
  bottom = L->plot.y + L->plot.height;

  for (guint i = 0; i < L->labels->len; i++)
    {
      const ScChartLabel *other = &g_array_index (L->labels, ScChartLabel, i);

      if (other->rect.x < column_x + L->gutter && column_x < other->rect.x + other->rect.width)
        top = MAX (top, other->rect.y + other->rect.height + 4);
    }

  {
    double prev_day = self->as_of;
    double prev_x = sc_chart_scale_map (&L->xs, self->as_of);
    double prev_y = sc_chart_scale_map (&L->ys, self->last_close);
    double cut_y = NAN;

    for (guint i = 0; i < self->n_forecasts; i++)
      {
        const ScForecast *f = &self->forecasts[i];
        double x = sc_chart_scale_map (&L->xs, f->date);
        double y = sc_chart_scale_map (&L->ys, f->price);
        ScChartLabel label = { SC_CHART_LABEL_FORECAST, i, FALSE };
        Slot slot;
        double w, h;

        if (f->date < L->xs.d0)
          {
            prev_day = f->date;
            prev_x = x;
            prev_y = y;
            continue;
          }

        if (x > cut_x)
          {
            /* Where the dashed path crosses the cut. */
            if (!isfinite (cut_y))
              cut_y = x - prev_x > 0.5 ? prev_y + (y - prev_y) * (cut_x - prev_x) / (x - prev_x) : y;
            label.beyond = TRUE;
            label.anchor_x = cut_x;
            label.anchor_y = cut_y;
            L->fan_cut = TRUE;
          }
        else
          {
            label.anchor_x = x;
            label.anchor_y = y;
          }
        label.anchor_y = CLAMP (label.anchor_y, L->plot.y, L->plot.y + L->plot.height);
        forecast_label_size (self, i, label.beyond, L->compact, &w, &h);
        label.rect = (cairo_rectangle_t) { column_x, label.anchor_y - h / 2, w, h };

        slot = (Slot) { label.rect.y, h, L->labels->len };
        g_array_append_val (slots, slot);
        g_array_append_val (L->labels, label);

        prev_day = f->date;
        prev_x = x;
        prev_y = y;
      }
    (void) prev_day;
  }

  /* Apart, in the order of their points: pushed down from the top, then
   * up from the bottom if that ran over. */
  g_array_sort (slots, compare_slots);
  for (guint i = 0; i < slots->len; i++)
    {
      Slot *slot = &g_array_index (slots, Slot, i);
      double floor_y = i == 0 ? top : g_array_index (slots, Slot, i - 1).y + g_array_index (slots, Slot, i - 1).h + 3;

      slot->y = MAX (slot->y, floor_y);
    }
  for (guint i = slots->len; i > 0; i--)
    {
      Slot *slot = &g_array_index (slots, Slot, i - 1);
      double ceiling = i == slots->len ? bottom : g_array_index (slots, Slot, i).y - 3;

      if (slot->y + slot->h > ceiling)
        slot->y = ceiling - slot->h;
    }
  for (guint i = 0; i < slots->len; i++)
    {
      Slot *slot = &g_array_index (slots, Slot, i);

      g_array_index (L->labels, ScChartLabel, slot->index).rect.y = slot->y;
    }
}

GArray *
sc_chart_renderer_get_labels (ScChartRenderer *self,
                              int              width,
                              int              height)
{
  g_return_val_if_fail (SC_IS_CHART_RENDERER (self), NULL);

  _sc_chart_renderer_ensure_layout (self, width, height);
  return g_array_ref (self->layout.labels);
}
