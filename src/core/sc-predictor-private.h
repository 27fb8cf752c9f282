/* sc-predictor-private.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sc-predictor.h"

G_BEGIN_DECLS

/* The forecasts a walk-forward backtest made, for tests and charts: at
 * origin row j = first_origin + k of the training window the model, fitted
 * on what was known at row j, forecast PRED[k] for row j + horizon; LOW and
 * HIGH are the 80% interval from errors known at row j (NAN while too few).
 * Rows whose features were undefined are left out. */
typedef struct
{
  int     horizon;
  guint   first_origin;
  guint   n_origins;
  double *pred;
  double *actual;
  double *low;
  double *high;
  double *scale;    /* volatility at the origin that scales its interval */
} ScBacktestTrace;

void              _sc_backtest_trace_free (ScBacktestTrace *trace);

/* Walk-forward backtest of one horizon over WINDOW (already cut), the trace
 * and the metrics. */
ScBacktestTrace  *_sc_predictor_walk_forward (ScPredictor       *self,
                                              ScPriceSeries     *window,
                                              int                horizon,
                                              ScHorizonMetrics  *out_metrics,
                                              GCancellable      *cancellable,
                                              GError           **error);

/* The rows of PRICES in the training window of YEARS (0: all). */
ScPriceSeries    *_sc_prices_window          (ScPriceSeries     *prices,
                                              guint              years);

/* numpy's legacy RandomState(seed).permutation(n), as scikit-learn's
 * train_test_split draws it. */
guint            *_sc_numpy_permutation      (guint32            seed,
                                              guint              n);

/* Linear-interpolated quantile (numpy's default) of N sorted values. */
double            _sc_quantile_sorted        (const double      *sorted,
                                              guint              n,
                                              double             q);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScBacktestTrace, _sc_backtest_trace_free)

G_END_DECLS
