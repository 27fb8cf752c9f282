/* sc-net-sync.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sc-sync-engine.h"

G_BEGIN_DECLS

/* The service's sync engine (sc-sync-engine.h) for the app and the CLI:
 * sc-sync.h's link, run, unlink and password change. */

#define SC_TYPE_NET_SYNC (sc_net_sync_get_type ())

G_DECLARE_FINAL_TYPE (ScNetSync, sc_net_sync, SC, NET_SYNC, GObject)

ScNetSync *sc_net_sync_new (void);

G_END_DECLS
