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

typedef enum
{
  SC_ACCOUNT_JOB_SIGN_IN,          /* username, password: the user */
  SC_ACCOUNT_JOB_REGISTER,         /* username, email, password: the new user and recovery code */
  SC_ACCOUNT_JOB_RESET,            /* username, recovery_code, new_password: a new recovery code */
  SC_ACCOUNT_JOB_CHANGE_PASSWORD,  /* username, password (the current one), new_password */
  SC_ACCOUNT_JOB_LOOKUP,           /* username, no password: the user */
} ScAccountJobKind;

typedef struct
{
  ScAccountJobKind  kind;
  const char       *username;
  const char       *email;
  const char       *recovery_code;
  const char       *password;
  const char       *new_password;
} ScAccountRequest;

void      sc_account_job_run_async     (const ScAccountRequest  *request,
                                        GCancellable            *cancellable,
                                        GAsyncReadyCallback      callback,
                                        gpointer                 user_data);
/* out_user (nullable): the user signed in, registered or looked up.
 * out_code (nullable): the recovery code a register or reset made; free it
 * with sc_accounts_free_secret(). */
gboolean  sc_account_job_run_finish    (GAsyncResult            *result,
                                        ScUser                 **out_user,
                                        char                   **out_code,
                                        GError                 **error);

/* The user by name without a password: for restoring a remembered session. */
void      sc_account_job_lookup_async  (const char              *username,
                                        GCancellable            *cancellable,
                                        GAsyncReadyCallback      callback,
                                        gpointer                 user_data);
ScUser   *sc_account_job_lookup_finish (GAsyncResult            *result,
                                        GError                 **error);

G_END_DECLS
