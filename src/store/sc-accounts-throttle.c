/* sc-accounts-throttle.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sc-accounts-private.h"
#include "sc-db-private.h"
#include "sc-error.h"
#include "sc-validate.h"

/* Throttling of sign-in attempts in the login_attempts table, keyed by
 * username key whether or not the user exists (see sc-accounts.h). */

static ScAccountsClock clock_func;

void
sc_accounts_set_clock_for_testing (ScAccountsClock clock)
{
  clock_func = clock;
}

gint64
_sc_accounts_now_seconds (void)
{
  gint64 usec = clock_func != NULL ? clock_func () : g_get_real_time ();

  return usec / G_USEC_PER_SEC;
}

static gboolean
read_attempts (ScDb        *db,
               const char  *key,
               gint64      *out_failures,
               gint64      *out_locked_until,
               GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *out_failures = 0;
  *out_locked_until = 0;

  stmt = sc_db_prepare (db,
                        "SELECT failures, locked_until FROM login_attempts WHERE username_key = ?1",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_failures = sqlite3_column_int64 (stmt, 0);
      *out_locked_until = sqlite3_column_int64 (stmt, 1);
    }

  return sc_db_reset_one (db, stmt, rc, _("Reading the sign-in attempts"), error);
}

gint64
sc_accounts_get_retry_delay (ScDb       *db,
                             const char *username)
{
  g_autofree char *key = NULL;
  gint64 failures, locked_until, now;

  g_return_val_if_fail (db != NULL, 0);

  if (username == NULL || !g_utf8_validate (username, -1, NULL))
    return 0;

  key = sc_username_key (username);
  if (!read_attempts (db, key, &failures, &locked_until, NULL))
    return 0;

  now = _sc_accounts_now_seconds ();
  return locked_until > now ? locked_until - now : 0;
}

void
_sc_accounts_set_throttled_error (GError     **error,
                                  const char  *username,
                                  gint64       delay)
{
  g_autofree char *when = NULL;

  if (delay < 120)
    when = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d second", "%d seconds", delay),
                            (int) delay);
  else
    {
      int minutes = (int) ((delay + 59) / 60);

      when = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute", "%d minutes", minutes),
                              minutes);
    }

  g_set_error (error, SC_ERROR, SC_ERROR_AUTH,
               _("Too many failed attempts for “%s”; try again in %s."), username, when);
}

/* The lock after `failures` consecutive failures, in seconds. */
static gint64
lock_delay (gint64 failures)
{
  gint64 extra = failures - SC_ACCOUNTS_FREE_ATTEMPTS;

  if (extra < 0)
    return 0;
  if (extra >= 10)
    return SC_ACCOUNTS_MAX_DELAY;

  return MIN ((gint64) SC_ACCOUNTS_FIRST_DELAY << extra, SC_ACCOUNTS_MAX_DELAY);
}

/* Counts an attempt as a failure before it is checked (a success clears
 * the count again), in one write transaction with the check of the lock:
 * of many parallel attempts, in this process or others, only the free ones
 * get checked. Returns FALSE with *out_locked_for > 0 when the key is
 * locked (nothing counted), else TRUE with the lock this attempt starts if
 * it fails in *out_delay. */
gboolean
_sc_accounts_reserve_attempt (ScDb        *db,
                              const char  *key,
                              gint64      *out_locked_for,
                              gint64      *out_delay,
                              GError     **error)
{
  gint64 failures, locked_until, delay, now;
  sqlite3_stmt *stmt;

  *out_locked_for = 0;
  *out_delay = 0;
  if (!sc_db_begin (db, error))
    return FALSE;

  if (!read_attempts (db, key, &failures, &locked_until, error))
    {
      sc_db_rollback (db);
      return FALSE;
    }

  now = _sc_accounts_now_seconds ();
  if (locked_until > now)
    {
      sc_db_rollback (db);
      *out_locked_for = locked_until - now;
      return FALSE;
    }

  failures++;
  delay = lock_delay (failures);

  stmt = sc_db_prepare (db,
                        "INSERT INTO login_attempts (username_key, failures, locked_until) "
                        "VALUES (?1, ?2, ?3) "
                        "ON CONFLICT (username_key) DO UPDATE SET "
                        "  failures = excluded.failures, locked_until = excluded.locked_until",
                        error);
  if (stmt == NULL)
    {
      sc_db_rollback (db);
      return FALSE;
    }

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, failures);
  sqlite3_bind_int64 (stmt, 3, delay > 0 ? now + delay : 0);
  if (!sc_db_step_done (db, stmt, _("Counting a failed attempt"), error))
    {
      sc_db_rollback (db);
      return FALSE;
    }

  if (!sc_db_commit (db, error))
    return FALSE;

  *out_delay = delay;
  return TRUE;
}

gboolean
_sc_accounts_clear_failures (ScDb        *db,
                             const char  *key,
                             GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = sc_db_prepare (db, "DELETE FROM login_attempts WHERE username_key = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  return sc_db_step_done (db, stmt, _("Clearing the failed attempts"), error);
}
