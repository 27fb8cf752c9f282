/* sc-watchlist.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-db.h"

G_BEGIN_DECLS

/* Each user's list of followed tickers. Errors: SC_ERROR_DATA (a ticker
 * that is not one, one not on the list), SC_ERROR_STORAGE. */

/* Tickers are 1–32 of [A-Za-z0-9^=.&_-], kept upper case. */
gboolean   sc_watchlist_check_ticker (const char  *ticker,
                                      GError     **error);

/* Adds ticker; *out_added (may be NULL) is FALSE if it was already there. */
gboolean   sc_watchlist_add          (ScDb        *db,
                                      gint64       user_id,
                                      const char  *ticker,
                                      gboolean    *out_added,
                                      GError     **error);
/* Removes ticker (leaving a tombstone for sync); SC_ERROR_DATA if it is
 * not on the list. */
gboolean   sc_watchlist_remove       (ScDb        *db,
                                      gint64       user_id,
                                      const char  *ticker,
                                      GError     **error);
/* The user's tickers (owned strings), each once, in the order added. */
GPtrArray *sc_watchlist_list         (ScDb        *db,
                                      gint64       user_id,
                                      GError     **error);

G_END_DECLS
