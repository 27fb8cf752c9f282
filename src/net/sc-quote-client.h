/* sc-quote-client.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-http.h"
#include "sc-quotes.h"

G_BEGIN_DECLS

typedef enum
{
  SC_QUOTE_SOURCE_YAHOO,
  SC_QUOTE_SOURCE_TIINGO,
} ScQuoteSource;

const char *sc_quote_source_to_string (ScQuoteSource source);

/* Settings for talking to the quote sources. Set up on one thread, then
 * only read, so one client can serve several worker threads. */
typedef struct _ScQuoteClient ScQuoteClient;

/* Reads STOCKCAST_QUOTES_URL (the Yahoo base URL replacing both Yahoo
 * hosts; several separated by spaces are tried in turn),
 * STOCKCAST_TIINGO_URL and STOCKCAST_TIINGO_TOKEN. */
ScQuoteClient *sc_quote_client_new              (void);
ScQuoteClient *sc_quote_client_ref              (ScQuoteClient *self);
void           sc_quote_client_unref            (ScQuoteClient *self);
/* The user's own Tiingo key (from the tiingo-token setting); NULL or ""
 * leaves the one from the environment, if any. */
void           sc_quote_client_set_tiingo_token (ScQuoteClient *self,
                                                 const char    *token);
gboolean       sc_quote_client_has_tiingo_token (ScQuoteClient *self);
/* The order in which sources are tried (the quote-sources setting):
 * "yahoo" and "tiingo"; unknown names are ignored, and an empty or NULL
 * list means the default, Yahoo then Tiingo. Tiingo is skipped without a
 * key. */
void           sc_quote_client_set_source_order (ScQuoteClient       *self,
                                                 const char * const  *names);
/* The order as ScQuoteSource values; n_sources receives the count. */
const ScQuoteSource *sc_quote_client_get_source_order (ScQuoteClient *self,
                                                       guint         *n_sources);
/* Seconds; defaults 10 and 30. */
void           sc_quote_client_set_timeouts     (ScQuoteClient *self,
                                                 guint          connect_timeout,
                                                 guint          total_timeout);
/* Retries per host after the first attempt (default 3) and the first
 * backoff delay in milliseconds (default 500, doubled each retry). */
void           sc_quote_client_set_retries      (ScQuoteClient *self,
                                                 guint          max_retries,
                                                 guint          backoff_ms);
/* The client's clock: now_unix (seconds) instead of the real time, for
 * tests that replay an answer made on a given day; 0 returns to the real
 * time. The request's period2 and the "session closed yet?" decisions use
 * it. */
void           sc_quote_client_set_now          (ScQuoteClient *self,
                                                 gint64         now_unix);
gint64         sc_quote_client_get_now          (ScQuoteClient *self);

/* Daily bars of symbol from first (G_MININT32: all history) up to the
 * latest one. Yahoo tries its second host when the first fails on the
 * network. Errors: SC_ERROR_DATA for a symbol the source does not know or
 * one outside the allowed alphabet (refused before any request),
 * SC_ERROR_AUTH for a refused Tiingo key, SC_ERROR_NETWORK for everything
 * else, G_IO_ERROR_CANCELLED. Blocking; progress runs on this thread. */
ScQuotes      *sc_quote_client_fetch            (ScQuoteClient       *self,
                                                 ScQuoteSource        source,
                                                 const char          *symbol,
                                                 ScDay                first,
                                                 GCancellable        *cancellable,
                                                 ScHttpProgressFunc   progress,
                                                 gpointer             progress_data,
                                                 GError             **error);
/* The same in a worker thread; progress (nullable) is called on the
 * caller's thread-default main context. */
void           sc_quote_client_fetch_async      (ScQuoteClient       *self,
                                                 ScQuoteSource        source,
                                                 const char          *symbol,
                                                 ScDay                first,
                                                 GCancellable        *cancellable,
                                                 ScHttpProgressFunc   progress,
                                                 gpointer             progress_data,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
ScQuotes      *sc_quote_client_fetch_finish     (ScQuoteClient       *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScQuoteClient, sc_quote_client_unref)

G_END_DECLS
