/* sc-prediction.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sc-prices.h"

G_BEGIN_DECLS

typedef struct
{
  int    horizon;      /* trading days ahead */
  ScDay  date;         /* target trading day */
  double price;
  double low;          /* 80% interval */
  double high;
  double model_price;  /* the model's own forecast before it was shrunk toward
                        * "no change" (PRICE keeps the share it has earned);
                        * 0 where unknown */
} ScForecast;

typedef struct
{
  int    horizon;
  guint  n;            /* out-of-sample points scored */
  double mae;
  double rmse;
  double mape;         /* percent */
  double r2;
  double mase;         /* MAE / MAE of "price stays as today" on the same rows */
  double direction;    /* fraction of correctly called up/down moves, 0..1 */
  double coverage;     /* fraction of outcomes inside the 80% interval, 0..1 */
} ScHorizonMetrics;

/* One scored origin of a walk-forward backtest, for anyone to audit. */
typedef struct
{
  ScDay  date;         /* the origin: the last close known */
  ScDay  target_date;  /* the day forecast */
  double close;        /* the close on DATE ("no change" forecasts it) */
  double forecast;
  double lower;        /* 80% interval, NAN where there is none */
  double upper;
  double actual;       /* the close on TARGET_DATE */
} ScOrigin;

typedef struct
{
  int       horizon;
  guint     n;
  ScOrigin *origins;   /* oldest first; the metrics of HORIZON score exactly these */
} ScOriginList;

/* The outcome of one prediction run: what the CLI prints as JSON, the
 * window shows, the chart draws and the history stores. Every string and
 * array is owned by the struct and freed with g_free() on the last unref,
 * so fill it with g_strdup()/g_new() when building one by hand. */
typedef struct _ScPrediction ScPrediction;

struct _ScPrediction
{
  char             *ticker;
  char             *model_id;
  char             *source;        /* "csv", "cache", "yahoo", "tiingo", "sample" */
  ScDay             as_of;         /* date of the last row used */
  double            last_close;
  guint             rows;          /* rows in the training window */
  guint             n_forecasts;
  ScForecast       *forecasts;
  char             *protocol;      /* "walk-forward" or "seed" */
  guint             n_metrics;
  ScHorizonMetrics *metrics;
  ScOriginList     *origins;       /* n_metrics lists (walk-forward), or NULL */
  double            seconds;
  char             *currency;      /* ISO 4217 code of the prices, NULL if unknown */
  gint              ref_count;
};

ScPrediction *sc_prediction_new   (void);
ScPrediction *sc_prediction_ref   (ScPrediction *self);
void          sc_prediction_unref (ScPrediction *self);
/* The forecast or backtest metrics for HORIZON, or NULL. */
const ScForecast       *sc_prediction_get_forecast (ScPrediction *self,
                                                    int           horizon);
const ScHorizonMetrics *sc_prediction_get_metrics  (ScPrediction *self,
                                                    int           horizon);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScPrediction, sc_prediction_unref)

G_END_DECLS
