/* sc-accounts-hash.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <sodium.h>

#include "sc-accounts-private.h"
#include "sc-error.h"

/* Argon2id hashes of passwords and recovery codes (libsodium), and the
 * recovery codes themselves. */

/* Crockford's base32: no I, L, O or U, so codes survive being read aloud. */
static const char recovery_alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
#define RECOVERY_SYMBOLS 24     /* 24 × 5 = 120 bits */
#define RECOVERY_GROUP   4

/* An Argon2id hash (interactive limits) of a random password nobody knows:
 * unknown usernames are verified against it so they cost the same time. */
static const char dummy_hash[crypto_pwhash_STRBYTES] =
  "$argon2id$v=19$m=65536,t=2,p=1$1L0NOIXs4OIetmTZxjk6YQ$zEtPHDFGTb2XgzQMtsF4XUUjy/x0VgLensFj+ekpHgc";

static guint verify_count;

gboolean
_sc_accounts_ensure_sodium (GError **error)
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

char *
_sc_accounts_hash_secret (const char  *secret,
                          GError     **error)
{
  char hash[crypto_pwhash_STRBYTES];

  if (!_sc_accounts_ensure_sodium (error))
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

gboolean
_sc_accounts_verify_secret (const char *hash,
                            const char *secret)
{
  if (!_sc_accounts_ensure_sodium (NULL))
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
  if (!_sc_accounts_ensure_sodium (NULL))
    return FALSE;

  return crypto_pwhash_str_needs_rehash (dummy_hash,
                                         crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                         crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0;
}

gboolean
_sc_accounts_hash_needs_upgrade (const char *hash)
{
  return crypto_pwhash_str_needs_rehash (hash,
                                         crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                         crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0;
}

const char *
_sc_accounts_get_dummy_hash (void)
{
  return dummy_hash;
}

/* --- recovery codes ----------------------------------------------------- */

/* The code's symbols only, upper case, with the look-alikes O → 0 and
 * I, L → 1; NULL if it does not have the shape of a code. */
char *
_sc_accounts_normalize_recovery_code (const char *code)
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
  char *normal = _sc_accounts_normalize_recovery_code (code);

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
char *
_sc_accounts_generate_recovery_code (char **out_normal)
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
