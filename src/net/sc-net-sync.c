/* sc-net-sync.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sc-net-sync.h"
#include "sc-sync.h"

struct _ScNetSync
{
  GObject parent_instance;
};

static void sc_net_sync_sync_engine_init (ScSyncEngineInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ScNetSync, sc_net_sync, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (SC_TYPE_SYNC_ENGINE,
                                                      sc_net_sync_sync_engine_init))

static gboolean
sc_net_sync_run (ScSyncEngine  *engine,
                 ScDb          *db,
                 gint64         user_id,
                 ScSyncReport  *out_report,
                 GCancellable  *cancellable,
                 GError       **error)
{
  return sc_sync_run (db, user_id, out_report, cancellable, error);
}

static gboolean
sc_net_sync_link (ScSyncEngine  *engine,
                  ScDb          *db,
                  gint64         user_id,
                  const char    *server_url,
                  gboolean       allow_insecure_http,
                  const char    *username,
                  const char    *password,
                  const char    *email,
                  gboolean      *out_token_in_file,
                  GCancellable  *cancellable,
                  GError       **error)
{
  return sc_sync_link_account (db, user_id, server_url,
                               allow_insecure_http ? SC_SYNC_CLIENT_ALLOW_INSECURE_HTTP
                                                   : SC_SYNC_CLIENT_DEFAULT,
                               username, password, email, out_token_in_file,
                               cancellable, error);
}

static gboolean
sc_net_sync_unlink (ScSyncEngine  *engine,
                    ScDb          *db,
                    gint64         user_id,
                    GCancellable  *cancellable,
                    GError       **error)
{
  return sc_sync_unlink (db, user_id, cancellable, error);
}

static gboolean
sc_net_sync_change_password (ScSyncEngine  *engine,
                             ScDb          *db,
                             gint64         user_id,
                             const char    *old_password,
                             const char    *new_password,
                             GCancellable  *cancellable,
                             GError       **error)
{
  return sc_sync_change_server_password (db, user_id, old_password, new_password,
                                         cancellable, error);
}

static void
sc_net_sync_sync_engine_init (ScSyncEngineInterface *iface)
{
  iface->run = sc_net_sync_run;
  iface->link = sc_net_sync_link;
  iface->unlink = sc_net_sync_unlink;
  iface->change_password = sc_net_sync_change_password;
}

static void
sc_net_sync_class_init (ScNetSyncClass *klass)
{
}

static void
sc_net_sync_init (ScNetSync *self)
{
}

ScNetSync *
sc_net_sync_new (void)
{
  return g_object_new (SC_TYPE_NET_SYNC, NULL);
}
