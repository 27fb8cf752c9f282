/* sc-watch-jobs.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-batch.h"
#include "sc-scorecard.h"

G_BEGIN_DECLS

/* The scorecard and watchlist work of the window, each in a worker thread
 * with its own database connection: widgets call these and only show what
 * comes back. */

/* The scorecard of user_id (sc_due_user_scorecard()). */
void         sc_scorecard_job_async  (gint64               user_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
ScScorecard *sc_scorecard_job_finish (GAsyncResult        *result,
                                      GError             **error);

typedef struct
{
  char         *ticker;
  double        last_close;  /* NAN if nothing is cached */
  char         *last_date;   /* "YYYY-MM-DD" or NULL */
  GArray       *closes;      /* double: the last closes cached (for a sparkline), oldest first */
  ScPrediction *prediction;  /* after Predict All, else NULL */
  char         *error;       /* why the prediction failed, else NULL */
} ScWatchRow;

void sc_watch_row_free (ScWatchRow *row);

/* Adds (add TRUE) or removes ticker from user_id's watchlist when ticker is
 * not NULL, then lists it with what the cache knows (never the network). */
void       sc_watchlist_job_async  (gint64               user_id,
                                    const char          *ticker,
                                    gboolean             add,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
/* Element type ScWatchRow. */
GPtrArray *sc_watchlist_job_finish (GAsyncResult        *result,
                                    GError             **error);

/* Progress of Predict All on the caller's main context: done of total. */
typedef void (*ScWatchProgressFunc) (guint    done,
                                     guint    total,
                                     gpointer user_data);

/* Prices of every ticker (cache first, then the network unless offline),
 * then the model at most max_parallel tickers at a time. The rows come back
 * with prediction or error set; cancelling stops it. */
void       sc_watchlist_predict_async  (GPtrArray            *tickers,
                                        const char           *model_id,
                                        gboolean              offline,
                                        guint                 max_parallel,
                                        GCancellable         *cancellable,
                                        ScWatchProgressFunc   progress,
                                        gpointer              progress_data,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
GPtrArray *sc_watchlist_predict_finish (GAsyncResult         *result,
                                        GError              **error);

/* Catch-up of due predictions: refreshes the prices of user_id's tickers
 * with forecasts that came due without an actual close (cache first, the
 * network unless offline), fills the actuals and returns the forecasts
 * filled now (GArray of ScDueForecast, sc-due.h). */
void    sc_due_job_async  (gint64               user_id,
                           gboolean             offline,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data);
GArray *sc_due_job_finish (GAsyncResult        *result,
                           GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScWatchRow, sc_watch_row_free)

G_END_DECLS
