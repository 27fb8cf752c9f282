/* sc-sync-engine.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sc-sync-engine.h"

G_DEFINE_INTERFACE (ScSyncEngine, sc_sync_engine, G_TYPE_OBJECT)

static void
sc_sync_engine_default_init (ScSyncEngineInterface *iface)
{
}

gboolean
sc_sync_engine_run (ScSyncEngine  *self,
                    ScDb          *db,
                    gint64         user_id,
                    ScSyncReport  *out_report,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_return_val_if_fail (SC_IS_SYNC_ENGINE (self), FALSE);
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (out_report != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return SC_SYNC_ENGINE_GET_IFACE (self)->run (self, db, user_id, out_report, cancellable, error);
}
