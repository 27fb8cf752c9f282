/* sc-indicators.c
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

#include "sc-error.h"
#include "sc-indicators.h"

/* Upper bound for N in feature names; longer windows make no sense for
 * daily prices and would only hide typos. */
#define MAX_LENGTH 1000

static gboolean allow_peek;

static void
fill_nan (double *out,
          guint   n)
{
  for (guint i = 0; i < n; i++)
    out[i] = NAN;
}

/* pandas' ewm mean (window/aggregations.pyx: ewm), step for step, so the
 * rounding matches too: ignore_na=False, NaN inputs skipped. */
static void
pandas_ewm (const double *values,
            guint         n,
            double        alpha,
            gboolean      adjust,
            guint         min_periods,
            double       *out)
{
  double old_wt_factor = 1.0 - alpha;
  double new_wt = adjust ? 1.0 : alpha;
  double weighted_avg, old_wt = 1.0;
  guint nobs;

  if (n == 0)
    return;

  weighted_avg = values[0];
  nobs = !isnan (weighted_avg);
  out[0] = nobs >= MAX (min_periods, 1) ? weighted_avg : NAN;

  for (guint i = 1; i < n; i++)
    {
      double cur = values[i];
      gboolean is_observation = !isnan (cur);

      nobs += is_observation;
      if (!isnan (weighted_avg))
        {
          old_wt *= old_wt_factor;
          if (is_observation)
            {
              if (weighted_avg != cur)
                weighted_avg = ((old_wt * weighted_avg) + (new_wt * cur)) / (old_wt + new_wt);
              if (adjust)
                old_wt += new_wt;
              else
                old_wt = 1.0;
            }
        }
      else if (is_observation)
        {
          weighted_avg = cur;
        }
      out[i] = nobs >= MAX (min_periods, 1) ? weighted_avg : NAN;
    }
}

void
sc_indicator_sma (const double *close,
                  guint         n,
                  guint         length,
                  double       *out)
{
  g_return_if_fail (length > 0);

  /* A fresh sum per row: exact, causal, and cheap at these sizes. */
  for (guint i = 0; i < n; i++)
    {
      double sum = 0;

      if (i + 1 < length)
        {
          out[i] = NAN;
          continue;
        }
      for (guint k = i + 1 - length; k <= i; k++)
        sum += close[k];
      out[i] = sum / length;
    }
}

void
sc_indicator_ema (const double *close,
                  guint         n,
                  guint         length,
                  double       *out)
{
  g_autofree double *seeded = NULL;
  double sum = 0;

  g_return_if_fail (length > 0);

  if (n < length)
    {
      fill_nan (out, n);
      return;
    }

  /* pandas_ta: the first LENGTH-1 values become NaN and value LENGTH-1 the
   * mean of the first LENGTH, then ewm(span=length, adjust=False). */
  seeded = g_new (double, n);
  for (guint i = 0; i < length; i++)
    {
      sum += close[i];
      seeded[i] = NAN;
    }
  seeded[length - 1] = sum / length;
  memcpy (seeded + length, close + length, (n - length) * sizeof (double));

  pandas_ewm (seeded, n, 2.0 / (length + 1.0), FALSE, 0, out);
}

void
sc_indicator_rsi (const double *close,
                  guint         n,
                  guint         length,
                  double       *out)
{
  g_autofree double *gain = NULL;
  g_autofree double *loss = NULL;
  g_autofree double *gain_avg = NULL;
  g_autofree double *loss_avg = NULL;

  g_return_if_fail (length > 0);

  if (n == 0)
    return;

  gain = g_new (double, n);
  loss = g_new (double, n);
  gain_avg = g_new (double, n);
  loss_avg = g_new (double, n);

  gain[0] = loss[0] = NAN;
  for (guint i = 1; i < n; i++)
    {
      double d = close[i] - close[i - 1];

      gain[i] = d < 0 ? 0 : d;
      loss[i] = d > 0 ? 0 : d;
    }

  pandas_ewm (gain, n, 1.0 / length, TRUE, length, gain_avg);
  pandas_ewm (loss, n, 1.0 / length, TRUE, length, loss_avg);

  for (guint i = 0; i < n; i++)
    out[i] = 100 * gain_avg[i] / (gain_avg[i] + fabs (loss_avg[i]));
}

void
sc_indicator_log_return (const double *close,
                         guint         n,
                         guint         length,
                         double       *out)
{
  for (guint i = 0; i < n; i++)
    out[i] = i >= length ? log (close[i] / close[i - length]) : NAN;
}

void
sc_indicator_volatility (const double *close,
                         guint         n,
                         guint         length,
                         double       *out)
{
  g_autofree double *r = NULL;

  g_return_if_fail (length > 1);

  if (n == 0)
    return;

  /* Each log return once; every window then sums the same values in the
   * same order, so a prefix gives exactly the full series' values. */
  r = g_new (double, n);
  r[0] = NAN;
  for (guint i = 1; i < n; i++)
    r[i] = log (close[i] / close[i - 1]);

  for (guint i = 0; i < n; i++)
    {
      double mean = 0, ss = 0;

      if (i < length)
        {
          out[i] = NAN;
          continue;
        }
      for (guint k = i + 1 - length; k <= i; k++)
        mean += r[k];
      mean /= length;
      for (guint k = i + 1 - length; k <= i; k++)
        ss += (r[k] - mean) * (r[k] - mean);
      out[i] = sqrt (ss / (length - 1));
    }
}

static const struct {
  const char    *prefix;
  ScFeatureKind  kind;
  guint          min_length;    /* 0: takes no N */
} feature_names[] = {
  { "close", SC_FEATURE_CLOSE, 0 },
  { "logclose", SC_FEATURE_LOG_CLOSE, 0 },
  { "ema", SC_FEATURE_EMA, 1 },
  { "sma", SC_FEATURE_SMA, 1 },
  { "rsi", SC_FEATURE_RSI, 1 },
  { "return", SC_FEATURE_RETURN, 1 },
  { "volatility", SC_FEATURE_VOLATILITY, 2 },
  { "emagap", SC_FEATURE_EMA_GAP, 1 },
  { "smagap", SC_FEATURE_SMA_GAP, 1 },
  { "bollinger", SC_FEATURE_BOLLINGER, 2 },
  { "macd", SC_FEATURE_MACD, 0 },
  { "peek", SC_FEATURE_PEEK, 1 },
};

void
_sc_feature_allow_peek (gboolean allow)
{
  allow_peek = allow;
}

gboolean
sc_feature_parse (const char  *name,
                  ScFeature   *out_feature,
                  GError     **error)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (feature_names); i++)
    {
      gsize len = strlen (feature_names[i].prefix);
      const char *digits = name + len;
      guint64 length = 0;

      if (g_ascii_strncasecmp (name, feature_names[i].prefix, len) != 0)
        continue;
      if (feature_names[i].kind == SC_FEATURE_PEEK && !allow_peek)
        break;

      if (feature_names[i].min_length == 0)
        {
          if (*digits != '\0')
            continue;
        }
      else
        {
          if (!g_ascii_isdigit (*digits) ||
              !g_ascii_string_to_unsigned (digits, 10, feature_names[i].min_length, MAX_LENGTH,
                                           &length, NULL))
            continue;
        }

      if (out_feature != NULL)
        {
          out_feature->kind = feature_names[i].kind;
          out_feature->length = (guint) length;
        }
      return TRUE;
    }

  g_set_error (error, SC_ERROR, SC_ERROR_DATA,
               _("Unknown feature “%s” (known: close, logclose, emaN, smaN, rsiN, returnN, "
                 "volatilityN, emagapN, smagapN, bollingerN, macd)."), name);
  return FALSE;
}

gboolean
sc_feature_is_causal (const ScFeature *feature)
{
  return feature->kind != SC_FEATURE_PEEK;
}

guint
sc_feature_warmup (const ScFeature *feature)
{
  switch (feature->kind)
    {
    case SC_FEATURE_CLOSE:
    case SC_FEATURE_LOG_CLOSE:
    case SC_FEATURE_PEEK:
      return 0;
    case SC_FEATURE_EMA:
    case SC_FEATURE_SMA:
    case SC_FEATURE_EMA_GAP:
    case SC_FEATURE_SMA_GAP:
    case SC_FEATURE_BOLLINGER:
      return feature->length - 1;
    case SC_FEATURE_RSI:
    case SC_FEATURE_RETURN:
    case SC_FEATURE_VOLATILITY:
      return feature->length;
    case SC_FEATURE_MACD:
      return 25;
    default:
      g_assert_not_reached ();
    }
}

void
sc_feature_compute (const ScFeature *feature,
                    const double    *close,
                    guint            n,
                    double          *out)
{
  switch (feature->kind)
    {
    case SC_FEATURE_CLOSE:
      memcpy (out, close, n * sizeof (double));
      break;

    case SC_FEATURE_LOG_CLOSE:
      for (guint i = 0; i < n; i++)
        out[i] = log (close[i]);
      break;

    case SC_FEATURE_EMA:
      sc_indicator_ema (close, n, feature->length, out);
      break;

    case SC_FEATURE_SMA:
      sc_indicator_sma (close, n, feature->length, out);
      break;

    case SC_FEATURE_RSI:
      sc_indicator_rsi (close, n, feature->length, out);
      break;

    case SC_FEATURE_RETURN:
      sc_indicator_log_return (close, n, feature->length, out);
      break;

    case SC_FEATURE_VOLATILITY:
      sc_indicator_volatility (close, n, feature->length, out);
      break;

    case SC_FEATURE_EMA_GAP:
    case SC_FEATURE_SMA_GAP:
      if (feature->kind == SC_FEATURE_EMA_GAP)
        sc_indicator_ema (close, n, feature->length, out);
      else
        sc_indicator_sma (close, n, feature->length, out);
      for (guint i = 0; i < n; i++)
        out[i] = log (close[i] / out[i]);
      break;

    case SC_FEATURE_BOLLINGER:
      sc_indicator_sma (close, n, feature->length, out);
      for (guint i = 0; i < n; i++)
        {
          double ss = 0, sd;

          if (isnan (out[i]))
            continue;
          for (guint k = i + 1 - feature->length; k <= i; k++)
            ss += (close[k] - out[i]) * (close[k] - out[i]);
          sd = sqrt (ss / (feature->length - 1));
          out[i] = sd > 0 ? (close[i] - out[i]) / (2 * sd) : 0;
        }
      break;

    case SC_FEATURE_MACD:
      {
        g_autofree double *slow = g_new (double, MAX (n, 1));

        sc_indicator_ema (close, n, 12, out);
        sc_indicator_ema (close, n, 26, slow);
        for (guint i = 0; i < n; i++)
          out[i] = (out[i] - slow[i]) / close[i];
      }
      break;

    case SC_FEATURE_PEEK:
      for (guint i = 0; i < n; i++)
        out[i] = close[MIN (i + feature->length, n - 1)];
      break;

    default:
      g_assert_not_reached ();
    }
}
