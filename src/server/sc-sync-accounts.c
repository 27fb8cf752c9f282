/* sc-sync-accounts.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <sodium.h>

#include "sc-sync-server-private.h"
#include "sc-sync-store.h"
#include "sc-validate.h"

/* The account handlers: registering, signing in and out, changing the
 * password and deleting the account (docs/sync-api.md). */

#define TOKEN_BYTES     32      /* 256 bits */
#define REGISTRATION_WINDOW 3600

static const char *
client_address (ScSyncServer *self,
                Exchange     *ex)
{
  /* The last entry is the one our own proxy appended. */
  if (_sc_sync_server_get_config (self)->trust_forwarded_for && ex->forwarded_for != NULL)
    {
      const char *last = strrchr (ex->forwarded_for, ',');
      const char *address = last ? last + 1 : ex->forwarded_for;

      while (*address == ' ')
        address++;
      return address;
    }

  return ex->remote_host ? ex->remote_host : "unknown";
}

static const char *
get_member_string (JsonNode   *root,
                   const char *name)
{
  JsonNode *node = json_object_get_member (json_node_get_object (root), name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* 429, to try again after retry_after seconds. */
static void
reply_throttled (Exchange   *ex,
                 gint64      retry_after,
                 const char *message)
{
  g_autofree char *retry = g_strdup_printf ("%" G_GINT64_FORMAT, retry_after);

  _sc_sync_server_set_header (ex, "Retry-After", retry);
  _sc_sync_server_reply_error (ex, 429 /* Too Many Requests */, message);
}

/* Argon2id; replies 503 and returns FALSE when it fails. */
static gboolean
hash_password (Exchange   *ex,
               const char *password,
               char        hash[crypto_pwhash_STRBYTES])
{
  if (crypto_pwhash_str (hash, password, strlen (password),
                         crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0)
    return TRUE;

  g_warning ("Hashing a password failed (out of memory?)");
  _sc_sync_server_reply_error (ex, SOUP_STATUS_SERVICE_UNAVAILABLE, "The server is busy; try again later.");
  return FALSE;
}

/* POST /accounts: registers a new user. */
void
_sc_sync_server_handle_accounts (ScSyncServer *self,
                                 Exchange     *ex)
{
  const ScSyncServerConfig *config = _sc_sync_server_get_config (self);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *key = NULL;
  g_autofree char *stored_hash = NULL;
  g_autofree char *address_key = NULL;
  const char *username, *email, *password;
  char hash[crypto_pwhash_STRBYTES];
  gint64 retry_after = 0;
  gboolean taken = FALSE;
  gint64 user_id;
  ScSyncDb *db;

  if (strcmp (ex->method, "POST") != 0)
    {
      _sc_sync_server_reply_method_not_allowed (ex, "POST");
      return;
    }

  if ((root = _sc_sync_server_parse_body (self, ex)) == NULL)
    return;

  username = get_member_string (root, "username");
  email = get_member_string (root, "email");
  password = get_member_string (root, "password");

  /* The client's rules (src/domain), so what one side accepts the other
   * does too. */
  if (!sc_validate_username (username, &error) ||
      !sc_validate_email (email, &error) ||
      !sc_validate_password (password, &error))
    {
      _sc_sync_server_reply_error (ex, SOUP_STATUS_BAD_REQUEST, error->message);
      return;
    }
  key = sc_username_key (username);

  /* Registrations per address are limited, so nobody can fill the
   * database or probe which usernames exist (409) at speed. A cheap check
   * then, so a taken name costs no hashing; the insert checks again. */
  address_key = g_strconcat ("register:", client_address (self, ex), NULL);
  if ((db = _sc_sync_server_acquire (self, ex)) == NULL)
    return;
  if (config->max_registrations > 0 &&
      !sc_sync_store_count_attempt (db, address_key, _sc_sync_server_now (), config->max_registrations,
                                    REGISTRATION_WINDOW, &retry_after, &error))
    {
      _sc_sync_server_release (self, db);
      _sc_sync_server_reply_storage_error (ex, error);
      return;
    }
  if (retry_after > 0)
    {
      _sc_sync_server_release (self, db);
      g_message ("Registration throttled (address)");
      reply_throttled (ex, retry_after, "Too many new accounts from this address; try again later.");
      return;
    }
  if (!sc_sync_store_find_user (db, key, &user_id, &stored_hash, &error))
    {
      _sc_sync_server_release (self, db);
      _sc_sync_server_reply_storage_error (ex, error);
      return;
    }
  _sc_sync_server_release (self, db);
  if (user_id != 0)
    {
      _sc_sync_server_reply_error (ex, SOUP_STATUS_CONFLICT, "This username is taken.");
      return;
    }

  /* Hashing takes a while: no connection is held meanwhile. */
  if (!hash_password (ex, password, hash))
    return;

  if ((db = _sc_sync_server_acquire (self, ex)) == NULL)
    return;
  if (!sc_sync_store_create_user (db, username, key, email, hash, _sc_sync_server_now (), &taken, &error))
    {
      _sc_sync_server_release (self, db);
      _sc_sync_server_reply_storage_error (ex, error);
      return;
    }
  _sc_sync_server_release (self, db);

  if (taken)
    {
      _sc_sync_server_reply_error (ex, SOUP_STATUS_CONFLICT, "This username is taken.");
      return;
    }

  g_message ("Account created for a new user");
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "username");
  json_builder_add_string_value (builder, username);
  json_builder_end_object (builder);
  _sc_sync_server_reply_builder (ex, SOUP_STATUS_CREATED, builder);
}

static void
sign_in (ScSyncServer *self,
         Exchange     *ex)
{
  const ScSyncServerConfig *config = _sc_sync_server_get_config (self);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GDateTime) expires = NULL;
  g_autofree char *key = NULL;
  g_autofree char *account_key = NULL;
  g_autofree char *address_key = NULL;
  g_autofree char *stored_hash = NULL;
  g_autofree char *token = NULL;
  g_autofree char *token_hash = NULL;
  g_autofree char *expires_text = NULL;
  const char *username, *password;
  gint64 retry_account = 0, retry_address = 0, user_id = 0, now = _sc_sync_server_now ();
  guchar raw[TOKEN_BYTES];
  gsize token_size;
  gboolean ok;
  ScSyncDb *db;

  if ((root = _sc_sync_server_parse_body (self, ex)) == NULL)
    return;

  username = get_member_string (root, "username");
  password = get_member_string (root, "password");
  /* Only the key: an account made under an older, longer limit can still
   * sign in. */
  key = sc_username_key (username);
  if (key == NULL || password == NULL || strlen (password) > SC_PASSWORD_MAX_BYTES)
    {
      _sc_sync_server_reply_error (ex, SOUP_STATUS_BAD_REQUEST, "Give a username and a password.");
      return;
    }

  account_key = g_strconcat ("user:", key, NULL);
  address_key = g_strconcat ("addr:", client_address (self, ex), NULL);

  /* Every attempt is counted before it is checked, in one atomic step:
   * of many parallel attempts only the allowed number get checked. A
   * successful one is taken back below. */
  if ((db = _sc_sync_server_acquire (self, ex)) == NULL)
    return;
  ok = sc_sync_store_count_attempt (db, account_key, now, config->max_account_failures,
                                    config->failure_window, &retry_account, &error) &&
       sc_sync_store_count_attempt (db, address_key, now, config->max_address_failures,
                                    config->failure_window, &retry_address, &error) &&
       sc_sync_store_find_user (db, key, &user_id, &stored_hash, &error);
  /* A refused attempt checks nothing: it does not count. */
  if (ok && (retry_account > 0 || retry_address > 0))
    ok = sc_sync_store_uncount_attempt (db, account_key, &error) &&
         sc_sync_store_uncount_attempt (db, address_key, &error);
  _sc_sync_server_release (self, db);
  if (!ok)
    {
      _sc_sync_server_reply_storage_error (ex, error);
      return;
    }

  if (retry_account > 0 || retry_address > 0)
    {
      g_message ("Login throttled (%s)", retry_account > 0 ? "account" : "address");
      reply_throttled (ex, MAX (retry_account, retry_address),
                       "Too many failed sign-ins; wait a while and try again.");
      return;
    }

  /* Unknown users cost the same time as known ones. */
  ok = crypto_pwhash_str_verify (stored_hash ? stored_hash : _sc_sync_server_get_dummy_hash (self),
                                 password, strlen (password)) == 0 && user_id != 0;

  if ((db = _sc_sync_server_acquire (self, ex)) == NULL)
    return;

  if (!ok)
    {
      /* Already counted. */
      _sc_sync_server_release (self, db);
      _sc_sync_server_set_header (ex, "WWW-Authenticate", "Bearer");
      _sc_sync_server_reply_error (ex, SOUP_STATUS_UNAUTHORIZED, "Wrong username or password.");
      return;
    }

  randombytes_buf (raw, sizeof raw);
  token_size = sodium_base64_ENCODED_LEN (sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  token = g_malloc (token_size);
  sodium_bin2base64 (token, token_size, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero (raw, sizeof raw);
  token_hash = _sc_sync_server_hash_token (token);

  now = _sc_sync_server_now ();
  ok = sc_sync_store_clear_failures (db, account_key, &error) &&
       sc_sync_store_uncount_attempt (db, address_key, &error) &&
       sc_sync_store_create_session (db, user_id, token_hash, now,
                                     now + config->session_lifetime, &error);
  _sc_sync_server_release (self, db);
  if (!ok)
    {
      _sc_sync_server_wipe (token);
      _sc_sync_server_reply_storage_error (ex, error);
      return;
    }

  expires = g_date_time_new_from_unix_utc (now + config->session_lifetime);
  expires_text = g_date_time_format (expires, "%Y-%m-%dT%H:%M:%SZ");

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "token");
  json_builder_add_string_value (builder, token);
  json_builder_set_member_name (builder, "expires_at");
  json_builder_add_string_value (builder, expires_text);
  json_builder_set_member_name (builder, "username");
  json_builder_add_string_value (builder, username);
  json_builder_end_object (builder);
  _sc_sync_server_reply_builder (ex, SOUP_STATUS_CREATED, builder);
  _sc_sync_server_wipe (token);
}

/* DELETE /sessions and /sessions/all: signs out this session, or all of
 * the user's. */
static void
sign_out (ScSyncServer *self,
          Exchange     *ex,
          gboolean      everywhere)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token_hash = NULL;
  gint64 user_id;
  ScSyncDb *db;

  if ((db = _sc_sync_server_acquire (self, ex)) == NULL)
    return;
  if (_sc_sync_server_authenticate (self, ex, db, &user_id, everywhere ? NULL : &token_hash))
    {
      if (everywhere ? !sc_sync_store_delete_sessions (db, user_id, &error)
                     : !sc_sync_store_delete_session (db, token_hash, &error))
        _sc_sync_server_reply_storage_error (ex, error);
      else
        _sc_sync_server_reply_no_content (ex);
    }
  _sc_sync_server_release (self, db);
}

void
_sc_sync_server_handle_sessions (ScSyncServer *self,
                                 Exchange     *ex)
{
  if (strcmp (ex->method, "POST") == 0)
    sign_in (self, ex);
  else if (strcmp (ex->method, "DELETE") == 0)
    sign_out (self, ex, FALSE);
  else
    _sc_sync_server_reply_method_not_allowed (ex, "POST, DELETE");
}

/* Checks the signed-in user's password for an account change, throttled
 * like a sign-in. Replies (401, 403, 429, 500) and returns FALSE when it
 * does not hold. */
static gboolean
check_own_password (ScSyncServer  *self,
                    Exchange      *ex,
                    gint64         user_id,
                    const char    *password)
{
  const ScSyncServerConfig *config = _sc_sync_server_get_config (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *stored_hash = NULL;
  g_autofree char *account_key = NULL;
  gint64 retry = 0;
  gboolean ok;
  ScSyncDb *db;

  if ((db = _sc_sync_server_acquire (self, ex)) == NULL)
    return FALSE;
  ok = sc_sync_store_get_user (db, user_id, &key, &stored_hash, &error);
  if (ok && key != NULL)
    {
      account_key = g_strconcat ("user:", key, NULL);
      ok = sc_sync_store_count_attempt (db, account_key, _sc_sync_server_now (), config->max_account_failures,
                                        config->failure_window, &retry, &error);
      if (ok && retry > 0)
        ok = sc_sync_store_uncount_attempt (db, account_key, &error);
    }
  _sc_sync_server_release (self, db);
  if (!ok)
    {
      _sc_sync_server_reply_storage_error (ex, error);
      return FALSE;
    }
  if (key == NULL)
    {
      _sc_sync_server_reply_invalid_token (ex);
      return FALSE;
    }
  if (retry > 0)
    {
      reply_throttled (ex, retry, "Too many failed sign-ins; wait a while and try again.");
      return FALSE;
    }
  if (password == NULL || strlen (password) > 1024 ||
      crypto_pwhash_str_verify (stored_hash, password, strlen (password)) != 0)
    {
      _sc_sync_server_reply_error (ex, SOUP_STATUS_FORBIDDEN, "The current password is wrong.");
      return FALSE;
    }

  if ((db = _sc_sync_server_acquire (self, ex)) == NULL)
    return FALSE;
  ok = sc_sync_store_clear_failures (db, account_key, &error);
  _sc_sync_server_release (self, db);
  if (!ok)
    {
      _sc_sync_server_reply_storage_error (ex, error);
      return FALSE;
    }
  return TRUE;
}

/* PUT /account/password and DELETE /account: the signed-in user's own
 * account, with its current password. */
void
_sc_sync_server_handle_account (ScSyncServer *self,
                                Exchange     *ex,
                                gboolean      password_path)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token_hash = NULL;
  const char *password, *new_password = NULL;
  char hash[crypto_pwhash_STRBYTES];
  gint64 user_id;
  gboolean ok;
  ScSyncDb *db;

  if (password_path ? strcmp (ex->method, "PUT") != 0 : strcmp (ex->method, "DELETE") != 0)
    {
      _sc_sync_server_reply_method_not_allowed (ex, password_path ? "PUT" : "DELETE");
      return;
    }

  if ((db = _sc_sync_server_acquire (self, ex)) == NULL)
    return;
  ok = _sc_sync_server_authenticate (self, ex, db, &user_id, &token_hash);
  _sc_sync_server_release (self, db);
  if (!ok || (root = _sc_sync_server_parse_body (self, ex)) == NULL)
    return;

  password = get_member_string (root, "password");
  if (password_path)
    {
      new_password = get_member_string (root, "new_password");
      if (new_password == NULL || g_utf8_strlen (new_password, -1) < 8 || strlen (new_password) > 1024)
        {
          _sc_sync_server_reply_error (ex, SOUP_STATUS_BAD_REQUEST, "The new password must be 8 to 1024 characters long.");
          return;
        }
    }

  if (!check_own_password (self, ex, user_id, password))
    return;

  if (password_path && !hash_password (ex, new_password, hash))
    return;

  if ((db = _sc_sync_server_acquire (self, ex)) == NULL)
    return;
  ok = password_path ? sc_sync_store_set_password (db, user_id, hash, token_hash, &error)
                     : sc_sync_store_delete_user (db, user_id, &error);
  _sc_sync_server_release (self, db);
  if (!ok)
    {
      _sc_sync_server_reply_storage_error (ex, error);
      return;
    }

  g_message (password_path ? "Password changed; other sessions revoked" : "Account deleted");
  _sc_sync_server_reply_no_content (ex);
}

/* DELETE /sessions/all: sign out everywhere. */
void
_sc_sync_server_handle_sessions_all (ScSyncServer *self,
                                     Exchange     *ex)
{
  if (strcmp (ex->method, "DELETE") == 0)
    sign_out (self, ex, TRUE);
  else
    _sc_sync_server_reply_method_not_allowed (ex, "DELETE");
}
