/* sc-interval.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "sc-predictor-private.h"

/* The 80% interval is log-normal around the forecast:
 *
 *   forecast × exp (±k × z₈₀ × σ_h),   z₈₀ = 1.2816 (the normal's 90th percentile)
 *
 * with σ_h² the variance of the log price h trading days on. It comes from
 * the stock's own daily returns up to the origin, nothing else:
 *
 *   σ_h² = h × (v_long + (v_now − v_long) × (1 − φ^h) / (h (1 − φ)))
 *
 * v_now is RiskMetrics' EWMA of squared daily log returns (λ = 0.94, its
 * published daily value), v_long the variance of every daily return in the
 * window so far, and φ = 0.99 how much of a burst of volatility remains a
 * day later (a half-life of about 69 trading days, the usual order for a
 * GARCH(1,1) fit to daily stock returns). This is GARCH's forecast of the
 * average variance over the next h days: today's volatility counts near
 * the origin, the long-run one a year ahead. No quantile of past forecast
 * errors is used: a 365-day quantile of overlapping errors rests on a
 * handful of independent years and does not carry to other stocks. The
 * choice of φ among 0.98, 0.99 and 0.995 and of the EWMA over a 63-day
 * window was made on the tuning files only (docs/prediction.md).
 *
 * k = 0.97 is the one constant fitted to data (on the tuning files only):
 * stock returns are fat-tailed and their volatility changes, so their 10th
 * and 90th percentiles lie a little closer to the centre than a normal law
 * with the same standard deviation puts them; with k = 1 the 60-day range
 * held 83.4% of the tuning files' outcomes (median), 82.7% with k = 0.98
 * and 82.2% with 0.97. On a Gaussian random walk k = 0.97 gives 78.7%
 * with a known σ, a point or two less with σ estimated. The interval is symmetric in log
 * price, so the forecast is always strictly inside it. */
#define Z80 1.2815515655446004
#define EWMA_LAMBDA 0.94
#define PERSISTENCE 0.99
#define CENTRE_FACTOR 0.97

void
_sc_volatility_compute (const double *close,
                        guint         n,
                        double       *var_now,
                        double       *var_long)
{
  double ewma = 0, sum = 0, sum_sq = 0;
  guint returns = 0;

  for (guint i = 0; i < n; i++)
    {
      if (i > 0 && close[i] > 0 && close[i - 1] > 0)
        {
          double r = log (close[i] / close[i - 1]);

          returns++;
          sum += r;
          sum_sq += r * r;
          /* Seeded with the mean square of the first returns. */
          if (returns <= SC_INTERVAL_MIN_RETURNS)
            ewma = sum_sq / returns;
          else
            ewma = EWMA_LAMBDA * ewma + (1 - EWMA_LAMBDA) * r * r;
        }

      if (returns < SC_INTERVAL_MIN_RETURNS)
        {
          var_now[i] = var_long[i] = NAN;
          continue;
        }
      var_now[i] = ewma;
      var_long[i] = MAX (0, (sum_sq - sum * sum / returns) / (returns - 1));
    }
}

double
_sc_horizon_sigma (double var_now,
                   double var_long,
                   int    h)
{
  double share, var;

  if (!isfinite (var_now) || !isfinite (var_long) || h < 1)
    return NAN;
  share = (1 - pow (PERSISTENCE, h)) / (h * (1 - PERSISTENCE));
  var = var_long + (var_now - var_long) * share;
  return var > 0 ? sqrt (h * var) : NAN;
}

gboolean
_sc_interval (double  forecast,
              double  sigma,
              double *low,
              double *high)
{
  if (!(forecast > 0) || !(sigma > 0) || !isfinite (sigma))
    {
      *low = *high = NAN;
      return FALSE;
    }
  *low = forecast * exp (-CENTRE_FACTOR * Z80 * sigma);
  *high = forecast * exp (CENTRE_FACTOR * Z80 * sigma);
  return TRUE;
}
