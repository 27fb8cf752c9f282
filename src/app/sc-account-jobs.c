/* sc-account-jobs.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <sodium.h>

#include "sc-account-jobs.h"
#include "sc-db.h"

typedef enum
{
  JOB_SIGN_IN,
  JOB_REGISTER,
  JOB_RESET,
  JOB_CHANGE_PASSWORD,
  JOB_LOOKUP,
} JobKind;

typedef struct
{
  JobKind  kind;
  char    *username;
  char    *email;
  char    *code;
  char    *password;
  char    *new_password;
  ScUser  *user;           /* set by the thread for JOB_REGISTER */
} JobData;

static void
wipe_free (char *secret)
{
  if (secret != NULL)
    {
      sodium_memzero (secret, strlen (secret));
      g_free (secret);
    }
}

static void
job_data_free (gpointer data)
{
  JobData *job = data;

  g_free (job->username);
  g_free (job->email);
  wipe_free (job->code);
  wipe_free (job->password);
  wipe_free (job->new_password);
  g_clear_pointer (&job->user, sc_user_unref);
  g_free (job);
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  JobData *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScDb) db = NULL;

  db = sc_db_open (NULL, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  switch (job->kind)
    {
    case JOB_SIGN_IN:
    case JOB_LOOKUP:
      {
        ScUser *user;

        if (job->kind == JOB_SIGN_IN)
          user = sc_accounts_login (db, job->username, job->password, &error);
        else
          user = sc_accounts_lookup (db, job->username, &error);

        if (user == NULL)
          g_task_return_error (task, g_steal_pointer (&error));
        else
          g_task_return_pointer (task, user, (GDestroyNotify) sc_user_unref);
      }
      break;

    case JOB_REGISTER:
    case JOB_RESET:
      {
        char *code;

        if (job->kind == JOB_REGISTER)
          code = sc_accounts_register (db, job->username, job->email, job->password, &job->user, &error);
        else
          code = sc_accounts_reset_password (db, job->username, job->code, job->new_password, &error);

        if (code == NULL)
          g_task_return_error (task, g_steal_pointer (&error));
        else
          g_task_return_pointer (task, code, (GDestroyNotify) sc_accounts_free_secret);
      }
      break;

    case JOB_CHANGE_PASSWORD:
      if (sc_accounts_change_password (db, job->username, job->password, job->new_password, &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
run_job (JobData             *job,
         gpointer             source_tag,
         GCancellable        *cancellable,
         GAsyncReadyCallback  callback,
         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, job_data_free);
  /* A cancelled dialog gets G_IO_ERROR_CANCELLED even if the thread ran. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_set_check_cancellable (task, TRUE);
  g_task_run_in_thread (task, job_thread);
}

void
sc_account_job_sign_in_async (const char          *username,
                              const char          *password,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  JobData *job = g_new0 (JobData, 1);

  job->kind = JOB_SIGN_IN;
  job->username = g_strdup (username);
  job->password = g_strdup (password);
  run_job (job, sc_account_job_sign_in_async, cancellable, callback, user_data);
}

ScUser *
sc_account_job_sign_in_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
sc_account_job_register_async (const char          *username,
                               const char          *email,
                               const char          *password,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  JobData *job = g_new0 (JobData, 1);

  job->kind = JOB_REGISTER;
  job->username = g_strdup (username);
  job->email = g_strdup (email);
  job->password = g_strdup (password);
  run_job (job, sc_account_job_register_async, cancellable, callback, user_data);
}

char *
sc_account_job_register_finish (GAsyncResult  *result,
                                ScUser       **out_user,
                                GError       **error)
{
  JobData *job;
  char *code;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  code = g_task_propagate_pointer (G_TASK (result), error);
  job = g_task_get_task_data (G_TASK (result));
  if (code != NULL && out_user != NULL)
    *out_user = g_steal_pointer (&job->user);

  return code;
}

void
sc_account_job_reset_async (const char          *username,
                            const char          *recovery_code,
                            const char          *new_password,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  JobData *job = g_new0 (JobData, 1);

  job->kind = JOB_RESET;
  job->username = g_strdup (username);
  job->code = g_strdup (recovery_code);
  job->new_password = g_strdup (new_password);
  run_job (job, sc_account_job_reset_async, cancellable, callback, user_data);
}

char *
sc_account_job_reset_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
sc_account_job_change_password_async (const char          *username,
                                      const char          *old_password,
                                      const char          *new_password,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  JobData *job = g_new0 (JobData, 1);

  job->kind = JOB_CHANGE_PASSWORD;
  job->username = g_strdup (username);
  job->password = g_strdup (old_password);
  job->new_password = g_strdup (new_password);
  run_job (job, sc_account_job_change_password_async, cancellable, callback, user_data);
}

gboolean
sc_account_job_change_password_finish (GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
sc_account_job_lookup_async (const char          *username,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  JobData *job = g_new0 (JobData, 1);

  job->kind = JOB_LOOKUP;
  job->username = g_strdup (username);
  run_job (job, sc_account_job_lookup_async, cancellable, callback, user_data);
}

ScUser *
sc_account_job_lookup_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
