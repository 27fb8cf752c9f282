/* sc-sync-engine.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-db.h"

G_BEGIN_DECLS

/* How the service syncs a user's history and watchlist with their server:
 * an interface, so that the service does not depend on the network. The
 * net layer implements it (ScNetSync, sc-net-sync.h, over sc_sync_run()). */

typedef struct
{
  guint    pushed;        /* results uploaded (new on the server or already there) */
  guint    deleted;       /* deletions uploaded */
  guint    pulled;        /* results and deletions received */
  guint    conflicts;     /* local results the server holds with other content (kept, unsynced) */
  guint    rejected;      /* local results the server refused as invalid (kept, unsynced) */
  guint    watchlist_sent;      /* watchlist entries and removals uploaded */
  guint    watchlist_received;  /* entries added or removed here from the server */
  guint    watchlist_unsent;    /* refused (invalid, full watchlist) or in conflict: kept, unsynced */
} ScSyncReport;

#define SC_TYPE_SYNC_ENGINE (sc_sync_engine_get_type ())

G_DECLARE_INTERFACE (ScSyncEngine, sc_sync_engine, SC, SYNC_ENGINE, GObject)

struct _ScSyncEngineInterface
{
  GTypeInterface parent_iface;

  /* All blocking, on any thread, with db a connection of that thread. */

  /* user_id is linked to a server: push, then pull. */
  gboolean (*run)             (ScSyncEngine  *self,
                               ScDb          *db,
                               gint64         user_id,
                               ScSyncReport  *out_report,
                               GCancellable  *cancellable,
                               GError       **error);
  /* Signs in to server_url as username (creating the server account first
   * when email is not NULL), keeps the token and links user_id to it.
   * *out_token_in_file: no keyring, the token went to a private file. */
  gboolean (*link)            (ScSyncEngine  *self,
                               ScDb          *db,
                               gint64         user_id,
                               const char    *server_url,
                               gboolean       allow_insecure_http,
                               const char    *username,
                               const char    *password,
                               const char    *email,
                               gboolean      *out_token_in_file,
                               GCancellable  *cancellable,
                               GError       **error);
  /* Revokes the token (best effort, offline too), forgets it, unlinks. */
  gboolean (*unlink)          (ScSyncEngine  *self,
                               ScDb          *db,
                               gint64         user_id,
                               GCancellable  *cancellable,
                               GError       **error);
  /* When linked: the server account's password too. TRUE when not linked. */
  gboolean (*change_password) (ScSyncEngine  *self,
                               ScDb          *db,
                               gint64         user_id,
                               const char    *old_password,
                               const char    *new_password,
                               GCancellable  *cancellable,
                               GError       **error);
};

G_END_DECLS
