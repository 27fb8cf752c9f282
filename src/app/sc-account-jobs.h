/* sc-account-jobs.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-accounts.h"

G_BEGIN_DECLS

/* The account operations the dialogs need, each run in a worker thread
 * with its own database connection: hashing a password with Argon2id takes
 * a noticeable fraction of a second and must not freeze a window. The
 * password strings are copied and wiped once the job is done. */

void      sc_account_job_sign_in_async          (const char           *username,
                                                 const char           *password,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
ScUser   *sc_account_job_sign_in_finish         (GAsyncResult         *result,
                                                 GError              **error);

/* Returns the recovery code and (out_user, nullable) the new user; free it with sc_accounts_free_secret(). */
void      sc_account_job_register_async         (const char           *username,
                                                 const char           *email,
                                                 const char           *password,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
char     *sc_account_job_register_finish        (GAsyncResult         *result,
                                                 ScUser              **out_user,
                                                 GError              **error);

/* Returns the new recovery code; free it with sc_accounts_free_secret(). */
void      sc_account_job_reset_async            (const char           *username,
                                                 const char           *recovery_code,
                                                 const char           *new_password,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
char     *sc_account_job_reset_finish           (GAsyncResult         *result,
                                                 GError              **error);

void      sc_account_job_change_password_async  (const char           *username,
                                                 const char           *old_password,
                                                 const char           *new_password,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean  sc_account_job_change_password_finish (GAsyncResult         *result,
                                                 GError              **error);

/* The user by name without a password: for restoring a remembered session. */
void      sc_account_job_lookup_async           (const char           *username,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
ScUser   *sc_account_job_lookup_finish          (GAsyncResult         *result,
                                                 GError              **error);

G_END_DECLS
