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
#pragma GCC optimize ("O3")
#endif

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
  double      *params;
  double      *best;
  double      *grad;
  double      *m;
  double      *v;
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
  self->params = g_new0 (double, self->n_params);
  self->best = g_new0 (double, self->n_params);
  self->grad = g_new0 (double, self->n_params);
  self->m = g_new0 (double, self->n_params);
  self->v = g_new0 (double, self->n_params);
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
  double *w1 = self->params, *b1 = w1 + p * h, *w2 = b1 + h, *b2 = w2 + h;

  /* Glorot-uniform as scikit-learn initialises ReLU layers, biases too. */
  for (guint i = 0; i < p * h; i++)
    w1[i] = (2 * next_uniform (&self->rng) - 1) * bound1;
  for (guint k = 0; k < h; k++)
    b1[k] = (2 * next_uniform (&self->rng) - 1) * bound1;
  for (guint k = 0; k < h; k++)
    w2[k] = (2 * next_uniform (&self->rng) - 1) * bound2;
  *b2 = (2 * next_uniform (&self->rng) - 1) * bound2;
}

/* Output for one standardised input row; HIDDEN receives the activations. */
static inline double
forward (const ScMlp  *self,
         const double *params,
         const double *x,
         double       *hidden)
{
  guint p = self->p, h = self->h;
  const double *w1 = params, *b1 = w1 + p * h, *w2 = b1 + h, *b2 = w2 + h;
  double out = *b2;

  for (guint k = 0; k < h; k++)
    hidden[k] = b1[k];
  for (guint j = 0; j < p; j++)
    {
      const double *wj = w1 + j * h;
      double xj = x[j];

      for (guint k = 0; k < h; k++)
        hidden[k] += xj * wj[k];
    }
  for (guint k = 0; k < h; k++)
    {
      hidden[k] = hidden[k] > 0 ? hidden[k] : 0;
      out += hidden[k] * w2[k];
    }
  return out;
}

static double
mean_squared_error (const ScMlp  *self,
                    const double *params,
                    const double *xs,
                    const double *ys,
                    guint         n,
                    double       *hidden)
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
  g_autofree double *xs = NULL;
  g_autofree double *ys = NULL;
  g_autofree guint *order = NULL;
  g_autofree double *hidden = g_new (double, h);
  g_autofree double *delta_h = g_new (double, h);
  guint n_val, n_train, batch, no_gain = 0;
  double best_loss = INFINITY;
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

  xs = g_new (double, (gsize) n * p);
  ys = g_new (double, n);
  for (guint i = 0; i < n; i++)
    {
      for (guint j = 0; j < p; j++)
        xs[(gsize) i * p + j] = (x[(gsize) i * p + j] - self->x_mean[j]) / self->x_scale[j];
      ys[i] = (y[i] - self->y_mean) / self->y_scale;
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
  memset (self->m, 0, self->n_params * sizeof (double));
  memset (self->v, 0, self->n_params * sizeof (double));
  memcpy (self->best, self->params, self->n_params * sizeof (double));

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
          double *w1 = self->params, *b1 = w1 + p * h, *w2 = b1 + h;
          double *g_w1 = self->grad, *g_b1 = g_w1 + p * h, *g_w2 = g_b1 + h, *g_b2 = g_w2 + h;
          double lr_t;

          memset (self->grad, 0, self->n_params * sizeof (double));

          for (guint r = start; r < end; r++)
            {
              const double *xi = xs + (gsize) order[r] * p;
              double d = forward (self, self->params, xi, hidden) - ys[order[r]];

              *g_b2 += d;
              for (guint k = 0; k < h; k++)
                {
                  g_w2[k] += d * hidden[k];
                  delta_h[k] = hidden[k] > 0 ? d * w2[k] : 0;
                  g_b1[k] += delta_h[k];
                }
              for (guint j = 0; j < p; j++)
                {
                  double xj = xi[j];
                  double *gj = g_w1 + j * h;

                  for (guint k = 0; k < h; k++)
                    gj[k] += xj * delta_h[k];
                }
            }

          /* Mean gradient plus scikit-learn's L2 term on the weights. */
          for (guint i = 0; i < p * h; i++)
            g_w1[i] = (g_w1[i] + self->info->l2 * w1[i]) / size;
          for (guint k = 0; k < h; k++)
            {
              g_b1[k] /= size;
              g_w2[k] = (g_w2[k] + self->info->l2 * w2[k]) / size;
            }
          *g_b2 /= size;

          step++;
          lr_t = self->info->learning_rate * sqrt (1 - pow (ADAM_BETA2, step)) /
                 (1 - pow (ADAM_BETA1, step));
          for (guint i = 0; i < self->n_params; i++)
            {
              double g = self->grad[i];

              self->m[i] = ADAM_BETA1 * self->m[i] + (1 - ADAM_BETA1) * g;
              self->v[i] = ADAM_BETA2 * self->v[i] + (1 - ADAM_BETA2) * g * g;
              self->params[i] -= lr_t * self->m[i] / (sqrt (self->v[i]) + ADAM_EPSILON);
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
          memcpy (self->best, self->params, self->n_params * sizeof (double));
        }
      else if (++no_gain >= self->info->patience)
        {
          break;
        }
    }

  if (n_val > 0)
    memcpy (self->params, self->best, self->n_params * sizeof (double));

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
  double xs[64];
  double hidden_stack[256];
  g_autofree double *hidden_heap = NULL;
  double *hidden = hidden_stack;

  g_return_val_if_fail (self != NULL && self->initialised, NAN);
  g_assert (self->p <= G_N_ELEMENTS (xs));

  if (self->h > G_N_ELEMENTS (hidden_stack))
    hidden = hidden_heap = g_new (double, self->h);

  for (guint j = 0; j < self->p; j++)
    xs[j] = (x[j] - self->x_mean[j]) / self->x_scale[j];
  return forward (self, self->params, xs, hidden) * self->y_scale + self->y_mean;
}

guint
sc_mlp_get_epochs (ScMlp *self)
{
  return self->epochs;
}
