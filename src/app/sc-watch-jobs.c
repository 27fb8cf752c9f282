/* sc-watch-jobs.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sc-db.h"
#include "sc-due.h"
#include "sc-model.h"
#include "sc-price-loader.h"
#include "sc-results.h"
#include "sc-watch-jobs.h"
#include "sc-watchlist.h"

#define SPARKLINE_DAYS 120

/* --- scorecard ------------------------------------------------------------ */

static void
scorecard_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  gint64 user_id = *(gint64 *) task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScDb) db = sc_db_open (NULL, &error);
  ScScorecard *card;

  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  card = sc_due_user_scorecard (db, user_id, &error);
  if (card == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, card, (GDestroyNotify) sc_scorecard_free);
}

void
sc_scorecard_job_async (gint64               user_id,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, sc_scorecard_job_async);
  g_task_set_task_data (task, g_memdup2 (&user_id, sizeof user_id), g_free);
  g_task_run_in_thread (task, scorecard_thread);
}

ScScorecard *
sc_scorecard_job_finish (GAsyncResult  *result,
                         GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- watchlist ------------------------------------------------------------ */

void
sc_watch_row_free (ScWatchRow *row)
{
  if (row == NULL)
    return;
  g_free (row->ticker);
  g_free (row->last_date);
  g_clear_pointer (&row->closes, g_array_unref);
  g_clear_pointer (&row->prediction, sc_prediction_unref);
  g_free (row->error);
  g_free (row);
}

static ScWatchRow *
row_from_series (const char    *ticker,
                 ScPriceSeries *series)
{
  ScWatchRow *row = g_new0 (ScWatchRow, 1);

  row->ticker = g_strdup (ticker);
  row->last_close = NAN;
  row->closes = g_array_new (FALSE, FALSE, sizeof (double));
  if (series != NULL && series->n_rows > 0)
    {
      guint first = series->n_rows > SPARKLINE_DAYS ? series->n_rows - SPARKLINE_DAYS : 0;

      row->last_close = series->close[series->n_rows - 1];
      row->last_date = sc_day_format (series->date[series->n_rows - 1]);
      g_array_append_vals (row->closes, series->close + first, series->n_rows - first);
    }
  return row;
}

typedef struct
{
  gint64    user_id;
  char     *ticker;
  gboolean  add;
} ListData;

static void
list_data_free (ListData *data)
{
  g_free (data->ticker);
  g_free (data);
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ListData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScDb) db = sc_db_open (NULL, &error);
  g_autoptr(GPtrArray) tickers = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_watch_row_free);

  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (data->ticker != NULL &&
      !(data->add ? sc_watchlist_add (db, data->user_id, data->ticker, NULL, &error)
                  : sc_watchlist_remove (db, data->user_id, data->ticker, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  tickers = sc_watchlist_list (db, data->user_id, &error);
  if (tickers == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; i < tickers->len; i++)
    {
      const char *ticker = g_ptr_array_index (tickers, i);
      g_autoptr(ScPriceLoad) load = NULL;

      /* Cache or bundled sample only: listing never waits for the network. */
      load = sc_price_loader_load (db, NULL, ticker, SC_PRICE_LOAD_OFFLINE, cancellable, NULL, NULL, NULL);
      g_ptr_array_add (rows, row_from_series (ticker, load ? load->series : NULL));
    }

  g_task_return_pointer (task, g_steal_pointer (&rows), (GDestroyNotify) g_ptr_array_unref);
}

void
sc_watchlist_job_async (gint64               user_id,
                        const char          *ticker,
                        gboolean             add,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ListData *data = g_new0 (ListData, 1);

  data->user_id = user_id;
  data->ticker = g_strdup (ticker);
  data->add = add;
  g_task_set_source_tag (task, sc_watchlist_job_async);
  g_task_set_task_data (task, data, (GDestroyNotify) list_data_free);
  g_task_run_in_thread (task, list_thread);
}

GPtrArray *
sc_watchlist_job_finish (GAsyncResult  *result,
                         GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- Predict All ------------------------------------------------------------ */

typedef struct
{
  GPtrArray           *tickers;
  char                *model_id;
  gboolean             offline;
  guint                max_parallel;
  GMainContext        *context;
  ScWatchProgressFunc  progress;
  gpointer             progress_data;
  guint                total;
} PredictData;

static void
predict_data_free (PredictData *data)
{
  g_ptr_array_unref (data->tickers);
  g_free (data->model_id);
  g_main_context_unref (data->context);
  g_free (data);
}

typedef struct
{
  GTask *task;  /* keeps the caller's data alive until this ran */
  guint  done;
} ProgressCall;

static gboolean
progress_idle (gpointer user_data)
{
  ProgressCall *call = user_data;
  PredictData *data = g_task_get_task_data (call->task);

  if (!g_cancellable_is_cancelled (g_task_get_cancellable (call->task)))
    data->progress (call->done, data->total, data->progress_data);
  return G_SOURCE_REMOVE;
}

static void
progress_call_free (gpointer user_data)
{
  ProgressCall *call = user_data;

  g_object_unref (call->task);
  g_free (call);
}

static void
report (GTask *task,
        guint  done)
{
  PredictData *data = g_task_get_task_data (task);
  ProgressCall *call;

  if (data->progress == NULL)
    return;
  call = g_new0 (ProgressCall, 1);
  call->task = g_object_ref (task);
  call->done = done;
  g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, progress_idle, call, progress_call_free);
}

static void
batch_progress (guint    done,
                guint    total,
                guint    index,
                gpointer user_data)
{
  GTask *task = user_data;
  PredictData *data = g_task_get_task_data (task);

  /* Loading counts as the first half of each ticker's work. */
  report (task, data->tickers->len + done);
}

static void
predict_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PredictData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScDb) db = sc_db_open (NULL, &error);
  g_autoptr(ScModelInfo) model = NULL;
  g_autoptr(ScPredictor) predictor = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_watch_row_free);
  g_autoptr(GPtrArray) series = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_price_series_unref);
  g_autoptr(GArray) which = g_array_new (FALSE, FALSE, sizeof (guint));
  GArray *items;

  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  model = sc_models_lookup (data->model_id, &error);
  if (model == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; i < data->tickers->len; i++)
    {
      const char *ticker = g_ptr_array_index (data->tickers, i);
      g_autoptr(ScPriceLoad) load = NULL;
      g_autoptr(GError) load_error = NULL;
      ScWatchRow *row;

      if (g_task_return_error_if_cancelled (task))
        return;

      load = sc_price_loader_load (db, NULL, ticker,
                                   data->offline ? SC_PRICE_LOAD_OFFLINE : SC_PRICE_LOAD_SAMPLE_FALLBACK,
                                   cancellable, NULL, NULL, &load_error);
      row = row_from_series (ticker, load ? load->series : NULL);
      if (load == NULL)
        row->error = g_strdup (load_error->message);
      else
        {
          guint index = rows->len;

          g_ptr_array_add (series, sc_price_series_ref (load->series));
          g_array_append_val (which, index);
        }
      g_ptr_array_add (rows, row);
      report (task, i + 1);
    }

  predictor = sc_predictor_new (model);
  items = sc_batch_predict (predictor, (ScPriceSeries **) series->pdata, series->len,
                            data->max_parallel, batch_progress, task, cancellable);
  for (guint k = 0; k < items->len; k++)
    {
      ScBatchItem *item = &g_array_index (items, ScBatchItem, k);
      ScWatchRow *row = g_ptr_array_index (rows, g_array_index (which, guint, k));

      row->prediction = g_steal_pointer (&item->prediction);
      if (item->error != NULL)
        row->error = g_strdup (item->error->message);
    }
  sc_batch_items_free (items);

  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_pointer (task, g_steal_pointer (&rows), (GDestroyNotify) g_ptr_array_unref);
}

void
sc_watchlist_predict_async (GPtrArray            *tickers,
                            const char           *model_id,
                            gboolean              offline,
                            guint                 max_parallel,
                            GCancellable         *cancellable,
                            ScWatchProgressFunc   progress,
                            gpointer              progress_data,
                            GAsyncReadyCallback   callback,
                            gpointer              user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  PredictData *data = g_new0 (PredictData, 1);

  data->tickers = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < tickers->len; i++)
    g_ptr_array_add (data->tickers, g_strdup (g_ptr_array_index (tickers, i)));
  data->model_id = g_strdup (model_id);
  data->offline = offline;
  data->max_parallel = max_parallel;
  data->context = g_main_context_ref_thread_default ();
  data->progress = progress;
  data->progress_data = progress_data;
  data->total = 2 * tickers->len;
  g_task_set_source_tag (task, sc_watchlist_predict_async);
  g_task_set_task_data (task, data, (GDestroyNotify) predict_data_free);
  g_task_run_in_thread (task, predict_thread);
}

GPtrArray *
sc_watchlist_predict_finish (GAsyncResult  *result,
                             GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- due predictions --------------------------------------------------------- */

typedef struct
{
  gint64   user_id;
  gboolean offline;
} DueData;

static void
due_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  DueData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScDb) db = sc_db_open (NULL, &error);
  g_autoptr(GArray) pending = NULL;
  g_autoptr(GPtrArray) tickers = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  GArray *filled;

  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  pending = sc_due_list_pending (db, data->user_id, today, &error);
  if (pending == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  tickers = sc_due_tickers (pending);
  for (guint i = 0; i < tickers->len; i++)
    {
      g_autoptr(ScPriceLoad) load = NULL;

      if (g_task_return_error_if_cancelled (task))
        return;
      /* A ticker that cannot be refreshed waits for the next time. */
      load = sc_price_loader_load (db, NULL, g_ptr_array_index (tickers, i),
                                   data->offline ? SC_PRICE_LOAD_OFFLINE : SC_PRICE_LOAD_DEFAULT,
                                   cancellable, NULL, NULL, NULL);
    }

  if (sc_results_fill_actuals (db, NULL, &error) < 0 ||
      sc_due_lookup_actuals (db, pending, &error) < 0)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  filled = g_array_new (FALSE, TRUE, sizeof (ScDueForecast));
  for (guint i = 0; i < pending->len; i++)
    {
      ScDueForecast *f = &g_array_index (pending, ScDueForecast, i);

      if (!isnan (f->actual))
        {
          ScDueForecast copy = *f;

          copy.ticker = g_strdup (f->ticker);
          g_array_append_val (filled, copy);
        }
    }
  g_task_return_pointer (task, filled, (GDestroyNotify) sc_due_forecasts_free);
}

void
sc_due_job_async (gint64               user_id,
                  gboolean             offline,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  DueData *data = g_new0 (DueData, 1);

  data->user_id = user_id;
  data->offline = offline;
  g_task_set_source_tag (task, sc_due_job_async);
  g_task_set_task_data (task, data, g_free);
  g_task_run_in_thread (task, due_thread);
}

GArray *
sc_due_job_finish (GAsyncResult  *result,
                   GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
