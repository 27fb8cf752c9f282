/* sc-sync-client.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* An HTTP client for one stockcast-sync-server (docs/sync-api.md).
 *
 * The calls block and are meant for worker threads (sc-sync.h runs them
 * on one). One client serves one call at a time (it keeps its connection
 * alive between calls).
 *
 * Errors (SC_ERROR): SC_ERROR_NETWORK when the server cannot be reached or
 * answers with something unusable (5xx included); SC_ERROR_AUTH for a
 * wrong password, a throttled sign-in, or a missing, revoked or expired
 * token; SC_ERROR_DATA for a request the server refused (400, 409 on
 * registering); G_IO_ERROR_CANCELLED when cancelled. */

#define SC_TYPE_SYNC_CLIENT (sc_sync_client_get_type ())

G_DECLARE_FINAL_TYPE (ScSyncClient, sc_sync_client, SC, SYNC_CLIENT, GObject)

typedef enum
{
  SC_SYNC_CLIENT_DEFAULT             = 0,
  /* Allow plain http:// to a server that is not on this computer. */
  SC_SYNC_CLIENT_ALLOW_INSECURE_HTTP = 1 << 0,
} ScSyncClientFlags;

typedef enum
{
  SC_SYNC_PUT_CREATED,     /* 201: stored now */
  SC_SYNC_PUT_EXISTS,      /* 200: the server already had it */
  SC_SYNC_PUT_CONFLICT,    /* 409: the server has different content under this uuid */
  SC_SYNC_PUT_REJECTED,    /* 400: the server finds the result invalid */
} ScSyncPutStatus;

/* What the server keeps per account, each with its own sequence numbers. */
typedef enum
{
  SC_SYNC_COLLECTION_RESULTS,
  SC_SYNC_COLLECTION_WATCHLIST,
} ScSyncCollection;

/* Checks the address: http or https, a host, and plain http only for a
 * loopback host unless flags allow it. Returns the normalised base URL
 * (no trailing slash) or NULL with SC_ERROR_DATA. */
char         *sc_sync_client_check_url        (const char         *server_url,
                                               ScSyncClientFlags   flags,
                                               GError            **error);

ScSyncClient *sc_sync_client_new              (const char         *server_url,
                                               ScSyncClientFlags   flags,
                                               GError            **error);
const char   *sc_sync_client_get_url          (ScSyncClient       *self);
void          sc_sync_client_set_token        (ScSyncClient       *self,
                                               const char         *token);

/* SC_ERROR_DATA "taken" when the username exists on the server. */
gboolean      sc_sync_client_register_sync    (ScSyncClient       *self,
                                               const char         *username,
                                               const char         *email,
                                               const char         *password,
                                               GCancellable       *cancellable,
                                               GError            **error);
/* Returns the new token (also kept by the client); out_expires_at: ISO 8601. */
char         *sc_sync_client_sign_in_sync     (ScSyncClient       *self,
                                               const char         *username,
                                               const char         *password,
                                               char              **out_expires_at,
                                               GCancellable       *cancellable,
                                               GError            **error);
/* Revokes the client's token on the server and forgets it. */
gboolean      sc_sync_client_sign_out_sync    (ScSyncClient       *self,
                                               GCancellable       *cancellable,
                                               GError            **error);
/* PUT /account/password: the server revokes every other session of the
 * account. SC_ERROR_AUTH when old_password is not the server's. */
gboolean      sc_sync_client_change_password_sync (ScSyncClient   *self,
                                                   const char     *old_password,
                                                   const char     *new_password,
                                                   GCancellable   *cancellable,
                                                   GError        **error);
/* PUT /COLLECTION/UUID: uploads the JSON body (a Result, or a watchlist
 * entry {"uuid","ticker","added_at","deleted"}) under uuid. On CREATED or
 * EXISTS, *out_seq is the server's sequence number of it and *out_deleted
 * tells whether the server holds it as deleted. A full watchlist on the
 * server (403) is SC_SYNC_PUT_REJECTED. */
gboolean      sc_sync_client_put_sync         (ScSyncClient       *self,
                                               ScSyncCollection    collection,
                                               const char         *uuid,
                                               const char         *body,
                                               ScSyncPutStatus    *out_status,
                                               gint64             *out_seq,
                                               gboolean           *out_deleted,
                                               GCancellable       *cancellable,
                                               GError            **error);
gboolean      sc_sync_client_delete_sync      (ScSyncClient       *self,
                                               ScSyncCollection    collection,
                                               const char         *uuid,
                                               GCancellable       *cancellable,
                                               GError            **error);
/* One page of the collection after since (limit 0: the server's default):
 * the "results" or "entries" array; *out_next is the sequence to ask from
 * next. out_supported (nullable): when given, a server that predates the
 * collection (404) is no error but an empty page and FALSE. */
JsonArray    *sc_sync_client_pull_sync        (ScSyncClient       *self,
                                               ScSyncCollection    collection,
                                               gint64              since,
                                               guint               limit,
                                               gint64             *out_next,
                                               gboolean           *out_more,
                                               gboolean           *out_supported,
                                               GCancellable       *cancellable,
                                               GError            **error);

G_END_DECLS
