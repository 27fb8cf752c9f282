/* sc-chart-ticks.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Date and price ticks, number and date labels, scales and decimation:
 * the renderer's pure helpers. */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sc-chart-renderer-private.h"
#include "sc-currency.h"
#include "sc-prices.h"

/* Dates are written with g_date_time_format() and formats from the
 * translation: the window's own date format for whole dates, so the chart
 * and the card agree, and each language orders and names them its way. */
static void
format_date (double      day,
             const char *format,
             char       *buffer,
             gsize       size)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc ((gint64) floor (day) * 86400);
  g_autofree char *text = date ? g_date_time_format (date, format) : NULL;

  g_strlcpy (buffer, text ? text : "–", size);
}

void
_sc_chart_format_day_long (double  day,
                           char   *buffer,
                           gsize   size)
{
  /* TRANSLATORS: a date as in "1 Apr 2022", used everywhere in the window;
   * see g_date_time_format(). Chinese: "%Y年%-m月%-d日" */
  format_date (day, _("%-e %b %Y"), buffer, size);
}

/* Scales */

double
sc_chart_scale_map (const ScChartScale *scale,
                    double              value)
{
  double t;

  if (scale->log)
    t = (log (value) - log (scale->d0)) / (log (scale->d1) - log (scale->d0));
  else
    t = (value - scale->d0) / (scale->d1 - scale->d0);

  return scale->p0 + t * (scale->p1 - scale->p0);
}

double
sc_chart_scale_unmap (const ScChartScale *scale,
                      double              pixel)
{
  double t = (pixel - scale->p0) / (scale->p1 - scale->p0);

  if (scale->log)
    return exp (log (scale->d0) + t * (log (scale->d1) - log (scale->d0)));

  return scale->d0 + t * (scale->d1 - scale->d0);
}

/* Date ticks */

typedef enum
{
  STEP_DAY,
  STEP_WEEK,
  STEP_HALF_MONTH,
  STEP_MONTH,
  STEP_YEAR,
} StepKind;

static const struct
{
  StepKind kind;
  int      n;
  double   approx_days;
} date_steps[] = {
  { STEP_DAY, 1, 1 },
  { STEP_DAY, 2, 2 },
  { STEP_DAY, 3, 3 },
  { STEP_WEEK, 1, 7 },
  { STEP_HALF_MONTH, 1, 15 },
  { STEP_MONTH, 1, 30.4 },
  { STEP_MONTH, 2, 61 },
  { STEP_MONTH, 3, 91 },
  { STEP_MONTH, 6, 182 },
  { STEP_YEAR, 1, 365 },
  { STEP_YEAR, 2, 730 },
  { STEP_YEAR, 5, 1826 },
  { STEP_YEAR, 10, 3652 },
  { STEP_YEAR, 20, 7305 },
  { STEP_YEAR, 50, 18262 },
  { STEP_YEAR, 100, 36525 },
  { STEP_YEAR, 200, 73050 },
  { STEP_YEAR, 500, 182621 },
};

static void
add_date_tick (GArray *ticks,
               gint64  day,
               double  first,
               double  last,
               double  width_px)
{
  ScChartTick tick = { 0 };

  if (day < first || day > last)
    return;

  tick.value = day;
  tick.pos = (day - first) / (last - first) * width_px;
  g_array_append_val (ticks, tick);
}

/* Plain labels; returns whether one of them names the year. */
static gboolean
label_date_ticks (GArray   *ticks,
                  StepKind  kind)
{
  gboolean year_shown = FALSE;

  for (guint i = 0; i < ticks->len; i++)
    {
      ScChartTick *tick = &g_array_index (ticks, ScChartTick, i);
      int y, m;

      sc_day_to_ymd ((ScDay) tick->value, &y, &m, NULL);
      switch (kind)
        {
        case STEP_DAY:
        case STEP_WEEK:
        case STEP_HALF_MONTH:
          /* TRANSLATORS: a date tick: abbreviated month and day; see
           * g_date_time_format(). Chinese: "%-m月%-d日" */
          format_date (tick->value, C_("chart date", "%b %-e"), tick->label, sizeof tick->label);
          break;
        case STEP_MONTH:
          if (m == 1)
            {
              g_snprintf (tick->label, sizeof tick->label, "%d", y);
              year_shown = TRUE;
            }
          else
            /* TRANSLATORS: a month tick; see g_date_time_format(). Chinese: "%-m月" */
            format_date (tick->value, C_("chart month", "%b"), tick->label, sizeof tick->label);
          break;
        case STEP_YEAR:
        default:
          g_snprintf (tick->label, sizeof tick->label, "%d", y);
          year_shown = TRUE;
          break;
        }
    }

  return year_shown;
}

/* The first label with its year, for views without a January. */
static void
label_with_year (ScChartTick *tick,
                 StepKind     kind)
{
  if (kind == STEP_MONTH)
    /* TRANSLATORS: a date tick: abbreviated month and year; see
     * g_date_time_format(). Chinese: "%Y年%-m月" */
    format_date (tick->value, C_("chart month and year", "%b %Y"), tick->label, sizeof tick->label);
  else
    _sc_chart_format_day_long (tick->value, tick->label, sizeof tick->label);
}

static GArray *
generate_date_ticks (guint  step,
                     double first,
                     double last,
                     double width_px)
{
  GArray *ticks = g_array_new (FALSE, TRUE, sizeof (ScChartTick));
  StepKind kind = date_steps[step].kind;
  int n = date_steps[step].n;
  gint64 d0 = (gint64) ceil (first);
  gint64 d1 = (gint64) floor (last);
  int y0, y1;

  if (kind == STEP_DAY || kind == STEP_WEEK)
    {
      for (gint64 d = d0; d <= d1; d++)
        {
          if (kind == STEP_WEEK && sc_day_weekday ((ScDay) d) != 1)
            continue;
          if (kind == STEP_DAY && (d % n + n) % n != 0)
            continue;
          add_date_tick (ticks, d, first, last, width_px);
        }
      return ticks;
    }

  sc_day_to_ymd ((ScDay) d0, &y0, NULL, NULL);
  sc_day_to_ymd ((ScDay) d1, &y1, NULL, NULL);

  if (kind == STEP_YEAR)
    {
      int start = y0 - ((y0 % n) + n) % n;

      for (int y = start; y <= y1 + 1; y += n)
        add_date_tick (ticks, sc_day_from_ymd (y, 1, 1), first, last, width_px);
    }
  else
    {
      for (int y = y0; y <= y1; y++)
        for (int m = 1; m <= 12; m++)
          {
            if (kind == STEP_HALF_MONTH)
              {
                add_date_tick (ticks, sc_day_from_ymd (y, m, 1), first, last, width_px);
                add_date_tick (ticks, sc_day_from_ymd (y, m, 15), first, last, width_px);
              }
            else if ((m - 1) % n == 0)
              add_date_tick (ticks, sc_day_from_ymd (y, m, 1), first, last, width_px);
          }
    }

  return ticks;
}

static gboolean
labels_clear (GArray *ticks)
{
  for (guint i = 1; i < ticks->len; i++)
    {
      const ScChartTick *a = &g_array_index (ticks, ScChartTick, i - 1);
      const ScChartTick *b = &g_array_index (ticks, ScChartTick, i);
      double gap = 12 + 0.25 * MAX (a->extent, b->extent);

      /* Never denser than a tick per 50 px: easier to read. */
      if (b->pos - a->pos < MAX (50.0, (a->extent + b->extent) / 2 + gap))
        return FALSE;
    }

  return TRUE;
}

/* Labels and measures the ticks, drops those that stick out of the axis
 * and says whether the rest keep a comfortable gap. */
static gboolean
fit_date_ticks (GArray             *ticks,
                StepKind            kind,
                double              width_px,
                ScChartMeasureFunc  measure,
                gpointer            user_data)
{
  gboolean year_shown = label_date_ticks (ticks, kind);

  for (guint i = 0; i < ticks->len; i++)
    {
      ScChartTick *tick = &g_array_index (ticks, ScChartTick, i);

      tick->extent = measure (tick->label, user_data);
      if (tick->pos - tick->extent / 2 < 0 || tick->pos + tick->extent / 2 > width_px)
        {
          g_array_remove_index (ticks, i);
          i--;
        }
    }

  if (!labels_clear (ticks))
    return FALSE;

  /* Name the year on the first label if it still fits; else leave it. */
  if (!year_shown && ticks->len > 0)
    {
      ScChartTick *tick = &g_array_index (ticks, ScChartTick, 0);
      ScChartTick saved = *tick;

      label_with_year (tick, kind);
      tick->extent = measure (tick->label, user_data);
      if (tick->pos - tick->extent / 2 < 0 || tick->pos + tick->extent / 2 > width_px ||
          !labels_clear (ticks))
        *tick = saved;
    }

  return TRUE;
}

GArray *
sc_chart_date_ticks (double              first,
                     double              last,
                     double              width_px,
                     ScChartMeasureFunc  measure,
                     gpointer            user_data)
{
  GArray *best = NULL;

  g_return_val_if_fail (measure != NULL, NULL);

  if (!(last > first) || !(width_px > 0))
    return g_array_new (FALSE, TRUE, sizeof (ScChartTick));

  /* The finest step whose labels fit, with at least two of them; failing
   * that, the fitting step with the most labels. */
  for (guint i = 0; i < G_N_ELEMENTS (date_steps); i++)
    {
      GArray *ticks;

      /* Steps that would put labels less than 16 px apart never fit. */
      if ((last - first) / date_steps[i].approx_days > width_px / 16)
        continue;

      ticks = generate_date_ticks (i, first, last, width_px);
      if (fit_date_ticks (ticks, date_steps[i].kind, width_px, measure, user_data))
        {
          if (ticks->len >= 2)
            {
              g_clear_pointer (&best, g_array_unref);
              return ticks;
            }
          if (best == NULL || ticks->len > best->len)
            {
              g_clear_pointer (&best, g_array_unref);
              best = g_steal_pointer (&ticks);
            }
        }
      g_clear_pointer (&ticks, g_array_unref);
    }

  if (best != NULL)
    return best;

  return g_array_new (FALSE, TRUE, sizeof (ScChartTick));
}

/* Price ticks */

/* The smallest nice step (1, 2, 2.5, 5 × 10^k) at least raw. */
static double
nice_step (double raw)
{
  static const double mantissas[] = { 1, 2, 2.5, 5 };
  double magnitude = pow (10, floor (log10 (raw)));

  for (guint i = 0; i < G_N_ELEMENTS (mantissas); i++)
    if (mantissas[i] * magnitude >= raw * (1 - 1e-9))
      return mantissas[i] * magnitude;
  return 10 * magnitude;
}

static double
next_nice_step (double step)
{
  return nice_step (step * (1 + 1e-6));
}

static int
decimals_for (double step)
{
  int decimals = (int) -floor (log10 (step) + 1e-9);
  double scaled = step * pow (10, decimals);

  /* A step of 2.5 × 10^k needs one digit more than its magnitude. */
  if (fabs (scaled - round (scaled)) > 1e-6)
    decimals++;

  /* Money reads better with cents, so any fraction gets at least two. */
  if (decimals > 0)
    decimals = MAX (decimals, 2);
  return CLAMP (decimals, 0, 6);
}

char *
sc_chart_format_price (double      value,
                       double      step,
                       const char *currency)
{
  int decimals = step > 0 ? decimals_for (step) : 2;

  /* Thousands separators keep big prices readable. */
  return sc_currency_format_number (value, decimals, currency, NULL);
}

static void
append_price_tick (GArray             *ticks,
                   double              value,
                   const ScChartScale *scale,
                   double              step,
                   const char         *currency)
{
  ScChartTick tick = { 0 };
  g_autofree char *label = NULL;

  tick.value = value;
  tick.pos = sc_chart_scale_map (scale, value);
  label = sc_chart_format_price (value, step, currency);
  g_strlcpy (tick.label, label, sizeof tick.label);
  g_array_append_val (ticks, tick);
}

static double
min_gap (GArray *ticks)
{
  double gap = G_MAXDOUBLE;

  for (guint i = 1; i < ticks->len; i++)
    gap = MIN (gap, fabs (g_array_index (ticks, ScChartTick, i).pos -
                          g_array_index (ticks, ScChartTick, i - 1).pos));

  return gap;
}

static GArray *
linear_ticks (double              low,
              double              high,
              double              step,
              const ScChartScale *scale,
              const char         *currency)
{
  GArray *ticks = g_array_new (FALSE, TRUE, sizeof (ScChartTick));

  for (double k = ceil (low / step - 1e-9); k * step <= high + step * 1e-9; k++)
    {
      double value = k * step;

      if (fabs (value) < step * 1e-9)
        value = 0;
      if (scale->log && value <= 0)
        continue;
      append_price_tick (ticks, value, scale, step, currency);
      if (ticks->len > 1000)
        break;
    }

  return ticks;
}

static gboolean
ticks_fit (GArray *ticks,
           double  min_gap_px)
{
  return ticks->len <= 1 || min_gap (ticks) >= min_gap_px;
}

/* Of candidates from dense to sparse, the densest that fits the gap with at
 * most MAX_PRICE_TICKS; a denser one that fits instead when that leaves
 * fewer than MIN_PRICE_TICKS and the denser has at most one too many (or
 * when nothing sparser was offered). */
typedef struct
{
  GArray *chosen;
  GArray *denser;
} TickChoice;

static gboolean
tick_choice_offer (TickChoice *choice,
                   GArray     *ticks,
                   double      min_gap_px)
{
  if (!ticks_fit (ticks, min_gap_px))
    {
      g_array_unref (ticks);
      return FALSE;
    }
  if (ticks->len > MAX_PRICE_TICKS)
    {
      g_clear_pointer (&choice->denser, g_array_unref);
      choice->denser = ticks;
      return FALSE;
    }
  choice->chosen = ticks;
  return TRUE;
}

static GArray *
tick_choice_finish (TickChoice *choice)
{
  if (choice->chosen == NULL)
    choice->chosen = g_array_new (FALSE, TRUE, sizeof (ScChartTick));
  if (choice->chosen->len < MIN_PRICE_TICKS && choice->denser != NULL &&
      (choice->denser->len <= MAX_PRICE_TICKS + 1 || choice->chosen->len == 0))
    {
      g_array_unref (choice->chosen);
      choice->chosen = g_steal_pointer (&choice->denser);
    }
  g_clear_pointer (&choice->denser, g_array_unref);
  return g_steal_pointer (&choice->chosen);
}

/* Drops each tick closer than min_gap_px to the one kept below it. */
static void
thin_ticks (GArray *ticks,
            double  min_gap_px)
{
  for (guint i = 1; i < ticks->len;)
    {
      if (g_array_index (ticks, ScChartTick, i).pos -
          g_array_index (ticks, ScChartTick, i - 1).pos < min_gap_px)
        g_array_remove_index (ticks, i);
      else
        i++;
    }
}

/* For an axis left with too few labels: OTHER instead of TICKS when it fits
 * with more labels, but at most one too many. Frees the one not kept. */
static GArray *
more_labels (GArray *ticks,
             GArray *other,
             double  min_gap_px)
{
  if (ticks_fit (other, min_gap_px) && other->len > ticks->len &&
      other->len <= MAX_PRICE_TICKS + 1)
    {
      g_array_unref (ticks);
      return other;
    }
  g_array_unref (other);
  return ticks;
}

/* Equal round steps; on a log scale they suit a range under a decade. */
static GArray *
nice_linear_ticks (double              low,
                   double              high,
                   const ScChartScale *scale,
                   double              min_gap_px,
                   const char         *currency)
{
  TickChoice choice = { NULL, NULL };
  double step = nice_step ((high - low) / 50);
  double crowded_step = 0;
  GArray *ticks;

  for (int tries = 0; tries < 100; tries++, step = next_nice_step (step))
    {
      GArray *candidate = linear_ticks (low, high, step, scale, currency);

      if (!ticks_fit (candidate, min_gap_px))
        crowded_step = step;
      if (tick_choice_offer (&choice, candidate, min_gap_px))
        break;
    }
  ticks = tick_choice_finish (&choice);

  /* A log axis squeezes equal steps together at its top: rather than
   * too few labels, the finer step with those it squeezes left out. */
  if (scale->log && ticks->len < MIN_PRICE_TICKS && crowded_step > 0)
    {
      GArray *thinned = linear_ticks (low, high, crowded_step, scale, currency);

      thin_ticks (thinned, min_gap_px);
      ticks = more_labels (ticks, thinned, min_gap_px);
    }

  return ticks;
}

/* Values mantissa × 10^e inside [low, high], for every every-th e. */
static GArray *
decade_set (double              low,
            double              high,
            const ScChartScale *scale,
            const double       *mantissas,
            guint               n_mantissas,
            int                 every,
            const char         *currency)
{
  GArray *ticks = g_array_new (FALSE, TRUE, sizeof (ScChartTick));
  int e0 = (int) floor (log10 (low)) - 1;
  int e1 = (int) ceil (log10 (high)) + 1;

  for (int e = e0; e <= e1; e++)
    {
      if (((e % every) + every) % every != 0)
        continue;
      for (guint j = 0; j < n_mantissas && mantissas[j] > 0; j++)
        {
          double value = mantissas[j] * pow (10, e);

          if (value >= low * (1 - 1e-9) && value <= high * (1 + 1e-9))
            append_price_tick (ticks, value, scale, value, currency);
        }
    }

  return ticks;
}

/* 1-2-5 in every decade, then 1-3 (about even on a log axis), then
 * decades, then every 2nd, 4th… decade; 1-2-3-5 when a decade or so
 * leaves too few of those. */
static GArray *
decade_ticks (double              low,
              double              high,
              const ScChartScale *scale,
              double              min_gap_px,
              const char         *currency)
{
  static const struct {
    double mantissas[3];
    int    every;
  } candidates[] = {
    { { 1, 2, 5 }, 1 },
    { { 1, 3 }, 1 },
    { { 1 }, 1 }, { { 1 }, 2 }, { { 1 }, 4 }, { { 1 }, 8 }, { { 1 }, 16 }, { { 1 }, 32 },
  };
  static const double one_two_three_five[] = { 1, 2, 3, 5 };
  TickChoice choice = { NULL, NULL };
  GArray *ticks;

  for (guint c = 0; c < G_N_ELEMENTS (candidates); c++)
    if (tick_choice_offer (&choice,
                           decade_set (low, high, scale, candidates[c].mantissas,
                                       G_N_ELEMENTS (candidates[c].mantissas),
                                       candidates[c].every, currency),
                           min_gap_px))
      break;
  ticks = tick_choice_finish (&choice);

  if (ticks->len < MIN_PRICE_TICKS)
    ticks = more_labels (ticks,
                         decade_set (low, high, scale, one_two_three_five,
                                     G_N_ELEMENTS (one_two_three_five), 1, currency),
                         min_gap_px);

  return ticks;
}

GArray *
sc_chart_price_ticks (double      low,
                      double      high,
                      gboolean    log_scale,
                      double      height_px,
                      double      min_gap_px,
                      const char *currency)
{
  ScChartScale scale = { low, high, 0, height_px, log_scale };
  GArray *lin, *dec;

  if (!(high > low) || !(height_px > 0) || (log_scale && !(low > 0)))
    return g_array_new (FALSE, TRUE, sizeof (ScChartTick));

  lin = nice_linear_ticks (low, high, &scale, min_gap_px, currency);
  if (!log_scale)
    return lin;

  /* Log scale: 1-2-5 and its kin whenever they give enough labels (as
   * many as equal steps would, or 4); equal round steps otherwise, which
   * is mostly when the range spans less than a decade. */
  dec = decade_ticks (low, high, &scale, min_gap_px, currency);
  if (dec->len < MIN_PRICE_TICKS && dec->len < lin->len)
    {
      g_array_unref (dec);
      return lin;
    }
  g_array_unref (lin);
  return dec;
}

/* Decimation */

guint
sc_chart_decimate (const double *xs,
                   const double *ys,
                   guint         n,
                   double       *out_x,
                   double       *out_y)
{
  guint out = 0;
  guint i = 0;

  while (i < n)
    {
      double column = floor (xs[i]);
      guint lo = i;
      guint hi = i;

      for (i = i + 1; i < n && floor (xs[i]) == column; i++)
        {
          if (ys[i] < ys[lo])
            lo = i;
          if (ys[i] > ys[hi])
            hi = i;
        }

      /* The column's lowest and highest point, in time order. */
      out_x[out] = xs[MIN (lo, hi)];
      out_y[out] = ys[MIN (lo, hi)];
      out++;
      if (lo != hi)
        {
          out_x[out] = xs[MAX (lo, hi)];
          out_y[out] = ys[MAX (lo, hi)];
          out++;
        }
    }

  return out;
}
