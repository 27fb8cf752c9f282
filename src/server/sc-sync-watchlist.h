/* sc-sync-watchlist.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Checks a watchlist entry sent for uuid ({"uuid"?, "ticker", "added_at",
 * "deleted"?}, see docs/sync-api.md) and writes it in canonical form; the
 * digest covers the ticker (upper case) and added_at, what identifies the
 * entry. Sets a one-sentence message on failure. */
gboolean sc_sync_watch_canonicalize (JsonNode    *root,
                                     const char  *uuid,
                                     char       **out_body,
                                     char       **out_digest,
                                     gboolean    *out_deleted,
                                     GError     **error);

G_END_DECLS
