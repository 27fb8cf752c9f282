/* sc-linalg.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <float.h>
#include <math.h>

#include "sc-linalg.h"

#define MAX_SWEEPS 60

guint
sc_lstsq_min_norm (const double *a,
                   const double *b,
                   guint         n,
                   guint         p,
                   double        rcond,
                   double       *x)
{
  g_autofree double *u = NULL;   /* column-major copy of A, orthogonalised in place */
  g_autofree double *v = NULL;   /* p x p, column-major */
  g_autofree double *sigma = NULL;
  double sigma_max = 0;
  guint rank = 0;

  g_return_val_if_fail (p > 0, 0);

  for (guint j = 0; j < p; j++)
    x[j] = 0;
  if (n == 0)
    return 0;

  u = g_new (double, (gsize) n * p);
  v = g_new0 (double, (gsize) p * p);
  sigma = g_new (double, p);

  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < p; j++)
      u[(gsize) j * n + i] = a[(gsize) i * p + j];
  for (guint j = 0; j < p; j++)
    v[j * p + j] = 1;

  /* Hestenes' one-sided Jacobi: rotate column pairs until all are
   * orthogonal; then A V = U Sigma with the column norms as singular values. */
  for (guint sweep = 0; sweep < MAX_SWEEPS; sweep++)
    {
      gboolean rotated = FALSE;

      for (guint j = 0; j + 1 < p; j++)
        for (guint k = j + 1; k < p; k++)
          {
            double *uj = u + (gsize) j * n;
            double *uk = u + (gsize) k * n;
            double alpha = 0, beta = 0, gamma = 0;
            double zeta, t, c, s;

            for (guint i = 0; i < n; i++)
              {
                alpha += uj[i] * uj[i];
                beta += uk[i] * uk[i];
                gamma += uj[i] * uk[i];
              }

            if (gamma == 0 || fabs (gamma) <= DBL_EPSILON * sqrt (alpha * beta))
              continue;

            rotated = TRUE;
            zeta = (beta - alpha) / (2 * gamma);
            t = (zeta >= 0 ? 1.0 : -1.0) / (fabs (zeta) + sqrt (1 + zeta * zeta));
            c = 1 / sqrt (1 + t * t);
            s = c * t;

            for (guint i = 0; i < n; i++)
              {
                double pj = uj[i], pk = uk[i];

                uj[i] = c * pj - s * pk;
                uk[i] = s * pj + c * pk;
              }
            for (guint i = 0; i < p; i++)
              {
                double pj = v[j * p + i], pk = v[k * p + i];

                v[j * p + i] = c * pj - s * pk;
                v[k * p + i] = s * pj + c * pk;
              }
          }

      if (!rotated)
        break;
    }

  for (guint j = 0; j < p; j++)
    {
      double ss = 0;

      for (guint i = 0; i < n; i++)
        ss += u[(gsize) j * n + i] * u[(gsize) j * n + i];
      sigma[j] = sqrt (ss);
      sigma_max = MAX (sigma_max, sigma[j]);
    }

  if (rcond <= 0)
    rcond = DBL_EPSILON * MAX (n, p);

  /* x = sum over kept j of (u_j . b / sigma_j^2) v_j, u_j not yet normalised. */
  for (guint j = 0; j < p; j++)
    {
      double ub = 0, coef;

      if (sigma_max == 0 || sigma[j] <= rcond * sigma_max)
        continue;
      rank++;
      for (guint i = 0; i < n; i++)
        ub += u[(gsize) j * n + i] * b[i];
      coef = ub / (sigma[j] * sigma[j]);
      for (guint i = 0; i < p; i++)
        x[i] += coef * v[j * p + i];
    }

  return rank;
}
