/* sc-accounts.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <sodium.h>

#include "sc-accounts.h"
#include "sc-db-private.h"
#include "sc-error.h"

/* Crockford's base32: no I, L, O or U, so codes survive being read aloud. */
static const char recovery_alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
#define RECOVERY_SYMBOLS 24     /* 24 × 5 = 120 bits */
#define RECOVERY_GROUP   4

/* An Argon2id hash (interactive limits) of a random password nobody knows:
 * unknown usernames are verified against it so they cost the same time. */
static const char dummy_hash[crypto_pwhash_STRBYTES] =
  "$argon2id$v=19$m=65536,t=2,p=1$1L0NOIXs4OIetmTZxjk6YQ$zEtPHDFGTb2XgzQMtsF4XUUjy/x0VgLensFj+ekpHgc";

static ScAccountsClock clock_func;
static guint verify_count;

G_DEFINE_BOXED_TYPE (ScUser, sc_user, sc_user_ref, sc_user_unref)

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

void
sc_accounts_set_clock_for_testing (ScAccountsClock clock)
{
  clock_func = clock;
}

static gint64
now_seconds (void)
{
  gint64 usec = clock_func != NULL ? clock_func () : g_get_real_time ();

  return usec / G_USEC_PER_SEC;
}

static char *
format_timestamp (gint64 seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (seconds);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

static gboolean
ensure_sodium (GError **error)
{
  static gsize initialized = 0;
  static gboolean ok = FALSE;

  if (g_once_init_enter (&initialized))
    {
      ok = sodium_init () >= 0;
      g_once_init_leave (&initialized, 1);
    }

  if (!ok)
    g_set_error (error, SC_ERROR, SC_ERROR_STORAGE,
                 _("The cryptography library could not start."));
  return ok;
}

void
sc_accounts_free_secret (char *secret)
{
  if (secret == NULL)
    return;

  sodium_memzero (secret, strlen (secret));
  g_free (secret);
}

/* --- rules -------------------------------------------------------------- */

gboolean
sc_accounts_check_username (const char  *username,
                            GError     **error)
{
  glong n_chars;
  const char *p;

  if (username == NULL || username[0] == '\0')
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA, _("Choose a username."));
      return FALSE;
    }

  if (!g_utf8_validate (username, -1, NULL))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("A username must be valid UTF-8 text."));
      return FALSE;
    }

  n_chars = g_utf8_strlen (username, -1);
  if (n_chars > SC_ACCOUNTS_USERNAME_MAX_CHARS)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("A username can have at most %d characters."),
                   SC_ACCOUNTS_USERNAME_MAX_CHARS);
      return FALSE;
    }

  for (p = username; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        {
          g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                       _("A username cannot contain control characters."));
          return FALSE;
        }
    }

  if (g_unichar_isspace (g_utf8_get_char (username)) ||
      g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (username + strlen (username)))))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("A username cannot start or end with a space."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
is_label_char (gunichar c)
{
  return g_unichar_isalnum (c) || c == '-' || (c > 0x7f && g_unichar_isalpha (c));
}

gboolean
sc_accounts_check_email (const char  *email,
                         GError     **error)
{
  const char *at;
  g_auto(GStrv) labels = NULL;
  guint n_labels;

  if (email == NULL || email[0] == '\0')
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA, _("Enter an email address."));
      return FALSE;
    }

  if (!g_utf8_validate (email, -1, NULL) || strlen (email) > 254)
    goto invalid;

  at = strrchr (email, '@');
  if (at == NULL || at == email || at - email > 64 || strchr (email, '@') != at)
    goto invalid;

  for (const char *p = email; p < at; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c) || c == '"' || c == '(' ||
          c == ')' || c == ',' || c == ':' || c == ';' || c == '<' || c == '>' ||
          c == '[' || c == ']' || c == '\\')
        goto invalid;
    }
  if (email[0] == '.' || at[-1] == '.' || strstr (email, "..") != NULL)
    goto invalid;

  labels = g_strsplit (at + 1, ".", -1);
  n_labels = g_strv_length (labels);
  if (n_labels < 2)
    goto invalid;

  for (guint i = 0; i < n_labels; i++)
    {
      const char *label = labels[i];
      gsize len = strlen (label);

      if (len == 0 || len > 63 || label[0] == '-' || label[len - 1] == '-')
        goto invalid;

      for (const char *p = label; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (!is_label_char (c))
            goto invalid;
          /* The top-level domain is letters only. */
          if (i == n_labels - 1 && !g_unichar_isalpha (c))
            goto invalid;
        }

      if (i == n_labels - 1 && g_utf8_strlen (label, -1) < 2)
        goto invalid;
    }

  return TRUE;

invalid:
  g_set_error (error, SC_ERROR, SC_ERROR_DATA,
               _("Enter an email address like name@example.org."));
  return FALSE;
}

gboolean
sc_accounts_check_password (const char  *password,
                            GError     **error)
{
  if (password == NULL || password[0] == '\0')
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA, _("Enter a password."));
      return FALSE;
    }

  if (strlen (password) > SC_ACCOUNTS_PASSWORD_MAX_BYTES)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("A password can be at most %d bytes long."),
                   SC_ACCOUNTS_PASSWORD_MAX_BYTES);
      return FALSE;
    }

  if (!g_utf8_validate (password, -1, NULL))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("A password must be valid UTF-8 text."));
      return FALSE;
    }

  if (g_utf8_strlen (password, -1) < SC_ACCOUNTS_PASSWORD_MIN_CHARS)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("A password needs at least %d characters."),
                   SC_ACCOUNTS_PASSWORD_MIN_CHARS);
      return FALSE;
    }

  return TRUE;
}

/* The code's symbols only, upper case, with the look-alikes O → 0 and
 * I, L → 1; NULL if it does not have the shape of a code. */
static char *
normalize_recovery_code (const char *code)
{
  g_autofree char *out = NULL;
  guint n = 0;

  if (code == NULL)
    return NULL;

  out = g_malloc0 (RECOVERY_SYMBOLS + 1);
  for (const char *p = code; *p != '\0'; p++)
    {
      char c = g_ascii_toupper (*p);

      if (c == '-' || c == ' ')
        continue;
      if (c == 'O')
        c = '0';
      else if (c == 'I' || c == 'L')
        c = '1';
      if (strchr (recovery_alphabet, c) == NULL || c == '\0' || n >= RECOVERY_SYMBOLS)
        {
          sodium_memzero (out, RECOVERY_SYMBOLS + 1);
          return NULL;
        }
      out[n++] = c;
    }

  if (n != RECOVERY_SYMBOLS)
    {
      sodium_memzero (out, RECOVERY_SYMBOLS + 1);
      return NULL;
    }

  return g_steal_pointer (&out);
}

gboolean
sc_accounts_check_recovery_code (const char  *code,
                                 GError     **error)
{
  char *normal = normalize_recovery_code (code);

  if (normal == NULL)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("A recovery code looks like XXXX-XXXX-XXXX-XXXX-XXXX-XXXX."));
      return FALSE;
    }

  sc_accounts_free_secret (normal);
  return TRUE;
}

/* Returns the grouped code and its normalised form (to hash). */
static char *
generate_recovery_code (char **out_normal)
{
  GString *code = g_string_sized_new (RECOVERY_SYMBOLS + RECOVERY_SYMBOLS / RECOVERY_GROUP);
  char *normal = g_malloc0 (RECOVERY_SYMBOLS + 1);

  for (guint i = 0; i < RECOVERY_SYMBOLS; i++)
    {
      char c = recovery_alphabet[randombytes_uniform (sizeof recovery_alphabet - 1)];

      if (i > 0 && i % RECOVERY_GROUP == 0)
        g_string_append_c (code, '-');
      g_string_append_c (code, c);
      normal[i] = c;
    }

  *out_normal = normal;
  return g_string_free (code, FALSE);
}

static char *
username_key (const char *username)
{
  g_autofree char *folded = g_utf8_casefold (username, -1);

  return g_utf8_normalize (folded, -1, G_NORMALIZE_ALL_COMPOSE);
}

static char *
email_key (const char *email)
{
  g_autofree char *normal = g_utf8_normalize (email, -1, G_NORMALIZE_DEFAULT_COMPOSE);

  return g_utf8_casefold (normal, -1);
}

/* --- hashing ------------------------------------------------------------ */

static char *
hash_secret (const char  *secret,
             GError     **error)
{
  char hash[crypto_pwhash_STRBYTES];

  if (!ensure_sodium (error))
    return NULL;

  if (crypto_pwhash_str (hash, secret, strlen (secret),
                         crypto_pwhash_OPSLIMIT_INTERACTIVE,
                         crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_STORAGE,
                   _("Not enough memory to hash the password."));
      return NULL;
    }

  return g_strdup (hash);
}

static gboolean
verify_secret (const char *hash,
               const char *secret)
{
  if (!ensure_sodium (NULL))
    return FALSE;

  g_atomic_int_inc (&verify_count);
  return crypto_pwhash_str_verify (hash, secret, strlen (secret)) == 0;
}

guint
sc_accounts_get_verify_count_for_testing (void)
{
  return (guint) g_atomic_int_get (&verify_count);
}

gboolean
sc_accounts_dummy_hash_is_current_for_testing (void)
{
  if (!ensure_sodium (NULL))
    return FALSE;

  return crypto_pwhash_str_needs_rehash (dummy_hash,
                                         crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                         crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0;
}

/* --- users -------------------------------------------------------------- */

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
  g_autofree char *key = username_key (username);
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
  else if (rc != SQLITE_DONE)
    {
      sc_db_set_error (db, error, _("Reading the account"));
      sqlite3_reset (stmt);
      return FALSE;
    }

  sqlite3_reset (stmt);
  return TRUE;
}

ScUser *
sc_accounts_lookup (ScDb        *db,
                    const char  *username,
                    GError     **error)
{
  g_auto(UserRow) row = { 0 };

  g_return_val_if_fail (db != NULL, NULL);

  if (!sc_accounts_check_username (username, error))
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

  if (rc != SQLITE_DONE)
    {
      sc_db_set_error (db, error, _("Listing the accounts"));
      sqlite3_reset (stmt);
      return NULL;
    }

  sqlite3_reset (stmt);
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

  if (!sc_accounts_check_username (username, error))
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
  int rc;

  stmt = sc_db_prepare (db, "SELECT 1 FROM users WHERE email_key = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      sc_db_set_error (db, error, _("Reading the accounts"));
      return FALSE;
    }

  *out_taken = rc == SQLITE_ROW;
  return TRUE;
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

  if (!sc_accounts_check_username (username, error) ||
      !sc_accounts_check_email (email, error) ||
      !sc_accounts_check_password (password, error))
    return NULL;

  name = g_utf8_normalize (username, -1, G_NORMALIZE_DEFAULT_COMPOSE);
  key = username_key (name);
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

  if (!ensure_sodium (error))
    return NULL;

  code = generate_recovery_code (&normal);
  password_hash = hash_secret (password, error);
  if (password_hash != NULL)
    recovery_hash = hash_secret (normal, error);
  sc_accounts_free_secret (normal);
  if (recovery_hash == NULL)
    {
      sc_accounts_free_secret (code);
      return NULL;
    }

  created_at = format_timestamp (now_seconds ());

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
  stmt = sc_db_prepare (db, "DELETE FROM login_attempts WHERE username_key = ?1", error);
  if (stmt == NULL || (sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT),
                       sqlite3_step (stmt) != SQLITE_DONE))
    {
      if (stmt != NULL)
        {
          sc_db_set_error (db, error, _("Creating the account"));
          sqlite3_reset (stmt);
        }
      sc_db_rollback (db);
      sc_user_unref (user);
      goto fail;
    }
  sqlite3_reset (stmt);

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

/* --- throttling --------------------------------------------------------- */

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
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      sc_db_set_error (db, error, _("Reading the sign-in attempts"));
      return FALSE;
    }

  return TRUE;
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

  key = username_key (username);
  if (!read_attempts (db, key, &failures, &locked_until, NULL))
    return 0;

  now = now_seconds ();
  return locked_until > now ? locked_until - now : 0;
}

static void
set_throttled_error (GError     **error,
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
static gboolean
reserve_attempt (ScDb        *db,
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

  now = now_seconds ();
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
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      sc_db_set_error (db, error, _("Counting a failed attempt"));
      sqlite3_reset (stmt);
      sc_db_rollback (db);
      return FALSE;
    }
  sqlite3_reset (stmt);

  if (!sc_db_commit (db, error))
    return FALSE;

  *out_delay = delay;
  return TRUE;
}

static gboolean
clear_failures (ScDb        *db,
                const char  *key,
                GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = sc_db_prepare (db, "DELETE FROM login_attempts WHERE username_key = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sc_db_set_error (db, error, _("Clearing the failed attempts"));
      return FALSE;
    }

  return TRUE;
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

  if (!sc_accounts_check_username (username, error))
    return FALSE;

  key = username_key (username);
  if (!reserve_attempt (db, key, &locked_for, &delay, error))
    {
      if (locked_for > 0)
        set_throttled_error (error, username, locked_for);
      return FALSE;
    }

  if (!lookup_user (db, username, row, error))
    return FALSE;

  hash = dummy_hash;
  if (row->user != NULL)
    hash = kind == SECRET_PASSWORD ? row->password_hash : row->recovery_hash;

  /* Unknown users go through the same verification, against a hash that
   * matches nothing, so timing does not tell which names exist. */
  ok = verify_secret (hash, secret != NULL ? secret : "") && row->user != NULL;

  if (!ok)
    {
      /* Already counted. */
      user_row_clear (row);
      if (delay > 0)
        set_throttled_error (error, username, delay);
      else if (kind == SECRET_PASSWORD)
        g_set_error (error, SC_ERROR, SC_ERROR_AUTH,
                     _("The username or password is incorrect."));
      else
        g_set_error (error, SC_ERROR, SC_ERROR_AUTH,
                     _("The username or recovery code is incorrect."));
      return FALSE;
    }

  if (!clear_failures (db, key, error))
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
  int rc;

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
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sc_db_set_error (db, error, _("Saving the password"));
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

  if (password == NULL || strlen (password) > SC_ACCOUNTS_PASSWORD_MAX_BYTES)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_AUTH,
                   _("The username or password is incorrect."));
      return NULL;
    }

  if (!authenticate (db, username, SECRET_PASSWORD, password, &row, error))
    return NULL;

  if (crypto_pwhash_str_needs_rehash (row.password_hash,
                                      crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *new_hash = hash_secret (password, &local_error);

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

  if (!sc_accounts_check_password (new_password, error))
    return FALSE;

  if (old_password == NULL || strlen (old_password) > SC_ACCOUNTS_PASSWORD_MAX_BYTES)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_AUTH,
                   _("The username or password is incorrect."));
      return FALSE;
    }

  if (!authenticate (db, username, SECRET_PASSWORD, old_password, &row, error))
    return FALSE;

  new_hash = hash_secret (new_password, error);
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
  int rc;

  g_return_val_if_fail (db != NULL, NULL);

  if (!sc_accounts_check_password (new_password, error) ||
      !sc_accounts_check_recovery_code (recovery_code, error))
    return NULL;

  normal = normalize_recovery_code (recovery_code);
  ok = authenticate (db, username, SECRET_RECOVERY_CODE, normal, &row, error);
  sc_accounts_free_secret (normal);
  if (!ok)
    return NULL;

  new_hash = hash_secret (new_password, error);
  if (new_hash == NULL)
    return NULL;

  new_code = generate_recovery_code (&new_normal);
  new_recovery_hash = hash_secret (new_normal, error);
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
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sc_db_set_error (db, error, _("Saving the password"));
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
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);

  if (password == NULL || strlen (password) > SC_ACCOUNTS_PASSWORD_MAX_BYTES)
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
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sc_db_set_error (db, error, _("Deleting the account"));
      sc_db_rollback (db);
      return FALSE;
    }

  key = username_key (row.user->username);
  if (!clear_failures (db, key, error))
    {
      sc_db_rollback (db);
      return FALSE;
    }

  return sc_db_commit (db, error);
}
