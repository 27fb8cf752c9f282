/* sc-batch.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sc-batch.h"

typedef struct
{
  ScPredictor         *predictor;
  ScPriceSeries      **series;
  GArray              *items;
  ScBatchProgressFunc  progress;
  gpointer             user_data;
  GCancellable        *cancellable;
  GMutex               mutex;
  GCond                cond;
  guint                done;
  guint                total;
} Batch;

static void
run_one (gpointer data,
         gpointer user_data)
{
  Batch *batch = user_data;
  guint index = GPOINTER_TO_UINT (data) - 1;
  ScBatchItem *item = &g_array_index (batch->items, ScBatchItem, index);
  GError *error = NULL;
  ScPrediction *prediction = NULL;

  /* Each item is written by its own worker only; the lock orders the
   * counter, the progress calls and the wake-up. */
  if (!g_cancellable_set_error_if_cancelled (batch->cancellable, &error))
    prediction = sc_predictor_run (batch->predictor, batch->series[index], NULL, NULL,
                                   batch->cancellable, &error);
  item->prediction = prediction;
  item->error = error;

  g_mutex_lock (&batch->mutex);
  batch->done++;
  if (batch->progress != NULL)
    batch->progress (batch->done, batch->total, index, batch->user_data);
  g_cond_signal (&batch->cond);
  g_mutex_unlock (&batch->mutex);
}

GArray *
sc_batch_predict (ScPredictor          *predictor,
                  ScPriceSeries       **series,
                  guint                 n_series,
                  guint                 max_parallel,
                  ScBatchProgressFunc   progress,
                  gpointer              user_data,
                  GCancellable         *cancellable)
{
  Batch batch = { 0 };
  GThreadPool *pool;
  GError *error = NULL;

  g_return_val_if_fail (SC_IS_PREDICTOR (predictor), NULL);
  g_return_val_if_fail (series != NULL || n_series == 0, NULL);

  batch.predictor = predictor;
  batch.series = series;
  batch.items = g_array_new (FALSE, TRUE, sizeof (ScBatchItem));
  g_array_set_size (batch.items, n_series);
  batch.progress = progress;
  batch.user_data = user_data;
  batch.cancellable = cancellable;
  batch.total = n_series;
  g_mutex_init (&batch.mutex);
  g_cond_init (&batch.cond);

  if (n_series == 0)
    goto out;

  if (max_parallel == 0)
    max_parallel = g_get_num_processors ();
  max_parallel = MIN (max_parallel, n_series);

  pool = g_thread_pool_new (run_one, &batch, (int) max_parallel, FALSE, &error);
  if (pool == NULL)
    {
      /* No thread to be had: run here, one after the other. */
      g_clear_error (&error);
      for (guint i = 0; i < n_series; i++)
        run_one (GUINT_TO_POINTER (i + 1), &batch);
      goto out;
    }

  for (guint i = 0; i < n_series; i++)
    g_thread_pool_push (pool, GUINT_TO_POINTER (i + 1), NULL);

  g_mutex_lock (&batch.mutex);
  while (batch.done < n_series)
    g_cond_wait (&batch.cond, &batch.mutex);
  g_mutex_unlock (&batch.mutex);

  g_thread_pool_free (pool, FALSE, TRUE);

out:
  g_mutex_clear (&batch.mutex);
  g_cond_clear (&batch.cond);
  return batch.items;
}

void
sc_batch_items_free (GArray *items)
{
  if (items == NULL)
    return;

  for (guint i = 0; i < items->len; i++)
    {
      ScBatchItem *item = &g_array_index (items, ScBatchItem, i);

      g_clear_pointer (&item->prediction, sc_prediction_unref);
      g_clear_error (&item->error);
    }
  g_array_unref (items);
}
