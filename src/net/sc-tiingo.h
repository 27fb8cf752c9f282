/* sc-tiingo.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-quotes.h"

G_BEGIN_DECLS

#define SC_TIINGO_DEFAULT_HOST "https://api.tiingo.com"

/* {base}/tiingo/daily/{symbol}/prices?startDate=YYYY-MM-DD&endDate=YYYY-MM-DD
 * (the key goes in an Authorization header, not the URL). Tiingo writes
 * class shares with a dash (BRK-B) like Yahoo. */
char     *sc_tiingo_build_url (const char  *base,
                               const char  *symbol,
                               ScDay        first,
                               ScDay        last);

/* Reads a daily prices answer (a JSON array of bars). Open, high, low and
 * close are adjusted for the splits inside the answer so that they match
 * Yahoo's split-adjusted bars; adj_close is Tiingo's adjClose.
 * 404: SC_ERROR_DATA; 401/403: SC_ERROR_AUTH (the key was refused);
 * anything unusable: SC_ERROR_NETWORK. */
ScQuotes *sc_tiingo_parse     (const char  *symbol,
                               long         status,
                               const char  *data,
                               gsize        length,
                               GError     **error);

G_END_DECLS
