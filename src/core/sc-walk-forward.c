/* sc-walk-forward.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sc-error.h"
#include "sc-lsq.h"
#include "sc-predictor-private.h"

/* Rows between refits of linear models (their refit is a tiny solve). */
#define LINEAR_REFIT_EVERY 5
/* Refits per horizon of the (costlier) MLP. */
#define MLP_REFITS 10
#define MLP_MIN_REFIT_EVERY 21

void
_sc_backtest_trace_free (ScBacktestTrace *trace)
{
  if (trace == NULL)
    return;
  g_free (trace->row);
  g_free (trace->pred);
  g_free (trace->raw);
  g_free (trace->actual);
  g_free (trace->low);
  g_free (trace->high);
  g_free (trace->scale);
  g_free (trace);
}

/* Requirements */

static guint
first_origin (const ScFeatures *f,
              int               h,
              guint             min_train)
{
  /* The first row J whose training set (valid rows <= J - H) has enough rows. */
  for (guint i = 0; i < f->n; i++)
    if (f->n_valid[i] >= min_train)
      return i + h;
  return G_MAXUINT;
}

guint
_sc_min_train_rows (const ScModelInfo *model)
{
  return MAX (SC_MIN_TRAIN_ROWS, 10 * (model->n_features + 1));
}

static guint
rows_needed (const ScFeatures *f,
             int               h,
             guint             min_train)
{
  guint first_valid = 0;

  while (first_valid < f->n && !f->valid[first_valid])
    first_valid++;
  /* Enough for a first fit, SC_MIN_SCORED backtest origins, and their outcomes. */
  return first_valid + min_train - 1 + 2 * h + SC_MIN_SCORED;
}

gboolean
_sc_check_horizon (const ScFeatures *f,
                   ScPriceSeries    *window,
                   int               h,
                   gboolean          walk_forward,
                   GError          **error)
{
  guint min_train = _sc_min_train_rows (f->model);
  guint j0 = first_origin (f, h, min_train);
  gboolean ok;

  if (walk_forward)
    ok = j0 != G_MAXUINT && (gint64) j0 + h + SC_MIN_SCORED <= f->n;
  else
    ok = (gint64) f->n > h + (gint64) min_train;

  if (!ok)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Predicting %d trading day ahead needs at least %u rows of prices, but %s has %u in its training window.",
                                "Predicting %d trading days ahead needs at least %u rows of prices, but %s has %u in its training window.",
                                h),
                   h, MAX (rows_needed (f, h, min_train), f->n + 1),
                   window->ticker ? window->ticker : "the series", f->n);
      return FALSE;
    }
  return TRUE;
}

static guint
refit_every (const ScRunSettings *s,
             guint                n_origins)
{
  if (s->refit_every > 0)
    return s->refit_every;
  if (s->model->kind == SC_MODEL_KIND_MLP)
    return MAX (MLP_MIN_REFIT_EVERY, (n_origins + MLP_REFITS - 1) / MLP_REFITS);
  return LINEAR_REFIT_EVERY;
}

/* Shrinking toward "no change".
 *
 * A model's forecast is used only as far as it has earned it: in log price,
 * forecast = close × (raw / close)^w, where w in [0, 1] is the least-squares
 * weight of the model's claimed move m = log (raw / close) in the move that
 * followed, d = log (actual / close), over the backtest origins whose
 * outcome was known at the origin: w = Σ d m / Σ m², clipped to [0, 1]. It
 * is 0 (plain "no change") until the known outcomes span two horizons, so a
 * model that has not yet shown anything claims nothing. The claimed move is
 * also capped at one standard deviation of the stock's own log price over
 * the horizon, so no model forecasts a year ahead what the stock itself
 * rarely does. Nothing here is tuned: the weight is learned per stock,
 * walk-forward. */
double
_sc_shrink_forecast (double close,
                     double raw,
                     double weight,
                     double cap)
{
  double move;

  if (!(raw > 0) || !(close > 0))
    return close;
  move = weight * log (raw / close);
  if (isfinite (cap))
    move = CLAMP (move, -cap, cap);
  return close * exp (move);
}

static double
shrink_weight (double sum_dm,
               double sum_mm,
               guint  known,
               int    h)
{
  if (known < MAX ((guint) SC_MIN_SCORED, 2 * (guint) h) || !(sum_mm > 0))
    return 0;
  return CLAMP (sum_dm / sum_mm, 0, 1);
}

/* One horizon */

ScBacktestTrace *
_sc_walk_forward (ScRunContext      *ctx,
                  int                h,
                  ScRegressor       *regressor,
                  ScHorizonMetrics  *metrics,
                  GError           **error)
{
  const ScRunSettings *s = ctx->settings;
  const ScModelInfo *model = s->model;
  ScFeatures *f = ctx->features;
  g_autoptr(ScBacktestTrace) trace = g_new0 (ScBacktestTrace, 1);
  g_autofree double *x = g_new (double, (gsize) f->p * f->n);
  g_autofree double *y = g_new (double, f->n);
  g_autofree double *row = g_new (double, MAX (f->p, 1));
  g_autofree double *naive = NULL;
  gboolean use_acc = f->causal && (model->kind == SC_MODEL_KIND_OLS ||
                                   model->kind == SC_MODEL_KIND_RIDGE);
  ScLsqAccumulator acc = { 0 };
  guint min_train = _sc_min_train_rows (model);
  guint j0 = first_origin (f, h, min_train);
  guint n_origins, every, added = 0;
  g_autofree char *step = NULL;

  g_assert (j0 != G_MAXUINT && j0 + h < f->n);

  n_origins = f->n - h - j0;
  every = refit_every (s, n_origins);

  trace->horizon = h;
  trace->first_origin = j0;
  trace->n_origins = n_origins;
  trace->row = g_new (guint, n_origins);
  trace->pred = g_new (double, n_origins);
  trace->raw = g_new (double, n_origins);
  trace->actual = g_new (double, n_origins);
  trace->low = g_new (double, n_origins);
  trace->high = g_new (double, n_origins);
  trace->scale = g_new (double, n_origins);
  naive = g_new (double, n_origins);

  step = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Backtesting the %d-day horizon…",
                                       "Backtesting the %d-day horizon…", h), h);

  if (use_acc)
    sc_lsq_accumulator_init (&acc, f->p);

  for (guint k = 0; k < n_origins; k++)
    {
      guint j = j0 + k;
      double value;

      if (k % every == 0)
        {
          if (g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
            {
              sc_lsq_accumulator_clear (&acc);
              return NULL;
            }

          if (use_acc)
            {
              /* Add the rows whose target became known by row j. */
              for (; added + h <= j; added++)
                if (f->valid[added])
                  {
                    double target = _sc_model_target (model, f->close[added], f->close[added + h]);

                    _sc_features_row (f, added, row);
                    sc_lsq_accumulator_add (&acc, row, target);
                  }
              sc_lsq_accumulator_solve (&acc, model->kind == SC_MODEL_KIND_RIDGE ? model->ridge_alpha : 0);
            }
          else if (model->kind != SC_MODEL_KIND_NAIVE)
            {
              guint rows = _sc_features_training (f, j, h, x, y);

              if (!sc_regressor_fit (regressor, x, y, rows, ctx->cancellable, error))
                {
                  sc_lsq_accumulator_clear (&acc);
                  return NULL;
                }
            }
          _sc_run_progress_report (ctx->progress, ctx->part, 0.9 * k / n_origins, step);
        }

      if (model->kind == SC_MODEL_KIND_NAIVE)
        {
          trace->raw[k] = f->close[j];
        }
      else
        {
          if (!_sc_features_row (f, j, row))
            value = NAN;
          else if (use_acc)
            value = sc_lsq_accumulator_predict (&acc, row);
          else
            value = sc_regressor_predict (regressor, row);
          trace->raw[k] = _sc_model_to_price (model, f->close[j], value);
        }
      trace->row[k] = j;
      trace->actual[k] = f->close[j + h];
      naive[k] = f->close[j];
    }

  sc_lsq_accumulator_clear (&acc);

  /* Shrink each forecast with the weight learned from the outcomes known at
   * its origin (those of origins at least H rows earlier), and put the
   * volatility interval around it. */
  {
    double sum_dm = 0, sum_mm = 0;
    guint known = 0, next = 0;

    for (guint k = 0; k <= n_origins; k++)
      {
        /* At the end every origin's outcome is known. */
        guint limit = k < n_origins ? (k >= (guint) h ? k - h + 1 : 0) : n_origins;

        for (; next < limit; next++)
          {
            double m = log (trace->raw[next] / naive[next]);
            double d = log (trace->actual[next] / naive[next]);

            if (isfinite (m) && isfinite (d))
              {
                sum_dm += d * m;
                sum_mm += m * m;
                known++;
              }
          }
        if (k == n_origins)
          break;

        {
          guint j = j0 + k;
          double sigma = _sc_horizon_sigma (f->var_now[j], f->var_long[j], h);
          double weight = shrink_weight (sum_dm, sum_mm, known, h);

          trace->scale[k] = sigma;
          if (model->kind == SC_MODEL_KIND_NAIVE)
            trace->pred[k] = naive[k];
          else if (isfinite (trace->raw[k]))
            trace->pred[k] = _sc_shrink_forecast (naive[k], trace->raw[k], weight, sigma);
          else
            trace->pred[k] = NAN;
          _sc_interval (trace->pred[k], sigma, &trace->low[k], &trace->high[k]);
        }
      }
    trace->weight = shrink_weight (sum_dm, sum_mm, known, h);
  }

  /* A row without features (rare: a flat stretch makes RSI 0/0) has no
   * forecast; score the rest. */
  {
    guint kept = 0;

    for (guint k = 0; k < n_origins; k++)
      if (isfinite (trace->pred[k]))
        {
          trace->row[kept] = trace->row[k];
          trace->pred[kept] = trace->pred[k];
          trace->raw[kept] = trace->raw[k];
          trace->actual[kept] = trace->actual[k];
          trace->low[kept] = trace->low[k];
          trace->high[kept] = trace->high[k];
          trace->scale[kept] = trace->scale[k];
          naive[kept] = naive[k];
          kept++;
        }
    trace->n_origins = kept;
    _sc_score (trace->actual, trace->pred, naive, trace->low, trace->high, kept, h, metrics);
  }

  return g_steal_pointer (&trace);
}
