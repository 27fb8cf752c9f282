/* sc-predictor.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-model.h"
#include "sc-prediction.h"
#include "sc-prices.h"

G_BEGIN_DECLS

typedef enum
{
  SC_PROTOCOL_WALK_FORWARD,   /* chronological, expanding window, no look-ahead */
  SC_PROTOCOL_SEED,           /* the original web app's fillna(0) + shuffled 70/30 split */
} ScProtocol;

const char *sc_protocol_to_string   (ScProtocol   protocol);
gboolean    sc_protocol_from_string (const char  *text,
                                     ScProtocol  *out_protocol);

/* Progress of a run: FRACTION in 0..1 and a short translated STEP text
 * ("Backtesting the 60-day horizon…"). In sc_predictor_run() it may be
 * called from worker threads, one call at a time. */
typedef void (*ScProgressFunc) (double      fraction,
                                const char *step,
                                gpointer    user_data);

#define SC_PREDICTOR_DEFAULT_YEARS 10

#define SC_TYPE_PREDICTOR (sc_predictor_get_type ())

G_DECLARE_FINAL_TYPE (ScPredictor, sc_predictor, SC, PREDICTOR, GObject)

/* Runs one model over price series. The settings are read when a run
 * starts; changing them later affects only later runs. */
ScPredictor  *sc_predictor_new             (ScModelInfo          *model);
ScModelInfo  *sc_predictor_get_model       (ScPredictor          *self);
/* Trading days ahead; default 10, 60, 365. */
void          sc_predictor_set_horizons    (ScPredictor          *self,
                                            const int            *horizons,
                                            guint                 n_horizons);
const int    *sc_predictor_get_horizons    (ScPredictor          *self,
                                            guint                *n_horizons);
/* Training window in years (0 = every row); default 10. */
void          sc_predictor_set_years       (ScPredictor          *self,
                                            guint                 years);
guint         sc_predictor_get_years       (ScPredictor          *self);
/* Protocol of the backtest; default walk-forward. */
void          sc_predictor_set_protocol    (ScPredictor          *self,
                                            ScProtocol            protocol);
ScProtocol    sc_predictor_get_protocol    (ScPredictor          *self);
/* Random state of the seed protocol's split (scikit-learn's random_state). */
void          sc_predictor_set_seed        (ScPredictor          *self,
                                            guint                 seed);
/* Rows between refits in the walk-forward backtest; 0 (default) picks one
 * per model kind. */
void          sc_predictor_set_refit_every (ScPredictor          *self,
                                            guint                 rows);
/* The last reported progress, for a window to show ("fraction" and "step"
 * are notified on the main context during _async runs). */
double        sc_predictor_get_fraction    (ScPredictor          *self);
const char   *sc_predictor_get_step        (ScPredictor          *self);

/* Forecasts for every horizon with their 80% intervals, from a walk-forward
 * backtest whose metrics are included. PRICES must not change during the
 * run. Cancelling gives G_IO_ERROR_CANCELLED; other errors are SC_ERROR. */
ScPrediction *sc_predictor_run             (ScPredictor          *self,
                                            ScPriceSeries        *prices,
                                            ScProgressFunc        progress,
                                            gpointer              user_data,
                                            GCancellable         *cancellable,
                                            GError              **error);
void          sc_predictor_run_async       (ScPredictor          *self,
                                            ScPriceSeries        *prices,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
ScPrediction *sc_predictor_run_finish      (ScPredictor          *self,
                                            GAsyncResult         *result,
                                            GError              **error);

/* Only the backtest under the chosen protocol: the prediction carries
 * metrics and no forecasts. */
ScPrediction *sc_predictor_backtest        (ScPredictor          *self,
                                            ScPriceSeries        *prices,
                                            ScProgressFunc        progress,
                                            gpointer              user_data,
                                            GCancellable         *cancellable,
                                            GError              **error);
void          sc_predictor_backtest_async  (ScPredictor          *self,
                                            ScPriceSeries        *prices,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
ScPrediction *sc_predictor_backtest_finish (ScPredictor          *self,
                                            GAsyncResult         *result,
                                            GError              **error);

G_END_DECLS
