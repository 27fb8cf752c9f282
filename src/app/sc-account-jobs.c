/* sc-account-jobs.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sc-account-jobs.h"
#include "sc-db.h"

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

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScDb) db = sc_db_open (NULL, &error);

  if (db != NULL && job_run (task_data, db, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
sc_account_job_run_async (const ScAccountRequest *request,
                          GCancellable           *cancellable,
                          GAsyncReadyCallback     callback,
                          gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (request != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sc_account_job_run_async);
  g_task_set_task_data (task, job_data_new (request), job_data_free);
  /* A cancelled dialog gets G_IO_ERROR_CANCELLED even if the thread ran. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_set_check_cancellable (task, TRUE);
  g_task_run_in_thread (task, job_thread);
}

gboolean
sc_account_job_run_finish (GAsyncResult  *result,
                           ScUser       **out_user,
                           char         **out_code,
                           GError       **error)
{
  JobData *job;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  job = g_task_get_task_data (G_TASK (result));
  if (out_user != NULL)
    *out_user = g_steal_pointer (&job->user);
  if (out_code != NULL)
    *out_code = g_steal_pointer (&job->code);

  return TRUE;
}

void
sc_account_job_lookup_async (const char          *username,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  ScAccountRequest request = { .kind = SC_ACCOUNT_JOB_LOOKUP, .username = username };

  sc_account_job_run_async (&request, cancellable, callback, user_data);
}

ScUser *
sc_account_job_lookup_finish (GAsyncResult  *result,
                              GError       **error)
{
  ScUser *user = NULL;

  sc_account_job_run_finish (result, &user, NULL, error);

  return user;
}
