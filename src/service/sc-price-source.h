/* sc-price-source.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-db.h"
#include "sc-prices.h"

G_BEGIN_DECLS

/* Where the service gets a ticker's prices: an interface, so that the
 * service does not depend on the network. The net layer implements it
 * (ScNetPrices, sc-net-prices.h: the cache, the network, the bundled
 * samples); tests implement it with prices of their own. */

typedef enum
{
  SC_PRICE_LOAD_DEFAULT         = 0,
  SC_PRICE_LOAD_OFFLINE         = 1 << 0,  /* never touch the network */
  SC_PRICE_LOAD_SAMPLE_FALLBACK = 1 << 1,  /* network failed, nothing cached: use sample data */
} ScPriceLoadFlags;

typedef struct _ScPriceLoad
{
  ScPriceSeries *series;       /* final closes only */
  char          *source;       /* "cache", "yahoo", "tiingo", "csv" or "sample" */
  char          *series_source; /* where the series itself came from: "yahoo", "tiingo", "csv", "sample" */
  char          *warning;      /* one translated sentence for the user, or NULL */
  char          *currency;     /* ISO 4217 code of the prices ("GBp": pence), NULL if unknown */
  char          *timezone;     /* the exchange's IANA zone, NULL if unknown */
  char          *exchange;     /* the source's exchange code, NULL if unknown */
  gint64         refreshed_at; /* unix seconds of the last refresh, 0 if never (sample) */
  ScPriceSeries *live;         /* the bar of a session not closed at the last refresh: 0 or 1 row */
  gint64         live_time;    /* unix seconds of its last trade, 0 if unknown */
} ScPriceLoad;

void sc_price_load_free (ScPriceLoad *load);

/* How much of a download has arrived; total is 0 when unknown. Called on
 * the thread that loads. */
typedef void (*ScPriceProgressFunc) (goffset  received,
                                     goffset  total,
                                     gpointer user_data);

#define SC_TYPE_PRICE_SOURCE (sc_price_source_get_type ())

G_DECLARE_INTERFACE (ScPriceSource, sc_price_source, SC, PRICE_SOURCE, GObject)

struct _ScPriceSourceInterface
{
  GTypeInterface parent_iface;

  /* Blocking, on any thread, with db a connection of that thread; ticker
   * is valid and normalised. */
  ScPriceLoad *(*load) (ScPriceSource        *self,
                        ScDb                 *db,
                        const char           *ticker,
                        ScPriceLoadFlags      flags,
                        GCancellable         *cancellable,
                        ScPriceProgressFunc   progress,
                        gpointer              progress_data,
                        GError              **error);
};

ScPriceLoad *sc_price_source_load (ScPriceSource        *self,
                                   ScDb                 *db,
                                   const char           *ticker,
                                   ScPriceLoadFlags      flags,
                                   GCancellable         *cancellable,
                                   ScPriceProgressFunc   progress,
                                   gpointer              progress_data,
                                   GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScPriceLoad, sc_price_load_free)

G_END_DECLS
