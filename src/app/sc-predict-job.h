/* sc-predict-job.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-prediction.h"
#include "sc-prices.h"
#include "sc-results.h"

G_BEGIN_DECLS

/* One prediction as the window runs it, in a worker thread with its own
 * database connection: prices (cache, then the network unless offline,
 * then the bundled sample), the model and its walk-forward backtest, then
 * the result saved to the user's history. */

typedef enum
{
  SC_PREDICT_STEP_PRICES,
  SC_PREDICT_STEP_TRAINING,
  SC_PREDICT_STEP_SAVING,
} ScPredictStep;

/* Called on the thread-default main context of the caller. fraction is
 * 0..1, or negative when unknown; text says what happens ("Downloading
 * prices… 120 KB"). */
typedef void (*ScPredictProgressFunc) (ScPredictStep  step,
                                       double         fraction,
                                       const char    *text,
                                       gpointer       user_data);

typedef struct
{
  char     *ticker;
  char     *model_id;
  GArray   *horizons;      /* int, ascending */
  int       years;         /* training window, 0 = all */
  gint64    user_id;       /* 0: do not save */
  gboolean  offline;
  char     *tiingo_token;  /* the tiingo-token setting, or NULL */
  GStrv     sources;       /* the quote-sources setting, or NULL */
} ScPredictRequest;

typedef struct
{
  ScPrediction  *prediction;
  ScPriceSeries *series;   /* the prices used, for the chart */
  ScResult      *result;   /* as saved, NULL if not saved */
  char          *notice;   /* NULL, or a sentence such as "The network is
                            * unreachable: using saved prices up to …" */
} ScPredictOutcome;

ScPredictRequest *sc_predict_request_new   (const char          *ticker,
                                            const char          *model_id);
ScPredictRequest *sc_predict_request_copy  (const ScPredictRequest *request);
void              sc_predict_request_free  (ScPredictRequest    *request);
void              sc_predict_outcome_free  (ScPredictOutcome    *outcome);

void              sc_predict_job_run_async  (const ScPredictRequest *request,
                                             GCancellable           *cancellable,
                                             ScPredictProgressFunc   progress,
                                             gpointer                progress_data,
                                             GDestroyNotify          progress_destroy,
                                             GAsyncReadyCallback     callback,
                                             gpointer                user_data);
ScPredictOutcome *sc_predict_job_run_finish (GAsyncResult           *result,
                                             GError                **error);

/* Tickers to complete: the bundled sample data and those in the user's
 * history (whose prices are cached), sorted, each once. */
void              sc_predict_job_list_tickers_async  (gint64               user_id,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
GStrv             sc_predict_job_list_tickers_finish (GAsyncResult        *result,
                                                      GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScPredictRequest, sc_predict_request_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScPredictOutcome, sc_predict_outcome_free)

G_END_DECLS
