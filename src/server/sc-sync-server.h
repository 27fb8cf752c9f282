/* sc-sync-server.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-sync-db.h"

G_BEGIN_DECLS

/* The HTTP side of stockcast-sync-server: routes, authentication, limits.
 * libsoup runs on the thread-default main context; each request is then
 * handled on a small pool of worker threads (database work and Argon2id
 * hashing) and its response handed back to the main context. */
typedef struct _ScSyncServer ScSyncServer;

typedef struct
{
  gsize    max_body;             /* bytes; larger requests get 413 */
  gint64   session_lifetime;     /* seconds */
  gint64   failure_window;       /* seconds */
  gint64   max_account_failures; /* failed logins per account and window */
  gint64   max_address_failures; /* failed logins per address and window */
  gboolean trust_forwarded_for;  /* take the client address from X-Forwarded-For */
  gint64   max_registrations;    /* POST /accounts per address and hour; 0: no limit */
  guint    idle_timeout;         /* seconds a connection may stay silent */
  guint    hash_queue;           /* password requests waiting beyond the hashing threads */
  gint64   max_watchlist;        /* watchlist entries (not deleted) per user */
} ScSyncServerConfig;

void          sc_sync_server_config_init (ScSyncServerConfig       *config);

/* Takes ownership of pool. */
ScSyncServer *sc_sync_server_new         (ScSyncDbPool             *pool,
                                          const ScSyncServerConfig *config);
void          sc_sync_server_free        (ScSyncServer             *self);
/* certificate NULL: plain HTTP. Returns the URIs listened on (free with
 * g_slist_free_full (…, g_uri_unref)). */
GSList       *sc_sync_server_listen      (ScSyncServer             *self,
                                          GSocketAddress           *address,
                                          GTlsCertificate          *certificate,
                                          GError                  **error);
/* Stops taking new requests, lets the ones in flight finish (at most
 * timeout_ms), disconnects and then calls done. */
void          sc_sync_server_shutdown    (ScSyncServer             *self,
                                          guint                     timeout_ms,
                                          GSourceFunc               done,
                                          gpointer                  user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScSyncServer, sc_sync_server_free)

G_END_DECLS
