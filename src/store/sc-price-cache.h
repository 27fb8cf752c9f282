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
 * pass them upper-cased (sc_ticker_normalize). */

typedef struct
{
  char   *source;
  char   *timezone;      /* exchange time zone, NULL if unknown */
  char   *currency;      /* ISO 4217 code as the source gave it, NULL if unknown */
  char   *exchange;      /* the source's exchange code, NULL if unknown */
  ScDay   first_date;    /* of the final bars */
  ScDay   last_date;
  guint   n_rows;
  gint64  refreshed_at;  /* unix seconds of the last write */
  /* The bar of a session still open at the last refresh (live_date is
   * G_MININT32 if there was none): not among the final bars. */
  ScDay   live_date;
  double  live_open, live_high, live_low, live_close, live_volume;
  gint64  live_time;     /* unix seconds of its last trade, 0 if unknown */
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

/* The closes of ticker from every source, one row per date: where several
 * sources have a date, the close of the most recently refreshed one. By
 * date; only date and close are set. */
ScPriceSeries *sc_price_cache_load_closes (ScDb        *db,
                                           const char  *ticker,
                                           GError     **error);
/* The currency of ticker's most recently refreshed series that names one,
 * or NULL (no error) if none does. */
char          *sc_price_cache_dup_currency (ScDb        *db,
                                            const char  *ticker,
                                            GError     **error);

typedef enum
{
  SC_PRICE_CACHE_MERGE,    /* add new dates, overwrite dates already cached */
  SC_PRICE_CACHE_REPLACE,  /* drop what was cached for (ticker, source) first */
} ScPriceCacheMode;

/* What is known about a series besides its bars. */
typedef struct
{
  const char    *timezone;   /* NULL: keep what is cached */
  const char    *currency;   /* NULL: keep what is cached */
  const char    *exchange;   /* NULL: keep what is cached */
  ScPriceSeries *live;       /* 0 or 1 row, or NULL: the live bar (replaces the cached one) */
  gint64         live_time;
} ScPriceSeriesMeta;

/* Writes series under (ticker, source) in one transaction: either all of
 * it lands or nothing changes. meta (nullable: nothing known) gives the
 * series' time zone, currency, exchange and live bar; the live bar is
 * replaced on every write (cleared when meta->live has no row) and never
 * written among the final bars. Afterwards fills in the actual closes of
 * saved predictions for ticker that have become known. */
gboolean       sc_price_cache_store  (ScDb                    *db,
                                      const char              *ticker,
                                      const char              *source,
                                      const ScPriceSeriesMeta *meta,
                                      ScPriceSeries           *series,
                                      ScPriceCacheMode         mode,
                                      GError                 **error);
/* The entry of sc_price_cache_list() for source, or NULL (no error) if
 * nothing is cached from it. */
ScPriceCacheInfo *sc_price_cache_get_info (ScDb        *db,
                                           const char  *ticker,
                                           const char  *source,
                                           GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScPriceCacheInfo, sc_price_cache_info_free)

G_END_DECLS
