/* sc-net-prices.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sc-price-source.h"
#include "sc-service.h"

G_BEGIN_DECLS

/* The service's price source (sc-price-source.h) for the app and the CLI:
 * the cache, refreshed from Yahoo or Tiingo, else the bundled samples, as
 * sc_price_loader_load() decides. Safe to use from several threads. */

#define SC_TYPE_NET_PRICES (sc_net_prices_get_type ())

G_DECLARE_FINAL_TYPE (ScNetPrices, sc_net_prices, SC, NET_PRICES, GObject)

/* settings (nullable): the app's, whose tiingo-token and quote-sources keys
 * (those the schema has) each download uses as they are then. */
ScNetPrices *sc_net_prices_new   (GSettings *settings);

/* The service of the app and of the CLI's online commands: prices from
 * ScNetPrices with settings (nullable), sync through ScNetSync, the
 * database at its default place. */
ScService   *sc_net_service_new  (GSettings *settings);

G_END_DECLS
