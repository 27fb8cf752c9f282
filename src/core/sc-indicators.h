/* sc-indicators.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Technical indicators over a close series of N values, written to OUT (N
 * values, NAN where undefined). They follow pandas_ta 0.3.14 numerically and
 * are causal: out[i] depends on close[0..i] only. */
void sc_indicator_sma        (const double *close,
                              guint         n,
                              guint         length,
                              double       *out);
/* First value at row length-1 is the SMA of the first LENGTH closes, then
 * ema = a*close + (1-a)*ema_prev with a = 2/(length+1). */
void sc_indicator_ema        (const double *close,
                              guint         n,
                              guint         length,
                              double       *out);
/* Gains and losses averaged with pandas ewm(alpha=1/length, adjust=True,
 * min_periods=length); rsi = 100*G/(G+|L|). */
void sc_indicator_rsi        (const double *close,
                              guint         n,
                              guint         length,
                              double       *out);
/* log(close[i] / close[i-length]). */
void sc_indicator_log_return (const double *close,
                              guint         n,
                              guint         length,
                              double       *out);
/* Sample standard deviation (ddof 1) of the last LENGTH daily log returns. */
void sc_indicator_volatility (const double *close,
                              guint         n,
                              guint         length,
                              double       *out);

/* A model input named in a descriptor's Features= list. */
typedef enum
{
  SC_FEATURE_CLOSE,        /* close */
  SC_FEATURE_LOG_CLOSE,    /* logclose */
  SC_FEATURE_EMA,          /* ema<N> */
  SC_FEATURE_SMA,          /* sma<N> */
  SC_FEATURE_RSI,          /* rsi<N> */
  SC_FEATURE_RETURN,       /* return<N>: log return over N rows */
  SC_FEATURE_VOLATILITY,   /* volatility<N>: std of daily log returns over N rows */
  SC_FEATURE_EMA_GAP,      /* emagap<N>: log (close / ema<N>) */
  SC_FEATURE_SMA_GAP,      /* smagap<N>: log (close / sma<N>) */
  SC_FEATURE_BOLLINGER,    /* bollinger<N>: (close - sma<N>) / (2 std of closes over N) */
  SC_FEATURE_MACD,         /* macd: (ema12 - ema26) / close */
  SC_FEATURE_PEEK,         /* peek<N>: close N rows LATER; only for leakage tests */
} ScFeatureKind;

typedef struct
{
  ScFeatureKind kind;
  guint         length;
} ScFeature;

/* Parses a feature name ("ema10"); an unknown name is SC_ERROR_DATA naming it. */
gboolean sc_feature_parse    (const char      *name,
                              ScFeature       *out_feature,
                              GError         **error);
/* TRUE if out[i] depends only on close[0..i]. Every real feature is. */
gboolean sc_feature_is_causal (const ScFeature *feature);
/* Rows at the start for which the feature is undefined. */
guint    sc_feature_warmup   (const ScFeature *feature);
void     sc_feature_compute  (const ScFeature *feature,
                              const double    *close,
                              guint            n,
                              double          *out);

/* Lets tests use the peek<N> feature, which looks into the future on
 * purpose: backtests must not be fooled by it. */
void     _sc_feature_allow_peek (gboolean allow);

G_END_DECLS
