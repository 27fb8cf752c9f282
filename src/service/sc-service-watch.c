/* sc-service-watch.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sc-due.h"
#include "sc-predictor.h"
#include "sc-service-private.h"
#include "sc-watchlist.h"

#define SPARKLINE_DAYS 120

/* --- scorecard ------------------------------------------------------------ */

static void
scorecard_thread (ScService    *self,
                  ScDb         *db,
                  GTask        *task,
                  gpointer      data,
                  GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  ScScorecard *card;

  card = sc_due_user_scorecard (db, *(gint64 *) data, &error);
  if (card == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, card, (GDestroyNotify) sc_scorecard_free);
}

void
sc_service_scorecard_async (ScService           *self,
                            gint64               user_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (SC_IS_SERVICE (self));

  _sc_service_run_for_user (self, sc_service_scorecard_async, user_id, scorecard_thread,
                            cancellable, callback, user_data);
}

ScScorecard *
sc_service_scorecard_finish (ScService     *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return _sc_service_task_finish (self, result, sc_service_scorecard_async, error);
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
list_thread (ScService    *self,
             ScDb         *db,
             GTask        *task,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ListData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tickers = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_watch_row_free);

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
      load = sc_service_load_prices (self, db, ticker, NULL, SC_PRICE_LOAD_OFFLINE, data->user_id,
                                     cancellable, NULL, NULL, NULL);
      g_ptr_array_add (rows, row_from_series (ticker, load ? load->series : NULL));
    }

  g_task_return_pointer (task, g_steal_pointer (&rows), (GDestroyNotify) g_ptr_array_unref);
}

void
sc_service_watchlist_async (ScService           *self,
                            gint64               user_id,
                            const char          *ticker,
                            gboolean             add,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ListData *data;

  g_return_if_fail (SC_IS_SERVICE (self));

  data = g_new0 (ListData, 1);
  data->user_id = user_id;
  data->ticker = g_strdup (ticker);
  data->add = add;
  task = _sc_service_task_new (self, sc_service_watchlist_async, cancellable, callback, user_data);
  _sc_service_task_run (task, list_thread, data, (GDestroyNotify) list_data_free);
}

GPtrArray *
sc_service_watchlist_finish (ScService     *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return _sc_service_task_finish (self, result, sc_service_watchlist_async, error);
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
  GTask               *task;  /* unowned, valid while the thread runs */
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
  GTask       *task;  /* keeps data alive until this ran */
  PredictData *data;
  guint        done;
} ProgressCall;

static gboolean
progress_idle (gpointer user_data)
{
  ProgressCall *call = user_data;
  PredictData *data = call->data;

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
report (PredictData *data,
        guint        done)
{
  ProgressCall *call;

  if (data->progress == NULL)
    return;
  call = g_new0 (ProgressCall, 1);
  call->task = g_object_ref (data->task);
  call->data = data;
  call->done = done;
  g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, progress_idle, call, progress_call_free);
}

static void
batch_progress (guint    done,
                guint    total,
                guint    index,
                gpointer user_data)
{
  PredictData *data = user_data;

  /* Loading counts as the first half of each ticker's work. */
  report (data, data->tickers->len + done);
}

static void
predict_thread (ScService    *self,
                ScDb         *db,
                GTask        *task,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PredictData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScModelInfo) model = NULL;
  g_autoptr(ScPredictor) predictor = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_watch_row_free);
  g_autoptr(GPtrArray) series = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_price_series_unref);
  g_autoptr(GArray) which = g_array_new (FALSE, FALSE, sizeof (guint));
  GArray *items;

  data->task = task;
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

      load = sc_service_load_prices (self, db, ticker, NULL,
                                     data->offline ? SC_PRICE_LOAD_OFFLINE : SC_PRICE_LOAD_SAMPLE_FALLBACK,
                                     0, cancellable, NULL, NULL, &load_error);
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
      report (data, i + 1);
    }

  predictor = sc_predictor_new (model);
  items = sc_batch_predict (predictor, (ScPriceSeries **) series->pdata, series->len,
                            data->max_parallel, batch_progress, data, cancellable);
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
sc_service_predict_watchlist_async (ScService            *self,
                                    GPtrArray            *tickers,
                                    const char           *model_id,
                                    gboolean              offline,
                                    guint                 max_parallel,
                                    GCancellable         *cancellable,
                                    ScWatchProgressFunc   progress,
                                    gpointer              progress_data,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  PredictData *data;

  g_return_if_fail (SC_IS_SERVICE (self));
  g_return_if_fail (tickers != NULL);

  data = g_new0 (PredictData, 1);

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
  task = _sc_service_task_new (self, sc_service_predict_watchlist_async, cancellable, callback, user_data);
  _sc_service_task_run (task, predict_thread, data, (GDestroyNotify) predict_data_free);
}

GPtrArray *
sc_service_predict_watchlist_finish (ScService     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return _sc_service_task_finish (self, result, sc_service_predict_watchlist_async, error);
}

/* --- due predictions --------------------------------------------------------- */

GArray *
sc_service_fill_due (ScService         *self,
                     ScDb              *db,
                     gint64             user_id,
                     ScPriceLoadFlags   flags,
                     GCancellable      *cancellable,
                     guint             *n_pending,
                     GPtrArray         *ticker_errors,
                     GError           **error)
{
  g_autoptr(ScDb) own_db = NULL;
  g_autoptr(GArray) pending = NULL;
  g_autoptr(GPtrArray) tickers = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_return_val_if_fail (SC_IS_SERVICE (self), NULL);

  if (db == NULL && (db = own_db = sc_service_open_db (self, error)) == NULL)
    return NULL;

  pending = sc_due_list_pending (db, user_id, today, error);
  if (pending == NULL)
    return NULL;
  if (n_pending != NULL)
    *n_pending = pending->len;

  tickers = sc_due_tickers (pending);
  for (guint i = 0; i < tickers->len; i++)
    {
      g_autoptr(ScPriceLoad) load = NULL;
      g_autoptr(GError) load_error = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      /* A ticker that cannot be refreshed waits for the next time; the
       * others go on. */
      load = sc_service_load_prices (self, db, g_ptr_array_index (tickers, i), NULL, flags,
                                     user_id, cancellable, NULL, NULL, &load_error);
      if (load == NULL && ticker_errors != NULL)
        g_ptr_array_add (ticker_errors, g_steal_pointer (&load_error));
    }

  if (sc_results_fill_actuals (db, NULL, error) < 0 ||
      sc_due_lookup_actuals (db, pending, error) < 0)
    return NULL;

  /* Only the forecasts filled now stay (the array's clear function frees
   * the tickers of the others). */
  for (guint i = pending->len; i > 0; i--)
    if (isnan (g_array_index (pending, ScDueForecast, i - 1).actual))
      g_array_remove_index (pending, i - 1);
  return g_steal_pointer (&pending);
}

typedef struct
{
  gint64           user_id;
  ScPriceLoadFlags flags;
} DueData;

static void
due_thread (ScService    *self,
            ScDb         *db,
            GTask        *task,
            gpointer      task_data,
            GCancellable *cancellable)
{
  DueData *data = task_data;
  g_autoptr(GError) error = NULL;
  GArray *filled;

  filled = sc_service_fill_due (self, db, data->user_id, data->flags, cancellable,
                                NULL, NULL, &error);
  if (filled == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, filled, (GDestroyNotify) g_array_unref);
}

void
sc_service_fill_due_async (ScService           *self,
                           gint64               user_id,
                           ScPriceLoadFlags     flags,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  DueData *data;

  g_return_if_fail (SC_IS_SERVICE (self));

  data = g_new0 (DueData, 1);
  data->user_id = user_id;
  data->flags = flags;
  task = _sc_service_task_new (self, sc_service_fill_due_async, cancellable, callback, user_data);
  _sc_service_task_run (task, due_thread, data, g_free);
}

GArray *
sc_service_fill_due_finish (ScService     *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return _sc_service_task_finish (self, result, sc_service_fill_due_async, error);
}
