/* sc-seed-split.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "sc-predictor-private.h"

/* The original web app's protocol, kept only to compare against its
 * published table: NaN features filled with 0 and a shuffled 70/30 split
 * drawn exactly as scikit-learn's train_test_split draws it. */

/* MT19937 as numpy's legacy RandomState seeds and draws it. */
typedef struct
{
  guint32 mt[624];
  guint   pos;
} Mt19937;

static void
mt_seed (Mt19937 *state,
         guint32  seed)
{
  state->mt[0] = seed;
  for (guint i = 1; i < 624; i++)
    state->mt[i] = 1812433253u * (state->mt[i - 1] ^ (state->mt[i - 1] >> 30)) + i;
  state->pos = 624;
}

static guint32
mt_next (Mt19937 *state)
{
  guint32 y;

  if (state->pos >= 624)
    {
      for (guint i = 0; i < 624; i++)
        {
          y = (state->mt[i] & 0x80000000u) | (state->mt[(i + 1) % 624] & 0x7fffffffu);
          state->mt[i] = state->mt[(i + 397) % 624] ^ (y >> 1) ^ ((y & 1) ? 0x9908b0dfu : 0);
        }
      state->pos = 0;
    }

  y = state->mt[state->pos++];
  y ^= y >> 11;
  y ^= (y << 7) & 0x9d2c5680u;
  y ^= (y << 15) & 0xefc60000u;
  y ^= y >> 18;
  return y;
}

guint *
_sc_numpy_permutation (guint32 seed,
                       guint   n)
{
  guint *perm = g_new (guint, MAX (n, 1));
  Mt19937 state;

  mt_seed (&state, seed);
  for (guint i = 0; i < n; i++)
    perm[i] = i;

  /* RandomState.shuffle: Fisher-Yates from the end, bounded draws by
   * rejection under the smallest covering bit mask. */
  for (guint i = n > 0 ? n - 1 : 0; i > 0; i--)
    {
      guint32 mask = i, j, tmp;

      mask |= mask >> 1;
      mask |= mask >> 2;
      mask |= mask >> 4;
      mask |= mask >> 8;
      mask |= mask >> 16;
      while ((j = (mt_next (&state) & mask)) > i)
        ;
      tmp = perm[i];
      perm[i] = perm[j];
      perm[j] = tmp;
    }
  return perm;
}

gboolean
_sc_seed_split (ScRunContext      *ctx,
                int                h,
                ScRegressor       *regressor,
                ScHorizonMetrics  *metrics,
                GError           **error)
{
  const ScRunSettings *s = ctx->settings;
  const ScModelInfo *model = s->model;
  ScFeatures *f = ctx->features;
  guint n = f->n, p = f->p;
  guint n_test = (guint) ceil (0.3 * n);
  g_autofree guint *perm = _sc_numpy_permutation (s->seed, n);
  g_autofree double *x = g_new (double, (gsize) p * n);
  g_autofree double *y = g_new (double, n);
  g_autofree double *pred = g_new (double, n_test);
  g_autofree double *actual = g_new (double, n_test);
  g_autofree double *naive = g_new (double, n_test);
  guint n_train = 0;

  /* The original's defects, on purpose: NaN features become 0 and the last
   * H rows learn a target of 0. */
  for (guint r = n_test; r < n; r++)
    {
      guint i = perm[r];

      for (guint k = 0; k < p; k++)
        {
          double v = f->feat[(gsize) k * n + i];
          x[(gsize) n_train * p + k] = isnan (v) ? 0 : v;
        }
      if (i + h < n)
        y[n_train] = _sc_model_target (model, f->close[i], f->close[i + h]);
      else if (model->target == SC_MODEL_TARGET_PRICE)
        y[n_train] = _sc_model_target (model, f->close[i], 0);   /* a price of 0 */
      else
        y[n_train] = 0;
      n_train++;
    }

  if (model->kind != SC_MODEL_KIND_NAIVE &&
      !sc_regressor_fit (regressor, x, y, n_train, ctx->cancellable, error))
    return FALSE;

  for (guint r = 0; r < n_test; r++)
    {
      guint i = perm[r];
      double row[64];

      for (guint k = 0; k < p; k++)
        {
          double v = f->feat[(gsize) k * n + i];
          row[k] = isnan (v) ? 0 : v;
        }
      if (model->kind == SC_MODEL_KIND_NAIVE)
        pred[r] = f->close[i];
      else
        pred[r] = _sc_model_to_price (model, f->close[i], sc_regressor_predict (regressor, row));
      actual[r] = i + h < n ? f->close[i + h] : 0;
      naive[r] = f->close[i];
    }

  _sc_score (actual, pred, naive, NULL, NULL, n_test, h, metrics);
  return TRUE;
}

