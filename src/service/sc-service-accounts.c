/* sc-service-accounts.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sc-service-private.h"

typedef struct
{
  ScAccountJobKind  kind;
  char             *username;
  char             *email;
  char             *recovery_code;
  char             *password;
  char             *new_password;
  ScUser           *user;   /* what the thread found or made */
  char             *code;   /* the recovery code the thread made */
} JobData;

static JobData *
job_data_new (const ScAccountRequest *request)
{
  JobData *job = g_new0 (JobData, 1);

  job->kind = request->kind;
  job->username = g_strdup (request->username);
  job->email = g_strdup (request->email);
  job->recovery_code = g_strdup (request->recovery_code);
  job->password = g_strdup (request->password);
  job->new_password = g_strdup (request->new_password);

  return job;
}

static void
job_data_free (gpointer data)
{
  JobData *job = data;

  g_free (job->username);
  g_free (job->email);
  sc_accounts_free_secret (job->recovery_code);
  sc_accounts_free_secret (job->password);
  sc_accounts_free_secret (job->new_password);
  g_clear_pointer (&job->user, sc_user_unref);
  g_clear_pointer (&job->code, sc_accounts_free_secret);
  g_free (job);
}

/* In the worker thread: the job's outcome into job. */
static gboolean
job_run (JobData  *job,
         ScDb     *db,
         GError  **error)
{
  switch (job->kind)
    {
    case SC_ACCOUNT_JOB_SIGN_IN:
      job->user = sc_accounts_login (db, job->username, job->password, error);
      return job->user != NULL;

    case SC_ACCOUNT_JOB_REGISTER:
      job->code = sc_accounts_register (db, job->username, job->email, job->password, &job->user, error);
      return job->code != NULL;

    case SC_ACCOUNT_JOB_RESET:
      job->code = sc_accounts_reset_password (db, job->username, job->recovery_code, job->new_password, error);
      return job->code != NULL;

    case SC_ACCOUNT_JOB_CHANGE_PASSWORD:
      return sc_accounts_change_password (db, job->username, job->password, job->new_password, error);

    case SC_ACCOUNT_JOB_LOOKUP:
      job->user = sc_accounts_lookup (db, job->username, error);
      return job->user != NULL;

    default:
      g_assert_not_reached ();
    }
}

gboolean
sc_service_account (ScService               *self,
                    ScDb                    *db,
                    const ScAccountRequest  *request,
                    ScUser                 **out_user,
                    char                   **out_code,
                    GError                 **error)
{
  g_autoptr(ScDb) own_db = NULL;
  JobData *job;
  gboolean ok;

  g_return_val_if_fail (SC_IS_SERVICE (self), FALSE);
  g_return_val_if_fail (request != NULL, FALSE);

  if (db == NULL && (db = own_db = sc_service_open_db (self, error)) == NULL)
    return FALSE;

  job = job_data_new (request);
  ok = job_run (job, db, error);
  if (ok && out_user != NULL)
    *out_user = g_steal_pointer (&job->user);
  if (ok && out_code != NULL)
    *out_code = g_steal_pointer (&job->code);
  job_data_free (job);

  return ok;
}

static void
job_thread (ScService    *self,
            ScDb         *db,
            GTask        *task,
            gpointer      task_data,
            GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;

  if (job_run (task_data, db, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
sc_service_account_async (ScService              *self,
                          const ScAccountRequest *request,
                          GCancellable           *cancellable,
                          GAsyncReadyCallback     callback,
                          gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SC_IS_SERVICE (self));
  g_return_if_fail (request != NULL);

  task = _sc_service_task_new (self, sc_service_account_async, cancellable, callback, user_data);
  /* A cancelled dialog gets G_IO_ERROR_CANCELLED even if the thread ran. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_set_check_cancellable (task, TRUE);
  _sc_service_task_run (task, job_thread, job_data_new (request), job_data_free);
}

gboolean
sc_service_account_finish (ScService     *self,
                           GAsyncResult  *result,
                           ScUser       **out_user,
                           char         **out_code,
                           GError       **error)
{
  JobData *job;

  g_return_val_if_fail (SC_IS_SERVICE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sc_service_account_async, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  /* The thread data, under the service's wrapper. */
  job = _sc_service_task_get_data (G_TASK (result));
  if (out_user != NULL)
    *out_user = g_steal_pointer (&job->user);
  if (out_code != NULL)
    *out_code = g_steal_pointer (&job->code);

  return TRUE;
}
