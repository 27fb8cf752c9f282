/* sc-lsq.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "sc-linalg.h"
#include "sc-lsq.h"

void
sc_lsq_accumulator_init (ScLsqAccumulator *acc,
                         guint             p)
{
  g_assert (p + 1 <= 65);

  acc->p = p;
  acc->n = 0;
  acc->mean = g_new0 (double, p + 1);
  acc->m2 = g_new0 (double, (p + 1) * (p + 1));
  acc->intercept_coef = g_new0 (double, p + 1);
}

void
sc_lsq_accumulator_clear (ScLsqAccumulator *acc)
{
  g_clear_pointer (&acc->mean, g_free);
  g_clear_pointer (&acc->m2, g_free);
  g_clear_pointer (&acc->intercept_coef, g_free);
}

void
sc_lsq_accumulator_add (ScLsqAccumulator *acc,
                        const double     *x,
                        double            y)
{
  guint q = acc->p + 1;
  double delta[65], after[65];

  g_assert (q <= G_N_ELEMENTS (delta));

  acc->n += 1;
  for (guint k = 0; k < q; k++)
    {
      double v = k < acc->p ? x[k] : y;

      delta[k] = v - acc->mean[k];
      acc->mean[k] += delta[k] / acc->n;
      after[k] = v - acc->mean[k];
    }
  for (guint a = 0; a < q; a++)
    for (guint b = 0; b < q; b++)
      acc->m2[a * q + b] += delta[a] * after[b];
}

void
sc_lsq_accumulator_solve (ScLsqAccumulator *acc,
                          double            ridge_alpha)
{
  guint p = acc->p, q = p + 1;
  g_autofree double *a = g_new (double, p * p);
  g_autofree double *b = g_new (double, p);
  g_autofree double *w = g_new (double, p);
  g_autofree double *scale = g_new (double, p);
  double intercept = acc->mean[p];

  for (guint j = 0; j < p; j++)
    {
      double var = acc->m2[j * q + j] / acc->n;

      scale[j] = var > 0 ? sqrt (var) : 1;
    }
  for (guint j = 0; j < p; j++)
    {
      for (guint k = 0; k < p; k++)
        a[j * p + k] = 0.5 * (acc->m2[j * q + k] + acc->m2[k * q + j]) / (scale[j] * scale[k]);
      a[j * p + j] += ridge_alpha * acc->n;
      b[j] = 0.5 * (acc->m2[j * q + p] + acc->m2[p * q + j]) / scale[j];
    }

  /* The normal equations square the condition number, so the cut-off is
   * the square of a sensible one for X itself. */
  sc_lstsq_min_norm (a, b, p, p, 1e-13, w);

  for (guint j = 0; j < p; j++)
    {
      acc->intercept_coef[j + 1] = w[j] / scale[j];
      intercept -= acc->mean[j] * acc->intercept_coef[j + 1];
    }
  acc->intercept_coef[0] = intercept;
}

double
sc_lsq_accumulator_predict (ScLsqAccumulator *acc,
                            const double     *x)
{
  double value = 0;

  for (guint j = 0; j < acc->p; j++)
    value += x[j] * acc->intercept_coef[j + 1];
  return value + acc->intercept_coef[0];
}
