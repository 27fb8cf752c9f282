/* sc-validate.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The one set of rules for what people type and what results carry,
 * shared by the app, the CLI, the store and stockcast-sync-server (GLib
 * only), so the client and the server cannot drift apart.
 *
 * Each sc_validate_*() returns TRUE if the value follows the rule, else
 * FALSE with an SC_ERROR_DATA error: one short sentence saying what to
 * change. None looks at a database or the network. */

#define SC_TICKER_MAX_BYTES      32
#define SC_USERNAME_MAX_CHARS    32
#define SC_EMAIL_MAX_BYTES       254
#define SC_MODEL_ID_MAX_BYTES    64
#define SC_PASSWORD_MIN_CHARS    8
#define SC_PASSWORD_MAX_BYTES    1024

/* 1 to SC_TICKER_MAX_BYTES ASCII letters, digits and ^ = . & _ - (Yahoo's
 * symbols: ^GSPC, EURUSD=X, BRK-B, M&M.NS); any case. */
gboolean  sc_validate_ticker    (const char  *ticker,
                                 GError     **error);
/* A valid ticker in the form it is stored and requested: upper case. */
char     *sc_ticker_normalize   (const char  *ticker);

/* 1 to SC_USERNAME_MAX_CHARS characters of UTF-8, no control characters,
 * no space at either end. */
gboolean  sc_validate_username  (const char  *username,
                                 GError     **error);
/* The form two usernames are compared in (case- and compatibility-
 * insensitive: NFKC, case fold, NFKC); NULL if username is NULL, empty
 * or not UTF-8. It does not check the length, so accounts made under an
 * older, looser limit can still be found. */
char     *sc_username_key       (const char  *username);

/* name@domain.tld, at most SC_EMAIL_MAX_BYTES, the local part at most 64. */
gboolean  sc_validate_email     (const char  *email,
                                 GError     **error);

/* SC_PASSWORD_MIN_CHARS characters to SC_PASSWORD_MAX_BYTES bytes of UTF-8. */
gboolean  sc_validate_password  (const char  *password,
                                 GError     **error);

/* A model descriptor's Id as results carry it: 1 to SC_MODEL_ID_MAX_BYTES
 * ASCII letters, digits, “-”, “_” or “.”. */
gboolean  sc_validate_model_id  (const char  *model_id,
                                 GError     **error);

G_END_DECLS
