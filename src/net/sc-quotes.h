/* sc-quotes.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-prices.h"

G_BEGIN_DECLS

/* What one request to a quote source brought back. */
typedef struct
{
  ScPriceSeries *series;    /* the bars of closed sessions, normalised; may have no rows */
  char          *source;    /* "yahoo", "tiingo" */
  char          *timezone;  /* the exchange's IANA time zone, or NULL */
  char          *currency;  /* the prices' ISO 4217 code as the source gives it
                             * ("USD", "JPY", "GBp" for pence), or NULL */
  char          *exchange;  /* the source's exchange code ("NMS", "TAI"), or NULL */
  GArray        *splits;    /* ScDay of each split in the answer, ascending */
  guint          dropped;   /* bars left out: after period2, all null, bad time */
  guint          merged;    /* bars folded into another of the same local date */
  /* The answer says when the current session closes (Yahoo's
   * currentTradingPeriod): then live is all there is to know about it and
   * the exchange calendar's guess is not needed. */
  gboolean       knows_session;
  /* The bar of a session that had not closed when the answer was made
   * (0 or 1 row): shown as "live", never cached as a final close. */
  ScPriceSeries *live;
  gint64         live_time; /* unix time of the live bar's last trade, 0 if unknown */
} ScQuotes;

ScQuotes *sc_quotes_new    (const char *ticker,
                            const char *source);
void      sc_quotes_free   (ScQuotes   *quotes);

/* The calendar date of unix time t in tz. */
ScDay     sc_quotes_day_in_zone   (gint64      t,
                                   GTimeZone  *tz);
/* Unix time of 00:00 UTC on day. */
gint64    sc_quotes_day_to_unix   (ScDay       day);

/* The last trading session that has closed at now_unix on an exchange in
 * timezone (NULL: America/New_York), counting weekdays only and taking
 * 16:00 local time as the close. Holidays are not known, so on a holiday
 * this names a day without a bar; asking for it costs one request. */
ScDay     sc_quotes_last_completed_session (const char *timezone,
                                            gint64      now_unix);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScQuotes, sc_quotes_free)

G_END_DECLS
