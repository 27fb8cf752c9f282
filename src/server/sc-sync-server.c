/* sc-sync-server.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <sodium.h>

#include "sc-json-scan.h"
#include "sc-sync-server-private.h"
#include "sc-sync-store.h"

#define API_PREFIX      "/api/v1"
#define WORKER_THREADS  4
/* Argon2id takes 64 MiB and most of a core per hash: requests that hash
 * (registering, signing in, changing or checking a password) run on their
 * own few threads with a short queue, so a flood of them neither holds up
 * /health and signed-in requests nor takes all memory. */
#define HASH_THREADS    2
#define LISTEN_BACKLOG  128

struct _ScSyncServer
{
  SoupServer         *soup;
  ScSyncDbPool       *pool;
  ScSyncServerConfig  config;
  GThreadPool        *workers;
  GThreadPool        *hashers;
  GMainContext       *context;
  gboolean            disconnected;
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

void
sc_sync_server_config_init (ScSyncServerConfig *config)
{
  config->max_body = 1024 * 1024;
  config->session_lifetime = 30 * 24 * 3600;
  config->failure_window = 15 * 60;
  config->max_account_failures = 5;
  config->max_address_failures = 20;
  config->trust_forwarded_for = FALSE;
  config->max_registrations = 20;
  config->idle_timeout = 30;
  config->hash_queue = 8;
  config->max_watchlist = 1000;
}

gint64
_sc_sync_server_now (void)
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

void
_sc_sync_server_wipe (char *text)
{
  if (text != NULL)
    sodium_memzero (text, strlen (text));
}

static void
exchange_free (Exchange *ex)
{
  g_clear_object (&ex->msg);
  g_free (ex->method);
  g_free (ex->path);
  g_clear_pointer (&ex->query, g_hash_table_unref);
  /* Bodies carry passwords and tokens: wipe them. */
  if (ex->body != NULL)
    sodium_memzero (ex->body, ex->body_length);
  g_free (ex->body);
  _sc_sync_server_wipe (ex->authorization);
  g_free (ex->authorization);
  g_free (ex->forwarded_for);
  g_free (ex->remote_host);
  _sc_sync_server_wipe (ex->response);
  g_free (ex->response);
  g_clear_pointer (&ex->headers, g_ptr_array_unref);
  g_free (ex);
}

/* --- what the handlers (sc-sync-server-private.h) share ------------------ */

const ScSyncServerConfig *
_sc_sync_server_get_config (ScSyncServer *self)
{
  return &self->config;
}

const char *
_sc_sync_server_get_dummy_hash (ScSyncServer *self)
{
  return self->dummy_hash;
}

void
_sc_sync_server_set_header (Exchange   *ex,
                            const char *name,
                            const char *value)
{
  g_ptr_array_add (ex->headers, g_strdup (name));
  g_ptr_array_add (ex->headers, g_strdup (value));
}

void
_sc_sync_server_reply_json (Exchange *ex,
                            guint     status,
                            char     *body)
{
  ex->status = status;
  _sc_sync_server_wipe (ex->response);
  g_free (ex->response);
  ex->response = body;
}

void
_sc_sync_server_reply_builder (Exchange    *ex,
                               guint        status,
                               JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  json_generator_set_root (generator, root);
  _sc_sync_server_reply_json (ex, status, json_generator_to_data (generator, NULL));
}

void
_sc_sync_server_reply_error (Exchange   *ex,
                             guint       status,
                             const char *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, message);
  json_builder_end_object (builder);
  _sc_sync_server_reply_builder (ex, status, builder);
}

void
_sc_sync_server_reply_storage_error (Exchange     *ex,
                                     const GError *error)
{
  g_warning ("Storage failed: %s", error->message);
  _sc_sync_server_reply_error (ex, SOUP_STATUS_INTERNAL_SERVER_ERROR, "The server's database failed; try again later.");
}

void
_sc_sync_server_reply_no_content (Exchange *ex)
{
  ex->status = SOUP_STATUS_NO_CONTENT;
}

void
_sc_sync_server_reply_method_not_allowed (Exchange   *ex,
                                          const char *allow)
{
  _sc_sync_server_set_header (ex, "Allow", allow);
  _sc_sync_server_reply_error (ex, SOUP_STATUS_METHOD_NOT_ALLOWED, "This method is not allowed here.");
}

void
_sc_sync_server_reply_invalid_token (Exchange *ex)
{
  _sc_sync_server_set_header (ex, "WWW-Authenticate", "Bearer error=\"invalid_token\"");
  _sc_sync_server_reply_error (ex, SOUP_STATUS_UNAUTHORIZED,
                               "The session token is unknown, revoked or expired; sign in again.");
}

/* Parses the body as a JSON object; replies 400 or 413 and returns NULL
 * when it is not one. */
JsonNode *
_sc_sync_server_parse_body (ScSyncServer *self,
                            Exchange     *ex)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  ScJsonScan scan;

  if (ex->body_length > self->config.max_body)
    {
      _sc_sync_server_reply_error (ex, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "The request body is too large.");
      return NULL;
    }

  /* Before json-glib sees it: deep nesting would overflow this worker's
   * stack, \u0000 would cut a string short and a huge integer would turn
   * into another number. */
  scan = sc_json_scan (ex->body, ex->body_length, SC_JSON_MAX_DEPTH);
  if (scan != SC_JSON_SCAN_OK && scan != SC_JSON_SCAN_EMPTY)
    {
      _sc_sync_server_reply_error (ex, SOUP_STATUS_BAD_REQUEST, sc_json_scan_describe (scan));
      return NULL;
    }

  if (ex->body_length == 0 || !g_utf8_validate (ex->body, ex->body_length, NULL) ||
      !json_parser_load_from_data (parser, ex->body, ex->body_length, NULL))
    {
      _sc_sync_server_reply_error (ex, SOUP_STATUS_BAD_REQUEST, "The request body is not valid JSON.");
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      _sc_sync_server_reply_error (ex, SOUP_STATUS_BAD_REQUEST, "The request body must be a JSON object.");
      return NULL;
    }

  return json_node_ref (json_parser_get_root (parser));
}

char *
_sc_sync_server_hash_token (const char *token)
{
  guchar hash[32];
  char hex[sizeof hash * 2 + 1];

  crypto_generichash (hash, sizeof hash, (const guchar *) token, strlen (token), NULL, 0);
  sodium_bin2hex (hex, sizeof hex, hash, sizeof hash);
  return g_strdup (hex);
}

/* A database connection for this worker; replies 500 when none. */
ScSyncDb *
_sc_sync_server_acquire (ScSyncServer *self,
                         Exchange     *ex)
{
  g_autoptr(GError) error = NULL;
  ScSyncDb *db = sc_sync_db_pool_acquire (self->pool, &error);

  if (db == NULL)
    _sc_sync_server_reply_storage_error (ex, error);
  return db;
}

void
_sc_sync_server_release (ScSyncServer *self,
                         ScSyncDb     *db)
{
  sc_sync_db_pool_release (self->pool, db);
}

/* Finds the user of the request's bearer token; replies 401 when there is
 * none, 500 when the database fails. */
gboolean
_sc_sync_server_authenticate (ScSyncServer  *self,
                              Exchange      *ex,
                              ScSyncDb      *db,
                              gint64        *out_user_id,
                              char         **out_token_hash)
{
  const char *header = ex->authorization;
  g_autofree char *token_hash = NULL;
  g_autoptr(GError) error = NULL;

  *out_user_id = 0;
  if (header == NULL || g_ascii_strncasecmp (header, "Bearer ", 7) != 0 || header[7] == '\0')
    {
      _sc_sync_server_set_header (ex, "WWW-Authenticate", "Bearer");
      _sc_sync_server_reply_error (ex, SOUP_STATUS_UNAUTHORIZED, "Sign in first: this request needs a session token.");
      return FALSE;
    }

  token_hash = _sc_sync_server_hash_token (header + 7);
  if (!sc_sync_store_check_session (db, token_hash, _sc_sync_server_now (), out_user_id, &error))
    {
      _sc_sync_server_reply_storage_error (ex, error);
      return FALSE;
    }

  if (*out_user_id == 0)
    {
      _sc_sync_server_reply_invalid_token (ex);
      return FALSE;
    }

  if (out_token_hash != NULL)
    *out_token_hash = g_steal_pointer (&token_hash);
  return TRUE;
}

/* --- routing ------------------------------------------------------------- */

static void
handle_health (ScSyncServer *self,
               Exchange     *ex)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok;
  ScSyncDb *db;

  if (strcmp (ex->method, "GET") != 0 && strcmp (ex->method, "HEAD") != 0)
    {
      _sc_sync_server_reply_method_not_allowed (ex, "GET, HEAD");
      return;
    }

  if ((db = _sc_sync_server_acquire (self, ex)) == NULL)
    return;
  ok = sc_sync_db_query (db, "SELECT 1", NULL, 0, NULL, &error);
  _sc_sync_server_release (self, db);
  if (!ok)
    {
      g_warning ("Health check failed: %s", error->message);
      _sc_sync_server_reply_error (ex, SOUP_STATUS_SERVICE_UNAVAILABLE, "The server's database is unavailable.");
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "ok");
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, PACKAGE_VERSION);
  json_builder_set_member_name (builder, "storage");
  json_builder_add_string_value (builder, sc_sync_db_pool_get_name (self->pool));
  json_builder_end_object (builder);
  _sc_sync_server_reply_builder (ex, SOUP_STATUS_OK, builder);
}

/* Main thread: hands the response to libsoup. */
static gboolean
apply_exchange (gpointer data)
{
  Exchange *ex = data;
  ScSyncServer *self = ex->self;

  if (!self->disconnected)
    {
      SoupMessageHeaders *headers = soup_server_message_get_response_headers (ex->msg);

      soup_server_message_set_status (ex->msg, ex->status, NULL);
      soup_message_headers_replace (headers, "Cache-Control", "no-store");
      for (guint i = 0; i + 1 < ex->headers->len; i += 2)
        soup_message_headers_replace (headers, g_ptr_array_index (ex->headers, i),
                                      g_ptr_array_index (ex->headers, i + 1));
      if (ex->response != NULL)
        soup_server_message_set_response (ex->msg, "application/json", SOUP_MEMORY_COPY,
                                          ex->response, strlen (ex->response));
      soup_server_message_unpause (ex->msg);
    }

  exchange_free (ex);
  return G_SOURCE_REMOVE;
}

/* Worker thread: everything but talking to libsoup. */
static void
run_exchange (gpointer data,
              gpointer user_data)
{
  Exchange *ex = data;
  ScSyncServer *self = user_data;
  const char *rest = ex->path + strlen (API_PREFIX);

  if (strcmp (rest, "/health") == 0)
    handle_health (self, ex);
  else if (strcmp (rest, "/accounts") == 0)
    _sc_sync_server_handle_accounts (self, ex);
  else if (strcmp (rest, "/sessions") == 0)
    _sc_sync_server_handle_sessions (self, ex);
  else if (strcmp (rest, "/sessions/all") == 0)
    _sc_sync_server_handle_sessions_all (self, ex);
  else if (strcmp (rest, "/account") == 0)
    _sc_sync_server_handle_account (self, ex, FALSE);
  else if (strcmp (rest, "/account/password") == 0)
    _sc_sync_server_handle_account (self, ex, TRUE);
  else if (strcmp (rest, "/results") == 0 || g_str_has_prefix (rest, "/results/"))
    _sc_sync_server_handle_collection (self, ex, rest + strlen ("/results"), &_sc_sync_results);
  else if (strcmp (rest, "/watchlist") == 0 || g_str_has_prefix (rest, "/watchlist/"))
    _sc_sync_server_handle_collection (self, ex, rest + strlen ("/watchlist"), &_sc_sync_watchlist);
  else
    _sc_sync_server_reply_error (ex, SOUP_STATUS_NOT_FOUND, "There is nothing at this address.");

  if (ex->status == 0)
    _sc_sync_server_reply_error (ex, SOUP_STATUS_INTERNAL_SERVER_ERROR, "The server failed to answer.");

  g_main_context_invoke (self->context, apply_exchange, ex);
}

/* Hashing thread: the same, at a lower CPU priority, so that on a busy
 * machine the main loop and the other workers still get their share. */
static void
run_hash_exchange (gpointer data,
                   gpointer user_data)
{
#ifdef __linux__
  static GPrivate niced;

  if (g_private_get (&niced) == NULL)
    {
      /* On Linux a thread's nice value is its own. */
      if (setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), 10) != 0)
        g_debug ("Cannot lower the hashing thread's priority");
      g_private_set (&niced, GINT_TO_POINTER (1));
    }
#endif
  run_exchange (data, user_data);
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

/* Main thread: a reply libsoup sends without a worker. */
static void
reply_now (SoupServerMessage *msg,
           guint              status,
           const char        *message,
           gboolean           close)
{
  g_autofree char *body = g_strdup_printf ("{\"error\":\"%s\"}", message);

  if (close)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

/* Requests that run Argon2id. */
static gboolean
needs_hashing (const char *method,
               const char *path)
{
  const char *rest = path + strlen (API_PREFIX);

  return (strcmp (method, "POST") == 0 &&
          (strcmp (rest, "/accounts") == 0 || strcmp (rest, "/sessions") == 0)) ||
         (strcmp (method, "PUT") == 0 && strcmp (rest, "/account/password") == 0) ||
         (strcmp (method, "DELETE") == 0 && strcmp (rest, "/account") == 0);
}

static void
handle_request (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  ScSyncServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  RequestInfo *info = g_new0 (RequestInfo, 1);
  g_autoptr(GBytes) bytes = NULL;
  Exchange *ex;
  gconstpointer data;
  gsize length;

  info->started = g_get_monotonic_time ();
  info->method = g_strdup (soup_server_message_get_method (msg));
  info->path = g_strdup (path);
  g_object_set_data_full (G_OBJECT (msg), "sc-request-info", info, request_info_free);
  self->in_flight++;
  g_signal_connect (msg, "finished", G_CALLBACK (on_request_finished), self);
  g_debug ("%s %s started", info->method, info->path);

  if (self->draining)
    {
      reply_now (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "The server is shutting down.", TRUE);
      return;
    }

  /* Set early (see on_got_headers) for bodies declared too large. */
  if (soup_server_message_get_status (msg) == SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE)
    return;

  if (!g_str_has_prefix (path, API_PREFIX "/"))
    {
      reply_now (msg, SOUP_STATUS_NOT_FOUND, "There is nothing at this address.", FALSE);
      return;
    }

  ex = g_new0 (Exchange, 1);
  ex->self = self;
  ex->msg = g_object_ref (msg);
  ex->method = g_strdup (soup_server_message_get_method (msg));
  ex->path = g_strdup (path);
  if (query != NULL)
    ex->query = g_hash_table_ref (query);
  bytes = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  data = g_bytes_get_data (bytes, &length);
  ex->body = g_malloc (length + 1);
  if (length > 0)
    memcpy (ex->body, data, length);
  ex->body[length] = '\0';
  ex->body_length = length;
  ex->authorization = g_strdup (soup_message_headers_get_one (headers, "Authorization"));
  ex->forwarded_for = g_strdup (soup_message_headers_get_one (headers, "X-Forwarded-For"));
  ex->remote_host = g_strdup (soup_server_message_get_remote_host (msg));
  ex->headers = g_ptr_array_new_with_free_func (g_free);

  /* The database and password hashing run on the workers, so a slow query
   * or a sign-in never holds up other requests; hashing on its own bounded
   * pool. */
  if (needs_hashing (ex->method, path))
    {
      if (g_thread_pool_unprocessed (self->hashers) >= self->config.hash_queue)
        {
          exchange_free (ex);
          soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                        "Retry-After", "2");
          reply_now (msg, SOUP_STATUS_SERVICE_UNAVAILABLE,
                     "The server is busy checking passwords; try again in a few seconds.", FALSE);
          return;
        }
      soup_server_message_pause (msg);
      g_thread_pool_push (self->hashers, ex, NULL);
      return;
    }
  soup_server_message_pause (msg);
  g_thread_pool_push (self->workers, ex, NULL);
}

/* Refuses a declared oversized body before reading it. */
static void
on_got_headers (SoupServerMessage *msg,
                ScSyncServer      *self)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > (goffset) self->config.max_body)
    reply_now (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "The request body is too large.", TRUE);
}

/* Stops keeping a chunked body as soon as it grows past the limit. */
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
      reply_now (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "The request body is too large.", TRUE);
    }
}

static void
on_request_started (SoupServer        *server,
                    SoupServerMessage *msg,
                    ScSyncServer      *self)
{
  GSocket *socket = soup_server_message_get_socket (msg);

  /* Each read and write of this connection — waiting for the next request
   * on a kept-alive connection, or for the rest of slowly sent headers —
   * fails after this long, and libsoup closes the connection: idle
   * sockets cannot pile up. */
  if (socket != NULL)
    g_socket_set_timeout (socket, self->config.idle_timeout);
  g_signal_connect (msg, "got-headers", G_CALLBACK (on_got_headers), self);
  g_signal_connect (msg, "got-chunk", G_CALLBACK (on_got_chunk), self);
}

ScSyncServer *
sc_sync_server_new (ScSyncDbPool             *pool,
                    const ScSyncServerConfig *config)
{
  ScSyncServer *self = g_new0 (ScSyncServer, 1);
  char dummy[crypto_pwhash_STRBYTES];
  guchar random[16];

  self->pool = pool;
  self->config = *config;
  self->context = g_main_context_ref_thread_default ();
  self->soup = soup_server_new ("server-header", "stockcast-sync-server/" PACKAGE_VERSION " ", NULL);
  self->workers = g_thread_pool_new (run_exchange, self, WORKER_THREADS, FALSE, NULL);
  self->hashers = g_thread_pool_new (run_hash_exchange, self, HASH_THREADS, FALSE, NULL);

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
  g_autoptr(GSocket) socket = NULL;
  SoupServerListenOptions options = 0;

  if (certificate != NULL)
    {
      soup_server_set_tls_certificate (self->soup, certificate);
      options |= SOUP_SERVER_LISTEN_HTTPS;
    }

  /* Our own socket for a longer accept queue than GSocket's default of
   * 10: a burst of connections (forty sign-ins at once) must not get
   * their SYNs dropped, which costs each a second's retransmission. */
  socket = g_socket_new (g_socket_address_get_family (address), G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL)
    return NULL;
  g_socket_set_listen_backlog (socket, LISTEN_BACKLOG);
  if (!g_socket_bind (socket, address, TRUE, error) ||
      !g_socket_listen (socket, error) ||
      !soup_server_listen_socket (self->soup, socket, options, error))
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
  self->disconnected = TRUE;
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
  /* Waits for the requests still running; their replies are dropped with
   * the connections. */
  self->disconnected = TRUE;
  g_thread_pool_free (self->hashers, FALSE, TRUE);
  g_thread_pool_free (self->workers, FALSE, TRUE);
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_clear_object (&self->soup);
  g_clear_pointer (&self->pool, sc_sync_db_pool_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->dummy_hash);
  g_free (self);
}
