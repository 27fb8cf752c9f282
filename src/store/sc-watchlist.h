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

/* Tickers follow sc_validate_ticker() and are kept upper case. */

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

/* --- sync (src/net/sc-sync.c) ------------------------------------------- */

typedef struct
{
  char     *uuid;
  char     *ticker;      /* upper case; NULL in a tombstone from the server */
  char     *added_at;    /* YYYY-MM-DDTHH:MM:SSZ; NULL in such a tombstone */
  gboolean  deleted;
  gint64    server_seq;
} ScWatchEntry;

void       sc_watch_entry_free           (ScWatchEntry  *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScWatchEntry, sc_watch_entry_free)

/* Entries the server does not have in their present state (tombstones
 * included), oldest first. */
GPtrArray *sc_watchlist_list_unsynced    (ScDb          *db,
                                          gint64         user_id,
                                          GError       **error);
/* The server holds entry uuid as pushed (deleted or not) with seq; FALSE
 * in *out_marked (nullable) when the entry changed locally meanwhile and
 * stays unsynced. */
gboolean   sc_watchlist_mark_synced      (ScDb          *db,
                                          gint64         user_id,
                                          const char    *uuid,
                                          gboolean       pushed_deleted,
                                          gint64         seq,
                                          gboolean      *out_marked,
                                          GError       **error);
/* Applies an entry from the server: a tombstone deletes the local entry
 * (a deletion is final); a live entry is added unless this computer holds
 * it deleted. *out_changed (nullable): an entry was added or removed here
 * (not just marked synced, as for this computer's own uploads). */
gboolean   sc_watchlist_merge_remote     (ScDb          *db,
                                          gint64         user_id,
                                          const ScWatchEntry *remote,
                                          gboolean      *out_changed,
                                          GError       **error);
/* How far the watchlist was pulled from the sync server. */
gboolean   sc_watchlist_get_sync_seq     (ScDb          *db,
                                          gint64         user_id,
                                          gint64        *out_seq,
                                          GError       **error);
gboolean   sc_watchlist_set_sync_seq     (ScDb          *db,
                                          gint64         user_id,
                                          gint64         seq,
                                          GError       **error);
/* Everything unsynced and nothing pulled: for a new link or an unlink. */
gboolean   sc_watchlist_reset_sync       (ScDb          *db,
                                          gint64         user_id,
                                          GError       **error);

G_END_DECLS
