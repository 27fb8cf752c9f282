/* sc-sync.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-db.h"
#include "sc-sync-client.h"
#include "sc-sync-engine.h"
#include "sc-sync-state.h"

G_BEGIN_DECLS

/* Keeping a local account's history the same as on its sync server.
 *
 * A local user is linked to one server account (sync_links table); the
 * session token lives in the keyring (libsecret) or, where there is none,
 * in a file only the user can read ($XDG_DATA_HOME/stockcast/sync-tokens).
 *
 * A sync pushes every unsynced local change (new results, then deletions),
 * then pulls everything after the last server sequence number, page by
 * page; then the watchlist is pulled (its own cursor) and pushed the same
 * way. A result is marked synced only after the server confirmed it, and
 * the sequence number is saved after each applied page, so an interrupted
 * sync loses nothing and the next one resumes.
 *
 * The blocking calls are for worker threads and the CLI; the _async ones
 * open their own database connection on a worker thread (an ScDb is used
 * by one thread at a time). Errors: SC_ERROR_NETWORK (server unreachable or
 * failing: nothing lost, retry later), SC_ERROR_AUTH (sign in again),
 * SC_ERROR_DATA (bad address, username taken, not linked),
 * SC_ERROR_STORAGE. */

/* ScSyncReport: sc-sync-engine.h */

/* Signs in to server_url as username (creating the server account first
 * when email is not NULL), stores the token and links user_id to it.
 * Relinking to another server or account starts over: every local result
 * becomes unsynced again. *out_token_in_file (nullable) tells that no
 * keyring was available and the token went to a private file. */
gboolean    sc_sync_link_account     (ScDb               *db,
                                      gint64              user_id,
                                      const char         *server_url,
                                      ScSyncClientFlags   flags,
                                      const char         *username,
                                      const char         *password,
                                      const char         *email,
                                      gboolean           *out_token_in_file,
                                      GCancellable       *cancellable,
                                      GError            **error);

/* Push, then pull (see above). Records the outcome in the link (state,
 * times, error). out_report may be NULL. */
gboolean    sc_sync_run              (ScDb               *db,
                                      gint64              user_id,
                                      ScSyncReport       *out_report,
                                      GCancellable       *cancellable,
                                      GError            **error);

/* Revokes the token on the server (best effort: works offline too),
 * forgets it, removes the link and marks every result unsynced. */
gboolean    sc_sync_unlink           (ScDb               *db,
                                      gint64              user_id,
                                      GCancellable       *cancellable,
                                      GError            **error);

/* When the user is linked: changes the server account's password too (the
 * server then revokes the account's other sessions). TRUE when not linked. */
gboolean    sc_sync_change_server_password (ScDb          *db,
                                            gint64         user_id,
                                            const char    *old_password,
                                            const char    *new_password,
                                            GCancellable  *cancellable,
                                            GError       **error);

/* Threaded variants for the window. */
void        sc_sync_link_account_async  (ScDb               *db,
                                         gint64              user_id,
                                         const char         *server_url,
                                         ScSyncClientFlags   flags,
                                         const char         *username,
                                         const char         *password,
                                         const char         *email,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
gboolean    sc_sync_link_account_finish (GAsyncResult       *result,
                                         gboolean           *out_token_in_file,
                                         GError            **error);
void        sc_sync_run_async           (ScDb               *db,
                                         gint64              user_id,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
gboolean    sc_sync_run_finish          (GAsyncResult       *result,
                                         ScSyncReport       *out_report,
                                         GError            **error);
void        sc_sync_unlink_async        (ScDb               *db,
                                         gint64              user_id,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
gboolean    sc_sync_unlink_finish       (GAsyncResult       *result,
                                         GError            **error);

/* Where the token goes when there is no keyring. */
char       *sc_sync_token_file_path  (void);

G_END_DECLS
