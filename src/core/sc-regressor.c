/* sc-regressor.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sc-error.h"
#include "sc-linalg.h"
#include "sc-mlp.h"
#include "sc-regressor.h"

struct _ScRegressor
{
  ScModelInfo *info;
  guint        p;
  double      *linear;   /* intercept, then p coefficients */
  ScMlp       *mlp;
  gboolean     fitted;
};

ScRegressor *
sc_regressor_new (ScModelInfo *info,
                  guint        n_features)
{
  ScRegressor *self;

  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (n_features > 0, NULL);

  self = g_new0 (ScRegressor, 1);
  self->info = sc_model_info_ref (info);
  self->p = n_features;
  self->linear = g_new0 (double, n_features + 1);
  if (info->kind == SC_MODEL_KIND_MLP)
    self->mlp = sc_mlp_new (info, n_features);
  return self;
}

void
sc_regressor_free (ScRegressor *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->mlp, sc_mlp_free);
  g_free (self->linear);
  sc_model_info_unref (self->info);
  g_free (self);
}

/* Least squares with an intercept the way scikit-learn's LinearRegression
 * does it: centre X and y, solve for the minimum-norm coefficients, then
 * intercept = mean(y) - mean(X) . coef. Ridge adds ALPHA * N * |w|^2 on the
 * coefficients of the standardised columns (rows of sqrt(ALPHA N) I). */
static void
fit_linear (ScRegressor  *self,
            const double *x,
            const double *y,
            guint         n,
            double        alpha)
{
  guint p = self->p;
  guint extra = alpha > 0 ? p : 0;
  g_autofree double *mean = g_new0 (double, p);
  g_autofree double *scale = g_new (double, p);
  g_autofree double *a = g_new0 (double, (gsize) (n + extra) * p);
  g_autofree double *b = g_new0 (double, n + extra);
  g_autofree double *coef = g_new0 (double, p);
  double y_mean = 0, intercept;

  for (guint i = 0; i < n; i++)
    {
      y_mean += y[i];
      for (guint j = 0; j < p; j++)
        mean[j] += x[(gsize) i * p + j];
    }
  y_mean /= n;
  for (guint j = 0; j < p; j++)
    {
      mean[j] /= n;
      scale[j] = 1;
    }

  if (alpha > 0)
    for (guint j = 0; j < p; j++)
      {
        double ss = 0;

        for (guint i = 0; i < n; i++)
          ss += (x[(gsize) i * p + j] - mean[j]) * (x[(gsize) i * p + j] - mean[j]);
        scale[j] = ss > 0 ? sqrt (ss / n) : 1;
      }

  for (guint i = 0; i < n; i++)
    {
      for (guint j = 0; j < p; j++)
        a[(gsize) i * p + j] = (x[(gsize) i * p + j] - mean[j]) / scale[j];
      b[i] = y[i] - y_mean;
    }
  for (guint j = 0; j < extra; j++)
    a[(gsize) (n + j) * p + j] = sqrt (alpha * n);

  sc_lstsq_min_norm (a, b, n + extra, p, -1, coef);

  intercept = y_mean;
  for (guint j = 0; j < p; j++)
    {
      coef[j] /= scale[j];
      intercept -= mean[j] * coef[j];
      self->linear[j + 1] = coef[j];
    }
  self->linear[0] = intercept;
}

gboolean
sc_regressor_fit (ScRegressor   *self,
                  const double  *x,
                  const double  *y,
                  guint          n,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (n == 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA, _("There are no rows to train the model on."));
      return FALSE;
    }

  switch (self->info->kind)
    {
    case SC_MODEL_KIND_OLS:
      fit_linear (self, x, y, n, 0);
      break;

    case SC_MODEL_KIND_RIDGE:
      fit_linear (self, x, y, n, self->info->ridge_alpha);
      break;

    case SC_MODEL_KIND_MLP:
      if (!sc_mlp_fit (self->mlp, x, y, n, cancellable, error))
        return FALSE;
      break;

    case SC_MODEL_KIND_NAIVE:
    default:
      g_assert_not_reached ();
    }

  self->fitted = TRUE;
  return TRUE;
}

double
sc_regressor_predict (ScRegressor  *self,
                      const double *x)
{
  double value;

  g_return_val_if_fail (self != NULL, NAN);
  g_return_val_if_fail (self->fitted, NAN);

  if (self->mlp != NULL)
    return sc_mlp_predict (self->mlp, x);

  /* The order of scikit-learn's predict: X @ coef + intercept. */
  value = 0;
  for (guint j = 0; j < self->p; j++)
    value += x[j] * self->linear[j + 1];
  return value + self->linear[0];
}

const double *
sc_regressor_get_linear (ScRegressor *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->info->kind == SC_MODEL_KIND_OLS || self->info->kind == SC_MODEL_KIND_RIDGE)
    return self->linear;
  return NULL;
}
