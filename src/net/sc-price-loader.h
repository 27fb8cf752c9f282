/* sc-price-loader.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-db.h"
#include "sc-price-source.h"
#include "sc-quote-client.h"

G_BEGIN_DECLS

/* Where a ticker's prices come from, for predict, chart and the window:
 *  1. the cache, if its newest bar is from the last completed session and
 *     no live bar (of a session then still open) waits to be replaced;
 *  2. else the network (Yahoo, then Tiingo when Yahoo fails and a key is
 *     set), asking only for the days after the cached ones, and the cache
 *     refreshed with the answer;
 *  3. if that fails: the cache with a warning ("using cached prices up to
 *     DATE");
 *  4. with nothing cached: the bundled sample data when offline (or when
 *     SC_PRICE_LOAD_SAMPLE_FALLBACK is given), else the network's error. */

/* Fetches what is new for ticker from source and writes it to the cache in
 * one transaction: from the newest cached bar minus a week, or everything
 * when nothing is cached or the answer shows a split (or a changed close on
 * a day already cached) since then. Bars of a session still in progress
 * are not kept. ticker must be normalised (upper case). */
gboolean       sc_price_loader_refresh        (ScDb               *db,
                                               ScQuoteClient      *client,
                                               const char         *ticker,
                                               ScQuoteSource       source,
                                               GCancellable       *cancellable,
                                               ScHttpProgressFunc  progress,
                                               gpointer            progress_data,
                                               GError            **error);

/* Blocking, on the caller's thread (the service runs it in a worker
 * thread for the window: sc_service_load_prices_async()); see above. client
 * may be NULL (a default one). */
ScPriceLoad   *sc_price_loader_load           (ScDb               *db,
                                               ScQuoteClient      *client,
                                               const char         *ticker,
                                               ScPriceLoadFlags    flags,
                                               GCancellable       *cancellable,
                                               ScHttpProgressFunc  progress,
                                               gpointer            progress_data,
                                               GError            **error);

G_END_DECLS
