/* sc-sync-token.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The sync engine's token of user_id for username on server_url (only
 * sc-sync.c uses these). *out_in_file: kept in the key file, there being no
 * keyring (sc_sync_token_file_path()). */
gboolean _sc_sync_token_store  (gint64       user_id,
                                const char  *server_url,
                                const char  *username,
                                const char  *token,
                                gboolean    *out_in_file,
                                GError     **error);
/* The token, or NULL; free with sc_accounts_free_secret(). */
char    *_sc_sync_token_lookup (gint64       user_id,
                                const char  *server_url,
                                const char  *username);
void     _sc_sync_token_clear  (gint64       user_id,
                                const char  *server_url,
                                const char  *username);

G_END_DECLS
