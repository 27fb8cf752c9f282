/* sc-accounts-private.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sc-accounts.h"

G_BEGIN_DECLS

/* Shared by the account files: sc-accounts.c (users), -hash.c
 * and -throttle.c. */

/* hashing */
gboolean  _sc_accounts_ensure_sodium         (GError     **error);
char     *_sc_accounts_hash_secret           (const char  *secret,
                                              GError     **error);
gboolean  _sc_accounts_verify_secret         (const char  *hash,
                                              const char  *secret);
/* TRUE if hash was made with weaker parameters than libsodium's current
 * interactive limits. */
gboolean  _sc_accounts_hash_needs_upgrade    (const char  *hash);
/* The hash unknown usernames are verified against. */
const char *_sc_accounts_get_dummy_hash      (void);
/* The code's symbols only (upper case, look-alikes mapped), to hash; NULL
 * if it does not have the shape of a code. Free with
 * sc_accounts_free_secret(). */
char     *_sc_accounts_normalize_recovery_code (const char *code);
/* Returns the grouped code and its normalised form (to hash). */
char     *_sc_accounts_generate_recovery_code  (char      **out_normal);

/* throttling */
gint64    _sc_accounts_now_seconds           (void);
gboolean  _sc_accounts_reserve_attempt       (ScDb        *db,
                                              const char  *key,
                                              gint64      *out_locked_for,
                                              gint64      *out_delay,
                                              GError     **error);
gboolean  _sc_accounts_clear_failures        (ScDb        *db,
                                              const char  *key,
                                              GError     **error);
void      _sc_accounts_set_throttled_error   (GError     **error,
                                              const char  *username,
                                              gint64       delay);

G_END_DECLS
