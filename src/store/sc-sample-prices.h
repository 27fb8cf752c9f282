/* sc-sample-prices.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-prices.h"

G_BEGIN_DECLS

/* The bundled sample prices (data/sample/README.md): what a first run and
 * a computer without a network can predict. */

/* Their folder: $STOCKCAST_SAMPLE_DIR, else the installed
 * $datadir/stockcast/sample, else data/sample in the source tree. */
char          *sc_sample_prices_get_dir (void);
/* The sample series for ticker, or NULL (without error) if none ships. */
ScPriceSeries *sc_sample_prices_load    (const char  *ticker,
                                         GError     **error);
/* The tickers that have sample prices, sorted. */
GStrv          sc_sample_prices_list    (void);

G_END_DECLS
