/* sc-yahoo.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-quotes.h"

G_BEGIN_DECLS

#define SC_YAHOO_DEFAULT_HOST   "https://query2.finance.yahoo.com"
#define SC_YAHOO_SECOND_HOST    "https://query1.finance.yahoo.com"
/* period1 that asks for everything (1900-01-01, as yfinance's "max"). */
#define SC_YAHOO_PERIOD_ALL     G_GINT64_CONSTANT (-2208994789)

/* {base}/v8/finance/chart/{SYMBOL}?period1=…&period2=…&interval=1d&events=div%2Csplits&includeAdjustedClose=true
 * with the symbol escaped as a path segment. */
char     *sc_yahoo_build_url   (const char  *base,
                                const char  *symbol,
                                gint64       period1,
                                gint64       period2);

/* Reads a chart API answer. status is the HTTP status; period2 (unix time,
 * 0 for none) drops bars at or after it and is the time of the request.
 * Bars are dated in the exchange's time zone (meta.exchangeTimezoneName);
 * two bars of one date are one session (the later one's values win where
 * present, the earlier one fills the rest); bars with no value at all are
 * dropped; the bar of a session still open by meta.currentTradingPeriod
 * goes to quotes->live instead of quotes->series. meta.currency and
 * meta.exchangeName are kept.
 *  - 404 / chart.error "Not Found": SC_ERROR_DATA naming the ticker;
 *  - 400 "Data doesn't exist for startDate": no bars, not an error;
 *  - any other unusable answer (HTML, broken JSON, other errors): SC_ERROR_NETWORK.
 * Never trusts the input: safe on arbitrary bytes. */
ScQuotes *sc_yahoo_parse_chart (const char  *symbol,
                                long         status,
                                const char  *data,
                                gsize        length,
                                gint64       period2,
                                GError     **error);

G_END_DECLS
