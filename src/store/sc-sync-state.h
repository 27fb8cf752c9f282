/* sc-sync-state.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-db.h"

G_BEGIN_DECLS

/* Which sync server each local user is linked to, and how the last sync
 * went: the sync_links table. The net layer's sync (sc-sync.c) decides;
 * this file keeps its state. */

typedef enum
{
  SC_SYNC_STATE_NEVER,      /* linked, not synced yet */
  SC_SYNC_STATE_OK,         /* the last sync succeeded */
  SC_SYNC_STATE_OFFLINE,    /* the last attempt could not reach the server */
  SC_SYNC_STATE_SIGN_IN,    /* the token is missing, revoked or expired */
  SC_SYNC_STATE_ERROR,      /* the last attempt failed otherwise (last_error) */
} ScSyncState;

typedef struct
{
  gint64       user_id;
  char        *server_url;
  char        *server_username;
  gboolean     allow_insecure_http;
  gint64       last_seq;
  char        *last_sync_at;      /* "YYYY-MM-DDTHH:MM:SSZ" of the last success, or NULL */
  char        *last_attempt_at;   /* of the last attempt, or NULL */
  ScSyncState  state;
  char        *last_error;        /* one sentence, or NULL */
} ScSyncLink;

void        sc_sync_link_free          (ScSyncLink   *link);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScSyncLink, sc_sync_link_free)

/* The user's link, or NULL (with no error) when the user is not linked. */
ScSyncLink *sc_sync_get_link           (ScDb         *db,
                                        gint64        user_id,
                                        GError      **error);

/* Links user_id to username on server_url, in one transaction. A link to
 * another account starts afresh: cursor 0, and every result and watchlist
 * entry of the user unsynced; the same account again only clears the
 * sign-in state. */
gboolean    sc_sync_state_link         (ScDb         *db,
                                        gint64        user_id,
                                        const char   *server_url,
                                        const char   *username,
                                        gboolean      allow_insecure_http,
                                        gboolean      same_account,
                                        GError      **error);

/* Removes the link; every result and watchlist entry becomes unsynced. */
gboolean    sc_sync_state_unlink       (ScDb         *db,
                                        gint64        user_id,
                                        GError      **error);

/* Records an attempt: the state, and message for the failed ones. */
gboolean    sc_sync_state_record       (ScDb         *db,
                                        gint64        user_id,
                                        ScSyncState   state,
                                        const char   *message,
                                        GError      **error);

/* Moves the results' cursor forward to seq (never back). */
gboolean    sc_sync_state_save_last_seq (ScDb        *db,
                                         gint64       user_id,
                                         gint64       seq,
                                         GError     **error);

G_END_DECLS
