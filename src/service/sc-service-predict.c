/* sc-service-predict.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sc-error.h"
#include "sc-predictor.h"
#include "sc-service-private.h"
#include "sc-validate.h"

ScPredictRequest *
sc_predict_request_new (const char *ticker,
                        const char *model_id)
{
  ScPredictRequest *request = g_new0 (ScPredictRequest, 1);

  request->ticker = g_strdup (ticker);
  request->model_id = g_strdup (model_id);
  request->horizons = g_array_new (FALSE, FALSE, sizeof (int));
  request->years = SC_PREDICTOR_DEFAULT_YEARS;
  request->flags = SC_PRICE_LOAD_SAMPLE_FALLBACK;

  return request;
}

ScPredictRequest *
sc_predict_request_copy (const ScPredictRequest *request)
{
  ScPredictRequest *copy = sc_predict_request_new (request->ticker, request->model_id);

  g_array_append_vals (copy->horizons, request->horizons->data, request->horizons->len);
  copy->years = request->years;
  copy->user_id = request->user_id;
  copy->flags = request->flags;
  copy->csv_path = g_strdup (request->csv_path);

  return copy;
}

void
sc_predict_request_free (ScPredictRequest *request)
{
  if (request == NULL)
    return;

  g_free (request->ticker);
  g_free (request->model_id);
  g_free (request->csv_path);
  g_clear_pointer (&request->horizons, g_array_unref);
  g_free (request);
}

void
sc_predict_outcome_free (ScPredictOutcome *outcome)
{
  if (outcome == NULL)
    return;

  g_clear_pointer (&outcome->model, sc_model_info_unref);
  g_clear_pointer (&outcome->prediction, sc_prediction_unref);
  g_clear_pointer (&outcome->series, sc_price_series_unref);
  g_clear_pointer (&outcome->result, sc_result_unref);
  g_free (outcome->notice);
  g_free (outcome);
}

/* --- the pipeline ---------------------------------------------------------- */

typedef struct
{
  ScPredictProgressFunc func;
  gpointer              data;
} Reporter;

static void
report (Reporter      *reporter,
        ScPredictStep  step,
        double         fraction,
        const char    *text)
{
  if (reporter->func != NULL)
    reporter->func (step, fraction, text, reporter->data);
}

static void
price_progress_cb (goffset  received,
                   goffset  total,
                   gpointer user_data)
{
  g_autofree char *text = NULL;

  /* Nothing come in yet is not "0 bytes": the connection is still being made. */
  if (received <= 0)
    {
      text = g_strdup (_("Asking for prices…"));
    }
  else
    {
      g_autofree char *size = g_format_size (received);

      /* TRANSLATORS: %s is an amount such as "120 kB" */
      text = g_strdup_printf (_("Downloading prices… %s"), size);
    }
  /* Prices are the first 30% of the bar; the size is often unknown. */
  report (user_data, SC_PREDICT_STEP_PRICES,
          total > 0 ? 0.3 * (double) received / (double) total : -1.0, text);
}

static void
predictor_progress_cb (double      fraction,
                       const char *step,
                       gpointer    user_data)
{
  report (user_data, SC_PREDICT_STEP_TRAINING, 0.3 + 0.65 * CLAMP (fraction, 0.0, 1.0), step);
}

ScPredictOutcome *
sc_service_predict (ScService              *self,
                    ScDb                   *db,
                    const ScPredictRequest *request,
                    GCancellable           *cancellable,
                    ScPredictProgressFunc   progress,
                    gpointer                progress_data,
                    GError                **error)
{
  Reporter reporter = { progress, progress_data };
  g_autoptr(ScPredictOutcome) outcome = g_new0 (ScPredictOutcome, 1);
  g_autoptr(ScDb) own_db = NULL;
  g_autoptr(ScPriceLoad) load = NULL;
  g_autoptr(ScPredictor) predictor = NULL;
  gint64 start = g_get_monotonic_time ();

  g_return_val_if_fail (SC_IS_SERVICE (self), NULL);
  g_return_val_if_fail (request != NULL && request->ticker != NULL, NULL);

  /* The ticker before the model, the model before any download. */
  if (!sc_validate_ticker (request->ticker, error))
    return NULL;
  if ((outcome->model = sc_models_lookup (request->model_id, error)) == NULL)
    return NULL;

  if (db == NULL && (request->user_id != 0 || request->csv_path == NULL))
    {
      db = own_db = sc_service_open_db (self, error);
      if (db == NULL)
        return NULL;
    }

  report (&reporter, SC_PREDICT_STEP_PRICES, 0.0, _("Looking for prices…"));
  load = sc_service_load_prices (self, db, request->ticker, request->csv_path, request->flags,
                                 request->user_id, cancellable,
                                 price_progress_cb, &reporter, error);
  if (load == NULL)
    return NULL;
  outcome->notice = g_strdup (load->warning);

  report (&reporter, SC_PREDICT_STEP_TRAINING, 0.3, _("Training the model…"));
  predictor = sc_predictor_new (outcome->model);
  if (request->horizons->len > 0)
    sc_predictor_set_horizons (predictor, (const int *) (gpointer) request->horizons->data,
                               request->horizons->len);
  sc_predictor_set_years (predictor, (guint) MAX (request->years, 0));

  outcome->prediction = sc_predictor_run (predictor, load->series,
                                          predictor_progress_cb, &reporter,
                                          cancellable, error);
  if (outcome->prediction == NULL)
    return NULL;
  g_free (outcome->prediction->source);
  outcome->prediction->source = g_strdup (load->source);
  outcome->prediction->currency = g_strdup (load->currency);
  outcome->prediction->seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  outcome->series = sc_price_series_ref (load->series);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (request->user_id != 0)
    {
      g_autofree char *uuid = NULL;

      report (&reporter, SC_PREDICT_STEP_SAVING, 0.97, _("Saving to your history…"));
      uuid = sc_results_save (db, request->user_id, outcome->prediction, error);
      if (uuid == NULL)
        return NULL;
      outcome->result = sc_results_get (db, request->user_id, uuid, error);
      if (outcome->result == NULL)
        return NULL;
    }

  return g_steal_pointer (&outcome);
}

/* --- in a worker thread, progress relayed to the caller's main context ----- */

/* Progress reaches the window at most this often (microseconds). */
#define PROGRESS_INTERVAL (G_USEC_PER_SEC / 20)

typedef struct
{
  ScPredictRequest      *request;
  GMainContext          *context;
  ScPredictProgressFunc  func;
  gpointer               data;
  GDestroyNotify         destroy;
  GMutex                 mutex;
  gint64                 last_time;
  ScPredictStep          last_step;
  GTask                 *task;      /* unowned, valid while the thread runs */
} Job;

typedef struct
{
  Job           *job;     /* owned by the task data, outlives the source */
  GTask         *task;    /* keeps job alive */
  ScPredictStep  step;
  double         fraction;
  char          *text;
} ProgressEvent;

static void
job_free (gpointer data)
{
  Job *job = data;

  sc_predict_request_free (job->request);
  if (job->destroy != NULL)
    job->destroy (job->data);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_mutex_clear (&job->mutex);
  g_free (job);
}

static gboolean
progress_dispatch (gpointer user_data)
{
  ProgressEvent *event = user_data;

  if (!g_task_get_completed (event->task) &&
      !g_cancellable_is_cancelled (g_task_get_cancellable (event->task)))
    event->job->func (event->step, event->fraction, event->text, event->job->data);

  return G_SOURCE_REMOVE;
}

static void
progress_event_free (gpointer data)
{
  ProgressEvent *event = data;

  g_object_unref (event->task);
  g_free (event->text);
  g_free (event);
}

/* On the worker thread: passes progress on, at most every
 * PROGRESS_INTERVAL within a step. */
static void
relay_progress (ScPredictStep  step,
                double         fraction,
                const char    *text,
                gpointer       user_data)
{
  Job *job = user_data;
  ProgressEvent *event;
  gint64 now = g_get_monotonic_time ();

  g_mutex_lock (&job->mutex);
  if (step == job->last_step && now - job->last_time < PROGRESS_INTERVAL && fraction < 1.0)
    {
      g_mutex_unlock (&job->mutex);
      return;
    }
  job->last_time = now;
  job->last_step = step;
  g_mutex_unlock (&job->mutex);

  event = g_new0 (ProgressEvent, 1);
  event->job = job;
  event->task = g_object_ref (job->task);
  event->step = step;
  event->fraction = fraction;
  event->text = g_strdup (text);
  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT,
                              progress_dispatch, event, progress_event_free);
}

static void
predict_thread (ScService    *self,
                ScDb         *db,
                GTask        *task,
                gpointer      data,
                GCancellable *cancellable)
{
  Job *job = data;
  g_autoptr(GError) error = NULL;
  ScPredictOutcome *outcome;

  job->task = task;
  outcome = sc_service_predict (self, db, job->request, cancellable,
                                job->func != NULL ? relay_progress : NULL, job, &error);
  if (outcome == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, outcome, (GDestroyNotify) sc_predict_outcome_free);
}

void
sc_service_predict_async (ScService              *self,
                          const ScPredictRequest *request,
                          GCancellable           *cancellable,
                          ScPredictProgressFunc   progress,
                          gpointer                progress_data,
                          GDestroyNotify          progress_destroy,
                          GAsyncReadyCallback     callback,
                          gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (SC_IS_SERVICE (self));
  g_return_if_fail (request != NULL);

  job = g_new0 (Job, 1);
  job->request = sc_predict_request_copy (request);
  job->context = g_main_context_ref_thread_default ();
  job->func = progress;
  job->data = progress_data;
  job->destroy = progress_destroy;
  job->last_step = -1;
  g_mutex_init (&job->mutex);

  task = _sc_service_task_new (self, sc_service_predict_async, cancellable, callback, user_data);
  _sc_service_task_run (task, predict_thread, job, job_free);
}

ScPredictOutcome *
sc_service_predict_finish (ScService     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return _sc_service_task_finish (self, result, sc_service_predict_async, error);
}
