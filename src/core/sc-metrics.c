/* sc-metrics.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "sc-predictor-private.h"

double
_sc_quantile_sorted (const double *sorted,
                     guint         n,
                     double        q)
{
  double pos, frac;
  guint lo;

  if (n == 0)
    return NAN;
  pos = q * (n - 1);
  lo = (guint) floor (pos);
  if (lo + 1 >= n)
    return sorted[n - 1];
  frac = pos - lo;
  return sorted[lo] + (sorted[lo + 1] - sorted[lo]) * frac;
}

/* Scores N forecasts PRED of ACTUAL against "no change" (NAIVE); LOW and
 * HIGH (may be NULL, or NAN where there is no interval) give coverage. */
void
_sc_score (const double     *actual,
           const double     *pred,
           const double     *naive,
           const double     *low,
           const double     *high,
           guint             n,
           int               h,
           ScHorizonMetrics *m)
{
  double abs_sum = 0, sq_sum = 0, ape_sum = 0, naive_sum = 0, mean = 0, ss_tot = 0;
  guint ape_n = 0, calls = 0, right = 0, covered = 0, with_interval = 0;

  memset (m, 0, sizeof *m);
  m->horizon = h;
  m->n = n;
  if (n == 0)
    {
      m->mae = m->rmse = m->mape = m->r2 = m->mase = m->direction = m->coverage = NAN;
      return;
    }

  for (guint i = 0; i < n; i++)
    mean += actual[i];
  mean /= n;

  for (guint i = 0; i < n; i++)
    {
      double err = actual[i] - pred[i];
      double move = actual[i] - naive[i];
      double call = pred[i] - naive[i];

      abs_sum += fabs (err);
      sq_sum += err * err;
      naive_sum += fabs (move);
      ss_tot += (actual[i] - mean) * (actual[i] - mean);
      if (actual[i] != 0)
        {
          ape_sum += fabs (err / actual[i]);
          ape_n++;
        }
      /* A forecast of no change calls no direction: it is left out, or a
       * model shrunk toward "no change" would look wrong most of the time. */
      if (call != 0)
        {
          calls++;
          right += ((move > 0) - (move < 0)) == ((call > 0) - (call < 0));
        }
      if (low != NULL && !isnan (low[i]))
        {
          with_interval++;
          covered += actual[i] >= low[i] && actual[i] <= high[i];
        }
    }

  m->mae = abs_sum / n;
  m->rmse = sqrt (sq_sum / n);
  m->mape = ape_n > 0 ? 100 * ape_sum / ape_n : NAN;
  m->r2 = ss_tot > 0 ? 1 - sq_sum / ss_tot : NAN;
  m->mase = naive_sum > 0 ? abs_sum / naive_sum : NAN;
  m->direction = calls > 0 ? (double) right / calls : NAN;
  m->coverage = with_interval > 0 ? (double) covered / with_interval : NAN;
}
