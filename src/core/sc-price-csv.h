/* sc-price-csv.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sc-prices.h"

G_BEGIN_DECLS

/* A series as the Yahoo-layout CSV that sc_price_series_load_csv() (and so
 * `stockcast import-csv`) reads back to the same rows:
 * "Date,Open,High,Low,Close,Adj Close,Volume", "null" for a missing value,
 * each number in the fewest digits that read back as the same double. */
GBytes *sc_price_series_to_csv (ScPriceSeries *series);

/* Appends value in the fewest digits that read back as the same double
 * ("213.26", not "213.25999999999999"; whole numbers below 10¹⁵ without an
 * exponent), or "null" if it is not finite: the CSV's missing value, and
 * JSON's (the result JSON writes its numbers with it too). */
void    sc_double_append_shortest (GString *out,
                                   double   value);

G_END_DECLS
