/* sc-batch.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-prediction.h"
#include "sc-predictor.h"
#include "sc-prices.h"

G_BEGIN_DECLS

/* Predicts many series with one predictor's settings, a bounded number at
 * a time (the watchlist's "Predict All", `stockcast predict A B C`). */

/* Called after each series, from a worker thread, one call at a time:
 * done of total are finished; index is the one that just finished. */
typedef void (*ScBatchProgressFunc) (guint    done,
                                     guint    total,
                                     guint    index,
                                     gpointer user_data);

typedef struct
{
  ScPrediction *prediction;  /* NULL if this series failed */
  GError       *error;       /* why, else NULL */
} ScBatchItem;

/* Runs predictor over every series, at most max_parallel at a time (0: the
 * number of processors). Returns an array of n_series ScBatchItem in the
 * order of series (free with sc_batch_items_free()); a series that fails
 * does not stop the others. Cancelling stops starting new series and
 * cancels those running; the items not done carry G_IO_ERROR_CANCELLED. */
GArray *sc_batch_predict    (ScPredictor          *predictor,
                             ScPriceSeries       **series,
                             guint                 n_series,
                             guint                 max_parallel,
                             ScBatchProgressFunc   progress,
                             gpointer              user_data,
                             GCancellable         *cancellable);
void    sc_batch_items_free (GArray               *items);

G_END_DECLS
