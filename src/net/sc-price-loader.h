/* sc-price-loader.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-db.h"
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

typedef enum
{
  SC_PRICE_LOAD_DEFAULT         = 0,
  SC_PRICE_LOAD_OFFLINE         = 1 << 0,  /* never touch the network */
  SC_PRICE_LOAD_SAMPLE_FALLBACK = 1 << 1,  /* network failed, nothing cached: use sample data */
} ScPriceLoadFlags;

typedef struct _ScPriceLoad
{
  ScPriceSeries *series;       /* final closes only */
  char          *source;       /* "cache", "yahoo", "tiingo" or "sample" */
  char          *series_source; /* where the series itself came from: "yahoo", "tiingo", "csv", "sample" */
  char          *warning;      /* one translated sentence for the user, or NULL */
  char          *currency;     /* ISO 4217 code of the prices ("GBp": pence), NULL if unknown */
  char          *timezone;     /* the exchange's IANA zone, NULL if unknown */
  char          *exchange;     /* the source's exchange code, NULL if unknown */
  gint64         refreshed_at; /* unix seconds of the last refresh, 0 if never (sample) */
  ScPriceSeries *live;         /* the bar of a session not closed at the last refresh: 0 or 1 row */
  gint64         live_time;    /* unix seconds of its last trade, 0 if unknown */
} ScPriceLoad;

void           sc_price_load_free            (ScPriceLoad *load);

/* The folder of the bundled sample CSVs: $STOCKCAST_SAMPLE_DIR, else the
 * installed $datadir/stockcast/sample, else data/sample in the source tree. */
char          *sc_price_loader_get_sample_dir (void);
/* The sample series for ticker, or NULL (without error) if none ships. */
ScPriceSeries *sc_price_loader_load_sample    (const char  *ticker,
                                               GError     **error);

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

/* Blocking; see above. client may be NULL (a default one). */
ScPriceLoad   *sc_price_loader_load           (ScDb               *db,
                                               ScQuoteClient      *client,
                                               const char         *ticker,
                                               ScPriceLoadFlags    flags,
                                               GCancellable       *cancellable,
                                               ScHttpProgressFunc  progress,
                                               gpointer            progress_data,
                                               GError            **error);
/* The same in a worker thread with its own connection to the database at
 * db_path (NULL: the default). progress is called on the caller's
 * thread-default main context. */
void           sc_price_loader_load_async     (const char         *db_path,
                                               ScQuoteClient      *client,
                                               const char         *ticker,
                                               ScPriceLoadFlags    flags,
                                               GCancellable       *cancellable,
                                               ScHttpProgressFunc  progress,
                                               gpointer            progress_data,
                                               GAsyncReadyCallback callback,
                                               gpointer            user_data);
ScPriceLoad   *sc_price_loader_load_finish    (GAsyncResult       *result,
                                               GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScPriceLoad, sc_price_load_free)

G_END_DECLS
