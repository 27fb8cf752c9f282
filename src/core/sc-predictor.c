/* sc-predictor.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sc-calendar.h"
#include "sc-error.h"
#include "sc-indicators.h"
#include "sc-linalg.h"
#include "sc-predictor-private.h"
#include "sc-regressor.h"

/* Fewest usable training rows before a model is fitted. */
#define MIN_TRAIN_ROWS 100
/* Fewest out-of-sample forecasts a horizon's backtest must score. */
#define MIN_SCORED 20
/* Fewest known out-of-sample errors before an interval is drawn. */
#define MIN_ERRORS 20
/* Rows between refits of linear models (their refit is a tiny solve). */
#define LINEAR_REFIT_EVERY 5
/* Refits per horizon of the (costlier) MLP. */
#define MLP_REFITS 10
#define MLP_MIN_REFIT_EVERY 21
#define INTERVAL_LOW_Q 0.10
#define INTERVAL_HIGH_Q 0.90
/* Daily returns behind the volatility that scales the intervals. */
#define VOL_WINDOW 63

struct _ScPredictor
{
  GObject      parent_instance;

  ScModelInfo *model;
  int         *horizons;
  guint        n_horizons;
  guint        years;
  ScProtocol   protocol;
  guint        seed;
  guint        refit_every;

  double       fraction;
  char        *step;
};

G_DEFINE_FINAL_TYPE (ScPredictor, sc_predictor, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_YEARS,
  PROP_PROTOCOL,
  PROP_FRACTION,
  PROP_STEP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const int default_horizons[] = { 10, 60, 365 };

/* g_set_str() arrived in GLib 2.76. */
static gboolean
set_str (char       **ptr,
         const char  *value)
{
  if (g_strcmp0 (*ptr, value) == 0)
    return FALSE;
  g_free (*ptr);
  *ptr = g_strdup (value);
  return TRUE;
}

const char *
sc_protocol_to_string (ScProtocol protocol)
{
  return protocol == SC_PROTOCOL_SEED ? "seed" : "walk-forward";
}

gboolean
sc_protocol_from_string (const char *text,
                         ScProtocol *out_protocol)
{
  if (g_strcmp0 (text, "walk-forward") == 0)
    *out_protocol = SC_PROTOCOL_WALK_FORWARD;
  else if (g_strcmp0 (text, "seed") == 0)
    *out_protocol = SC_PROTOCOL_SEED;
  else
    return FALSE;
  return TRUE;
}

/* Settings copied when a run starts, so a worker thread never reads the
 * object the main thread may be changing. */
typedef struct
{
  ScModelInfo *model;
  int         *horizons;
  guint        n_horizons;
  guint        years;
  ScProtocol   protocol;
  guint        seed;
  guint        refit_every;
} Settings;

static Settings *
settings_new (ScPredictor *self)
{
  Settings *s = g_new0 (Settings, 1);

  s->model = sc_model_info_ref (self->model);
  s->horizons = g_memdup2 (self->horizons, self->n_horizons * sizeof (int));
  s->n_horizons = self->n_horizons;
  s->years = self->years;
  s->protocol = self->protocol;
  s->seed = self->seed;
  s->refit_every = self->refit_every;
  return s;
}

static void
settings_free (Settings *s)
{
  sc_model_info_unref (s->model);
  g_free (s->horizons);
  g_free (s);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Settings, settings_free)

/* Progress from any number of workers, serialised. */
typedef struct
{
  ScProgressFunc  func;
  gpointer        data;
  GMutex          lock;
  guint           n_parts;
  double         *parts;     /* completion of each horizon, 0..1 */
} Progress;

static void
progress_report (Progress   *progress,
                 guint       part,
                 double      done,
                 const char *step)
{
  double total = 0;

  if (progress == NULL || progress->func == NULL)
    return;

  g_mutex_lock (&progress->lock);
  progress->parts[part] = CLAMP (done, 0, 1);
  for (guint i = 0; i < progress->n_parts; i++)
    total += progress->parts[i];
  progress->func (total / progress->n_parts, step, progress->data);
  g_mutex_unlock (&progress->lock);
}

/* Helpers */

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

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

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

ScPriceSeries *
_sc_prices_window (ScPriceSeries *prices,
                   guint          years)
{
  ScDay cut;
  guint first = 0;

  if (years == 0 || prices->n_rows == 0)
    return sc_price_series_slice (prices, 0, prices->n_rows);

  /* As the reference pipeline: rows dated after last − int(years × 365.25). */
  cut = prices->date[prices->n_rows - 1] - (ScDay) (years * 365.25);
  while (first < prices->n_rows && prices->date[first] <= cut)
    first++;
  return sc_price_series_slice (prices, first, prices->n_rows - first);
}

void
_sc_backtest_trace_free (ScBacktestTrace *trace)
{
  if (trace == NULL)
    return;
  g_free (trace->pred);
  g_free (trace->actual);
  g_free (trace->low);
  g_free (trace->high);
  g_free (trace->scale);
  g_free (trace);
}

/* Features */

static double *rolling_volatility (const double *close,
                                   guint         n);

typedef struct
{
  const ScModelInfo *model;
  guint              p;
  guint              n;
  const double      *close;
  gboolean           causal;
  double            *feat;     /* p columns of n rows (causal models only) */
  gboolean          *valid;    /* row has every feature */
  guint             *n_valid;  /* n_valid[i]: valid rows in [0, i] */
  double            *vol;      /* rolling volatility that scales intervals */
} Features;

static double
target_value (const ScModelInfo *model,
              double             now,
              double             future)
{
  if (model->target == SC_MODEL_TARGET_LOG_RETURN)
    return log (future / now);
  return model->residual ? future - now : future;
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

static void
features_init (Features          *f,
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
   * come from past rows alone (see row_features()). */
  compute_features (model, f->close, f->n, f->feat, f->valid);
  for (guint i = 0; i < f->n; i++)
    f->n_valid[i] = (i > 0 ? f->n_valid[i - 1] : 0) + (f->valid[i] ? 1 : 0);
  f->vol = rolling_volatility (f->close, f->n);
}

static void
features_clear (Features *f)
{
  g_clear_pointer (&f->feat, g_free);
  g_clear_pointer (&f->valid, g_free);
  g_clear_pointer (&f->n_valid, g_free);
  g_clear_pointer (&f->vol, g_free);
}

/* The features of row J as known at row J. Causal features are the same
 * computed over the whole window; others are recomputed over rows 0..J. */
static gboolean
row_features (const Features *f,
              guint           j,
              double         *x)
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

/* Training rows as known at row T for horizon H: rows i <= T - H (whose
 * target is known) with every feature, computed from rows 0..T only.
 * Returns the number of rows written to X and Y (model space). */
static guint
gather_training (const Features *f,
                 guint           t,
                 int             h,
                 double         *x,
                 double         *y)
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
      y[rows] = target_value (f->model, f->close[i], f->close[i + h]);
      rows++;
    }
  return rows;
}

/* What the model learns for an outcome FUTURE of a row closing at NOW, and
 * back from the model's output to a price. */
static double
to_price (const ScModelInfo *model,
          double             now,
          double             value)
{
  if (model->target == SC_MODEL_TARGET_LOG_RETURN)
    return now * exp (value);
  return model->residual ? now + value : value;
}

/* Linear models in the backtest: the training set only grows, so running
 * means and co-moments (Welford) give every refit for the price of a tiny
 * p x p solve. The final forecast uses the SVD path of sc-regressor.c. */
typedef struct
{
  guint   p;
  double  n;
  double *mean;   /* p features, then y */
  double *m2;     /* (p+1)^2 co-moments */
  double *intercept_coef;
} Accumulator;

static void
accumulator_init (Accumulator *acc,
                  guint        p)
{
  acc->p = p;
  acc->n = 0;
  acc->mean = g_new0 (double, p + 1);
  acc->m2 = g_new0 (double, (p + 1) * (p + 1));
  acc->intercept_coef = g_new0 (double, p + 1);
}

static void
accumulator_clear (Accumulator *acc)
{
  g_clear_pointer (&acc->mean, g_free);
  g_clear_pointer (&acc->m2, g_free);
  g_clear_pointer (&acc->intercept_coef, g_free);
}

static void
accumulator_add (Accumulator  *acc,
                 const double *x,
                 double        y)
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

static void
accumulator_solve (Accumulator *acc,
                   double       ridge_alpha)
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

static double
accumulator_predict (Accumulator  *acc,
                     const double *x)
{
  double value = 0;

  for (guint j = 0; j < acc->p; j++)
    value += x[j] * acc->intercept_coef[j + 1];
  return value + acc->intercept_coef[0];
}

/* Requirements */

static guint
first_origin (const Features *f,
              int             h,
              guint           min_train)
{
  /* The first row J whose training set (valid rows <= J - H) has enough rows. */
  for (guint i = 0; i < f->n; i++)
    if (f->n_valid[i] >= min_train)
      return i + h;
  return G_MAXUINT;
}

static guint
min_train_rows (const ScModelInfo *model)
{
  return MAX (MIN_TRAIN_ROWS, 10 * (model->n_features + 1));
}

static guint
rows_needed (const Features *f,
             int             h,
             guint           min_train)
{
  guint first_valid = 0;

  while (first_valid < f->n && !f->valid[first_valid])
    first_valid++;
  /* Enough for a first fit, MIN_SCORED backtest origins, and their outcomes. */
  return first_valid + min_train - 1 + 2 * h + MIN_SCORED;
}

static gboolean
check_horizon (const Features *f,
               ScPriceSeries  *window,
               int             h,
               gboolean        walk_forward,
               GError        **error)
{
  guint min_train = min_train_rows (f->model);
  guint j0 = first_origin (f, h, min_train);
  gboolean ok;

  if (walk_forward)
    ok = j0 != G_MAXUINT && (gint64) j0 + h + MIN_SCORED <= f->n;
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

/* Metrics */

static void
score (const double     *actual,
       const double     *pred,
       const double     *naive,
       const double     *low,
       const double     *high,
       guint             n,
       int               h,
       ScHorizonMetrics *m)
{
  double abs_sum = 0, sq_sum = 0, ape_sum = 0, naive_sum = 0, mean = 0, ss_tot = 0;
  guint ape_n = 0, hits = 0, right = 0, covered = 0, with_interval = 0;

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
      right += ((move > 0) - (move < 0)) == ((call > 0) - (call < 0));
      if (low != NULL && !isnan (low[i]))
        {
          with_interval++;
          covered += actual[i] >= low[i] && actual[i] <= high[i];
        }
      hits++;
    }

  m->mae = abs_sum / n;
  m->rmse = sqrt (sq_sum / n);
  m->mape = ape_n > 0 ? 100 * ape_sum / ape_n : NAN;
  m->r2 = ss_tot > 0 ? 1 - sq_sum / ss_tot : NAN;
  m->mase = naive_sum > 0 ? abs_sum / naive_sum : NAN;
  m->direction = (double) right / hits;
  m->coverage = with_interval > 0 ? (double) covered / with_interval : NAN;
}

/* Intervals come from out-of-sample errors measured in units of the
 * volatility at the time: z = log (actual / forecast) / vol, with vol the
 * standard deviation of the last VOL_WINDOW daily log returns. The 10th and
 * 90th percentiles of z, times today's vol, give the 80% interval, which
 * therefore widens in turbulent markets and narrows in calm ones. It is
 * widened if need be so that it always contains the forecast. */
static void
interval_from_quantiles (double  q_low,
                         double  q_high,
                         double  vol,
                         double  forecast,
                         double *low,
                         double *high)
{
  *low = forecast * exp (MIN (q_low, 0) * vol);
  *high = forecast * exp (MAX (q_high, 0) * vol);
}

/* Causal rolling volatility of daily log returns; before VOL_WINDOW returns
 * exist, the volatility of those there are (from 5 on). */
static double *
rolling_volatility (const double *close,
                    guint         n)
{
  double *vol = g_new (double, MAX (n, 1));

  double early[VOL_WINDOW];

  sc_indicator_volatility (close, n, VOL_WINDOW, vol);
  for (guint i = 0; i < MIN (n, VOL_WINDOW); i++)
    {
      if (i < 5)
        {
          vol[i] = NAN;
          continue;
        }
      /* The I returns up to row I. */
      sc_indicator_volatility (close, i + 1, i, early);
      vol[i] = early[i];
    }
  return vol;
}

static double
scaled_error (double actual,
              double pred,
              double vol)
{
  if (!(pred > 0) || !(actual > 0) || !(vol > 0))
    return NAN;
  return log (actual / pred) / vol;
}

/* Order statistics over a growing set of values whose ranks are known in
 * advance (a Fenwick tree of counts): insert and k-th smallest in O(log n). */
typedef struct
{
  guint   n;
  guint  *tree;
  guint   count;
} RankSet;

static void
rank_set_insert (RankSet *set,
                 guint    rank)
{
  for (guint i = rank + 1; i <= set->n; i += i & -i)
    set->tree[i]++;
  set->count++;
}

/* The rank of the K-th smallest (0-based) inserted value. */
static guint
rank_set_select (RankSet *set,
                 guint    k)
{
  guint pos = 0, step = 1;

  while (step * 2 <= set->n)
    step *= 2;
  for (; step > 0; step /= 2)
    if (pos + step <= set->n && set->tree[pos + step] <= k)
      {
        pos += step;
        k -= set->tree[pos];
      }
  return pos;
}

static double
rank_set_quantile (RankSet      *set,
                   const double *sorted_values,
                   double        q)
{
  double pos = q * (set->count - 1), frac;
  guint lo = (guint) floor (pos);
  double a, b;

  a = sorted_values[rank_set_select (set, lo)];
  if (lo + 1 >= set->count)
    return a;
  b = sorted_values[rank_set_select (set, lo + 1)];
  frac = pos - lo;
  return a + (b - a) * frac;
}

typedef struct
{
  double value;
  guint  index;
} Ranked;

static int
compare_ranked (const void *a,
                const void *b)
{
  const Ranked *x = a, *y = b;

  if (x->value != y->value)
    return (x->value > y->value) - (x->value < y->value);
  return (x->index > y->index) - (x->index < y->index);
}

/* One horizon */

typedef struct
{
  const Settings   *settings;
  Features         *features;
  ScPriceSeries    *window;
  Progress         *progress;
  guint             part;
  GCancellable     *cancellable;
} Context;

static guint
refit_every (const Settings *s,
             guint           n_origins)
{
  if (s->refit_every > 0)
    return s->refit_every;
  if (s->model->kind == SC_MODEL_KIND_MLP)
    return MAX (MLP_MIN_REFIT_EVERY, (n_origins + MLP_REFITS - 1) / MLP_REFITS);
  return LINEAR_REFIT_EVERY;
}

static ScBacktestTrace *
walk_forward (Context           *ctx,
              int                h,
              ScRegressor       *regressor,
              ScHorizonMetrics  *metrics,
              GError           **error)
{
  const Settings *s = ctx->settings;
  const ScModelInfo *model = s->model;
  Features *f = ctx->features;
  g_autoptr(ScBacktestTrace) trace = g_new0 (ScBacktestTrace, 1);
  g_autofree double *x = g_new (double, (gsize) f->p * f->n);
  g_autofree double *y = g_new (double, f->n);
  g_autofree double *row = g_new (double, f->p);
  g_autofree double *naive = NULL;
  const double *vol;
  gboolean use_acc = f->causal && (model->kind == SC_MODEL_KIND_OLS ||
                                   model->kind == SC_MODEL_KIND_RIDGE);
  Accumulator acc = { 0 };
  guint min_train = min_train_rows (model);
  guint j0 = first_origin (f, h, min_train);
  guint n_origins, every, added = 0;
  g_autofree char *step = NULL;

  g_assert (j0 != G_MAXUINT && j0 + h < f->n);

  n_origins = f->n - h - j0;
  every = refit_every (s, n_origins);

  trace->horizon = h;
  trace->first_origin = j0;
  trace->n_origins = n_origins;
  trace->pred = g_new (double, n_origins);
  trace->actual = g_new (double, n_origins);
  trace->low = g_new (double, n_origins);
  trace->high = g_new (double, n_origins);
  trace->scale = g_new (double, n_origins);
  naive = g_new (double, n_origins);
  vol = f->vol;

  step = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Backtesting the %d-day horizon…",
                                       "Backtesting the %d-day horizon…", h), h);

  if (use_acc)
    accumulator_init (&acc, f->p);

  for (guint k = 0; k < n_origins; k++)
    {
      guint j = j0 + k;
      double value;

      if (k % every == 0)
        {
          if (g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
            {
              accumulator_clear (&acc);
              return NULL;
            }

          if (use_acc)
            {
              /* Add the rows whose target became known by row j. */
              for (; added + h <= j; added++)
                if (f->valid[added])
                  {
                    double target = target_value (model, f->close[added], f->close[added + h]);

                    row_features (f, added, row);
                    accumulator_add (&acc, row, target);
                  }
              accumulator_solve (&acc, model->kind == SC_MODEL_KIND_RIDGE ? model->ridge_alpha : 0);
            }
          else if (model->kind != SC_MODEL_KIND_NAIVE)
            {
              guint rows = gather_training (f, j, h, x, y);

              if (!sc_regressor_fit (regressor, x, y, rows, ctx->cancellable, error))
                {
                  accumulator_clear (&acc);
                  return NULL;
                }
            }
          progress_report (ctx->progress, ctx->part, 0.9 * k / n_origins, step);
        }

      if (model->kind == SC_MODEL_KIND_NAIVE)
        {
          trace->pred[k] = f->close[j];
        }
      else
        {
          if (!row_features (f, j, row))
            value = NAN;
          else if (use_acc)
            value = accumulator_predict (&acc, row);
          else
            value = sc_regressor_predict (regressor, row);
          trace->pred[k] = to_price (model, f->close[j], value);
        }
      trace->actual[k] = f->close[j + h];
      naive[k] = f->close[j];
    }

  accumulator_clear (&acc);

  /* Intervals at each origin from the errors whose outcome was known then. */
  {
    g_autofree double *z = g_new (double, n_origins);
    g_autofree Ranked *ranked = g_new (Ranked, n_origins);
    g_autofree guint *rank = g_new (guint, n_origins);
    g_autofree double *sorted_z = g_new (double, n_origins);
    g_autofree guint *tree = g_new0 (guint, n_origins + 1);
    RankSet set = { n_origins, tree, 0 };
    guint n_z = 0;

    for (guint k = 0; k < n_origins; k++)
      {
        trace->scale[k] = vol[j0 + k];
        z[k] = scaled_error (trace->actual[k], trace->pred[k], trace->scale[k]);
        if (isfinite (z[k]))
          {
            ranked[n_z].value = z[k];
            ranked[n_z].index = k;
            n_z++;
          }
      }
    qsort (ranked, n_z, sizeof (Ranked), compare_ranked);
    for (guint r = 0; r < n_z; r++)
      {
        rank[ranked[r].index] = r;
        sorted_z[r] = ranked[r].value;
      }

    for (guint k = 0; k < n_origins; k++)
      {
        if (k >= (guint) h && isfinite (z[k - h]))
          rank_set_insert (&set, rank[k - h]);

        /* Overlapping outcomes are far from independent: wait until the
         * known errors span at least a whole horizon. */
        if (set.count >= MAX (MIN_ERRORS, (guint) h) && isfinite (trace->scale[k]))
          interval_from_quantiles (rank_set_quantile (&set, sorted_z, INTERVAL_LOW_Q),
                                   rank_set_quantile (&set, sorted_z, INTERVAL_HIGH_Q),
                                   trace->scale[k], trace->pred[k],
                                   &trace->low[k], &trace->high[k]);
        else
          trace->low[k] = trace->high[k] = NAN;
      }
  }

  /* A row without features (rare: a flat stretch makes RSI 0/0) has no
   * forecast; score the rest. */
  {
    guint kept = 0;

    for (guint k = 0; k < n_origins; k++)
      if (isfinite (trace->pred[k]))
        {
          trace->pred[kept] = trace->pred[k];
          trace->actual[kept] = trace->actual[k];
          trace->low[kept] = trace->low[k];
          trace->high[kept] = trace->high[k];
          trace->scale[kept] = trace->scale[k];
          naive[kept] = naive[k];
          kept++;
        }
    score (trace->actual, trace->pred, naive, trace->low, trace->high, kept, h, metrics);
  }

  return g_steal_pointer (&trace);
}

static gboolean
seed_split (Context           *ctx,
            int                h,
            ScRegressor       *regressor,
            ScHorizonMetrics  *metrics,
            GError           **error)
{
  const Settings *s = ctx->settings;
  const ScModelInfo *model = s->model;
  Features *f = ctx->features;
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
        y[n_train] = target_value (model, f->close[i], f->close[i + h]);
      else if (model->target == SC_MODEL_TARGET_PRICE)
        y[n_train] = target_value (model, f->close[i], 0);   /* a price of 0 */
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
        pred[r] = to_price (model, f->close[i], sc_regressor_predict (regressor, row));
      actual[r] = i + h < n ? f->close[i + h] : 0;
      naive[r] = f->close[i];
    }

  score (actual, pred, naive, NULL, NULL, n_test, h, metrics);
  return TRUE;
}

typedef struct
{
  int               horizon;
  ScForecast        forecast;
  ScHorizonMetrics  metrics;
  ScBacktestTrace  *trace;
  GError           *error;
} Job;

static void
run_job (Context  *ctx,
         Job      *job,
         gboolean  forecast)
{
  const Settings *s = ctx->settings;
  const ScModelInfo *model = s->model;
  Features *f = ctx->features;
  g_autoptr(ScRegressor) regressor = NULL;
  int h = job->horizon;
  guint n = f->n;
  double value;

  if (model->kind != SC_MODEL_KIND_NAIVE)
    regressor = sc_regressor_new ((ScModelInfo *) model, f->p);

  if (s->protocol == SC_PROTOCOL_SEED && !forecast)
    {
      seed_split (ctx, h, regressor, &job->metrics, &job->error);
      progress_report (ctx->progress, ctx->part, 1, NULL);
      return;
    }

  job->trace = walk_forward (ctx, h, regressor, &job->metrics, &job->error);
  if (job->trace == NULL || !forecast)
    {
      progress_report (ctx->progress, ctx->part, 1, NULL);
      return;
    }

  /* The forecast: fit on every usable row (the MLP warm-starts from its
   * last backtest fit) and apply the model to the last row. */
  {
    g_autofree double *x = g_new (double, (gsize) f->p * n);
    g_autofree double *y = g_new (double, n);
    g_autofree double *row = g_new (double, f->p);
    g_autofree double *sorted = NULL;
    g_autofree char *step = g_strdup_printf (_("Fitting the %d-day model…"), h);
    guint n_sorted = 0;

    progress_report (ctx->progress, ctx->part, 0.9, step);

    if (model->kind == SC_MODEL_KIND_NAIVE)
      {
        job->forecast.price = f->close[n - 1];
      }
    else
      {
        guint rows = gather_training (f, n - 1, h, x, y);

        if (!sc_regressor_fit (regressor, x, y, rows, ctx->cancellable, &job->error))
          return;
        if (!row_features (f, n - 1, row))
          {
            g_set_error (&job->error, SC_ERROR, SC_ERROR_DATA,
                         _("The model’s inputs are undefined on the last day of prices."));
            return;
          }
        value = sc_regressor_predict (regressor, row);
        job->forecast.price = to_price (model, f->close[n - 1], value);
      }

    sorted = g_new (double, job->trace->n_origins);
    for (guint k = 0; k < job->trace->n_origins; k++)
      {
        double z = scaled_error (job->trace->actual[k], job->trace->pred[k], job->trace->scale[k]);

        if (isfinite (z))
          sorted[n_sorted++] = z;
      }
    qsort (sorted, n_sorted, sizeof (double), compare_doubles);

    job->forecast.horizon = h;
    job->forecast.date = sc_calendar_add_trading_days (ctx->window->date[n - 1], h);
    {
      const double *vol = f->vol;

      if (n_sorted >= MIN_ERRORS && isfinite (vol[n - 1]))
        interval_from_quantiles (_sc_quantile_sorted (sorted, n_sorted, INTERVAL_LOW_Q),
                                 _sc_quantile_sorted (sorted, n_sorted, INTERVAL_HIGH_Q),
                                 vol[n - 1], job->forecast.price,
                                 &job->forecast.low, &job->forecast.high);
      else
        job->forecast.low = job->forecast.high = NAN;
    }
    progress_report (ctx->progress, ctx->part, 1, step);
  }
}

typedef struct
{
  Context      *contexts;
  Job          *jobs;
  guint         n_jobs;
  gboolean      forecast;
  gint          next;
} Pool;

static gpointer
pool_worker (gpointer data)
{
  Pool *pool = data;
  int i;

  while ((i = g_atomic_int_add (&pool->next, 1)) < (int) pool->n_jobs)
    run_job (&pool->contexts[i], &pool->jobs[i], pool->forecast);
  return NULL;
}

static ScPrediction *
run_internal (Settings       *s,
              ScPriceSeries  *prices,
              gboolean        forecast,
              ScProgressFunc  progress_func,
              gpointer        user_data,
              GCancellable   *cancellable,
              GError        **error)
{
  g_autoptr(ScPrediction) prediction = NULL;
  g_autoptr(ScPriceSeries) window = NULL;
  g_autofree Job *jobs = NULL;
  g_autofree Context *contexts = NULL;
  Features features = { 0 };
  Progress progress = { 0 };
  gint64 start = g_get_monotonic_time ();
  gboolean walk_forward_run = forecast || s->protocol == SC_PROTOCOL_WALK_FORWARD;
  Pool pool = { 0 };
  GThread *helper = NULL;

  if (s->n_horizons == 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_USAGE, _("No horizon was given."));
      return NULL;
    }
  if (prices->n_rows == 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA, _("There are no prices for %s."),
                   prices->ticker ? prices->ticker : "?");
      return NULL;
    }

  window = _sc_prices_window (prices, s->years);
  features_init (&features, s->model, window);

  for (guint i = 0; i < s->n_horizons; i++)
    if (s->horizons[i] < 1 ||
        !check_horizon (&features, window, s->horizons[i], walk_forward_run, error))
      {
        if (s->horizons[i] < 1)
          g_set_error (error, SC_ERROR, SC_ERROR_USAGE,
                       _("Horizons must be whole numbers of trading days from 1, not %d."),
                       s->horizons[i]);
        features_clear (&features);
        return NULL;
      }

  progress.func = progress_func;
  progress.data = user_data;
  progress.n_parts = s->n_horizons;
  progress.parts = g_new0 (double, s->n_horizons);
  g_mutex_init (&progress.lock);

  jobs = g_new0 (Job, s->n_horizons);
  contexts = g_new0 (Context, s->n_horizons);
  for (guint i = 0; i < s->n_horizons; i++)
    {
      jobs[i].horizon = s->horizons[i];
      contexts[i].settings = s;
      contexts[i].features = &features;
      contexts[i].window = window;
      contexts[i].progress = &progress;
      contexts[i].part = i;
      contexts[i].cancellable = cancellable;
    }

  pool.contexts = contexts;
  pool.jobs = jobs;
  pool.n_jobs = s->n_horizons;
  pool.forecast = forecast;

  /* The MLP is the one heavy model: spread its horizons over two cores.
   * Each horizon's result depends only on its own inputs, so the output is
   * the same whatever the thread schedule. */
  if (s->model->kind == SC_MODEL_KIND_MLP && s->n_horizons > 1 && g_get_num_processors () > 1)
    helper = g_thread_try_new ("sc-predictor", pool_worker, &pool, NULL);
  pool_worker (&pool);
  if (helper != NULL)
    g_thread_join (helper);

  features_clear (&features);
  g_mutex_clear (&progress.lock);
  g_free (progress.parts);

  for (guint i = 0; i < s->n_horizons; i++)
    if (jobs[i].error != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&jobs[i].error));
        for (guint k = 0; k < s->n_horizons; k++)
          {
            g_clear_error (&jobs[k].error);
            g_clear_pointer (&jobs[k].trace, _sc_backtest_trace_free);
          }
        return NULL;
      }

  prediction = sc_prediction_new ();
  prediction->ticker = g_strdup (prices->ticker);
  prediction->model_id = g_strdup (s->model->id);
  prediction->as_of = window->date[window->n_rows - 1];
  prediction->last_close = window->close[window->n_rows - 1];
  prediction->rows = window->n_rows;
  prediction->protocol = g_strdup (sc_protocol_to_string (walk_forward_run ? SC_PROTOCOL_WALK_FORWARD
                                                                           : SC_PROTOCOL_SEED));
  prediction->n_metrics = s->n_horizons;
  prediction->metrics = g_new0 (ScHorizonMetrics, s->n_horizons);
  if (forecast)
    {
      prediction->n_forecasts = s->n_horizons;
      prediction->forecasts = g_new0 (ScForecast, s->n_horizons);
    }
  for (guint i = 0; i < s->n_horizons; i++)
    {
      prediction->metrics[i] = jobs[i].metrics;
      if (forecast)
        prediction->forecasts[i] = jobs[i].forecast;
      g_clear_pointer (&jobs[i].trace, _sc_backtest_trace_free);
    }
  prediction->seconds = (g_get_monotonic_time () - start) / 1e6;

  return g_steal_pointer (&prediction);
}

ScBacktestTrace *
_sc_predictor_walk_forward (ScPredictor       *self,
                            ScPriceSeries     *window,
                            int                horizon,
                            ScHorizonMetrics  *out_metrics,
                            GCancellable      *cancellable,
                            GError           **error)
{
  g_autoptr(Settings) s = settings_new (self);
  g_autoptr(ScRegressor) regressor = NULL;
  Features features = { 0 };
  Context ctx = { 0 };
  ScBacktestTrace *trace = NULL;

  features_init (&features, s->model, window);
  if (check_horizon (&features, window, horizon, TRUE, error))
    {
      if (s->model->kind != SC_MODEL_KIND_NAIVE)
        regressor = sc_regressor_new (s->model, features.p);
      ctx.settings = s;
      ctx.features = &features;
      ctx.window = window;
      ctx.cancellable = cancellable;
      trace = walk_forward (&ctx, horizon, regressor, out_metrics, error);
    }
  features_clear (&features);
  return trace;
}

/* GObject */

static void
sc_predictor_finalize (GObject *object)
{
  ScPredictor *self = SC_PREDICTOR (object);

  g_clear_pointer (&self->model, sc_model_info_unref);
  g_clear_pointer (&self->horizons, g_free);
  g_clear_pointer (&self->step, g_free);

  G_OBJECT_CLASS (sc_predictor_parent_class)->finalize (object);
}

static void
sc_predictor_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  ScPredictor *self = SC_PREDICTOR (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_pointer (value, self->model);
      break;
    case PROP_YEARS:
      g_value_set_uint (value, self->years);
      break;
    case PROP_PROTOCOL:
      g_value_set_string (value, sc_protocol_to_string (self->protocol));
      break;
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    case PROP_STEP:
      g_value_set_string (value, self->step);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sc_predictor_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  ScPredictor *self = SC_PREDICTOR (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_assert (self->model == NULL);
      self->model = sc_model_info_ref (g_value_get_pointer (value));
      break;
    case PROP_YEARS:
      sc_predictor_set_years (self, g_value_get_uint (value));
      break;
    case PROP_PROTOCOL:
      {
        ScProtocol protocol;

        if (sc_protocol_from_string (g_value_get_string (value), &protocol))
          sc_predictor_set_protocol (self, protocol);
        else
          g_warning ("Unknown protocol “%s”", g_value_get_string (value));
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sc_predictor_class_init (ScPredictorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sc_predictor_finalize;
  object_class->get_property = sc_predictor_get_property;
  object_class->set_property = sc_predictor_set_property;

  /* An ScModelInfo (not boxed: plain refcounted struct). */
  properties[PROP_MODEL] =
    g_param_spec_pointer ("model", NULL, NULL,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_YEARS] =
    g_param_spec_uint ("years", NULL, NULL, 0, 200, SC_PREDICTOR_DEFAULT_YEARS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROTOCOL] =
    g_param_spec_string ("protocol", NULL, NULL, "walk-forward",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0, 1, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STEP] =
    g_param_spec_string ("step", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sc_predictor_init (ScPredictor *self)
{
  self->horizons = g_memdup2 (default_horizons, sizeof default_horizons);
  self->n_horizons = G_N_ELEMENTS (default_horizons);
  self->years = SC_PREDICTOR_DEFAULT_YEARS;
  self->protocol = SC_PROTOCOL_WALK_FORWARD;
}

ScPredictor *
sc_predictor_new (ScModelInfo *model)
{
  g_return_val_if_fail (model != NULL, NULL);

  return g_object_new (SC_TYPE_PREDICTOR, "model", model, NULL);
}

ScModelInfo *
sc_predictor_get_model (ScPredictor *self)
{
  g_return_val_if_fail (SC_IS_PREDICTOR (self), NULL);

  return self->model;
}

void
sc_predictor_set_horizons (ScPredictor *self,
                           const int   *horizons,
                           guint        n_horizons)
{
  g_return_if_fail (SC_IS_PREDICTOR (self));
  g_return_if_fail (horizons != NULL || n_horizons == 0);

  g_free (self->horizons);
  self->horizons = g_memdup2 (horizons, n_horizons * sizeof (int));
  self->n_horizons = n_horizons;
}

const int *
sc_predictor_get_horizons (ScPredictor *self,
                           guint       *n_horizons)
{
  g_return_val_if_fail (SC_IS_PREDICTOR (self), NULL);

  if (n_horizons != NULL)
    *n_horizons = self->n_horizons;
  return self->horizons;
}

void
sc_predictor_set_years (ScPredictor *self,
                        guint        years)
{
  g_return_if_fail (SC_IS_PREDICTOR (self));

  if (self->years == years)
    return;
  self->years = years;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEARS]);
}

guint
sc_predictor_get_years (ScPredictor *self)
{
  g_return_val_if_fail (SC_IS_PREDICTOR (self), 0);

  return self->years;
}

void
sc_predictor_set_protocol (ScPredictor *self,
                           ScProtocol   protocol)
{
  g_return_if_fail (SC_IS_PREDICTOR (self));

  if (self->protocol == protocol)
    return;
  self->protocol = protocol;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROTOCOL]);
}

ScProtocol
sc_predictor_get_protocol (ScPredictor *self)
{
  g_return_val_if_fail (SC_IS_PREDICTOR (self), SC_PROTOCOL_WALK_FORWARD);

  return self->protocol;
}

void
sc_predictor_set_seed (ScPredictor *self,
                       guint        seed)
{
  g_return_if_fail (SC_IS_PREDICTOR (self));

  self->seed = seed;
}

void
sc_predictor_set_refit_every (ScPredictor *self,
                              guint        rows)
{
  g_return_if_fail (SC_IS_PREDICTOR (self));

  self->refit_every = rows;
}

double
sc_predictor_get_fraction (ScPredictor *self)
{
  g_return_val_if_fail (SC_IS_PREDICTOR (self), 0);

  return self->fraction;
}

const char *
sc_predictor_get_step (ScPredictor *self)
{
  g_return_val_if_fail (SC_IS_PREDICTOR (self), NULL);

  return self->step;
}

static void
set_progress (ScPredictor *self,
              double       fraction,
              const char  *step)
{
  if (self->fraction != fraction)
    {
      self->fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }
  if (step != NULL && set_str (&self->step, step))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
}

ScPrediction *
sc_predictor_run (ScPredictor     *self,
                  ScPriceSeries   *prices,
                  ScProgressFunc   progress,
                  gpointer         user_data,
                  GCancellable    *cancellable,
                  GError         **error)
{
  g_autoptr(Settings) s = NULL;

  g_return_val_if_fail (SC_IS_PREDICTOR (self), NULL);
  g_return_val_if_fail (prices != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  s = settings_new (self);
  return run_internal (s, prices, TRUE, progress, user_data, cancellable, error);
}

ScPrediction *
sc_predictor_backtest (ScPredictor     *self,
                       ScPriceSeries   *prices,
                       ScProgressFunc   progress,
                       gpointer         user_data,
                       GCancellable    *cancellable,
                       GError         **error)
{
  g_autoptr(Settings) s = NULL;

  g_return_val_if_fail (SC_IS_PREDICTOR (self), NULL);
  g_return_val_if_fail (prices != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  s = settings_new (self);
  return run_internal (s, prices, FALSE, progress, user_data, cancellable, error);
}

/* Async */

typedef struct
{
  Settings      *settings;
  ScPriceSeries *prices;
  gboolean       forecast;
  GMainContext  *context;
  ScPredictor   *predictor;   /* weak: the task holds the reference */
  GMutex         lock;
  double         fraction;
  char          *step;
  gboolean       pending;
} TaskData;

static void
task_data_free (TaskData *data)
{
  settings_free (data->settings);
  sc_price_series_unref (data->prices);
  g_main_context_unref (data->context);
  g_mutex_clear (&data->lock);
  g_free (data->step);
  g_free (data);
}

static gboolean
deliver_progress (gpointer user_data)
{
  GTask *task = user_data;
  TaskData *data = g_task_get_task_data (task);
  ScPredictor *self = g_task_get_source_object (task);
  g_autofree char *step = NULL;
  double fraction;

  g_mutex_lock (&data->lock);
  fraction = data->fraction;
  step = g_strdup (data->step);
  data->pending = FALSE;
  g_mutex_unlock (&data->lock);

  set_progress (self, fraction, step);
  return G_SOURCE_REMOVE;
}

static void
thread_progress (double      fraction,
                 const char *step,
                 gpointer    user_data)
{
  GTask *task = user_data;
  TaskData *data = g_task_get_task_data (task);
  gboolean schedule;

  /* Coalesce: at most one delivery queued on the owner's context. */
  g_mutex_lock (&data->lock);
  data->fraction = fraction;
  if (step != NULL)
    set_str (&data->step, step);
  schedule = !data->pending;
  data->pending = TRUE;
  g_mutex_unlock (&data->lock);

  /* An idle source, not g_main_context_invoke(): that would run the
   * callback right here in the worker whenever it can acquire the context. */
  if (schedule)
    {
      g_autoptr(GSource) source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, deliver_progress, g_object_ref (task), g_object_unref);
      g_source_set_static_name (source, "[stockcast] predictor progress");
      g_source_attach (source, data->context);
    }
}

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  TaskData *data = task_data;
  GError *error = NULL;
  ScPrediction *prediction;

  prediction = run_internal (data->settings, data->prices, data->forecast, thread_progress, task,
                             cancellable, &error);
  if (prediction == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, prediction, (GDestroyNotify) sc_prediction_unref);
}

static void
start_async (ScPredictor         *self,
             ScPriceSeries       *prices,
             gboolean             forecast,
             gpointer             source_tag,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_check_cancellable (task, TRUE);

  data = g_new0 (TaskData, 1);
  data->settings = settings_new (self);
  data->prices = sc_price_series_ref (prices);
  data->forecast = forecast;
  data->context = g_main_context_ref_thread_default ();
  g_mutex_init (&data->lock);
  g_task_set_task_data (task, data, (GDestroyNotify) task_data_free);

  set_progress (self, 0, forecast ? _("Preparing the forecast…") : _("Preparing the backtest…"));
  g_task_run_in_thread (task, run_in_thread);
}

void
sc_predictor_run_async (ScPredictor         *self,
                        ScPriceSeries       *prices,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (SC_IS_PREDICTOR (self));
  g_return_if_fail (prices != NULL);

  start_async (self, prices, TRUE, sc_predictor_run_async, cancellable, callback, user_data);
}

ScPrediction *
sc_predictor_run_finish (ScPredictor   *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (SC_IS_PREDICTOR (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sc_predictor_run_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
sc_predictor_backtest_async (ScPredictor         *self,
                             ScPriceSeries       *prices,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (SC_IS_PREDICTOR (self));
  g_return_if_fail (prices != NULL);

  start_async (self, prices, FALSE, sc_predictor_backtest_async, cancellable, callback, user_data);
}

ScPrediction *
sc_predictor_backtest_finish (ScPredictor   *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (SC_IS_PREDICTOR (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sc_predictor_backtest_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
