/* sc-quote-server.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* tests/quote-server.py run as a child process, serving CSVs from
 * tests/fixtures/quotes and the bundled sample data, and the captured
 * answers of tests/fixtures/yahoo (scenario word "fx-NAME"). */
typedef struct _ScQuoteServer ScQuoteServer;

ScQuoteServer *sc_quote_server_start        (void);
void           sc_quote_server_stop         (ScQuoteServer *self);
/* "http://127.0.0.1:PORT/scenario": a base URL whose path segments choose
 * the server's faults (see quote-server.py). */
char          *sc_quote_server_get_url      (ScQuoteServer *self,
                                             const char    *scenario);
/* Requests logged so far whose scenario prefix is "/" scenario, oldest
 * first (JsonObject each: kind, symbol, query, user_agent, …). */
GPtrArray     *sc_quote_server_get_requests (ScQuoteServer *self,
                                             const char    *scenario);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScQuoteServer, sc_quote_server_stop)

G_END_DECLS
