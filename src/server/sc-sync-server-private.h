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

G_BEGIN_DECLS

/* What the resource handlers in other files (sc-sync-watchlist.c) share
 * with sc-sync-server.c: the request being handled and the replies. */

#define DEFAULT_LIMIT   500
#define MAX_LIMIT       1000

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
gint64    _sc_sync_server_now                (void);
/* Replies 413/400 and returns NULL unless the body is a JSON object. */
JsonNode *_sc_sync_server_parse_body         (ScSyncServer *self,
                                              Exchange     *ex);
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
/* A database connection (replies 500 when none), and its return. */
ScSyncDb *_sc_sync_server_acquire            (ScSyncServer *self,
                                              Exchange     *ex);
void      _sc_sync_server_release            (ScSyncServer *self,
                                              ScSyncDb     *db);
/* The user of the bearer token; replies 401 or 500 when none. */
gboolean  _sc_sync_server_authenticate       (ScSyncServer *self,
                                              Exchange     *ex,
                                              ScSyncDb     *db,
                                              gint64       *out_user_id);
/* ?since=SEQ&limit=N of a listing; replies 400 when out of range. */
gboolean  _sc_sync_server_parse_since_limit  (Exchange     *ex,
                                              gint64       *out_since,
                                              gint64       *out_limit);

/* sc-sync-watchlist.c: everything under /api/v1/watchlist (rest is the
 * path after it: "" or "/UUID"). */
void      _sc_sync_server_handle_watchlist   (ScSyncServer *self,
                                              Exchange     *ex,
                                              const char   *rest);

G_END_DECLS
