/* test-accounts.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE  /* memmem */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sodium.h>

#include "sc-accounts.h"
#include "sc-db-private.h"
#include "sc-error.h"
#include "sc-test-util.h"

static const char password[] = "correct horse battery";

/* A fresh database file per test. */
static ScDb *
open_fresh_db (void)
{
  static guint counter;
  g_autofree char *name = g_strdup_printf ("accounts-%u.db", ++counter);
  g_autofree char *path = g_build_filename (sc_test_get_tmpdir (), name, NULL);
  g_autoptr(GError) error = NULL;
  ScDb *db;

  db = sc_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  return db;
}

static ScUser *
register_user (ScDb       *db,
               const char *username,
               const char *email,
               char      **out_code)
{
  g_autoptr(GError) error = NULL;
  ScUser *user = NULL;
  char *code;

  code = sc_accounts_register (db, username, email, password, &user, &error);
  g_assert_no_error (error);
  g_assert_nonnull (code);
  g_assert_nonnull (user);
  if (out_code != NULL)
    *out_code = code;
  else
    sc_accounts_free_secret (code);
  return user;
}

static void
assert_invalid (gboolean     (*check) (const char *, GError **),
                const char    *value,
                const char    *message)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (check (value, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_DATA);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
}

static void
assert_valid (gboolean   (*check) (const char *, GError **),
              const char  *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (check (value, &error));
  g_assert_no_error (error);
}

static void
test_recovery_code_shape (void)
{
  assert_valid (sc_accounts_check_recovery_code, "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01");
  assert_valid (sc_accounts_check_recovery_code, "abcd efgh jkmn pqrs tvwx yz01");
  assert_valid (sc_accounts_check_recovery_code, "ABCDEFGHJKMNPQRSTVWXYZ01");
  assert_invalid (sc_accounts_check_recovery_code, "ABCD-EFGH-JKMN-PQRS-TVWX",
                  "A recovery code looks like XXXX-XXXX-XXXX-XXXX-XXXX-XXXX.");
  assert_invalid (sc_accounts_check_recovery_code, "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2", NULL);
  assert_invalid (sc_accounts_check_recovery_code, "ABCD-EFGH-JKMN-PQRS-TVWX-YZU1", NULL);
  assert_invalid (sc_accounts_check_recovery_code, "", NULL);
}

static char *
read_whole (const char *path)
{
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  return contents;
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  return memmem (contents, length, needle, strlen (needle)) != NULL;
}

static void
test_register_and_store (void)
{
  g_autoptr(ScDb) db = open_fresh_db ();
  g_autoptr(ScUser) user = NULL;
  g_autoptr(ScUser) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup (sc_db_get_path (db));
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  char *code = NULL;
  sqlite3_stmt *stmt;
  int rows = 0;

  user = register_user (db, "Zoë", "Zoe@Example.org", &code);
  g_assert_cmpint (user->id, >, 0);
  g_assert_cmpstr (user->username, ==, "Zoë");
  g_assert_cmpstr (user->email, ==, "Zoe@Example.org");
  g_assert_true (g_str_has_suffix (user->created_at, "Z"));

  /* 6 groups of 4 from Crockford's alphabet: 120 bits. */
  g_assert_cmpuint (strlen (code), ==, 29);
  for (guint i = 0; i < 29; i++)
    {
      if (i % 5 == 4)
        g_assert_cmpint (code[i], ==, '-');
      else
        g_assert_nonnull (strchr ("0123456789ABCDEFGHJKMNPQRSTVWXYZ", code[i]));
    }

  stmt = sc_db_prepare (db, "SELECT password_hash, recovery_hash FROM users", &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *hash = (const char *) sqlite3_column_text (stmt, 0);
      const char *rhash = (const char *) sqlite3_column_text (stmt, 1);

      rows++;
      g_assert_true (g_str_has_prefix (hash, "$argon2id$v=19$m=65536,t=2,p=1$"));
      g_assert_true (g_str_has_prefix (rhash, "$argon2id$v=19$m=65536,t=2,p=1$"));
      g_assert_cmpint (crypto_pwhash_str_needs_rehash (hash, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                                       crypto_pwhash_MEMLIMIT_INTERACTIVE), ==, 0);
      g_assert_cmpint (crypto_pwhash_str_verify (hash, password, strlen (password)), ==, 0);
    }
  sqlite3_reset (stmt);
  g_assert_cmpint (rows, ==, 1);

  /* Unique ignoring case, for names and addresses. */
  g_assert_null (sc_accounts_register (db, "ZOË", "other@example.org", password, NULL, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_DATA);
  g_assert_cmpstr (error->message, ==, "The username “ZOË” is already taken.");
  g_clear_error (&error);
  g_assert_null (sc_accounts_register (db, "zoe2", "zoe@example.ORG", password, NULL, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_DATA);
  g_assert_cmpstr (error->message, ==, "The email address zoe@example.ORG already belongs to an account.");
  g_clear_error (&error);
  g_assert_false (sc_accounts_username_available (db, "zoË", &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_DATA);
  g_clear_error (&error);
  g_assert_true (sc_accounts_username_available (db, "zoe", &error));
  g_assert_no_error (error);

  /* Invalid input is refused before anything is stored. */
  g_assert_null (sc_accounts_register (db, "bob", "bob@example.org", "short", NULL, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_DATA);
  g_clear_error (&error);
  g_assert_null (sc_accounts_register (db, "bob ", "bob@example.org", password, NULL, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_DATA);
  g_clear_error (&error);

  again = sc_accounts_login (db, "zoË", password, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again->id, ==, user->id);

  /* Neither the password nor the recovery code is anywhere on disk. */
  g_clear_pointer (&db, sc_db_unref);
  g_assert_false (file_contains (path, password));
  g_assert_false (file_contains (wal, password));
  {
    g_autofree char *normal = NULL;
    g_auto(GStrv) groups = g_strsplit (code, "-", -1);

    normal = g_strjoinv ("", groups);
    g_assert_false (file_contains (path, code));
    g_assert_false (file_contains (wal, code));
    g_assert_false (file_contains (path, normal));
    g_assert_false (file_contains (wal, normal));
  }
  g_assert_true (file_contains (path, "$argon2id$") || file_contains (wal, "$argon2id$"));
  g_free (read_whole (path));
  sc_accounts_free_secret (code);
}

static void
test_login_failures (void)
{
  g_autoptr(ScDb) db = open_fresh_db ();
  g_autoptr(ScUser) user = register_user (db, "alice", "alice@example.org", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = NULL;

  g_assert_null (sc_accounts_login (db, "alice", "wrong password", &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_AUTH);
  g_assert_cmpstr (error->message, ==, "The username or password is incorrect.");
  g_clear_error (&error);

  /* Unknown users get the same answer. */
  g_assert_null (sc_accounts_login (db, "mallory", password, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_AUTH);
  g_assert_cmpstr (error->message, ==, "The username or password is incorrect.");
  g_clear_error (&error);

  g_assert_null (sc_accounts_login (db, "alice", NULL, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_AUTH);
  g_clear_error (&error);

  g_assert_null (sc_accounts_login (db, "", password, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_DATA);
  g_clear_error (&error);

  users = sc_accounts_list_users (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (users->len, ==, 1);
  g_assert_cmpstr (((ScUser *) users->pdata[0])->username, ==, "alice");
}

static void
test_change_password (void)
{
  g_autoptr(ScDb) db = open_fresh_db ();
  g_autoptr(ScUser) user = register_user (db, "carol", "carol@example.org", NULL);
  g_autoptr(ScUser) signed_in = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (sc_accounts_change_password (db, "carol", "not the password", "new passphrase", &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_AUTH);
  g_clear_error (&error);

  g_assert_false (sc_accounts_change_password (db, "carol", password, "short", &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_DATA);
  g_clear_error (&error);

  g_assert_true (sc_accounts_change_password (db, "CAROL", password, "new passphrase", &error));
  g_assert_no_error (error);

  g_assert_null (sc_accounts_login (db, "carol", password, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_AUTH);
  g_clear_error (&error);

  signed_in = sc_accounts_login (db, "carol", "new passphrase", &error);
  g_assert_no_error (error);
  g_assert_cmpint (signed_in->id, ==, user->id);
}

static void
test_reset_password (void)
{
  g_autoptr(ScDb) db = open_fresh_db ();
  g_autoptr(ScUser) user = NULL;
  g_autoptr(ScUser) signed_in = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *lower = NULL;
  char *code = NULL;
  char *code2 = NULL;
  char *code3 = NULL;

  user = register_user (db, "dave", "dave@example.org", &code);

  /* Wrong code. */
  g_assert_null (sc_accounts_reset_password (db, "dave", "0000-0000-0000-0000-0000-0000",
                                             "brand new pass", &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_AUTH);
  g_assert_cmpstr (error->message, ==, "The username or recovery code is incorrect.");
  g_clear_error (&error);

  /* Right code, bad new password: nothing used up. */
  g_assert_null (sc_accounts_reset_password (db, "dave", code, "short", &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_DATA);
  g_clear_error (&error);

  /* Case and dashes do not matter. */
  lower = g_ascii_strdown (code, -1);
  for (char *p = lower; *p; p++)
    if (*p == '-')
      *p = ' ';
  code2 = sc_accounts_reset_password (db, "Dave", lower, "brand new pass", &error);
  g_assert_no_error (error);
  g_assert_nonnull (code2);
  g_assert_cmpstr (code2, !=, code);
  g_assert_true (sc_accounts_check_recovery_code (code2, NULL));

  signed_in = sc_accounts_login (db, "dave", "brand new pass", &error);
  g_assert_no_error (error);
  g_assert_cmpint (signed_in->id, ==, user->id);
  g_clear_pointer (&signed_in, sc_user_unref);
  g_assert_null (sc_accounts_login (db, "dave", password, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_AUTH);
  g_clear_error (&error);

  /* A used code never works again. */
  g_assert_null (sc_accounts_reset_password (db, "dave", code, "another pass!", &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_AUTH);
  g_clear_error (&error);

  /* The new one does, once. */
  code3 = sc_accounts_reset_password (db, "dave", code2, "third password", &error);
  g_assert_no_error (error);
  g_assert_nonnull (code3);
  g_assert_null (sc_accounts_reset_password (db, "dave", code2, "fourth password", &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_AUTH);
  g_clear_error (&error);

  signed_in = sc_accounts_login (db, "dave", "third password", &error);
  g_assert_no_error (error);

  sc_accounts_free_secret (code);
  sc_accounts_free_secret (code2);
  sc_accounts_free_secret (code3);
}

static void
test_delete_user (void)
{
  g_autoptr(ScDb) db = open_fresh_db ();
  g_autoptr(ScUser) user = register_user (db, "erin", "erin@example.org", NULL);
  g_autoptr(ScUser) again = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (sc_accounts_delete_user (db, "erin", "wrong password", &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_AUTH);
  g_clear_error (&error);

  g_assert_true (sc_accounts_delete_user (db, "ERIN", password, &error));
  g_assert_no_error (error);

  g_assert_null (sc_accounts_lookup (db, "erin", &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_DATA);
  g_clear_error (&error);

  /* The name and address are free again. */
  again = register_user (db, "erin", "erin@example.org", NULL);
  g_assert_cmpint (again->id, !=, 0);
}

static void
test_rehash (void)
{
  g_autoptr(ScDb) db = open_fresh_db ();
  g_autoptr(ScUser) user = register_user (db, "frank", "frank@example.org", NULL);
  g_autoptr(ScUser) signed_in = NULL;
  g_autoptr(GError) error = NULL;
  char old_hash[crypto_pwhash_STRBYTES];
  sqlite3_stmt *stmt;
  const char *hash;

  /* An older, weaker hash (Argon2i, fewer passes) as an old version of
   * libsodium or Stockcast might have written. */
  g_assert_cmpint (crypto_pwhash_str_alg (old_hash, password, strlen (password), 3,
                                          8 * 1024 * 1024, crypto_pwhash_ALG_ARGON2I13), ==, 0);
  g_assert_true (g_str_has_prefix (old_hash, "$argon2i$"));

  stmt = sc_db_prepare (db, "UPDATE users SET password_hash = ?1", &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, old_hash, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_reset (stmt);

  signed_in = sc_accounts_login (db, "frank", password, &error);
  g_assert_no_error (error);

  stmt = sc_db_prepare (db, "SELECT password_hash FROM users", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  hash = (const char *) sqlite3_column_text (stmt, 0);
  g_assert_true (g_str_has_prefix (hash, "$argon2id$v=19$m=65536,t=2,p=1$"));
  g_assert_cmpint (crypto_pwhash_str_verify (hash, password, strlen (password)), ==, 0);
  sqlite3_reset (stmt);
}

/* --- throttling --------------------------------------------------------- */

static gint64 fake_now;

static gint64
fake_clock (void)
{
  return fake_now;
}

static void
advance (gint64 seconds)
{
  fake_now += seconds * G_USEC_PER_SEC;
}

static void
assert_throttled (ScDb       *db,
                  const char *username,
                  const char *attempt,
                  const char *message)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (sc_accounts_login (db, username, attempt, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_AUTH);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
}

static void
fail_login (ScDb       *db,
            const char *username)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (sc_accounts_login (db, username, "wrong password", &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_AUTH);
}

static void
check_throttling (const char *username,
                  gboolean    exists)
{
  g_autoptr(ScDb) db = open_fresh_db ();
  g_autoptr(ScUser) user = NULL;
  g_autoptr(ScUser) signed_in = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *msg30 = g_strdup_printf ("Too many failed attempts for “%s”; try again in 30 seconds.", username);
  g_autofree char *msg29 = g_strdup_printf ("Too many failed attempts for “%s”; try again in 29 seconds.", username);
  g_autofree char *msg60 = g_strdup_printf ("Too many failed attempts for “%s”; try again in 60 seconds.", username);
  g_autofree char *msg2m = g_strdup_printf ("Too many failed attempts for “%s”; try again in 2 minutes.", username);
  g_autofree char *msg15 = g_strdup_printf ("Too many failed attempts for “%s”; try again in 15 minutes.", username);
  gint64 delays[] = { 120, 240, 480, 900, 900 };

  fake_now = G_GINT64_CONSTANT (1800000000) * G_USEC_PER_SEC;
  sc_accounts_set_clock_for_testing (fake_clock);

  if (exists)
    user = register_user (db, username, "grace@example.org", NULL);

  /* Four failures are free... */
  for (int i = 0; i < 4; i++)
    {
      g_autoptr(GError) local_error = NULL;

      g_assert_null (sc_accounts_login (db, username, "wrong password", &local_error));
      g_assert_cmpstr (local_error->message, ==, "The username or password is incorrect.");
    }
  g_assert_cmpint (sc_accounts_get_retry_delay (db, username), ==, 0);

  /* ...the fifth locks for 30 s, even for the right password. */
  assert_throttled (db, username, "wrong password", msg30);
  g_assert_cmpint (sc_accounts_get_retry_delay (db, username), ==, 30);
  assert_throttled (db, username, password, msg30);
  advance (1);
  assert_throttled (db, username, password, msg29);
  advance (28);
  assert_throttled (db, username, password, NULL);
  g_assert_cmpint (sc_accounts_get_retry_delay (db, username), ==, 1);
  advance (1);
  g_assert_cmpint (sc_accounts_get_retry_delay (db, username), ==, 0);

  /* Each further failure doubles the delay, up to 15 minutes. */
  assert_throttled (db, username, "wrong password", msg60);
  advance (59);
  assert_throttled (db, username, password, NULL);
  advance (1);
  assert_throttled (db, username, "wrong password", msg2m);
  for (guint i = 0; i < G_N_ELEMENTS (delays); i++)
    {
      g_assert_cmpint (sc_accounts_get_retry_delay (db, username), ==, delays[i]);
      advance (delays[i]);
      fail_login (db, username);
    }
  assert_throttled (db, username, password, msg15);
  g_assert_cmpint (sc_accounts_get_retry_delay (db, username), ==, 900);

  /* The other names are not affected. */
  g_assert_cmpint (sc_accounts_get_retry_delay (db, "someone-else"), ==, 0);

  advance (900);
  signed_in = sc_accounts_login (db, username, password, &error);
  if (exists)
    {
      g_assert_no_error (error);
      g_assert_nonnull (signed_in);

      /* Success starts the count afresh. */
      for (int i = 0; i < 4; i++)
        fail_login (db, username);
      g_assert_cmpint (sc_accounts_get_retry_delay (db, username), ==, 0);
    }
  else
    {
      g_assert_error (error, SC_ERROR, SC_ERROR_AUTH);
      g_assert_cmpstr (error->message, ==, msg15);
    }

  sc_accounts_set_clock_for_testing (NULL);
}

static void
test_throttling_known (void)
{
  check_throttling ("grace", TRUE);
}

static void
test_throttling_unknown (void)
{
  /* Same behaviour for a name that does not exist, so the answers do not
   * tell which names do. */
  check_throttling ("nobody", FALSE);
}

static void
test_throttling_other_paths (void)
{
  g_autoptr(ScDb) db = open_fresh_db ();
  g_autoptr(ScUser) user = NULL;
  g_autoptr(GError) error = NULL;
  char *code = NULL;

  fake_now = G_GINT64_CONSTANT (1800000000) * G_USEC_PER_SEC;
  sc_accounts_set_clock_for_testing (fake_clock);

  user = register_user (db, "heidi", "heidi@example.org", &code);

  /* Recovery-code guesses count as failures too. */
  for (int i = 0; i < 5; i++)
    {
      g_assert_null (sc_accounts_reset_password (db, "heidi", "0000-0000-0000-0000-0000-0000",
                                                 "brand new pass", &error));
      g_assert_error (error, SC_ERROR, SC_ERROR_AUTH);
      g_clear_error (&error);
    }

  g_assert_null (sc_accounts_reset_password (db, "heidi", code, "brand new pass", &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "try again in 30 seconds"));
  g_clear_error (&error);
  g_assert_false (sc_accounts_change_password (db, "heidi", password, "brand new pass", &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_AUTH);
  g_clear_error (&error);
  g_assert_false (sc_accounts_delete_user (db, "heidi", password, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_AUTH);
  g_clear_error (&error);

  advance (30);
  g_assert_true (sc_accounts_change_password (db, "heidi", password, "brand new pass", &error));
  g_assert_no_error (error);

  sc_accounts_free_secret (code);
  sc_accounts_set_clock_for_testing (NULL);
}

/* Counts the Argon2id verifications one failed sign-in runs. */
static guint
verifications_for_login (ScDb       *db,
                         const char *username)
{
  g_autoptr(GError) error = NULL;
  guint before = sc_accounts_get_verify_count_for_testing ();

  g_assert_null (sc_accounts_login (db, username, "wrong password", &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_AUTH);

  return sc_accounts_get_verify_count_for_testing () - before;
}

typedef struct
{
  char   *path;
  GError *error;
} ParallelLogin;

static gpointer
run_parallel_login (gpointer data)
{
  ParallelLogin *login = data;
  g_autoptr(ScDb) db = sc_db_open (login->path, &login->error);

  if (db != NULL)
    g_assert_null (sc_accounts_login (db, "petra", "wrong password", &login->error));
  return NULL;
}

/* Twenty wrong passwords at once, each on its own connection as parallel
 * `stockcast account login` processes would be: the attempt is counted and
 * the lock checked in one write transaction before the password is, so
 * at most the free attempts are verified. */
static void
test_throttling_parallel (void)
{
  g_autoptr(ScDb) db = open_fresh_db ();
  g_autoptr(ScUser) user = register_user (db, "petra", "petra@example.org", NULL);
  ParallelLogin logins[20];
  GThread *threads[G_N_ELEMENTS (logins)];
  guint before = sc_accounts_get_verify_count_for_testing ();
  guint checked;

  for (guint i = 0; i < G_N_ELEMENTS (logins); i++)
    {
      logins[i] = (ParallelLogin) { g_strdup (sc_db_get_path (db)), NULL };
      threads[i] = g_thread_new ("login", run_parallel_login, &logins[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (logins); i++)
    {
      g_thread_join (threads[i]);
      g_assert_error (logins[i].error, SC_ERROR, SC_ERROR_AUTH);
      g_clear_error (&logins[i].error);
      g_free (logins[i].path);
    }

  checked = sc_accounts_get_verify_count_for_testing () - before;
  g_test_message ("%u of 20 parallel wrong sign-ins checked", checked);
  g_assert_cmpuint (checked, <=, SC_ACCOUNTS_FREE_ATTEMPTS);
  g_assert_cmpuint (checked, >=, 1);
}

static void
test_unknown_user_timing (void)
{
  g_autoptr(ScDb) db = open_fresh_db ();
  g_autoptr(ScUser) user = register_user (db, "ivan", "ivan@example.org", NULL);

  /* A wrong password for a real user and any password for a name nobody
   * has both run exactly one verification, against hashes of the same
   * cost, so the time taken does not tell which names exist. */
  g_assert_cmpuint (verifications_for_login (db, "ivan"), ==, 1);
  g_assert_cmpuint (verifications_for_login (db, "nobody-here"), ==, 1);
  g_assert_true (sc_accounts_dummy_hash_is_current_for_testing ());
}

static void
test_injection_usernames (void)
{
  g_autoptr(ScDb) db = open_fresh_db ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = NULL;
  const char *names[] = {
    "x'; DROP TABLE users; --",
    "Robert\"); DELETE FROM users;",
    "' OR '1'='1",
    "%_\\",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *email = g_strdup_printf ("user%u@example.org", i);
      g_autoptr(ScUser) user = register_user (db, names[i], email, NULL);
      g_autoptr(ScUser) signed_in = sc_accounts_login (db, names[i], password, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (signed_in->username, ==, names[i]);
    }

  /* "' OR '1'='1" must not sign anyone else in. */
  g_assert_null (sc_accounts_login (db, "' OR 1=1 --", password, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_AUTH);
  g_clear_error (&error);

  users = sc_accounts_list_users (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (users->len, ==, G_N_ELEMENTS (names));
}

/* --- migrations --------------------------------------------------------- */

static void
test_migrations (void)
{
  int latest = sc_db_latest_version ();

  g_assert_cmpint (latest, >=, 1);

  for (int from = 0; from < latest; from++)
    {
      g_autofree char *name = g_strdup_printf ("migrate-from-%d.db", from);
      g_autofree char *path = g_build_filename (sc_test_get_tmpdir (), name, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(ScDb) db = NULL;
      g_autoptr(ScUser) user = NULL;

      sc_db_set_target_version_for_testing (from);
      db = sc_db_open (path, &error);
      sc_db_set_target_version_for_testing (-1);
      g_assert_no_error (error);
      g_assert_cmpint (sc_db_get_version (db), ==, from);
      if (from >= 1)
        user = register_user (db, "olga", "olga@example.org", NULL);
      g_clear_pointer (&db, sc_db_unref);

      db = sc_db_open (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (sc_db_get_version (db), ==, latest);
      sc_test_db_assert_integrity (db);
      g_assert_cmpint (sc_test_db_query_int (db, "SELECT count(*) FROM results"), ==, 0);
      g_assert_cmpint (sc_test_db_query_int (db, "SELECT count(*) FROM users"), ==, from >= 1 ? 1 : 0);

      if (from >= 1)
        {
          g_autoptr(ScUser) signed_in = sc_accounts_login (db, "olga", password, &error);

          g_assert_no_error (error);
          g_assert_cmpint (signed_in->id, ==, user->id);
        }
      else
        {
          g_autoptr(ScUser) created = register_user (db, "olga", "olga@example.org", NULL);
        }

      /* Opening again changes nothing. */
      g_clear_pointer (&db, sc_db_unref);
      db = sc_db_open (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (sc_db_get_version (db), ==, latest);
    }
}

static void
test_newer_schema_refused (void)
{
  g_autofree char *path = g_build_filename (sc_test_get_tmpdir (), "newer.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScDb) db = NULL;
  g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %d", sc_db_latest_version () + 1);

  db = sc_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (sc_db_exec (db, pragma, &error));
  g_clear_pointer (&db, sc_db_unref);

  db = sc_db_open (path, &error);
  g_assert_null (db);
  g_assert_error (error, SC_ERROR, SC_ERROR_STORAGE);
}

/* A negative user_version is named as such, not "(not an error)". */
static void
test_negative_schema_refused (void)
{
  g_autofree char *path = g_build_filename (sc_test_get_tmpdir (), "negative.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScDb) db = NULL;

  db = sc_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (sc_db_exec (db, "PRAGMA user_version = -1", &error));
  g_clear_pointer (&db, sc_db_unref);

  db = sc_db_open (path, &error);
  g_assert_null (db);
  g_assert_error (error, SC_ERROR, SC_ERROR_STORAGE);
  g_assert_nonnull (strstr (error->message, "(-1)"));
  g_assert_null (strstr (error->message, "not an error"));
}

int
main (int   argc,
      char *argv[])
{
  sc_test_init (&argc, &argv);
  g_assert_cmpint (sodium_init (), >=, 0);

  g_test_add_func ("/store/accounts/rules/recovery-code", test_recovery_code_shape);
  g_test_add_func ("/store/accounts/register", test_register_and_store);
  g_test_add_func ("/store/accounts/login-failures", test_login_failures);
  g_test_add_func ("/store/accounts/change-password", test_change_password);
  g_test_add_func ("/store/accounts/reset-password", test_reset_password);
  g_test_add_func ("/store/accounts/delete", test_delete_user);
  g_test_add_func ("/store/accounts/rehash", test_rehash);
  g_test_add_func ("/store/accounts/throttling/known", test_throttling_known);
  g_test_add_func ("/store/accounts/throttling/unknown", test_throttling_unknown);
  g_test_add_func ("/store/accounts/throttling/other-paths", test_throttling_other_paths);
  g_test_add_func ("/store/accounts/throttling/unknown-user-timing", test_unknown_user_timing);
  g_test_add_func ("/store/accounts/throttling/parallel", test_throttling_parallel);
  g_test_add_func ("/store/accounts/injection", test_injection_usernames);
  g_test_add_func ("/store/db/migrations", test_migrations);
  g_test_add_func ("/store/db/newer-schema", test_newer_schema_refused);
  g_test_add_func ("/store/db/negative-schema", test_negative_schema_refused);

  return g_test_run ();
}
