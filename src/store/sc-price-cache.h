/* sc-price-cache.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-db.h"
#include "sc-prices.h"

G_BEGIN_DECLS

/* Daily bars per ticker and source ("yahoo", "tiingo", "csv") in the
 * price_series and prices tables. Tickers are stored as given: callers
 * pass them upper-cased (sc_quotes_normalize_symbol). */

typedef struct
{
  char   *source;
  char   *timezone;      /* exchange time zone, NULL if unknown */
  ScDay   first_date;
  ScDay   last_date;
  guint   n_rows;
  gint64  refreshed_at;  /* unix seconds of the last write */
} ScPriceCacheInfo;

void       sc_price_cache_info_free (ScPriceCacheInfo *info);

/* What is cached for ticker, one entry per source with at least one bar,
 * the one with the newest bar first (ties: the latest written). */
GPtrArray     *sc_price_cache_list   (ScDb          *db,
                                      const char    *ticker,
                                      GError       **error);
/* The cached bars of ticker from source; a series with no rows if nothing
 * is cached. */
ScPriceSeries *sc_price_cache_load   (ScDb          *db,
                                      const char    *ticker,
                                      const char    *source,
                                      GError       **error);

typedef enum
{
  SC_PRICE_CACHE_MERGE,    /* add new dates, overwrite dates already cached */
  SC_PRICE_CACHE_REPLACE,  /* drop what was cached for (ticker, source) first */
} ScPriceCacheMode;

/* Writes series under (ticker, source) in one transaction: either all of
 * it lands or nothing changes. Afterwards fills in the actual closes of
 * saved predictions for ticker that have become known. */
gboolean       sc_price_cache_store  (ScDb          *db,
                                      const char    *ticker,
                                      const char    *source,
                                      const char    *timezone,
                                      ScPriceSeries *series,
                                      ScPriceCacheMode mode,
                                      GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScPriceCacheInfo, sc_price_cache_info_free)

G_END_DECLS
