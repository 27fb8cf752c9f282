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
