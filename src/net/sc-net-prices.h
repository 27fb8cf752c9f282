/* sc-net-prices.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sc-price-source.h"

G_BEGIN_DECLS

/* The service's price source (sc-price-source.h) for the app and the CLI:
 * the cache, refreshed from Yahoo or Tiingo, else the bundled samples, as
 * sc_price_loader_load() decides. Safe to use from several threads. */

#define SC_TYPE_NET_PRICES (sc_net_prices_get_type ())

G_DECLARE_FINAL_TYPE (ScNetPrices, sc_net_prices, SC, NET_PRICES, GObject)

ScNetPrices *sc_net_prices_new              (void);
/* The Tiingo API key (the tiingo-token setting), or NULL. */
void         sc_net_prices_set_tiingo_token (ScNetPrices        *self,
                                             const char         *token);
/* The quote-sources setting ("yahoo", "tiingo"), or NULL for the default. */
void         sc_net_prices_set_source_order (ScNetPrices        *self,
                                             const char * const *sources);

G_END_DECLS
