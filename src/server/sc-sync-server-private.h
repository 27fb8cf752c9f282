/* sc-sync-server-private.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "sc-sync-server.h"
#include "sc-sync-store.h"

G_BEGIN_DECLS

/* What the handlers in sc-sync-accounts.c, sc-sync-results.c and
 * sc-sync-watchlist.c share with sc-sync-server.c, which routes the
 * requests to them: the request being handled and the replies. */

/* One request as the worker threads see it: its inputs copied out of the
 * SoupServerMessage (which belongs to the main thread) and the response to
 * apply back there. */
typedef struct
{
  ScSyncServer      *self;
  SoupServerMessage *msg;
  char              *method;
  char              *path;
  GHashTable        *query;
  char              *body;
  gsize              body_length;
  char              *authorization;
  char              *forwarded_for;
  char              *remote_host;

  guint              status;
  char              *response;        /* JSON, or NULL */
  GPtrArray         *headers;         /* name, value, name, value… */
} Exchange;

const ScSyncServerConfig *_sc_sync_server_get_config (ScSyncServer *self);
/* A password hash to verify for unknown users, to take the same time. */
const char *_sc_sync_server_get_dummy_hash   (ScSyncServer *self);
gint64    _sc_sync_server_now                (void);
/* Overwrites a secret (NULL is fine) before it is freed. */
void      _sc_sync_server_wipe               (char         *text);
/* The hex digest under which a session token is stored. */
char     *_sc_sync_server_hash_token         (const char   *token);
/* Replies 413/400 and returns NULL unless the body is a JSON object. */
JsonNode *_sc_sync_server_parse_body         (ScSyncServer *self,
                                              Exchange     *ex);
void      _sc_sync_server_set_header         (Exchange     *ex,
                                              const char   *name,
                                              const char   *value);
void      _sc_sync_server_reply_error        (Exchange     *ex,
                                              guint         status,
                                              const char   *message);
void      _sc_sync_server_reply_storage_error (Exchange    *ex,
                                               const GError *error);
void      _sc_sync_server_reply_builder      (Exchange     *ex,
                                              guint         status,
                                              JsonBuilder  *builder);
/* Takes ownership of body (JSON). */
void      _sc_sync_server_reply_json         (Exchange     *ex,
                                              guint         status,
                                              char         *body);
void      _sc_sync_server_reply_no_content   (Exchange     *ex);
void      _sc_sync_server_reply_method_not_allowed (Exchange   *ex,
                                                    const char *allow);
/* 401 for a session token that is not (or no longer) valid. */
void      _sc_sync_server_reply_invalid_token (Exchange    *ex);
/* A database connection (replies 500 when none), and its return. */
ScSyncDb *_sc_sync_server_acquire            (ScSyncServer *self,
                                              Exchange     *ex);
void      _sc_sync_server_release            (ScSyncServer *self,
                                              ScSyncDb     *db);
/* The user of the bearer token (and the token's hash, when asked for);
 * replies 401 or 500 when none. */
gboolean  _sc_sync_server_authenticate       (ScSyncServer  *self,
                                              Exchange      *ex,
                                              ScSyncDb      *db,
                                              gint64        *out_user_id,
                                              char         **out_token_hash);

/* sc-sync-accounts.c: POST /accounts, POST and DELETE /sessions, DELETE
 * /sessions/all, DELETE /account and PUT /account/password. */
void      _sc_sync_server_handle_accounts    (ScSyncServer *self,
                                              Exchange     *ex);
void      _sc_sync_server_handle_sessions    (ScSyncServer *self,
                                              Exchange     *ex);
void      _sc_sync_server_handle_sessions_all (ScSyncServer *self,
                                               Exchange     *ex);
void      _sc_sync_server_handle_account     (ScSyncServer *self,
                                              Exchange     *ex,
                                              gboolean      password_path);

/* A collection synced item by item (docs/sync-api.md): GET lists the
 * items changed since a sequence number, PUT and DELETE /UUID write one. */
typedef struct _ScSyncCollection ScSyncCollection;

struct _ScSyncCollection
{
  ScSyncTable   table;
  const char   *list_member;    /* the listing's array of items */
  /* Checks an item sent for uuid and writes it in canonical form. */
  gboolean    (*canonicalize)   (JsonNode    *root,
                                 const char  *uuid,
                                 char       **out_body,
                                 char       **out_digest,
                                 gboolean    *out_deleted,
                                 GError     **error);
  const char   *differs;        /* the reply when another item has the uuid */
  /* PUT /UUID of a signed-in user, when it takes more than
   * _sc_sync_server_put_item (self, …, 0): NULL otherwise. */
  void        (*put)            (ScSyncServer           *self,
                                 Exchange               *ex,
                                 ScSyncDb               *db,
                                 gint64                  user_id,
                                 const char             *uuid,
                                 const ScSyncCollection *collection);
};

/* sc-sync-results.c and sc-sync-watchlist.c */
extern const ScSyncCollection _sc_sync_results;
extern const ScSyncCollection _sc_sync_watchlist;

/* sc-sync-results.c: the handlers of any collection. rest is the path
 * after the collection's name: "" or "/UUID". */
void      _sc_sync_server_handle_collection  (ScSyncServer           *self,
                                              Exchange               *ex,
                                              const char             *rest,
                                              const ScSyncCollection *collection);
/* Reads, checks and stores the body of a PUT of uuid's item, the user
 * keeping at most max_live items not deleted (0: any number). Replies to
 * every outcome but SC_SYNC_PUT_FULL, which only the caller can explain. */
ScSyncPutOutcome _sc_sync_server_put_item    (ScSyncServer           *self,
                                              Exchange               *ex,
                                              ScSyncDb               *db,
                                              gint64                  user_id,
                                              const char             *uuid,
                                              const ScSyncCollection *collection,
                                              gint64                  max_live);

G_END_DECLS
