/* sc-predict-job.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sc-db.h"
#include "sc-error.h"
#include "sc-model.h"
#include "sc-predict-job.h"
#include "sc-price-cache.h"
#include "sc-predictor.h"
#include "sc-price-loader.h"
#include "sc-quotes.h"
#include "sc-validate.h"

/* Progress reaches the window at most this often (microseconds). */
#define PROGRESS_INTERVAL (G_USEC_PER_SEC / 20)

ScPredictRequest *
sc_predict_request_new (const char *ticker,
                        const char *model_id)
{
  ScPredictRequest *request = g_new0 (ScPredictRequest, 1);

  request->ticker = g_strdup (ticker);
  request->model_id = g_strdup (model_id);
  request->horizons = g_array_new (FALSE, FALSE, sizeof (int));
  request->years = SC_PREDICTOR_DEFAULT_YEARS;

  return request;
}

ScPredictRequest *
sc_predict_request_copy (const ScPredictRequest *request)
{
  ScPredictRequest *copy = sc_predict_request_new (request->ticker, request->model_id);

  g_array_append_vals (copy->horizons, request->horizons->data, request->horizons->len);
  copy->years = request->years;
  copy->user_id = request->user_id;
  copy->offline = request->offline;
  copy->tiingo_token = g_strdup (request->tiingo_token);
  copy->sources = g_strdupv (request->sources);

  return copy;
}

void
sc_predict_request_free (ScPredictRequest *request)
{
  if (request == NULL)
    return;

  g_free (request->ticker);
  g_free (request->model_id);
  g_free (request->tiingo_token);
  g_strfreev (request->sources);
  g_clear_pointer (&request->horizons, g_array_unref);
  g_free (request);
}

void
sc_predict_outcome_free (ScPredictOutcome *outcome)
{
  if (outcome == NULL)
    return;

  g_clear_pointer (&outcome->prediction, sc_prediction_unref);
  g_clear_pointer (&outcome->series, sc_price_series_unref);
  g_clear_pointer (&outcome->result, sc_result_unref);
  g_free (outcome->notice);
  g_free (outcome);
}

/* --- progress, from worker threads to the caller's main context ---------- */

typedef struct
{
  GMainContext          *context;
  ScPredictProgressFunc  func;
  gpointer               data;
  GDestroyNotify         destroy;
  GMutex                 mutex;
  gint64                 last_time;
  ScPredictStep          last_step;
} Progress;

typedef struct
{
  Progress      *progress;     /* owned by the task data, outlives the source */
  GTask         *task;         /* keeps progress alive */
  ScPredictStep  step;
  double         fraction;
  char          *text;
} ProgressEvent;

static gboolean
progress_dispatch (gpointer user_data)
{
  ProgressEvent *event = user_data;

  if (!g_task_get_completed (event->task) &&
      !g_cancellable_is_cancelled (g_task_get_cancellable (event->task)))
    event->progress->func (event->step, event->fraction, event->text, event->progress->data);

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

static void
progress_report (GTask         *task,
                 Progress      *progress,
                 ScPredictStep  step,
                 double         fraction,
                 const char    *text)
{
  ProgressEvent *event;
  gint64 now = g_get_monotonic_time ();

  if (progress->func == NULL)
    return;

  g_mutex_lock (&progress->mutex);
  if (step == progress->last_step && now - progress->last_time < PROGRESS_INTERVAL && fraction < 1.0)
    {
      g_mutex_unlock (&progress->mutex);
      return;
    }
  progress->last_time = now;
  progress->last_step = step;
  g_mutex_unlock (&progress->mutex);

  event = g_new0 (ProgressEvent, 1);
  event->progress = progress;
  event->task = g_object_ref (task);
  event->step = step;
  event->fraction = fraction;
  event->text = g_strdup (text);
  g_main_context_invoke_full (progress->context, G_PRIORITY_DEFAULT,
                              progress_dispatch, event, progress_event_free);
}

/* --- the job ------------------------------------------------------------- */

typedef struct
{
  ScPredictRequest *request;
  Progress          progress;
  GTask            *task;      /* unowned, valid while the thread runs */
} JobData;

static void
job_data_free (gpointer data)
{
  JobData *job = data;

  sc_predict_request_free (job->request);
  if (job->progress.destroy != NULL)
    job->progress.destroy (job->progress.data);
  g_clear_pointer (&job->progress.context, g_main_context_unref);
  g_mutex_clear (&job->progress.mutex);
  g_free (job);
}

static void
http_progress_cb (goffset  received,
                  goffset  total,
                  gpointer user_data)
{
  JobData *job = user_data;
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
  progress_report (job->task, &job->progress, SC_PREDICT_STEP_PRICES,
                   total > 0 ? 0.3 * (double) received / (double) total : -1.0, text);
}

static void
predictor_progress_cb (double      fraction,
                       const char *step,
                       gpointer    user_data)
{
  JobData *job = user_data;

  progress_report (job->task, &job->progress, SC_PREDICT_STEP_TRAINING,
                   0.3 + 0.65 * CLAMP (fraction, 0.0, 1.0), step);
}

static int
sc_compare_strings (gconstpointer a,
                    gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The tickers a prediction works for without a network: the bundled
 * samples and whatever of the user's history has prices cached. */
static char *
offline_tickers (ScDb   *db,
                 gint64  user_id)
{
  g_autoptr(GPtrArray) tickers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *sample_dir = sc_price_loader_get_sample_dir ();
  g_autoptr(GDir) dir = sample_dir ? g_dir_open (sample_dir, 0, NULL) : NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".csv"))
      g_ptr_array_add (tickers, g_strndup (name, strlen (name) - 4));

  if (user_id != 0)
    {
      g_autoptr(GPtrArray) results = sc_results_list (db, user_id, SC_RESULTS_LIST_DEFAULT, 0, 200, NULL);

      for (guint i = 0; results != NULL && i < results->len; i++)
        {
          const char *ticker = ((ScResult *) g_ptr_array_index (results, i))->ticker;
          g_autoptr(GPtrArray) cached = sc_price_cache_list (db, ticker, NULL);

          if (cached != NULL && cached->len > 0)
            g_ptr_array_add (tickers, g_strdup (ticker));
        }
    }

  g_ptr_array_sort (tickers, sc_compare_strings);
  for (guint i = 0; i < tickers->len; i++)
    {
      char *ticker = g_ptr_array_index (tickers, i);

      if (!g_hash_table_add (seen, ticker))
        continue;
      if (text->len > 0)
        /* TRANSLATORS: between tickers in a list: "AAPL, MSFT" */
        g_string_append (text, C_("list separator", ", "));
      g_string_append (text, ticker);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  JobData *job = task_data;
  ScPredictRequest *request = job->request;
  g_autoptr(ScPredictOutcome) outcome = g_new0 (ScPredictOutcome, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScDb) db = NULL;
  g_autoptr(ScPriceLoad) load = NULL;
  g_autoptr(ScQuoteClient) client = NULL;
  g_autoptr(ScModelInfo) model = NULL;
  g_autoptr(ScPredictor) predictor = NULL;
  g_autofree char *ticker = NULL;
  ScPriceLoadFlags flags = SC_PRICE_LOAD_SAMPLE_FALLBACK;

  job->task = task;

  if (!sc_validate_ticker (request->ticker, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  ticker = sc_ticker_normalize (request->ticker);

  model = sc_models_lookup (request->model_id, &error);
  if (model == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  db = sc_db_open (NULL, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  progress_report (task, &job->progress, SC_PREDICT_STEP_PRICES, 0.0, _("Looking for prices…"));
  if (request->offline)
    flags |= SC_PRICE_LOAD_OFFLINE;
  client = sc_quote_client_new ();
  sc_quote_client_set_tiingo_token (client, request->tiingo_token);
  sc_quote_client_set_source_order (client, (const char * const *) request->sources);
  load = sc_price_loader_load (db, client, ticker, flags, cancellable,
                               http_progress_cb, job, &error);
  /* Nothing cached, no sample and no network: say what would work instead
   * of the network's own (untranslated) words. */
  if (load == NULL && g_error_matches (error, SC_ERROR, SC_ERROR_NETWORK))
    {
      g_autofree char *tickers = offline_tickers (db, request->user_id);

      g_debug ("No prices for %s: %s", ticker, error->message);
      g_task_return_new_error (task, SC_ERROR, SC_ERROR_NETWORK,
                               _("No prices for %s on this computer, and they cannot be downloaded now: check the network connection, or the spelling of the ticker. Without a network these tickers work: %s."),
                               ticker, tickers);
      return;
    }
  if (load == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  outcome->notice = g_strdup (load->warning);

  progress_report (task, &job->progress, SC_PREDICT_STEP_TRAINING, 0.3, _("Training the model…"));
  predictor = sc_predictor_new (model);
  if (request->horizons->len > 0)
    sc_predictor_set_horizons (predictor, (const int *) (gpointer) request->horizons->data,
                               request->horizons->len);
  sc_predictor_set_years (predictor, (guint) MAX (request->years, 0));

  outcome->prediction = sc_predictor_run (predictor, load->series,
                                          predictor_progress_cb, job,
                                          cancellable, &error);
  if (outcome->prediction == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_free (outcome->prediction->source);
  outcome->prediction->source = g_strdup (load->source);
  outcome->prediction->currency = g_strdup (load->currency);
  outcome->series = sc_price_series_ref (load->series);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (request->user_id != 0)
    {
      g_autofree char *uuid = NULL;

      progress_report (task, &job->progress, SC_PREDICT_STEP_SAVING, 0.97, _("Saving to your history…"));
      uuid = sc_results_save (db, request->user_id, outcome->prediction, &error);
      if (uuid == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      outcome->result = sc_results_get (db, request->user_id, uuid, &error);
      if (outcome->result == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  g_task_return_pointer (task, g_steal_pointer (&outcome), (GDestroyNotify) sc_predict_outcome_free);
}

void
sc_predict_job_run_async (const ScPredictRequest *request,
                          GCancellable           *cancellable,
                          ScPredictProgressFunc   progress,
                          gpointer                progress_data,
                          GDestroyNotify          progress_destroy,
                          GAsyncReadyCallback     callback,
                          gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  JobData *job;

  g_return_if_fail (request != NULL);

  job = g_new0 (JobData, 1);
  job->request = sc_predict_request_copy (request);
  job->progress.context = g_main_context_ref_thread_default ();
  job->progress.func = progress;
  job->progress.data = progress_data;
  job->progress.destroy = progress_destroy;
  job->progress.last_step = -1;
  g_mutex_init (&job->progress.mutex);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sc_predict_job_run_async);
  g_task_set_task_data (task, job, job_data_free);
  g_task_run_in_thread (task, job_thread);
}

ScPredictOutcome *
sc_predict_job_run_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- tickers for completion ---------------------------------------------- */

static void
list_tickers_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  gint64 user_id = *(gint64 *) task_data;
  g_autoptr(GPtrArray) tickers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *sample_dir = sc_price_loader_get_sample_dir ();
  g_autoptr(GDir) dir = NULL;
  g_autoptr(ScDb) db = NULL;
  const char *name;

  /* The bundled samples, then whatever the user predicted before (and so
   * has cached). */
  dir = sample_dir ? g_dir_open (sample_dir, 0, NULL) : NULL;
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".csv"))
      g_ptr_array_add (tickers, g_strndup (name, strlen (name) - 4));

  db = user_id != 0 ? sc_db_open (NULL, NULL) : NULL;
  if (db != NULL)
    {
      g_autoptr(GPtrArray) results = sc_results_list (db, user_id, SC_RESULTS_LIST_DEFAULT, 0, 200, NULL);

      for (guint i = 0; results != NULL && i < results->len; i++)
        g_ptr_array_add (tickers, g_strdup (((ScResult *) g_ptr_array_index (results, i))->ticker));
    }

  g_ptr_array_sort (tickers, sc_compare_strings);
  {
    GPtrArray *unique = g_ptr_array_new ();

    for (guint i = 0; i < tickers->len; i++)
      {
        char *ticker = g_ptr_array_index (tickers, i);

        if (!g_hash_table_contains (seen, ticker))
          {
            g_hash_table_add (seen, ticker);
            g_ptr_array_add (unique, g_strdup (ticker));
          }
      }
    g_ptr_array_add (unique, NULL);
    g_task_return_pointer (task, g_ptr_array_free (unique, FALSE), (GDestroyNotify) g_strfreev);
  }
}

void
sc_predict_job_list_tickers_async (gint64               user_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sc_predict_job_list_tickers_async);
  g_task_set_task_data (task, g_memdup2 (&user_id, sizeof user_id), g_free);
  g_task_run_in_thread (task, list_tickers_thread);
}

GStrv
sc_predict_job_list_tickers_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
