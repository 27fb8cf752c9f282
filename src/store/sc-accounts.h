/* sc-accounts.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sc-db.h"

G_BEGIN_DECLS

/* Local accounts for the people sharing one computer.
 *
 * Passwords and recovery codes are stored only as Argon2id hashes
 * (libsodium crypto_pwhash_str, interactive limits). Every failure is an
 * SC_ERROR GError with one translatable sentence:
 *   SC_ERROR_DATA     invalid input (username, email, password rules; name taken)
 *   SC_ERROR_AUTH     wrong username/password/recovery code, or throttled
 *   SC_ERROR_STORAGE  the database failed
 *
 * Throttling: after SC_ACCOUNTS_FREE_ATTEMPTS consecutive failures for one
 * username (known or not), attempts are refused (even with the right
 * password) for 30 s, doubling with each further failure up to 15 min.
 * Unknown usernames cost the same time as known ones.
 *
 * Functions taking a password never keep or log it; callers should wipe
 * their own copy (sodium_memzero) when done. */

#define SC_ACCOUNTS_FREE_ATTEMPTS      5
#define SC_ACCOUNTS_FIRST_DELAY        30      /* seconds */
#define SC_ACCOUNTS_MAX_DELAY          (15 * 60)

#define SC_TYPE_USER (sc_user_get_type ())

typedef struct _ScUser ScUser;

struct _ScUser
{
  gint64  id;           /* results are keyed by this */
  char   *username;     /* as registered (NFC), shown to people */
  char   *email;
  char   *created_at;   /* "YYYY-MM-DDTHH:MM:SSZ" */
  /*< private >*/
  gint    ref_count;
};

GType    sc_user_get_type (void) G_GNUC_CONST;
ScUser  *sc_user_ref      (ScUser *self);
void     sc_user_unref    (ScUser *self);

/* Usernames, email addresses and passwords follow sc_validate_username(),
 * sc_validate_email() and sc_validate_password() (src/domain), the rules
 * the sync server applies too. */
/* TRUE if the code has the shape of a recovery code (case, spaces and
 * dashes do not matter). */
gboolean sc_accounts_check_recovery_code (const char  *code,
                                          GError     **error);

/* FALSE with SC_ERROR_DATA if username is invalid or already taken
 * (ignoring case); FALSE with SC_ERROR_STORAGE if the database failed. */
gboolean sc_accounts_username_available (ScDb        *db,
                                         const char  *username,
                                         GError     **error);

/* Creates an account. Returns its recovery code ("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX",
 * 120 bits), to be shown once; free it with sc_accounts_free_secret().
 * out_user (nullable) receives the new user. */
char    *sc_accounts_register        (ScDb        *db,
                                      const char  *username,
                                      const char  *email,
                                      const char  *password,
                                      ScUser     **out_user,
                                      GError     **error);

/* Checks the password (throttled). Returns the user, or NULL with
 * SC_ERROR_AUTH. Upgrades the stored hash if libsodium's parameters grew. */
ScUser  *sc_accounts_login           (ScDb        *db,
                                      const char  *username,
                                      const char  *password,
                                      GError     **error);

/* Sets a new password after checking the old one (throttled). */
gboolean sc_accounts_change_password (ScDb        *db,
                                      const char  *username,
                                      const char  *old_password,
                                      const char  *new_password,
                                      GError     **error);

/* Sets a new password with the recovery code (throttled like a login) and
 * returns a new recovery code; the used code never works again. */
char    *sc_accounts_reset_password  (ScDb        *db,
                                      const char  *username,
                                      const char  *recovery_code,
                                      const char  *new_password,
                                      GError     **error);

/* Deletes the account and all its results after checking the password. */
gboolean sc_accounts_delete_user     (ScDb        *db,
                                      const char  *username,
                                      const char  *password,
                                      GError     **error);

/* The user by name (ignoring case), or NULL (error set to SC_ERROR_DATA if
 * unknown, SC_ERROR_STORAGE if the database failed). No password check:
 * for showing names, not for granting access. */
ScUser  *sc_accounts_lookup          (ScDb        *db,
                                      const char  *username,
                                      GError     **error);
/* All users, by name (element type ScUser, owned). NULL on error. */
GPtrArray *sc_accounts_list_users    (ScDb        *db,
                                      GError     **error);

/* Seconds until username may try again (0 if not throttled). */
gint64   sc_accounts_get_retry_delay (ScDb        *db,
                                      const char  *username);

/* Wipes and frees a recovery code or any other secret string. */
void     sc_accounts_free_secret     (char        *secret);

/* Replaces the wall clock used for throttling (microseconds since the
 * epoch, like g_get_real_time()); NULL restores it. For tests. */
typedef gint64 (*ScAccountsClock) (void);
void     sc_accounts_set_clock_for_testing (ScAccountsClock clock);

/* How many Argon2id verifications have run in this process, and whether the
 * hash unknown usernames are checked against costs what a real one costs.
 * Tests use them to show that a wrong name and a wrong password do the same
 * work, without timing anything. */
guint    sc_accounts_get_verify_count_for_testing (void);
gboolean sc_accounts_dummy_hash_is_current_for_testing (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScUser, sc_user_unref)

G_END_DECLS
