/* sc-mlp.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sc-error.h"
#include "sc-mlp.h"

/* The inner loops run over the hidden units; let GCC vectorise them. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize ("O3", "no-trapping-math")
#endif

/* Single precision: twice the values per vector instruction, and plenty for
 * weights trained on standardised data. Statistics and outputs stay double. */
typedef float real;

#define ADAM_BETA1 0.9
#define ADAM_BETA2 0.999
#define ADAM_EPSILON 1e-8
/* scikit-learn's tol: a smaller gain in validation loss is no gain. */
#define TOLERANCE 1e-4
/* Below this many rows there is no validation tail. */
#define MIN_ROWS_FOR_VALIDATION 50

struct _ScMlp
{
  ScModelInfo *info;
  guint        p;
  guint        h;
  guint64      rng;
  gboolean     initialised;
  guint        epochs;

  /* Parameters: w1 is p rows of h (input-major), then b1 (h), w2 (h), b2. */
  real      *params;
  real      *best;
  real      *grad;
  real      *m;
  real      *v;
  guint        n_params;

  /* Standardisation of the last fit. */
  double      *x_mean;
  double      *x_scale;
  double       y_mean;
  double       y_scale;
};

/* SplitMix64: small, fast, and the same on every platform. */
static guint64
next_u64 (guint64 *state)
{
  guint64 z = (*state += 0x9E3779B97F4A7C15ull);

  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

static double
next_uniform (guint64 *state)
{
  return (next_u64 (state) >> 11) * (1.0 / 9007199254740992.0);
}

ScMlp *
sc_mlp_new (ScModelInfo *info,
            guint        n_inputs)
{
  ScMlp *self = g_new0 (ScMlp, 1);

  self->info = sc_model_info_ref (info);
  self->p = n_inputs;
  self->h = info->hidden;
  self->n_params = n_inputs * self->h + 2 * self->h + 1;
  self->params = g_new0 (real, self->n_params);
  self->best = g_new0 (real, self->n_params);
  self->grad = g_new0 (real, self->n_params);
  self->m = g_new0 (real, self->n_params);
  self->v = g_new0 (real, self->n_params);
  self->x_mean = g_new0 (double, n_inputs);
  self->x_scale = g_new0 (double, n_inputs);
  self->rng = info->seed;
  return self;
}

void
sc_mlp_free (ScMlp *self)
{
  if (self == NULL)
    return;

  sc_model_info_unref (self->info);
  g_free (self->params);
  g_free (self->best);
  g_free (self->grad);
  g_free (self->m);
  g_free (self->v);
  g_free (self->x_mean);
  g_free (self->x_scale);
  g_free (self);
}

static void
init_weights (ScMlp *self)
{
  guint p = self->p, h = self->h;
  double bound1 = sqrt (6.0 / (p + h));
  double bound2 = sqrt (6.0 / (h + 1));
  real *w1 = self->params, *b1 = w1 + p * h, *w2 = b1 + h, *b2 = w2 + h;

  /* Glorot-uniform as scikit-learn initialises ReLU layers, biases too. */
  for (guint i = 0; i < p * h; i++)
    w1[i] = (real) ((2 * next_uniform (&self->rng) - 1) * bound1);
  for (guint k = 0; k < h; k++)
    b1[k] = (real) ((2 * next_uniform (&self->rng) - 1) * bound1);
  for (guint k = 0; k < h; k++)
    w2[k] = (real) ((2 * next_uniform (&self->rng) - 1) * bound2);
  *b2 = (real) ((2 * next_uniform (&self->rng) - 1) * bound2);
}

/* Output for one standardised input row; HIDDEN receives the activations. */
/* Partial sums in LANES independent accumulators let the compiler keep
 * the dot product in vector registers (a fixed order, so still exact to
 * repeat). */
#define LANES 8

static inline real
forward (const ScMlp          *self,
         const real *restrict  params,
         const real *restrict  x,
         real *restrict        hidden)
{
  guint p = self->p, h = self->h;
  const real *w1 = params, *b1 = w1 + p * h, *w2 = b1 + h, *b2 = w2 + h;
  real partial[LANES] = { 0 };
  real out = *b2;
  guint k;

  for (k = 0; k < h; k++)
    hidden[k] = b1[k];
  for (guint j = 0; j < p; j++)
    {
      const real *restrict wj = w1 + j * h;
      real xj = x[j];

      for (k = 0; k < h; k++)
        hidden[k] += xj * wj[k];
    }
  for (k = 0; k < h; k++)
    hidden[k] = hidden[k] > 0 ? hidden[k] : 0;
  for (k = 0; k + LANES <= h; k += LANES)
    for (guint l = 0; l < LANES; l++)
      partial[l] += hidden[k + l] * w2[k + l];
  for (; k < h; k++)
    partial[0] += hidden[k] * w2[k];
  for (guint l = 0; l < LANES; l++)
    out += partial[l];
  return out;
}

/* Gradient of one row, added to the batch's. */
static inline void
backward (guint                h,
          guint                p,
          real                 d,
          const real *restrict x,
          const real *restrict hidden,
          const real *restrict w2,
          real *restrict       delta_h,
          real *restrict       g_w1,
          real *restrict       g_b1,
          real *restrict       g_w2)
{
  for (guint k = 0; k < h; k++)
    {
      real active = (real) (hidden[k] > 0);

      g_w2[k] += d * hidden[k];
      delta_h[k] = active * d * w2[k];
      g_b1[k] += delta_h[k];
    }
  for (guint j = 0; j < p; j++)
    {
      real xj = x[j];
      real *restrict gj = g_w1 + j * h;

      for (guint k = 0; k < h; k++)
        gj[k] += xj * delta_h[k];
    }
}

static double
mean_squared_error (const ScMlp  *self,
                    const real *params,
                    const real *xs,
                    const real *ys,
                    guint         n,
                    real       *hidden)
{
  double sum = 0;

  for (guint i = 0; i < n; i++)
    {
      double d = forward (self, params, xs + (gsize) i * self->p, hidden) - ys[i];
      sum += d * d;
    }
  return n > 0 ? sum / n : 0;
}

gboolean
sc_mlp_fit (ScMlp         *self,
            const double  *x,
            const double  *y,
            guint          n,
            GCancellable  *cancellable,
            GError       **error)
{
  guint p = self->p, h = self->h;
  g_autofree real *xs = NULL;
  g_autofree real *ys = NULL;
  g_autofree guint *order = NULL;
  g_autofree real *hidden = g_new (real, h);
  g_autofree real *delta_h = g_new (real, h);
  guint n_val, n_train, batch, no_gain = 0;
  double best_loss = INFINITY;
  const real l2 = (real) self->info->l2;
  const real beta1 = (real) ADAM_BETA1, beta2 = (real) ADAM_BETA2, epsilon = (real) ADAM_EPSILON;
  guint64 step = 0;

  g_return_val_if_fail (self != NULL, FALSE);

  if (n == 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA, _("There are no rows to train the model on."));
      return FALSE;
    }

  /* Standardise inputs and target on this fit's rows. */
  for (guint j = 0; j < p; j++)
    {
      double mean = 0, ss = 0;

      for (guint i = 0; i < n; i++)
        mean += x[(gsize) i * p + j];
      mean /= n;
      for (guint i = 0; i < n; i++)
        ss += (x[(gsize) i * p + j] - mean) * (x[(gsize) i * p + j] - mean);
      self->x_mean[j] = mean;
      self->x_scale[j] = ss > 0 ? sqrt (ss / n) : 1;
    }
  {
    double mean = 0, ss = 0;

    for (guint i = 0; i < n; i++)
      mean += y[i];
    mean /= n;
    for (guint i = 0; i < n; i++)
      ss += (y[i] - mean) * (y[i] - mean);
    self->y_mean = mean;
    self->y_scale = ss > 0 ? sqrt (ss / n) : 1;
  }

  xs = g_new (real, (gsize) n * p);
  ys = g_new (real, n);
  for (guint i = 0; i < n; i++)
    {
      for (guint j = 0; j < p; j++)
        xs[(gsize) i * p + j] = (real) ((x[(gsize) i * p + j] - self->x_mean[j]) / self->x_scale[j]);
      ys[i] = (real) ((y[i] - self->y_mean) / self->y_scale);
    }

  /* Early stopping watches the most recent rows: the chronological tail. */
  n_val = n >= MIN_ROWS_FOR_VALIDATION ? MAX (1, (guint) (self->info->validation * n)) : 0;
  n_train = n - n_val;
  batch = MIN (self->info->batch_size, n_train);

  if (!self->initialised)
    {
      init_weights (self);
      self->initialised = TRUE;
    }
  /* A warm start keeps the weights but not the optimiser's momentum. */
  memset (self->m, 0, self->n_params * sizeof (real));
  memset (self->v, 0, self->n_params * sizeof (real));
  memcpy (self->best, self->params, self->n_params * sizeof (real));

  order = g_new (guint, n_train);
  for (guint i = 0; i < n_train; i++)
    order[i] = i;

  self->epochs = 0;
  for (guint epoch = 0; epoch < self->info->max_iter; epoch++)
    {
      double loss;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      for (guint i = n_train; i > 1; i--)
        {
          guint j = (guint) (next_u64 (&self->rng) % i), tmp = order[i - 1];

          order[i - 1] = order[j];
          order[j] = tmp;
        }

      for (guint start = 0; start < n_train; start += batch)
        {
          guint end = MIN (start + batch, n_train), size = end - start;
          real *w1 = self->params, *b1 = w1 + p * h, *w2 = b1 + h;
          real *g_w1 = self->grad, *g_b1 = g_w1 + p * h, *g_w2 = g_b1 + h, *g_b2 = g_w2 + h;
          real lr_t;

          memset (self->grad, 0, self->n_params * sizeof (real));

          for (guint r = start; r < end; r++)
            {
              const real *xi = xs + (gsize) order[r] * p;
              real d = forward (self, self->params, xi, hidden) - ys[order[r]];

              *g_b2 += d;
              backward (h, p, d, xi, hidden, w2, delta_h, g_w1, g_b1, g_w2);
            }

          /* Mean gradient plus scikit-learn's L2 term on the weights. */
          for (guint i = 0; i < p * h; i++)
            g_w1[i] = (g_w1[i] + l2 * w1[i]) / size;
          for (guint k = 0; k < h; k++)
            {
              g_b1[k] /= size;
              g_w2[k] = (g_w2[k] + l2 * w2[k]) / size;
            }
          *g_b2 /= size;

          step++;
          lr_t = (real) (self->info->learning_rate * sqrt (1 - pow (ADAM_BETA2, step)) /
                         (1 - pow (ADAM_BETA1, step)));
          for (guint i = 0; i < self->n_params; i++)
            {
              real g = self->grad[i];

              self->m[i] = beta1 * self->m[i] + (1 - beta1) * g;
              self->v[i] = beta2 * self->v[i] + (1 - beta2) * g * g;
              self->params[i] -= lr_t * self->m[i] / (sqrtf (self->v[i]) + epsilon);
            }
        }

      self->epochs++;

      if (n_val == 0)
        continue;

      loss = mean_squared_error (self, self->params, xs + (gsize) n_train * p, ys + n_train,
                                 n_val, hidden);
      if (loss < best_loss - TOLERANCE * MAX (best_loss, 1e-12) || !isfinite (best_loss))
        {
          best_loss = loss;
          no_gain = 0;
          memcpy (self->best, self->params, self->n_params * sizeof (real));
        }
      else if (++no_gain >= self->info->patience)
        {
          break;
        }
    }

  if (n_val > 0)
    memcpy (self->params, self->best, self->n_params * sizeof (real));

  g_debug ("MLP fit: %u rows, %u epochs, validation loss %g", n, self->epochs, best_loss);

  for (guint i = 0; i < self->n_params; i++)
    if (!isfinite (self->params[i]))
      {
        g_set_error (error, SC_ERROR, SC_ERROR_DATA, _("The neural network did not converge."));
        self->initialised = FALSE;
        return FALSE;
      }

  return TRUE;
}

double
sc_mlp_predict (ScMlp        *self,
                const double *x)
{
  real xs[64];
  real hidden_stack[256];
  g_autofree real *hidden_heap = NULL;
  real *hidden = hidden_stack;

  g_return_val_if_fail (self != NULL && self->initialised, NAN);
  g_assert (self->p <= G_N_ELEMENTS (xs));

  if (self->h > G_N_ELEMENTS (hidden_stack))
    hidden = hidden_heap = g_new (real, self->h);

  for (guint j = 0; j < self->p; j++)
    xs[j] = (real) ((x[j] - self->x_mean[j]) / self->x_scale[j]);
  return (double) forward (self, self->params, xs, hidden) * self->y_scale + self->y_mean;
}

guint
sc_mlp_get_epochs (ScMlp *self)
{
  return self->epochs;
}
