/* sc-sync-server.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <sodium.h>

#include "sc-sync-result.h"
#include "sc-sync-server.h"
#include "sc-sync-store.h"

#define API_PREFIX      "/api/v1"
#define TOKEN_BYTES     32      /* 256 bits */
#define HASH_THREADS    2       /* Argon2id takes 64 MiB per hash */
#define DEFAULT_LIMIT   500
#define MAX_LIMIT       1000

struct _ScSyncServer
{
  SoupServer         *soup;
  ScSyncDb           *db;
  ScSyncServerConfig  config;
  GThreadPool        *hash_pool;
  GMainContext       *context;
  char               *dummy_hash;   /* verified for unknown users, to take the same time */
  guint               in_flight;
  gboolean            draining;
  gint64              drain_deadline;
  guint               drain_source;
  GSourceFunc         drain_done;
  gpointer            drain_data;
};

typedef struct
{
  gint64   started;
  char    *method;
  char    *path;
} RequestInfo;

typedef enum
{
  HASH_REGISTER,
  HASH_LOGIN,
} HashKind;

typedef struct
{
  ScSyncServer      *self;
  SoupServerMessage *msg;
  HashKind           kind;
  char              *username;
  char              *username_key;
  char              *email;
  char              *password;
  char              *hash;      /* login: the stored hash; register: the new one */
  char              *address;
  gint64             user_id;
  gboolean           ok;
} HashJob;

void
sc_sync_server_config_init (ScSyncServerConfig *config)
{
  config->max_body = 1024 * 1024;
  config->session_lifetime = 30 * 24 * 3600;
  config->failure_window = 15 * 60;
  config->max_account_failures = 5;
  config->max_address_failures = 20;
  config->trust_forwarded_for = FALSE;
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
request_info_free (gpointer data)
{
  RequestInfo *info = data;

  g_free (info->method);
  g_free (info->path);
  g_free (info);
}

static void
hash_job_free (HashJob *job)
{
  if (job->password != NULL)
    {
      sodium_memzero (job->password, strlen (job->password));
      g_free (job->password);
    }
  g_free (job->username);
  g_free (job->username_key);
  g_free (job->email);
  g_free (job->hash);
  g_free (job->address);
  g_clear_object (&job->msg);
  g_free (job);
}

static void
set_json (SoupServerMessage *msg,
          guint              status,
          char              *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Cache-Control", "no-store");
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                    body, strlen (body));
}

static void
reply_builder (SoupServerMessage *msg,
               guint              status,
               JsonBuilder       *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  json_generator_set_root (generator, root);
  set_json (msg, status, json_generator_to_data (generator, NULL));
}

static void
reply_error (SoupServerMessage *msg,
             guint              status,
             const char        *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, message);
  json_builder_end_object (builder);
  reply_builder (msg, status, builder);
}

static void
reply_storage_error (SoupServerMessage *msg,
                     const GError      *error)
{
  g_warning ("Storage failed: %s", error->message);
  reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "The server's database failed; try again later.");
}

static void
reply_no_content (SoupServerMessage *msg)
{
  soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
}

static void
reply_method_not_allowed (SoupServerMessage *msg,
                          const char        *allow)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", allow);
  reply_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "This method is not allowed here.");
}

static const char *
client_address (ScSyncServer      *self,
                SoupServerMessage *msg)
{
  if (self->config.trust_forwarded_for)
    {
      const char *forwarded = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                            "X-Forwarded-For");

      /* The last entry is the one our own proxy appended. */
      if (forwarded != NULL)
        {
          const char *last = strrchr (forwarded, ',');
          return last ? last + 1 : forwarded;
        }
    }

  return soup_server_message_get_remote_host (msg);
}

/* Parses the body as a JSON object; replies 400 or 413 and returns NULL
 * when it is not one. */
static JsonNode *
parse_body (ScSyncServer      *self,
            SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gconstpointer data;
  gsize length;

  bytes = soup_message_body_flatten (body);
  data = g_bytes_get_data (bytes, &length);

  if (length > self->config.max_body)
    {
      reply_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "The request body is too large.");
      return NULL;
    }

  if (length == 0 || !g_utf8_validate (data, length, NULL) ||
      !json_parser_load_from_data (parser, data, length, &error))
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "The request body is not valid JSON.");
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "The request body must be a JSON object.");
      return NULL;
    }

  return json_node_ref (json_parser_get_root (parser));
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

static char *
hash_token (const char *token)
{
  guchar hash[32];
  char hex[sizeof hash * 2 + 1];

  crypto_generichash (hash, sizeof hash, (const guchar *) token, strlen (token), NULL, 0);
  sodium_bin2hex (hex, sizeof hex, hash, sizeof hash);
  return g_strdup (hex);
}

/* Usernames: 1 to 64 characters, no control characters or spaces at the
 * ends; compared case-insensitively. */
static char *
username_key (const char *username)
{
  g_autofree char *normalized = NULL;
  glong length;

  if (username == NULL || !g_utf8_validate (username, -1, NULL))
    return NULL;

  length = g_utf8_strlen (username, -1);
  if (length < 1 || length > 64 ||
      g_unichar_isspace (g_utf8_get_char (username)) ||
      g_unichar_isspace (g_utf8_get_char (g_utf8_offset_to_pointer (username, length - 1))))
    return NULL;

  for (const char *p = username; *p; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return NULL;

  normalized = g_utf8_normalize (username, -1, G_NORMALIZE_NFKC);
  return normalized ? g_utf8_casefold (normalized, -1) : NULL;
}

/* Finds the user of the request's bearer token; replies 401 when there is
 * none, 500 when the database fails. */
static gboolean
authenticate (ScSyncServer      *self,
              SoupServerMessage *msg,
              gint64            *out_user_id,
              char             **out_token_hash)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "Authorization");
  g_autofree char *token_hash = NULL;
  g_autoptr(GError) error = NULL;

  *out_user_id = 0;
  if (header == NULL || g_ascii_strncasecmp (header, "Bearer ", 7) != 0 || header[7] == '\0')
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "WWW-Authenticate", "Bearer");
      reply_error (msg, SOUP_STATUS_UNAUTHORIZED, "Sign in first: this request needs a session token.");
      return FALSE;
    }

  token_hash = hash_token (header + 7);
  if (!sc_sync_store_check_session (self->db, token_hash, now_seconds (), out_user_id, &error))
    {
      reply_storage_error (msg, error);
      return FALSE;
    }

  if (*out_user_id == 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "WWW-Authenticate", "Bearer error=\"invalid_token\"");
      reply_error (msg, SOUP_STATUS_UNAUTHORIZED, "The session token is unknown, revoked or expired; sign in again.");
      return FALSE;
    }

  if (out_token_hash != NULL)
    *out_token_hash = g_steal_pointer (&token_hash);
  return TRUE;
}

/* Password hashing and checking run on the pool so a slow Argon2id never
 * holds up other requests; the message stays paused meanwhile. */
static void
start_hash_job (ScSyncServer *self,
                HashJob      *job)
{
  job->self = self;
  soup_server_message_pause (job->msg);
  g_thread_pool_push (self->hash_pool, job, NULL);
}

static void
finish_register (ScSyncServer *self,
                 HashJob      *job)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gboolean taken = FALSE;

  if (!job->ok)
    {
      g_warning ("Hashing a password failed (out of memory?)");
      reply_error (job->msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "The server is busy; try again later.");
      return;
    }

  if (!sc_sync_store_create_user (self->db, job->username, job->username_key, job->email,
                                  job->hash, now_seconds (), &taken, &error))
    {
      reply_storage_error (job->msg, error);
      return;
    }

  if (taken)
    {
      reply_error (job->msg, SOUP_STATUS_CONFLICT, "This username is taken.");
      return;
    }

  g_message ("Account created for a new user");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "username");
  json_builder_add_string_value (builder, job->username);
  json_builder_end_object (builder);
  reply_builder (job->msg, SOUP_STATUS_CREATED, builder);
}

static void
finish_login (ScSyncServer *self,
              HashJob      *job)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GDateTime) expires = NULL;
  g_autofree char *account_key = g_strconcat ("user:", job->username_key, NULL);
  g_autofree char *address_key = g_strconcat ("addr:", job->address, NULL);
  g_autofree char *token = NULL;
  g_autofree char *token_hash = NULL;
  g_autofree char *expires_text = NULL;
  guchar raw[TOKEN_BYTES];
  gint64 now = now_seconds ();
  gsize token_size;

  if (job->user_id == 0 || !job->ok)
    {
      if (!sc_sync_store_record_failure (self->db, account_key, now, self->config.failure_window, &error) ||
          !sc_sync_store_record_failure (self->db, address_key, now, self->config.failure_window, &error))
        {
          reply_storage_error (job->msg, error);
          return;
        }
      soup_message_headers_replace (soup_server_message_get_response_headers (job->msg),
                                    "WWW-Authenticate", "Bearer");
      reply_error (job->msg, SOUP_STATUS_UNAUTHORIZED, "Wrong username or password.");
      return;
    }

  randombytes_buf (raw, sizeof raw);
  token_size = sodium_base64_ENCODED_LEN (sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  token = g_malloc (token_size);
  sodium_bin2base64 (token, token_size, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero (raw, sizeof raw);
  token_hash = hash_token (token);

  if (!sc_sync_store_clear_failures (self->db, account_key, &error) ||
      !sc_sync_store_create_session (self->db, job->user_id, token_hash, now,
                                     now + self->config.session_lifetime, &error))
    {
      reply_storage_error (job->msg, error);
      return;
    }

  expires = g_date_time_new_from_unix_utc (now + self->config.session_lifetime);
  expires_text = g_date_time_format (expires, "%Y-%m-%dT%H:%M:%SZ");

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "token");
  json_builder_add_string_value (builder, token);
  json_builder_set_member_name (builder, "expires_at");
  json_builder_add_string_value (builder, expires_text);
  json_builder_set_member_name (builder, "username");
  json_builder_add_string_value (builder, job->username);
  json_builder_end_object (builder);
  reply_builder (job->msg, SOUP_STATUS_CREATED, builder);
  sodium_memzero (token, strlen (token));
}

static gboolean
finish_hash_job (gpointer data)
{
  HashJob *job = data;
  ScSyncServer *self = job->self;

  if (job->kind == HASH_REGISTER)
    finish_register (self, job);
  else
    finish_login (self, job);

  soup_server_message_unpause (job->msg);
  hash_job_free (job);
  return G_SOURCE_REMOVE;
}

static void
run_hash_job (gpointer data,
              gpointer user_data)
{
  HashJob *job = data;
  ScSyncServer *self = user_data;

  if (job->kind == HASH_REGISTER)
    {
      char hash[crypto_pwhash_STRBYTES];

      job->ok = crypto_pwhash_str (hash, job->password, strlen (job->password),
                                   crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                   crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0;
      if (job->ok)
        job->hash = g_strdup (hash);
    }
  else
    {
      const char *hash = job->hash ? job->hash : self->dummy_hash;

      job->ok = crypto_pwhash_str_verify (hash, job->password, strlen (job->password)) == 0;
    }

  g_main_context_invoke (self->context, finish_hash_job, job);
}

static void
handle_accounts (ScSyncServer      *self,
                 SoupServerMessage *msg)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *stored_hash = NULL;
  const char *username, *email, *password;
  gint64 user_id;
  HashJob *job;

  if (strcmp (soup_server_message_get_method (msg), "POST") != 0)
    {
      reply_method_not_allowed (msg, "POST");
      return;
    }

  if ((root = parse_body (self, msg)) == NULL)
    return;

  username = get_member_string (root, "username");
  email = get_member_string (root, "email");
  password = get_member_string (root, "password");

  if ((key = username_key (username)) == NULL)
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "The username must be 1 to 64 characters without control characters or surrounding spaces.");
      return;
    }
  if (email == NULL || strchr (email, '@') == NULL || strlen (email) > 254 || strlen (email) < 3)
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "The email address is missing or invalid.");
      return;
    }
  if (password == NULL || g_utf8_strlen (password, -1) < 8 || strlen (password) > 1024)
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "The password must be 8 to 1024 characters long.");
      return;
    }

  /* A cheap check first, so a taken name costs no hashing; the insert
   * checks again. */
  if (!sc_sync_store_find_user (self->db, key, &user_id, &stored_hash, &error))
    {
      reply_storage_error (msg, error);
      return;
    }
  if (user_id != 0)
    {
      reply_error (msg, SOUP_STATUS_CONFLICT, "This username is taken.");
      return;
    }

  job = g_new0 (HashJob, 1);
  job->msg = g_object_ref (msg);
  job->kind = HASH_REGISTER;
  job->username = g_strdup (username);
  job->username_key = g_steal_pointer (&key);
  job->email = g_strdup (email);
  job->password = g_strdup (password);
  start_hash_job (self, job);
}

static void
handle_sessions (ScSyncServer      *self,
                 SoupServerMessage *msg)
{
  const char *method = soup_server_message_get_method (msg);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *account_key = NULL;
  g_autofree char *address_key = NULL;
  g_autofree char *token_hash = NULL;
  const char *username, *password, *address;
  gint64 retry_account, retry_address, user_id, now = now_seconds ();
  HashJob *job;

  if (strcmp (method, "DELETE") == 0)
    {
      if (!authenticate (self, msg, &user_id, &token_hash))
        return;
      if (!sc_sync_store_delete_session (self->db, token_hash, &error))
        reply_storage_error (msg, error);
      else
        reply_no_content (msg);
      return;
    }

  if (strcmp (method, "POST") != 0)
    {
      reply_method_not_allowed (msg, "POST, DELETE");
      return;
    }

  if ((root = parse_body (self, msg)) == NULL)
    return;

  username = get_member_string (root, "username");
  password = get_member_string (root, "password");
  key = username_key (username);
  if (key == NULL || password == NULL || strlen (password) > 1024)
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "Give a username and a password.");
      return;
    }

  address = client_address (self, msg);
  account_key = g_strconcat ("user:", key, NULL);
  address_key = g_strconcat ("addr:", address ? address : "unknown", NULL);

  if (!sc_sync_store_is_throttled (self->db, account_key, now, self->config.max_account_failures,
                                   self->config.failure_window, &retry_account, &error) ||
      !sc_sync_store_is_throttled (self->db, address_key, now, self->config.max_address_failures,
                                   self->config.failure_window, &retry_address, &error))
    {
      reply_storage_error (msg, error);
      return;
    }

  if (retry_account > 0 || retry_address > 0)
    {
      g_autofree char *retry = g_strdup_printf ("%" G_GINT64_FORMAT, MAX (retry_account, retry_address));

      g_message ("Login throttled (%s)", retry_account > 0 ? "account" : "address");
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", retry);
      reply_error (msg, 429 /* Too Many Requests */, "Too many failed sign-ins; wait a while and try again.");
      return;
    }

  job = g_new0 (HashJob, 1);
  job->msg = g_object_ref (msg);
  job->kind = HASH_LOGIN;
  job->username = g_strdup (username);
  job->username_key = g_steal_pointer (&key);
  job->password = g_strdup (password);
  job->address = g_strdup (address ? address : "unknown");

  if (!sc_sync_store_find_user (self->db, job->username_key, &job->user_id, &job->hash, &error))
    {
      hash_job_free (job);
      reply_storage_error (msg, error);
      return;
    }

  start_hash_job (self, job);
}

static void
handle_put_result (ScSyncServer      *self,
                   SoupServerMessage *msg,
                   gint64             user_id,
                   const char        *uuid)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *body = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *uuid_lower = g_ascii_strdown (uuid, -1);
  gboolean deleted;
  gint64 seq = 0;
  ScSyncPutOutcome outcome;
  guint status;

  if ((root = parse_body (self, msg)) == NULL)
    return;

  if (!sc_sync_result_canonicalize (root, uuid, &body, &digest, &deleted, &error))
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, error->message);
      return;
    }

  outcome = sc_sync_store_put_result (self->db, user_id, uuid_lower, digest, body, deleted,
                                      now_seconds (), &seq, &error);
  switch (outcome)
    {
    case SC_SYNC_PUT_FAILED:
      reply_storage_error (msg, error);
      return;
    case SC_SYNC_PUT_DIFFERS:
      reply_error (msg, SOUP_STATUS_CONFLICT, "A different result with this uuid is already stored.");
      return;
    case SC_SYNC_PUT_CREATED:
      status = SOUP_STATUS_CREATED;
      break;
    case SC_SYNC_PUT_SAME:
    case SC_SYNC_PUT_DELETED:
    default:
      status = SOUP_STATUS_OK;
      break;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, uuid_lower);
  json_builder_set_member_name (builder, "seq");
  json_builder_add_int_value (builder, seq);
  json_builder_set_member_name (builder, "deleted");
  json_builder_add_boolean_value (builder, outcome == SC_SYNC_PUT_DELETED || deleted);
  json_builder_end_object (builder);
  reply_builder (msg, status, builder);
}

static gboolean
parse_query_int (GHashTable *query,
                 const char *name,
                 gint64      fallback,
                 gint64      min,
                 gint64      max,
                 gint64     *out_value)
{
  const char *text = query ? g_hash_table_lookup (query, name) : NULL;
  guint64 value;

  if (text == NULL)
    {
      *out_value = fallback;
      return TRUE;
    }

  if (!g_ascii_string_to_unsigned (text, 10, min, max, &value, NULL))
    return FALSE;

  *out_value = (gint64) value;
  return TRUE;
}

static void
handle_list_results (ScSyncServer      *self,
                     SoupServerMessage *msg,
                     GHashTable        *query,
                     gint64             user_id)
{
  g_autoptr(ScSyncRows) rows = NULL;
  g_autoptr(GError) error = NULL;
  GString *out;
  gint64 since, limit, next;

  if (!parse_query_int (query, "since", 0, 0, G_MAXINT64, &since) ||
      !parse_query_int (query, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT, &limit))
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "“since” must be a sequence number and “limit” 1 to 1000.");
      return;
    }

  /* One more than asked tells whether another page follows. */
  rows = sc_sync_store_list_results (self->db, user_id, since, limit + 1, &error);
  if (rows == NULL)
    {
      reply_storage_error (msg, error);
      return;
    }

  /* The stored bodies are canonical JSON objects: splice them in rather
   * than parse and print every one again. */
  out = g_string_new ("{\"results\":[");
  next = since;
  for (guint i = 0; i < rows->n_rows && i < (guint) limit; i++)
    {
      gint64 seq = sc_sync_rows_get_int (rows, i, 0);
      const char *uuid = sc_sync_rows_get (rows, i, 1);
      const char *body = sc_sync_rows_get (rows, i, 2);
      gboolean deleted = sc_sync_rows_get_int (rows, i, 3) != 0;

      if (i > 0)
        g_string_append_c (out, ',');
      if (deleted || body == NULL || body[0] != '{' || strlen (body) < 2)
        g_string_append_printf (out, "{\"uuid\":\"%s\",\"seq\":%" G_GINT64_FORMAT ",\"deleted\":true}",
                                uuid, seq);
      else
        {
          g_string_append_len (out, body, strlen (body) - 1);
          g_string_append_printf (out, ",\"seq\":%" G_GINT64_FORMAT ",\"deleted\":false}", seq);
        }
      next = seq;
    }
  g_string_append_printf (out, "],\"next\":%" G_GINT64_FORMAT ",\"more\":%s}",
                          next, rows->n_rows > (guint) limit ? "true" : "false");

  set_json (msg, SOUP_STATUS_OK, g_string_free (out, FALSE));
}

static void
handle_results (ScSyncServer      *self,
                SoupServerMessage *msg,
                const char        *rest,
                GHashTable        *query)
{
  const char *method = soup_server_message_get_method (msg);
  g_autoptr(GError) error = NULL;
  gint64 user_id;

  if (rest[0] == '\0')
    {
      if (strcmp (method, "GET") != 0)
        {
          reply_method_not_allowed (msg, "GET");
          return;
        }
      if (authenticate (self, msg, &user_id, NULL))
        handle_list_results (self, msg, query, user_id);
      return;
    }

  g_assert (rest[0] == '/');
  rest++;

  if (strcmp (method, "PUT") != 0 && strcmp (method, "DELETE") != 0)
    {
      reply_method_not_allowed (msg, "PUT, DELETE");
      return;
    }

  if (!authenticate (self, msg, &user_id, NULL))
    return;

  if (!sc_sync_result_is_uuid (rest))
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "The address does not end in a valid uuid.");
      return;
    }

  if (strcmp (method, "PUT") == 0)
    handle_put_result (self, msg, user_id, rest);
  else
    {
      g_autofree char *uuid_lower = g_ascii_strdown (rest, -1);
      gint64 seq;

      if (!sc_sync_store_delete_result (self->db, user_id, uuid_lower, now_seconds (), &seq, &error))
        reply_storage_error (msg, error);
      else
        reply_no_content (msg);
    }
}

static void
handle_health (ScSyncServer      *self,
               SoupServerMessage *msg)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) error = NULL;

  if (strcmp (soup_server_message_get_method (msg), "GET") != 0 &&
      strcmp (soup_server_message_get_method (msg), "HEAD") != 0)
    {
      reply_method_not_allowed (msg, "GET, HEAD");
      return;
    }

  if (!sc_sync_db_query (self->db, "SELECT 1", NULL, 0, NULL, &error))
    {
      g_warning ("Health check failed: %s", error->message);
      reply_error (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "The server's database is unavailable.");
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "ok");
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, PACKAGE_VERSION);
  json_builder_set_member_name (builder, "storage");
  json_builder_add_string_value (builder, sc_sync_db_get_name (self->db));
  json_builder_end_object (builder);
  reply_builder (msg, SOUP_STATUS_OK, builder);
}

static void
on_request_finished (SoupServerMessage *msg,
                     ScSyncServer      *self)
{
  RequestInfo *info = g_object_get_data (G_OBJECT (msg), "sc-request-info");

  /* Method, path and status only: never headers or bodies (tokens and
   * passwords travel there). */
  if (info != NULL)
    g_message ("%s %s %u %.1f ms", info->method, info->path,
               soup_server_message_get_status (msg),
               (g_get_monotonic_time () - info->started) / 1000.0);

  g_assert (self->in_flight > 0);
  self->in_flight--;
}

static void
handle_request (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  ScSyncServer *self = user_data;
  RequestInfo *info = g_new0 (RequestInfo, 1);
  const char *rest;

  info->started = g_get_monotonic_time ();
  info->method = g_strdup (soup_server_message_get_method (msg));
  info->path = g_strdup (path);
  g_object_set_data_full (G_OBJECT (msg), "sc-request-info", info, request_info_free);
  self->in_flight++;
  g_signal_connect (msg, "finished", G_CALLBACK (on_request_finished), self);

  if (self->draining)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
      reply_error (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "The server is shutting down.");
      return;
    }

  /* Set early (see on_got_headers) for bodies declared too large. */
  if (soup_server_message_get_status (msg) == SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE)
    return;

  if (!g_str_has_prefix (path, API_PREFIX "/"))
    {
      reply_error (msg, SOUP_STATUS_NOT_FOUND, "There is nothing at this address.");
      return;
    }
  rest = path + strlen (API_PREFIX);

  if (strcmp (rest, "/health") == 0)
    handle_health (self, msg);
  else if (strcmp (rest, "/accounts") == 0)
    handle_accounts (self, msg);
  else if (strcmp (rest, "/sessions") == 0)
    handle_sessions (self, msg);
  else if (strcmp (rest, "/results") == 0 || g_str_has_prefix (rest, "/results/"))
    handle_results (self, msg, rest + strlen ("/results"), query);
  else
    reply_error (msg, SOUP_STATUS_NOT_FOUND, "There is nothing at this address.");
}

/* Refuses a declared oversized body before reading it. */
static void
on_got_headers (SoupServerMessage *msg,
                ScSyncServer      *self)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > (goffset) self->config.max_body)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
      reply_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "The request body is too large.");
    }
}

/* Stops reading a chunked body as soon as it grows past the limit. */
static void
on_got_chunk (SoupServerMessage *msg,
              GBytes            *chunk,
              ScSyncServer      *self)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  if (body->length > (goffset) self->config.max_body &&
      soup_server_message_get_status (msg) != SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE)
    {
      soup_message_body_truncate (body);
      soup_message_body_set_accumulate (body, FALSE);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
      reply_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "The request body is too large.");
    }
}

static void
on_request_started (SoupServer        *server,
                    SoupServerMessage *msg,
                    ScSyncServer      *self)
{
  g_signal_connect (msg, "got-headers", G_CALLBACK (on_got_headers), self);
  g_signal_connect (msg, "got-chunk", G_CALLBACK (on_got_chunk), self);
}

ScSyncServer *
sc_sync_server_new (ScSyncDb                 *db,
                    const ScSyncServerConfig *config)
{
  ScSyncServer *self = g_new0 (ScSyncServer, 1);
  char dummy[crypto_pwhash_STRBYTES];
  guchar random[16];

  self->db = db;
  self->config = *config;
  self->context = g_main_context_ref_thread_default ();
  self->soup = soup_server_new ("server-header", "stockcast-sync-server/" PACKAGE_VERSION " ", NULL);
  self->hash_pool = g_thread_pool_new (run_hash_job, self, HASH_THREADS, FALSE, NULL);

  randombytes_buf (random, sizeof random);
  if (crypto_pwhash_str (dummy, (const char *) random, sizeof random,
                         crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    g_error ("Cannot hash a password: out of memory");
  self->dummy_hash = g_strdup (dummy);

  soup_server_add_handler (self->soup, NULL, handle_request, self, NULL);
  g_signal_connect (self->soup, "request-started", G_CALLBACK (on_request_started), self);

  return self;
}

GSList *
sc_sync_server_listen (ScSyncServer     *self,
                       GSocketAddress   *address,
                       GTlsCertificate  *certificate,
                       GError          **error)
{
  SoupServerListenOptions options = 0;

  if (certificate != NULL)
    {
      soup_server_set_tls_certificate (self->soup, certificate);
      options |= SOUP_SERVER_LISTEN_HTTPS;
    }

  if (!soup_server_listen (self->soup, address, options, error))
    return NULL;

  return soup_server_get_uris (self->soup);
}

static gboolean
check_drained (gpointer data)
{
  ScSyncServer *self = data;

  if (self->in_flight > 0 && g_get_monotonic_time () < self->drain_deadline)
    return G_SOURCE_CONTINUE;

  if (self->in_flight > 0)
    g_warning ("Shutting down with %u requests unfinished", self->in_flight);

  self->drain_source = 0;
  soup_server_disconnect (self->soup);
  if (self->drain_done != NULL)
    self->drain_done (self->drain_data);
  return G_SOURCE_REMOVE;
}

void
sc_sync_server_shutdown (ScSyncServer *self,
                         guint         timeout_ms,
                         GSourceFunc   done,
                         gpointer      user_data)
{
  if (self->draining)
    return;

  self->draining = TRUE;
  self->drain_deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  self->drain_done = done;
  self->drain_data = user_data;
  self->drain_source = g_timeout_add (20, check_drained, self);
}

void
sc_sync_server_free (ScSyncServer *self)
{
  if (self == NULL)
    return;

  g_clear_handle_id (&self->drain_source, g_source_remove);
  /* Waits for hashing in progress; their replies are dropped with the
   * connections. */
  g_thread_pool_free (self->hash_pool, FALSE, TRUE);
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_clear_object (&self->soup);
  g_clear_pointer (&self->db, sc_sync_db_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->dummy_hash);
  g_free (self);
}
