/* sc-accounts.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sc-accounts-private.h"
#include "sc-db-private.h"
#include "sc-error.h"
#include "sc-validate.h"

/* The users table: accounts, sign-in, password changes and deletion. The
 * rules are src/domain/sc-validate.c; hashing and throttling are in
 * sc-accounts-hash.c and sc-accounts-throttle.c. */

G_DEFINE_BOXED_TYPE (ScUser, sc_user, sc_user_ref, sc_user_unref)

/* The form email addresses are compared in. */
static char *
email_key (const char *email)
{
  g_autofree char *normal = g_utf8_normalize (email, -1, G_NORMALIZE_DEFAULT_COMPOSE);

  return g_utf8_casefold (normal, -1);
}

ScUser *
sc_user_ref (ScUser *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
sc_user_unref (ScUser *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;

  g_free (self->username);
  g_free (self->email);
  g_free (self->created_at);
  g_free (self);
}

static char *
format_timestamp (gint64 seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (seconds);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

typedef struct
{
  ScUser *user;
  char   *password_hash;
  char   *recovery_hash;
} UserRow;

static void
user_row_clear (UserRow *row)
{
  g_clear_pointer (&row->user, sc_user_unref);
  g_clear_pointer (&row->password_hash, g_free);
  g_clear_pointer (&row->recovery_hash, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (UserRow, user_row_clear)

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* Fills row for username; returns FALSE only if the database failed.
 * row->user stays NULL if there is no such user. */
static gboolean
lookup_user (ScDb        *db,
             const char  *username,
             UserRow     *row,
             GError     **error)
{
  g_autofree char *key = sc_username_key (username);
  sqlite3_stmt *stmt;
  int rc;

  stmt = sc_db_prepare (db,
                        "SELECT id, username, email, created_at, password_hash, recovery_hash "
                        "FROM users WHERE username_key = ?1",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      row->user = g_new0 (ScUser, 1);
      row->user->ref_count = 1;
      row->user->id = sqlite3_column_int64 (stmt, 0);
      row->user->username = column_text (stmt, 1);
      row->user->email = column_text (stmt, 2);
      row->user->created_at = column_text (stmt, 3);
      row->password_hash = column_text (stmt, 4);
      row->recovery_hash = column_text (stmt, 5);
    }

  return sc_db_reset_one (db, stmt, rc, _("Reading the account"), error);
}

ScUser *
sc_accounts_lookup (ScDb        *db,
                    const char  *username,
                    GError     **error)
{
  g_auto(UserRow) row = { 0 };

  g_return_val_if_fail (db != NULL, NULL);

  if (!sc_validate_username (username, error))
    return NULL;
  if (!lookup_user (db, username, &row, error))
    return NULL;
  if (row.user == NULL)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("There is no account named “%s”."), username);
      return NULL;
    }

  return g_steal_pointer (&row.user);
}

GPtrArray *
sc_accounts_list_users (ScDb    *db,
                        GError **error)
{
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_user_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);

  stmt = sc_db_prepare (db,
                        "SELECT id, username, email, created_at FROM users ORDER BY username_key",
                        error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ScUser *user = g_new0 (ScUser, 1);

      user->ref_count = 1;
      user->id = sqlite3_column_int64 (stmt, 0);
      user->username = column_text (stmt, 1);
      user->email = column_text (stmt, 2);
      user->created_at = column_text (stmt, 3);
      g_ptr_array_add (users, user);
    }

  if (!sc_db_reset_done (db, stmt, rc, _("Listing the accounts"), error))
    return NULL;

  return g_steal_pointer (&users);
}

static gboolean
username_taken (ScDb        *db,
                const char  *username,
                gboolean    *out_taken,
                GError     **error)
{
  g_auto(UserRow) row = { 0 };

  if (!lookup_user (db, username, &row, error))
    return FALSE;

  *out_taken = row.user != NULL;
  return TRUE;
}

gboolean
sc_accounts_username_available (ScDb        *db,
                                const char  *username,
                                GError     **error)
{
  gboolean taken;

  g_return_val_if_fail (db != NULL, FALSE);

  if (!sc_validate_username (username, error))
    return FALSE;
  if (!username_taken (db, username, &taken, error))
    return FALSE;
  if (taken)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("The username “%s” is already taken."), username);
      return FALSE;
    }

  return TRUE;
}

static gboolean
email_taken (ScDb        *db,
             const char  *key,
             gboolean    *out_taken,
             GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = sc_db_prepare (db, "SELECT 1 FROM users WHERE email_key = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  return sc_db_step_exists (db, stmt, _("Reading the accounts"), out_taken, error);
}

char *
sc_accounts_register (ScDb        *db,
                      const char  *username,
                      const char  *email,
                      const char  *password,
                      ScUser     **out_user,
                      GError     **error)
{
  g_autofree char *name = NULL;
  g_autofree char *key = NULL;
  g_autofree char *address = NULL;
  g_autofree char *address_key = NULL;
  g_autofree char *password_hash = NULL;
  g_autofree char *recovery_hash = NULL;
  g_autofree char *created_at = NULL;
  char *code = NULL;
  char *normal = NULL;
  sqlite3_stmt *stmt;
  gboolean taken;
  ScUser *user;

  g_return_val_if_fail (db != NULL, NULL);

  if (!sc_validate_username (username, error) ||
      !sc_validate_email (email, error) ||
      !sc_validate_password (password, error))
    return NULL;

  name = g_utf8_normalize (username, -1, G_NORMALIZE_DEFAULT_COMPOSE);
  key = sc_username_key (name);
  address = g_utf8_normalize (email, -1, G_NORMALIZE_DEFAULT_COMPOSE);
  address_key = email_key (address);

  /* Cheap checks first, so a taken name does not cost two hashes. */
  if (!username_taken (db, name, &taken, error))
    return NULL;
  if (taken)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("The username “%s” is already taken."), username);
      return NULL;
    }
  if (!email_taken (db, address_key, &taken, error))
    return NULL;
  if (taken)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("The email address %s already belongs to an account."), email);
      return NULL;
    }

  if (!_sc_accounts_ensure_sodium (error))
    return NULL;

  code = _sc_accounts_generate_recovery_code (&normal);
  password_hash = _sc_accounts_hash_secret (password, error);
  if (password_hash != NULL)
    recovery_hash = _sc_accounts_hash_secret (normal, error);
  sc_accounts_free_secret (normal);
  if (recovery_hash == NULL)
    {
      sc_accounts_free_secret (code);
      return NULL;
    }

  created_at = format_timestamp (_sc_accounts_now_seconds ());

  if (!sc_db_begin (db, error))
    goto fail;

  stmt = sc_db_prepare (db,
                        "INSERT INTO users (username, username_key, email, email_key, "
                        "                   password_hash, recovery_hash, created_at) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                        error);
  if (stmt == NULL)
    {
      sc_db_rollback (db);
      goto fail;
    }

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, address, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, address_key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, password_hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, recovery_hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, created_at, -1, SQLITE_TRANSIENT);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      /* Another process registered the same name or address meanwhile. */
      if (sqlite3_extended_errcode (sc_db_get_handle (db)) == SQLITE_CONSTRAINT_UNIQUE)
        g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                     _("The username “%s” or the email address is already taken."), username);
      else
        sc_db_set_error (db, error, _("Creating the account"));
      sqlite3_reset (stmt);
      sc_db_rollback (db);
      goto fail;
    }
  sqlite3_reset (stmt);

  user = g_new0 (ScUser, 1);
  user->ref_count = 1;
  user->id = sqlite3_last_insert_rowid (sc_db_get_handle (db));

  /* A fresh account starts with a clean slate of attempts. */
  if (!_sc_accounts_clear_failures (db, key, error))
    {
      sc_db_rollback (db);
      sc_user_unref (user);
      goto fail;
    }

  if (!sc_db_commit (db, error))
    {
      sc_user_unref (user);
      goto fail;
    }

  user->username = g_steal_pointer (&name);
  user->email = g_steal_pointer (&address);
  user->created_at = g_steal_pointer (&created_at);
  if (out_user != NULL)
    *out_user = user;
  else
    sc_user_unref (user);

  g_debug ("Registered account %" G_GINT64_FORMAT, user->id);
  return code;

fail:
  sc_accounts_free_secret (code);
  return NULL;
}

typedef enum
{
  SECRET_PASSWORD,
  SECRET_RECOVERY_CODE,
} SecretKind;

/* Checks username's password or recovery code, throttled. On success fills
 * row (the caller owns it) and clears the failures. */
static gboolean
authenticate (ScDb        *db,
              const char  *username,
              SecretKind   kind,
              const char  *secret,
              UserRow     *row,
              GError     **error)
{
  g_autofree char *key = NULL;
  gint64 locked_for, delay;
  const char *hash;
  gboolean ok;

  if (!sc_validate_username (username, error))
    return FALSE;

  key = sc_username_key (username);
  if (!_sc_accounts_reserve_attempt (db, key, &locked_for, &delay, error))
    {
      if (locked_for > 0)
        _sc_accounts_set_throttled_error (error, username, locked_for);
      return FALSE;
    }

  if (!lookup_user (db, username, row, error))
    return FALSE;

  hash = _sc_accounts_get_dummy_hash ();
  if (row->user != NULL)
    hash = kind == SECRET_PASSWORD ? row->password_hash : row->recovery_hash;

  /* Unknown users go through the same verification, against a hash that
   * matches nothing, so timing does not tell which names exist. */
  ok = _sc_accounts_verify_secret (hash, secret != NULL ? secret : "") && row->user != NULL;

  if (!ok)
    {
      /* Already counted. */
      user_row_clear (row);
      if (delay > 0)
        _sc_accounts_set_throttled_error (error, username, delay);
      else if (kind == SECRET_PASSWORD)
        g_set_error (error, SC_ERROR, SC_ERROR_AUTH,
                     _("The username or password is incorrect."));
      else
        g_set_error (error, SC_ERROR, SC_ERROR_AUTH,
                     _("The username or recovery code is incorrect."));
      return FALSE;
    }

  if (!_sc_accounts_clear_failures (db, key, error))
    {
      user_row_clear (row);
      return FALSE;
    }

  return TRUE;
}

static gboolean
update_password_hash (ScDb        *db,
                      gint64       user_id,
                      const char  *new_hash,
                      GError     **error)
{
  sqlite3_stmt *stmt;

  if (!sc_db_begin (db, error))
    return FALSE;

  stmt = sc_db_prepare (db, "UPDATE users SET password_hash = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    {
      sc_db_rollback (db);
      return FALSE;
    }

  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_text (stmt, 2, new_hash, -1, SQLITE_TRANSIENT);
  if (!sc_db_step_done (db, stmt, _("Saving the password"), error))
    {
      sc_db_rollback (db);
      return FALSE;
    }

  return sc_db_commit (db, error);
}

ScUser *
sc_accounts_login (ScDb        *db,
                   const char  *username,
                   const char  *password,
                   GError     **error)
{
  g_auto(UserRow) row = { 0 };

  g_return_val_if_fail (db != NULL, NULL);

  if (password == NULL || strlen (password) > SC_PASSWORD_MAX_BYTES)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_AUTH,
                   _("The username or password is incorrect."));
      return NULL;
    }

  if (!authenticate (db, username, SECRET_PASSWORD, password, &row, error))
    return NULL;

  if (_sc_accounts_hash_needs_upgrade (row.password_hash))
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *new_hash = _sc_accounts_hash_secret (password, &local_error);

      /* Signing in still works if the upgrade fails; it is retried next time. */
      if (new_hash == NULL ||
          !update_password_hash (db, row.user->id, new_hash, &local_error))
        g_warning ("Could not upgrade a password hash: %s", local_error->message);
      else
        g_debug ("Upgraded the password hash of account %" G_GINT64_FORMAT, row.user->id);
    }

  return g_steal_pointer (&row.user);
}

gboolean
sc_accounts_change_password (ScDb        *db,
                             const char  *username,
                             const char  *old_password,
                             const char  *new_password,
                             GError     **error)
{
  g_auto(UserRow) row = { 0 };
  g_autofree char *new_hash = NULL;

  g_return_val_if_fail (db != NULL, FALSE);

  if (!sc_validate_password (new_password, error))
    return FALSE;

  if (old_password == NULL || strlen (old_password) > SC_PASSWORD_MAX_BYTES)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_AUTH,
                   _("The username or password is incorrect."));
      return FALSE;
    }

  if (!authenticate (db, username, SECRET_PASSWORD, old_password, &row, error))
    return FALSE;

  new_hash = _sc_accounts_hash_secret (new_password, error);
  if (new_hash == NULL)
    return FALSE;

  return update_password_hash (db, row.user->id, new_hash, error);
}

char *
sc_accounts_reset_password (ScDb        *db,
                            const char  *username,
                            const char  *recovery_code,
                            const char  *new_password,
                            GError     **error)
{
  g_auto(UserRow) row = { 0 };
  g_autofree char *new_hash = NULL;
  g_autofree char *new_recovery_hash = NULL;
  char *normal = NULL;
  char *new_normal = NULL;
  char *new_code = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (db != NULL, NULL);

  if (!sc_validate_password (new_password, error) ||
      !sc_accounts_check_recovery_code (recovery_code, error))
    return NULL;

  normal = _sc_accounts_normalize_recovery_code (recovery_code);
  ok = authenticate (db, username, SECRET_RECOVERY_CODE, normal, &row, error);
  sc_accounts_free_secret (normal);
  if (!ok)
    return NULL;

  new_hash = _sc_accounts_hash_secret (new_password, error);
  if (new_hash == NULL)
    return NULL;

  new_code = _sc_accounts_generate_recovery_code (&new_normal);
  new_recovery_hash = _sc_accounts_hash_secret (new_normal, error);
  sc_accounts_free_secret (new_normal);
  if (new_recovery_hash == NULL)
    goto fail;

  if (!sc_db_begin (db, error))
    goto fail;

  /* Only if the code is still the one we checked: a code works once, even
   * when two resets race. */
  stmt = sc_db_prepare (db,
                        "UPDATE users SET password_hash = ?3, recovery_hash = ?4 "
                        "WHERE id = ?1 AND recovery_hash = ?2",
                        error);
  if (stmt == NULL)
    {
      sc_db_rollback (db);
      goto fail;
    }

  sqlite3_bind_int64 (stmt, 1, row.user->id);
  sqlite3_bind_text (stmt, 2, row.recovery_hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, new_hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, new_recovery_hash, -1, SQLITE_TRANSIENT);
  if (!sc_db_step_done (db, stmt, _("Saving the password"), error))
    {
      sc_db_rollback (db);
      goto fail;
    }

  if (sqlite3_changes (sc_db_get_handle (db)) != 1)
    {
      sc_db_rollback (db);
      g_set_error (error, SC_ERROR, SC_ERROR_AUTH,
                   _("The username or recovery code is incorrect."));
      goto fail;
    }

  if (!sc_db_commit (db, error))
    goto fail;

  return new_code;

fail:
  sc_accounts_free_secret (new_code);
  return NULL;
}

gboolean
sc_accounts_delete_user (ScDb        *db,
                         const char  *username,
                         const char  *password,
                         GError     **error)
{
  g_auto(UserRow) row = { 0 };
  g_autofree char *key = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (db != NULL, FALSE);

  if (password == NULL || strlen (password) > SC_PASSWORD_MAX_BYTES)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_AUTH,
                   _("The username or password is incorrect."));
      return FALSE;
    }

  if (!authenticate (db, username, SECRET_PASSWORD, password, &row, error))
    return FALSE;

  if (!sc_db_begin (db, error))
    return FALSE;

  /* Results, forecasts and sync links go with the user (ON DELETE CASCADE). */
  stmt = sc_db_prepare (db, "DELETE FROM users WHERE id = ?1", error);
  if (stmt == NULL)
    {
      sc_db_rollback (db);
      return FALSE;
    }

  sqlite3_bind_int64 (stmt, 1, row.user->id);
  if (!sc_db_step_done (db, stmt, _("Deleting the account"), error))
    {
      sc_db_rollback (db);
      return FALSE;
    }

  key = sc_username_key (row.user->username);
  if (!_sc_accounts_clear_failures (db, key, error))
    {
      sc_db_rollback (db);
      return FALSE;
    }

  return sc_db_commit (db, error);
}
