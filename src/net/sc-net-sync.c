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

static void
sc_net_sync_sync_engine_init (ScSyncEngineInterface *iface)
{
  iface->run = sc_net_sync_run;
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
