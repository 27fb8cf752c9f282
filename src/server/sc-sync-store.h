/* sc-sync-store.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sc-sync-db.h"

G_BEGIN_DECLS

/* The sync service's rules over an ScSyncDb, identical for every backend. */

typedef enum
{
  SC_SYNC_PUT_CREATED,   /* new: stored with a new sequence number */
  SC_SYNC_PUT_SAME,      /* already stored with the same content */
  SC_SYNC_PUT_DIFFERS,   /* already stored with other content */
  SC_SYNC_PUT_DELETED,   /* already deleted: the tombstone stays */
  SC_SYNC_PUT_FULL,      /* new, but the user already has the most allowed */
  SC_SYNC_PUT_FAILED,
} ScSyncPutOutcome;

/* *out_taken is set when the username (compared case-insensitively) exists. */
gboolean sc_sync_store_create_user      (ScSyncDb    *db,
                                         const char  *username,
                                         const char  *username_key,
                                         const char  *email,
                                         const char  *password_hash,
                                         gint64       now,
                                         gboolean    *out_taken,
                                         GError     **error);
/* *out_user_id is 0 when there is no such user. */
gboolean sc_sync_store_find_user        (ScSyncDb    *db,
                                         const char  *username_key,
                                         gint64      *out_user_id,
                                         char       **out_password_hash,
                                         GError     **error);

/* Throttling by key ("user:NAME", "addr:IP", "register:IP"): counts one
 * attempt under key in the current window (a new window starts
 * when the old one is over) and, in the same atomic statement, learns its
 * number: *out_retry_after > 0 (seconds) when it is past max_attempts. */
gboolean sc_sync_store_count_attempt    (ScSyncDb    *db,
                                         const char  *key,
                                         gint64       now,
                                         gint64       max_attempts,
                                         gint64       window,
                                         gint64      *out_retry_after,
                                         GError     **error);
/* Takes back one counted attempt (one that turned out well). */
gboolean sc_sync_store_uncount_attempt  (ScSyncDb    *db,
                                         const char  *key,
                                         GError     **error);
gboolean sc_sync_store_clear_failures   (ScSyncDb    *db,
                                         const char  *key,
                                         GError     **error);

gboolean sc_sync_store_create_session   (ScSyncDb    *db,
                                         gint64       user_id,
                                         const char  *token_hash,
                                         gint64       now,
                                         gint64       expires_at,
                                         GError     **error);
/* *out_user_id is 0 for an unknown or expired token. */
gboolean sc_sync_store_check_session    (ScSyncDb    *db,
                                         const char  *token_hash,
                                         gint64       now,
                                         gint64      *out_user_id,
                                         GError     **error);
gboolean sc_sync_store_delete_session   (ScSyncDb    *db,
                                         const char  *token_hash,
                                         GError     **error);

/* What a user syncs item by item: results and watchlist entries follow the
 * same rules (per user, PUT by uuid with a content check, tombstones that
 * stay, sequence numbers from one per-user counter). */
typedef enum
{
  SC_SYNC_RESULTS,
  SC_SYNC_WATCHLIST,
} ScSyncTable;

/* One item as uploaded, in canonical form; the digest covers what
 * identifies it, so a second upload of it can be told from another item
 * with the same uuid. */
typedef struct
{
  const char *uuid;
  const char *digest;
  const char *body;
  gboolean    deleted;
} ScSyncItem;

/* With max_live > 0 a user holds at most that many items that are not
 * deleted (SC_SYNC_PUT_FULL beyond). */
ScSyncPutOutcome sc_sync_store_put        (ScSyncDb          *db,
                                           ScSyncTable        table,
                                           gint64             user_id,
                                           const ScSyncItem  *item,
                                           gint64             max_live,
                                           gint64             now,
                                           gint64            *out_seq,
                                           GError           **error);
/* Tombstones uuid (also when it was never stored, so a later upload of it
 * from another computer cannot bring it back). */
gboolean sc_sync_store_delete           (ScSyncDb    *db,
                                         ScSyncTable  table,
                                         gint64       user_id,
                                         const char  *uuid,
                                         gint64       now,
                                         gint64      *out_seq,
                                         GError     **error);
/* Columns: seq, uuid, body, deleted; ordered by seq. */
ScSyncRows *sc_sync_store_list          (ScSyncDb    *db,
                                         ScSyncTable  table,
                                         gint64       user_id,
                                         gint64       since,
                                         gint64       limit,
                                         GError     **error);

/* Account lifecycle (docs/sync-api.md). */
gboolean sc_sync_store_get_user         (ScSyncDb    *db,
                                         gint64       user_id,
                                         char       **out_username_key,
                                         char       **out_password_hash,
                                         GError     **error);
/* Sets the hash and revokes every session but keep_token_hash's. */
gboolean sc_sync_store_set_password     (ScSyncDb    *db,
                                         gint64       user_id,
                                         const char  *password_hash,
                                         const char  *keep_token_hash,
                                         GError     **error);
gboolean sc_sync_store_delete_sessions  (ScSyncDb    *db,
                                         gint64       user_id,
                                         GError     **error);
/* The user with their sessions and results. */
gboolean sc_sync_store_delete_user      (ScSyncDb    *db,
                                         gint64       user_id,
                                         GError     **error);

G_END_DECLS
