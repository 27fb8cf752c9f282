/* sc-predictor-private.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sc-predictor.h"
#include "sc-regressor.h"

G_BEGIN_DECLS

/* Fewest usable training rows before a model is fitted. */
#define SC_MIN_TRAIN_ROWS 100
/* Fewest out-of-sample forecasts a horizon's backtest must score. */
#define SC_MIN_SCORED 20

/* The forecasts a walk-forward backtest made, for tests, charts and the
 * audit list: at origin row ROW[k] of the training window the model, fitted
 * on what was known then, forecast PRED[k] for row ROW[k] + horizon; LOW and
 * HIGH are its 80% interval (NAN where there is none). RAW is the model's
 * own forecast before it was shrunk toward "no change". Origins whose
 * features were undefined are left out. */
typedef struct
{
  int     horizon;
  guint   first_origin;
  guint   n_origins;
  guint  *row;
  double *pred;
  double *raw;
  double *actual;
  double *low;
  double *high;
  double *scale;    /* the log-price standard deviation over the horizon */
  double  weight;   /* the shrinkage weight learned from every origin */
} ScBacktestTrace;

void              _sc_backtest_trace_free (ScBacktestTrace *trace);

/* Settings copied when a run starts, so a worker thread never reads the
 * object the main thread may be changing. */
typedef struct
{
  ScModelInfo *model;
  int         *horizons;
  guint        n_horizons;
  guint        years;
  ScProtocol   protocol;
  guint        seed;
  guint        refit_every;
} ScRunSettings;

/* Progress from any number of workers, serialised. */
typedef struct
{
  ScProgressFunc  func;
  gpointer        data;
  GMutex          lock;
  guint           n_parts;
  double         *parts;     /* completion of each horizon, 0..1 */
} ScRunProgress;

void _sc_run_progress_report (ScRunProgress *progress,
                              guint          part,
                              double         done,
                              const char    *step);

/* The inputs of one model over one training window (sc-features.c). */
typedef struct
{
  const ScModelInfo *model;
  guint              p;
  guint              n;
  const double      *close;
  gboolean           causal;
  double            *feat;     /* p columns of n rows */
  gboolean          *valid;    /* row has every feature */
  guint             *n_valid;  /* n_valid[i]: valid rows in [0, i] */
  double            *var_now;  /* causal EWMA variance of daily log returns */
  double            *var_long; /* causal variance of every daily log return so far */
} ScFeatures;

void     _sc_features_init      (ScFeatures        *f,
                                 const ScModelInfo *model,
                                 ScPriceSeries     *window);
void     _sc_features_clear     (ScFeatures        *f);
/* The features of row J as known at row J. */
gboolean _sc_features_row       (const ScFeatures  *f,
                                 guint              j,
                                 double            *x);
/* Training rows as known at row T for horizon H (model space). */
guint    _sc_features_training  (const ScFeatures  *f,
                                 guint              t,
                                 int                h,
                                 double            *x,
                                 double            *y);
double   _sc_model_target       (const ScModelInfo *model,
                                 double             now,
                                 double             future);
double   _sc_model_to_price     (const ScModelInfo *model,
                                 double             now,
                                 double             value);

/* One horizon's job inside a run. */
typedef struct
{
  const ScRunSettings *settings;
  ScFeatures          *features;
  ScPriceSeries       *window;
  ScRunProgress       *progress;
  guint                part;
  GCancellable        *cancellable;
} ScRunContext;

/* sc-walk-forward.c */
guint             _sc_min_train_rows   (const ScModelInfo *model);
gboolean          _sc_check_horizon    (const ScFeatures  *f,
                                        ScPriceSeries     *window,
                                        int                h,
                                        gboolean           walk_forward,
                                        GError           **error);
ScBacktestTrace  *_sc_walk_forward     (ScRunContext      *ctx,
                                        int                h,
                                        ScRegressor       *regressor,
                                        ScHorizonMetrics  *metrics,
                                        GError           **error);
/* The "no change" blend of a model's forecast RAW at a row closing at
 * CLOSE: close × (raw / close)^WEIGHT, its log move capped at CAP. */
double            _sc_shrink_forecast  (double             close,
                                        double             raw,
                                        double             weight,
                                        double             cap);

/* sc-seed-split.c: the original web app's protocol. */
gboolean          _sc_seed_split       (ScRunContext      *ctx,
                                        int                h,
                                        ScRegressor       *regressor,
                                        ScHorizonMetrics  *metrics,
                                        GError           **error);
/* numpy's legacy RandomState(seed).permutation(n), as scikit-learn's
 * train_test_split draws it. */
guint            *_sc_numpy_permutation      (guint32            seed,
                                              guint              n);

/* sc-metrics.c */
void              _sc_score                  (const double      *actual,
                                              const double      *pred,
                                              const double      *naive,
                                              const double      *low,
                                              const double      *high,
                                              guint              n,
                                              int                h,
                                              ScHorizonMetrics  *m);
/* Linear-interpolated quantile (numpy's default) of N sorted values. */
double            _sc_quantile_sorted        (const double      *sorted,
                                              guint              n,
                                              double             q);

/* sc-interval.c */
/* Fewest daily returns behind a volatility, hence behind an interval. */
#define SC_INTERVAL_MIN_RETURNS 63
/* Causal daily-return variances of CLOSE: VAR_NOW[i] an EWMA of squared
 * returns up to row i, VAR_LONG[i] the variance of every return up to row
 * i; NAN while fewer than SC_INTERVAL_MIN_RETURNS returns exist. */
void              _sc_volatility_compute     (const double      *close,
                                              guint              n,
                                              double            *var_now,
                                              double            *var_long);
/* Standard deviation of the log price H days after a row with these
 * variances (NAN when unknown). */
double            _sc_horizon_sigma          (double             var_now,
                                              double             var_long,
                                              int                h);
/* The 80% interval around FORECAST for a log-price deviation SIGMA; FALSE
 * (and NAN bounds) when SIGMA is unknown. */
gboolean          _sc_interval               (double             forecast,
                                              double             sigma,
                                              double            *low,
                                              double            *high);

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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScBacktestTrace, _sc_backtest_trace_free)

G_END_DECLS
