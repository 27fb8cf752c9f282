/* sc-features.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "sc-predictor-private.h"

/* What the model learns for an outcome FUTURE of a row closing at NOW, and
 * back from the model's output to a price. */
double
_sc_model_target (const ScModelInfo *model,
                  double             now,
                  double             future)
{
  if (model->target == SC_MODEL_TARGET_LOG_RETURN)
    return log (future / now);
  return model->residual ? future - now : future;
}

double
_sc_model_to_price (const ScModelInfo *model,
                    double             now,
                    double             value)
{
  if (model->target == SC_MODEL_TARGET_LOG_RETURN)
    return now * exp (value);
  return model->residual ? now + value : value;
}

static void
compute_features (const ScModelInfo *model,
                  const double      *close,
                  guint              n,
                  double            *feat,
                  gboolean          *valid)
{
  for (guint j = 0; j < model->n_features; j++)
    sc_feature_compute (&model->features[j], close, n, feat + (gsize) j * n);

  for (guint i = 0; i < n; i++)
    {
      valid[i] = TRUE;
      for (guint j = 0; j < model->n_features; j++)
        if (!isfinite (feat[(gsize) j * n + i]))
          valid[i] = FALSE;
    }
}

void
_sc_features_init (ScFeatures        *f,
                   const ScModelInfo *model,
                   ScPriceSeries     *window)
{
  f->model = model;
  f->p = model->n_features;
  f->n = window->n_rows;
  f->close = window->close;
  f->causal = TRUE;
  for (guint j = 0; j < f->p; j++)
    f->causal &= sc_feature_is_causal (&model->features[j]);

  f->feat = g_new (double, (gsize) f->p * MAX (f->n, 1));
  f->valid = g_new (gboolean, MAX (f->n, 1));
  f->n_valid = g_new (guint, MAX (f->n, 1));

  /* Computed on the whole window even for a feature that peeks: this copy
   * only decides which rows count as usable; the values a backtest sees
   * come from past rows alone (see _sc_features_row()). */
  compute_features (model, f->close, f->n, f->feat, f->valid);
  for (guint i = 0; i < f->n; i++)
    f->n_valid[i] = (i > 0 ? f->n_valid[i - 1] : 0) + (f->valid[i] ? 1 : 0);

  f->var_now = g_new (double, MAX (f->n, 1));
  f->var_long = g_new (double, MAX (f->n, 1));
  _sc_volatility_compute (f->close, f->n, f->var_now, f->var_long);
}

void
_sc_features_clear (ScFeatures *f)
{
  g_clear_pointer (&f->feat, g_free);
  g_clear_pointer (&f->valid, g_free);
  g_clear_pointer (&f->n_valid, g_free);
  g_clear_pointer (&f->var_now, g_free);
  g_clear_pointer (&f->var_long, g_free);
}

/* Causal features are the same computed over the whole window; others are
 * recomputed over rows 0..J. */
gboolean
_sc_features_row (const ScFeatures *f,
                  guint             j,
                  double           *x)
{
  if (f->causal)
    {
      for (guint k = 0; k < f->p; k++)
        x[k] = f->feat[(gsize) k * f->n + j];
      return f->valid[j];
    }
  else
    {
      g_autofree double *feat = g_new (double, (gsize) f->p * (j + 1));
      g_autofree gboolean *valid = g_new (gboolean, j + 1);

      compute_features (f->model, f->close, j + 1, feat, valid);
      for (guint k = 0; k < f->p; k++)
        x[k] = feat[(gsize) k * (j + 1) + j];
      return valid[j];
    }
}

/* Rows i <= T - H (whose target is known) with every feature, computed
 * from rows 0..T only. Returns the number of rows written to X and Y. */
guint
_sc_features_training (const ScFeatures *f,
                       guint             t,
                       int               h,
                       double           *x,
                       double           *y)
{
  g_autofree double *own_feat = NULL;
  g_autofree gboolean *own_valid = NULL;
  const double *feat = f->feat;
  const gboolean *valid = f->valid;
  guint stride = f->n;
  guint rows = 0;

  if ((gint64) t < h)
    return 0;

  if (!f->causal)
    {
      own_feat = g_new (double, (gsize) f->p * (t + 1));
      own_valid = g_new (gboolean, t + 1);
      compute_features (f->model, f->close, t + 1, own_feat, own_valid);
      feat = own_feat;
      valid = own_valid;
      stride = t + 1;
    }

  for (guint i = 0; i + h <= t; i++)
    {
      if (!valid[i])
        continue;
      for (guint k = 0; k < f->p; k++)
        x[(gsize) rows * f->p + k] = feat[(gsize) k * stride + i];
      y[rows] = _sc_model_target (f->model, f->close[i], f->close[i + h]);
      rows++;
    }
  return rows;
}
