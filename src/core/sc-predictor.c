/* sc-predictor.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sc-calendar.h"
#include "sc-error.h"
#include "sc-predictor-private.h"
#include "sc-regressor.h"

/* Everything a run needs is copied into ScRunSettings when it starts; the
 * work itself lives in sc-walk-forward.c (backtest), sc-features.c (inputs),
 * sc-interval.c (80% intervals), sc-metrics.c (scores) and sc-seed-split.c
 * (the original's protocol). */

struct _ScPredictor
{
  GObject        parent_instance;

  ScRunSettings  settings;   /* what a run copies */

  double         fraction;
  char          *step;
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

static ScRunSettings *
settings_new (ScPredictor *self)
{
  ScRunSettings *s = g_memdup2 (&self->settings, sizeof self->settings);

  s->model = sc_model_info_ref (s->model);
  s->horizons = g_memdup2 (s->horizons, s->n_horizons * sizeof (int));
  return s;
}

static void
settings_free (ScRunSettings *s)
{
  sc_model_info_unref (s->model);
  g_free (s->horizons);
  g_free (s);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScRunSettings, settings_free)

void
_sc_run_progress_report (ScRunProgress *progress,
                         guint          part,
                         double         done,
                         const char    *step)
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

typedef struct
{
  int               horizon;
  ScForecast        forecast;
  ScHorizonMetrics  metrics;
  ScBacktestTrace  *trace;
  GError           *error;
} Job;

static void
run_job (ScRunContext *ctx,
         Job          *job,
         gboolean      forecast)
{
  const ScRunSettings *s = ctx->settings;
  const ScModelInfo *model = s->model;
  ScFeatures *f = ctx->features;
  g_autoptr(ScRegressor) regressor = NULL;
  int h = job->horizon;
  guint n = f->n;
  double value;

  if (model->kind != SC_MODEL_KIND_NAIVE)
    regressor = sc_regressor_new ((ScModelInfo *) model, f->p);

  if (s->protocol == SC_PROTOCOL_SEED && !forecast)
    {
      _sc_seed_split (ctx, h, regressor, &job->metrics, &job->error);
      _sc_run_progress_report (ctx->progress, ctx->part, 1, NULL);
      return;
    }

  job->trace = _sc_walk_forward (ctx, h, regressor, &job->metrics, &job->error);
  if (job->trace == NULL || !forecast)
    {
      _sc_run_progress_report (ctx->progress, ctx->part, 1, NULL);
      return;
    }

  /* The forecast: fit on every usable row (the MLP warm-starts from its
   * last backtest fit) and apply the model to the last row. */
  {
    g_autofree double *x = g_new (double, (gsize) f->p * n);
    g_autofree double *y = g_new (double, n);
    g_autofree double *row = g_new (double, f->p);
    g_autofree char *step = g_strdup_printf (_("Fitting the %d-day model…"), h);

    _sc_run_progress_report (ctx->progress, ctx->part, 0.9, step);

    if (model->kind == SC_MODEL_KIND_NAIVE)
      {
        job->forecast.price = f->close[n - 1];
      }
    else
      {
        guint rows = _sc_features_training (f, n - 1, h, x, y);

        if (!sc_regressor_fit (regressor, x, y, rows, ctx->cancellable, &job->error))
          return;
        if (!_sc_features_row (f, n - 1, row))
          {
            g_set_error (&job->error, SC_ERROR, SC_ERROR_DATA,
                         _("The model’s inputs are undefined on the last day of prices."));
            return;
          }
        value = sc_regressor_predict (regressor, row);
        job->forecast.price = _sc_model_to_price (model, f->close[n - 1], value);
      }

    /* The same shrinkage and interval as at every backtest origin, with
     * the weight learned from all of them. */
    {
      double sigma = _sc_horizon_sigma (f->var_now[n - 1], f->var_long[n - 1], h);

      job->forecast.model_price = job->forecast.price;
      if (model->kind != SC_MODEL_KIND_NAIVE)
        job->forecast.price = _sc_shrink_forecast (f->close[n - 1], job->forecast.price,
                                                   job->trace->weight, sigma);
      job->forecast.horizon = h;
      job->forecast.date = sc_calendar_add_trading_days (ctx->window->date[n - 1], h);
      _sc_interval (job->forecast.price, sigma, &job->forecast.low, &job->forecast.high);
    }
    _sc_run_progress_report (ctx->progress, ctx->part, 1, step);
  }
}

typedef struct
{
  ScRunContext *contexts;
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

/* The audit list: every scored origin, as the metrics saw it. */
static void
origins_from_trace (ScOriginList          *list,
                    const ScBacktestTrace *trace,
                    ScPriceSeries         *window)
{
  list->horizon = trace->horizon;
  list->n = trace->n_origins;
  list->origins = g_new (ScOrigin, MAX (trace->n_origins, 1));
  for (guint k = 0; k < trace->n_origins; k++)
    {
      ScOrigin *o = &list->origins[k];
      guint j = trace->row[k];

      o->date = window->date[j];
      o->target_date = window->date[j + trace->horizon];
      o->close = window->close[j];
      o->forecast = trace->pred[k];
      o->lower = trace->low[k];
      o->upper = trace->high[k];
      o->actual = trace->actual[k];
    }
}

static ScPrediction *
run_internal (ScRunSettings  *s,
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
  g_autofree ScRunContext *contexts = NULL;
  ScFeatures features = { 0 };
  ScRunProgress progress = { 0 };
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
  _sc_features_init (&features, s->model, window);

  for (guint i = 0; i < s->n_horizons; i++)
    if (s->horizons[i] < 1 ||
        !_sc_check_horizon (&features, window, s->horizons[i], walk_forward_run, error))
      {
        if (s->horizons[i] < 1)
          g_set_error (error, SC_ERROR, SC_ERROR_USAGE,
                       _("Horizons must be whole numbers of trading days from 1, not %d."),
                       s->horizons[i]);
        _sc_features_clear (&features);
        return NULL;
      }

  progress.func = progress_func;
  progress.data = user_data;
  progress.n_parts = s->n_horizons;
  progress.parts = g_new0 (double, s->n_horizons);
  g_mutex_init (&progress.lock);

  jobs = g_new0 (Job, s->n_horizons);
  contexts = g_new0 (ScRunContext, s->n_horizons);
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

  _sc_features_clear (&features);
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
  if (walk_forward_run)
    prediction->origins = g_new0 (ScOriginList, s->n_horizons);
  for (guint i = 0; i < s->n_horizons; i++)
    {
      prediction->metrics[i] = jobs[i].metrics;
      if (forecast)
        prediction->forecasts[i] = jobs[i].forecast;
      if (jobs[i].trace != NULL)
        origins_from_trace (&prediction->origins[i], jobs[i].trace, window);
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
  g_autoptr(ScRunSettings) s = settings_new (self);
  g_autoptr(ScRegressor) regressor = NULL;
  ScFeatures features = { 0 };
  ScRunContext ctx = { 0 };
  ScBacktestTrace *trace = NULL;

  _sc_features_init (&features, s->model, window);
  if (_sc_check_horizon (&features, window, horizon, TRUE, error))
    {
      if (s->model->kind != SC_MODEL_KIND_NAIVE)
        regressor = sc_regressor_new (s->model, features.p);
      ctx.settings = s;
      ctx.features = &features;
      ctx.window = window;
      ctx.cancellable = cancellable;
      trace = _sc_walk_forward (&ctx, horizon, regressor, out_metrics, error);
    }
  _sc_features_clear (&features);
  return trace;
}

/* GObject */

static void
sc_predictor_finalize (GObject *object)
{
  ScPredictor *self = SC_PREDICTOR (object);

  g_clear_pointer (&self->settings.model, sc_model_info_unref);
  g_clear_pointer (&self->settings.horizons, g_free);
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
      g_value_set_pointer (value, self->settings.model);
      break;
    case PROP_YEARS:
      g_value_set_uint (value, self->settings.years);
      break;
    case PROP_PROTOCOL:
      g_value_set_string (value, sc_protocol_to_string (self->settings.protocol));
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
      g_assert (self->settings.model == NULL);
      self->settings.model = sc_model_info_ref (g_value_get_pointer (value));
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
  self->settings.horizons = g_memdup2 (default_horizons, sizeof default_horizons);
  self->settings.n_horizons = G_N_ELEMENTS (default_horizons);
  self->settings.years = SC_PREDICTOR_DEFAULT_YEARS;
  self->settings.protocol = SC_PROTOCOL_WALK_FORWARD;
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

  return self->settings.model;
}

void
sc_predictor_set_horizons (ScPredictor *self,
                           const int   *horizons,
                           guint        n_horizons)
{
  g_return_if_fail (SC_IS_PREDICTOR (self));
  g_return_if_fail (horizons != NULL || n_horizons == 0);

  g_free (self->settings.horizons);
  self->settings.horizons = g_memdup2 (horizons, n_horizons * sizeof (int));
  self->settings.n_horizons = n_horizons;
}

const int *
sc_predictor_get_horizons (ScPredictor *self,
                           guint       *n_horizons)
{
  g_return_val_if_fail (SC_IS_PREDICTOR (self), NULL);

  if (n_horizons != NULL)
    *n_horizons = self->settings.n_horizons;
  return self->settings.horizons;
}

void
sc_predictor_set_years (ScPredictor *self,
                        guint        years)
{
  g_return_if_fail (SC_IS_PREDICTOR (self));

  if (self->settings.years == years)
    return;
  self->settings.years = years;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEARS]);
}

guint
sc_predictor_get_years (ScPredictor *self)
{
  g_return_val_if_fail (SC_IS_PREDICTOR (self), 0);

  return self->settings.years;
}

void
sc_predictor_set_protocol (ScPredictor *self,
                           ScProtocol   protocol)
{
  g_return_if_fail (SC_IS_PREDICTOR (self));

  if (self->settings.protocol == protocol)
    return;
  self->settings.protocol = protocol;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROTOCOL]);
}

ScProtocol
sc_predictor_get_protocol (ScPredictor *self)
{
  g_return_val_if_fail (SC_IS_PREDICTOR (self), SC_PROTOCOL_WALK_FORWARD);

  return self->settings.protocol;
}

void
sc_predictor_set_seed (ScPredictor *self,
                       guint        seed)
{
  g_return_if_fail (SC_IS_PREDICTOR (self));

  self->settings.seed = seed;
}

void
sc_predictor_set_refit_every (ScPredictor *self,
                              guint        rows)
{
  g_return_if_fail (SC_IS_PREDICTOR (self));

  self->settings.refit_every = rows;
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
  g_autoptr(ScRunSettings) s = NULL;

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
  g_autoptr(ScRunSettings) s = NULL;

  g_return_val_if_fail (SC_IS_PREDICTOR (self), NULL);
  g_return_val_if_fail (prices != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  s = settings_new (self);
  return run_internal (s, prices, FALSE, progress, user_data, cancellable, error);
}

/* Async */

typedef struct
{
  ScRunSettings *settings;
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

  g_return_if_fail (SC_IS_PREDICTOR (self));
  g_return_if_fail (prices != NULL);

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

static ScPrediction *
finish_async (ScPredictor   *self,
              GAsyncResult  *result,
              gpointer       source_tag,
              GError       **error)
{
  g_return_val_if_fail (SC_IS_PREDICTOR (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
sc_predictor_run_async (ScPredictor         *self,
                        ScPriceSeries       *prices,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  start_async (self, prices, TRUE, sc_predictor_run_async, cancellable, callback, user_data);
}

ScPrediction *
sc_predictor_run_finish (ScPredictor   *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  return finish_async (self, result, sc_predictor_run_async, error);
}

void
sc_predictor_backtest_async (ScPredictor         *self,
                             ScPriceSeries       *prices,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  start_async (self, prices, FALSE, sc_predictor_backtest_async, cancellable, callback, user_data);
}

ScPrediction *
sc_predictor_backtest_finish (ScPredictor   *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return finish_async (self, result, sc_predictor_backtest_async, error);
}
