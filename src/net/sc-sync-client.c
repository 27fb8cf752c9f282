/* sc-sync-client.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <sodium.h>

#include "sc-accounts.h"
#include "sc-curl.h"
#include "sc-error.h"
#include "sc-json-scan.h"
#include "sc-json-util.h"
#include "sc-sync-client.h"

#define CONNECT_TIMEOUT_S  10L
#define TOTAL_TIMEOUT_S    60L
#define MAX_RESPONSE       (16 * 1024 * 1024)

struct _ScSyncClient
{
  GObject  parent_instance;

  char    *url;       /* base, no trailing slash */
  char    *token;
  CURL    *curl;      /* reused: keeps the connection alive */
  GMutex   lock;      /* one call at a time */
};

G_DEFINE_FINAL_TYPE (ScSyncClient, sc_sync_client, G_TYPE_OBJECT)

typedef struct
{
  long     status;
  GString *body;
  char    *retry_after;
} Response;

static void
response_clear (Response *response)
{
  if (response->body != NULL)
    g_string_free (response->body, TRUE);
  g_free (response->retry_after);
  memset (response, 0, sizeof *response);
}

static void
sc_sync_client_finalize (GObject *object)
{
  ScSyncClient *self = SC_SYNC_CLIENT (object);

  g_clear_pointer (&self->curl, curl_easy_cleanup);
  g_clear_pointer (&self->token, sc_accounts_free_secret);
  g_free (self->url);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (sc_sync_client_parent_class)->finalize (object);
}

static void
sc_sync_client_class_init (ScSyncClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sc_sync_client_finalize;
}

static void
sc_sync_client_init (ScSyncClient *self)
{
  g_mutex_init (&self->lock);
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *bare = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0 || g_str_has_suffix (host, ".localhost"))
    return TRUE;

  bare = (host[0] == '[') ? g_strndup (host + 1, strlen (host) - 2) : g_strdup (host);
  address = g_inet_address_new_from_string (bare);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

char *
sc_sync_client_check_url (const char         *server_url,
                          ScSyncClientFlags   flags,
                          GError            **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *text = NULL;
  const char *scheme, *host;

  if (server_url != NULL)
    uri = g_uri_parse (server_url, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL ||
      (scheme = g_uri_get_scheme (uri)) == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0) ||
      (host = g_uri_get_host (uri)) == NULL || host[0] == '\0' ||
      g_uri_get_userinfo (uri) != NULL || g_uri_get_query (uri) != NULL)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("“%s” is not a sync server address; give one like https://sync.example.org."),
                   server_url ? server_url : "");
      return NULL;
    }

  if (g_ascii_strcasecmp (scheme, "http") == 0 && !host_is_loopback (host) &&
      !(flags & SC_SYNC_CLIENT_ALLOW_INSECURE_HTTP))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("Plain http:// would send your password and token readable to the network; use https:// or allow insecure HTTP explicitly."));
      return NULL;
    }

  text = g_uri_to_string (uri);
  while (g_str_has_suffix (text, "/"))
    text[strlen (text) - 1] = '\0';

  return g_steal_pointer (&text);
}

ScSyncClient *
sc_sync_client_new (const char         *server_url,
                    ScSyncClientFlags   flags,
                    GError            **error)
{
  g_autofree char *url = sc_sync_client_check_url (server_url, flags, error);
  ScSyncClient *self;

  if (url == NULL)
    return NULL;

  self = g_object_new (SC_TYPE_SYNC_CLIENT, NULL);
  self->url = g_steal_pointer (&url);
  return self;
}

const char *
sc_sync_client_get_url (ScSyncClient *self)
{
  g_return_val_if_fail (SC_IS_SYNC_CLIENT (self), NULL);

  return self->url;
}

void
sc_sync_client_set_token (ScSyncClient *self,
                          const char   *token)
{
  g_return_if_fail (SC_IS_SYNC_CLIENT (self));

  g_mutex_lock (&self->lock);
  sc_accounts_free_secret (self->token);
  self->token = g_strdup (token);
  g_mutex_unlock (&self->lock);
}

static size_t
on_write (char   *data,
          size_t  size,
          size_t  n,
          void   *user_data)
{
  Response *response = user_data;

  if (response->body->len + size * n > MAX_RESPONSE)
    return 0;   /* aborts the transfer */
  g_string_append_len (response->body, data, size * n);
  return size * n;
}

static size_t
on_header (char   *data,
           size_t  size,
           size_t  n,
           void   *user_data)
{
  Response *response = user_data;
  gsize length = size * n;

  if (length > 12 && g_ascii_strncasecmp (data, "Retry-After:", 12) == 0)
    {
      g_free (response->retry_after);
      response->retry_after = g_strstrip (g_strndup (data + 12, length - 12));
    }
  return length;
}

static int
on_progress (void       *user_data,
             curl_off_t  dltotal,
             curl_off_t  dlnow,
             curl_off_t  ultotal,
             curl_off_t  ulnow)
{
  return g_cancellable_is_cancelled (user_data) ? 1 : 0;
}

/* One request; fills response (status 0 never: a transport failure is an
 * SC_ERROR_NETWORK error), which is to be cleared either way. Holds the
 * lock. */
static gboolean
request (ScSyncClient  *self,
         const char    *method,
         const char    *path,
         const char    *body,
         gboolean       with_token,
         Response      *response,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autofree char *url = g_strconcat (self->url, "/api/v1", path, NULL);
  g_autofree char *authorization = NULL;
  struct curl_slist *headers = NULL;
  char curl_error[CURL_ERROR_SIZE] = "";
  CURLcode code;

  memset (response, 0, sizeof *response);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (!sc_curl_init (error))
    return FALSE;

  if (self->curl == NULL)
    self->curl = curl_easy_init ();
  else
    curl_easy_reset (self->curl);

  response->body = g_string_new (NULL);

  curl_easy_setopt (self->curl, CURLOPT_URL, url);
  curl_easy_setopt (self->curl, CURLOPT_CUSTOMREQUEST, method);
  curl_easy_setopt (self->curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt (self->curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt (self->curl, CURLOPT_CONNECTTIMEOUT, CONNECT_TIMEOUT_S);
  curl_easy_setopt (self->curl, CURLOPT_TIMEOUT, TOTAL_TIMEOUT_S);
  curl_easy_setopt (self->curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (self->curl, CURLOPT_USERAGENT, "Stockcast/" PACKAGE_VERSION);
  curl_easy_setopt (self->curl, CURLOPT_ERRORBUFFER, curl_error);
  curl_easy_setopt (self->curl, CURLOPT_WRITEFUNCTION, on_write);
  curl_easy_setopt (self->curl, CURLOPT_WRITEDATA, response);
  curl_easy_setopt (self->curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt (self->curl, CURLOPT_HEADERDATA, response);
  if (cancellable != NULL)
    {
      curl_easy_setopt (self->curl, CURLOPT_NOPROGRESS, 0L);
      curl_easy_setopt (self->curl, CURLOPT_XFERINFOFUNCTION, on_progress);
      curl_easy_setopt (self->curl, CURLOPT_XFERINFODATA, cancellable);
    }

  headers = curl_slist_append (headers, "Accept: application/json");
  headers = curl_slist_append (headers, "Expect:");
  if (with_token && self->token != NULL)
    {
      authorization = g_strconcat ("Authorization: Bearer ", self->token, NULL);
      headers = curl_slist_append (headers, authorization);
    }
  if (body != NULL)
    {
      headers = curl_slist_append (headers, "Content-Type: application/json");
      curl_easy_setopt (self->curl, CURLOPT_POSTFIELDS, body);
      curl_easy_setopt (self->curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) strlen (body));
    }
  curl_easy_setopt (self->curl, CURLOPT_HTTPHEADER, headers);

  g_debug ("sync: %s %s", method, path);
  code = curl_easy_perform (self->curl);
  curl_slist_free_all (headers);
  if (authorization != NULL)
    sodium_memzero (authorization, strlen (authorization));

  if (code != CURLE_OK)
    {
      response_clear (response);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      g_set_error (error, SC_ERROR, SC_ERROR_NETWORK,
                   _("The sync server %s cannot be reached (%s)."), self->url,
                   curl_error[0] ? curl_error : curl_easy_strerror (code));
      return FALSE;
    }

  curl_easy_getinfo (self->curl, CURLINFO_RESPONSE_CODE, &response->status);
  return TRUE;
}

static JsonObject *
parse_object (Response  *response,
              GError   **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  /* A hostile server's deep nesting would overflow the stack inside
   * json-glib: scan before parsing. */
  if (sc_json_scan (response->body->str, response->body->len, SC_JSON_MAX_DEPTH) != SC_JSON_SCAN_OK ||
      !json_parser_load_from_data (parser, response->body->str, response->body->len, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_NETWORK,
                   _("The sync server sent an answer Stockcast does not understand (HTTP %ld)."),
                   response->status);
      return NULL;
    }

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* Turns an unexpected status into an error. */
static void
set_status_error (ScSyncClient  *self,
                  Response      *response,
                  GError       **error)
{
  if (response->status == 401)
    g_set_error (error, SC_ERROR, SC_ERROR_AUTH,
                 _("The sync server no longer accepts this sign-in; sign in again."));
  else if (response->status == 429)
    g_set_error (error, SC_ERROR, SC_ERROR_AUTH,
                 _("Too many failed sign-ins on the sync server; try again in %s seconds."),
                 response->retry_after ? response->retry_after : "a few hundred");
  else if (response->status >= 500 || response->status < 200)
    g_set_error (error, SC_ERROR, SC_ERROR_NETWORK,
                 _("The sync server %s has a problem (HTTP %ld); try again later."),
                 self->url, response->status);
  else
    {
      g_autoptr(JsonObject) object = parse_object (response, NULL);
      const char *message = object ? json_object_get_string_member_with_default (object, "error", NULL) : NULL;

      g_set_error (error, SC_ERROR,
                   response->status == 400 || response->status == 409 || response->status == 413
                     ? SC_ERROR_DATA : SC_ERROR_NETWORK,
                   _("The sync server refused the request (HTTP %ld: %s)."),
                   response->status, message ? message : _("no reason given"));
    }
}

/* TRUE when the server answered with the expected status; else the error
 * for what it answered. */
static gboolean
expect_status (ScSyncClient  *self,
               Response      *response,
               long           expected,
               GError       **error)
{
  if (response->status == expected)
    return TRUE;

  set_status_error (self, response, error);
  return FALSE;
}

/* A JSON object of string members from name, value pairs ending with a
 * NULL name; a NULL value leaves its member out. */
static char *
string_object (const char *first_name,
               ...)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *name, *value;
  va_list args;

  json_builder_begin_object (builder);
  va_start (args, first_name);
  for (name = first_name; name != NULL; name = va_arg (args, const char *))
    {
      value = va_arg (args, const char *);
      if (value == NULL)
        continue;
      json_builder_set_member_name (builder, name);
      json_builder_add_string_value (builder, value);
    }
  va_end (args);
  json_builder_end_object (builder);

  return sc_json_builder_to_data (builder);
}

/* Sends body, which holds a password (wiped and freed here), and returns
 * the answer's status when it is expected or refused (for the caller to
 * word); otherwise 0 with the error for what went wrong. */
static long
send_password (ScSyncClient  *self,
               const char    *method,
               const char    *path,
               gboolean       with_token,
               char          *body,
               long           expected,
               long           refused,
               GCancellable  *cancellable,
               GError       **error)
{
  Response response;
  long status = 0;

  g_mutex_lock (&self->lock);
  if (request (self, method, path, body, with_token, &response, cancellable, error) &&
      (response.status == refused || expect_status (self, &response, expected, error)))
    status = response.status;
  response_clear (&response);
  g_mutex_unlock (&self->lock);
  sc_accounts_free_secret (body);

  return status;
}

gboolean
sc_sync_client_register_sync (ScSyncClient  *self,
                              const char    *username,
                              const char    *email,
                              const char    *password,
                              GCancellable  *cancellable,
                              GError       **error)
{
  long status;

  g_return_val_if_fail (SC_IS_SYNC_CLIENT (self), FALSE);
  g_return_val_if_fail (username != NULL && email != NULL && password != NULL, FALSE);

  status = send_password (self, "POST", "/accounts", FALSE,
                          string_object ("username", username, "email", email, "password", password, NULL),
                          201, 409, cancellable, error);
  if (status == 409)
    g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                 _("The username %s is taken on the sync server; sign in instead, or choose another server."),
                 username);
  return status == 201;
}

char *
sc_sync_client_sign_in_sync (ScSyncClient  *self,
                             const char    *username,
                             const char    *password,
                             char         **out_expires_at,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(JsonObject) object = NULL;
  char *body;
  char *token = NULL;
  Response response;
  const char *value;

  g_return_val_if_fail (SC_IS_SYNC_CLIENT (self), NULL);
  g_return_val_if_fail (username != NULL && password != NULL, NULL);

  body = string_object ("username", username, "password", password, NULL);
  g_mutex_lock (&self->lock);
  if (!request (self, "POST", "/sessions", body, FALSE, &response, cancellable, error))
    goto out;

  if (response.status == 401)
    g_set_error (error, SC_ERROR, SC_ERROR_AUTH,
                 _("The sync server does not know this username and password."));
  else if (response.status != 201)
    set_status_error (self, &response, error);
  else if ((object = parse_object (&response, error)) != NULL)
    {
      value = json_object_get_string_member_with_default (object, "token", NULL);
      if (value == NULL || value[0] == '\0')
        g_set_error (error, SC_ERROR, SC_ERROR_NETWORK,
                     _("The sync server sent an answer Stockcast does not understand (HTTP %ld)."),
                     response.status);
      else
        {
          token = g_strdup (value);
          sc_accounts_free_secret (self->token);
          self->token = g_strdup (value);
          if (out_expires_at != NULL)
            *out_expires_at = g_strdup (json_object_get_string_member_with_default (object, "expires_at", NULL));
        }
    }

  /* The body held the token: wipe it. */
  sodium_memzero (response.body->str, response.body->len);
  response_clear (&response);

out:
  sc_accounts_free_secret (body);
  g_mutex_unlock (&self->lock);
  return token;
}

gboolean
sc_sync_client_sign_out_sync (ScSyncClient  *self,
                              GCancellable  *cancellable,
                              GError       **error)
{
  Response response;
  gboolean ok = TRUE;

  g_return_val_if_fail (SC_IS_SYNC_CLIENT (self), FALSE);

  g_mutex_lock (&self->lock);
  if (self->token != NULL)
    {
      ok = request (self, "DELETE", "/sessions", NULL, TRUE, &response, cancellable, error) &&
           /* 401: the token was no good anyway. */
           (response.status == 401 || expect_status (self, &response, 204, error));
      if (ok)
        g_clear_pointer (&self->token, sc_accounts_free_secret);
      response_clear (&response);
    }
  g_mutex_unlock (&self->lock);

  return ok;
}

gboolean
sc_sync_client_change_password_sync (ScSyncClient  *self,
                                     const char    *old_password,
                                     const char    *new_password,
                                     GCancellable  *cancellable,
                                     GError       **error)
{
  long status;

  g_return_val_if_fail (SC_IS_SYNC_CLIENT (self), FALSE);
  g_return_val_if_fail (old_password != NULL && new_password != NULL, FALSE);

  status = send_password (self, "PUT", "/account/password", TRUE,
                          string_object ("password", old_password, "new_password", new_password, NULL),
                          204, 403, cancellable, error);
  if (status == 403)
    g_set_error (error, SC_ERROR, SC_ERROR_AUTH,
                 _("The sync server’s account has another password than the old one given."));
  return status == 204;
}

/* Each collection's path and the member holding a pulled page. */
static const struct
{
  const char *path;
  const char *member;
} collections[] = {
  [SC_SYNC_COLLECTION_RESULTS] = { "results", "results" },
  [SC_SYNC_COLLECTION_WATCHLIST] = { "watchlist", "entries" },
};

gboolean
sc_sync_client_put_sync (ScSyncClient      *self,
                         ScSyncCollection   collection,
                         const char        *uuid,
                         const char        *body,
                         ScSyncPutStatus   *out_status,
                         gint64            *out_seq,
                         gboolean          *out_deleted,
                         GCancellable      *cancellable,
                         GError           **error)
{
  g_autofree char *path = NULL;
  g_autoptr(JsonObject) object = NULL;
  Response response;
  gboolean ok;

  g_return_val_if_fail (SC_IS_SYNC_CLIENT (self), FALSE);
  g_return_val_if_fail (collection < G_N_ELEMENTS (collections), FALSE);
  g_return_val_if_fail (uuid != NULL && body != NULL, FALSE);

  *out_seq = 0;
  *out_deleted = FALSE;
  path = g_strdup_printf ("/%s/%s", collections[collection].path, uuid);

  g_mutex_lock (&self->lock);
  ok = request (self, "PUT", path, body, TRUE, &response, cancellable, error);
  if (ok)
    {
      switch (response.status)
        {
        case 200:
        case 201:
          *out_status = response.status == 201 ? SC_SYNC_PUT_CREATED : SC_SYNC_PUT_EXISTS;
          object = parse_object (&response, error);
          if (object == NULL)
            ok = FALSE;
          else
            {
              *out_seq = json_object_get_int_member_with_default (object, "seq", 0);
              *out_deleted = json_object_get_boolean_member_with_default (object, "deleted", FALSE);
            }
          break;
        case 409:
          *out_status = SC_SYNC_PUT_CONFLICT;
          break;
        case 400:
        case 403:   /* the watchlist is full */
        case 413:
          *out_status = SC_SYNC_PUT_REJECTED;
          break;
        default:
          set_status_error (self, &response, error);
          ok = FALSE;
          break;
        }
    }
  response_clear (&response);
  g_mutex_unlock (&self->lock);

  return ok;
}

gboolean
sc_sync_client_delete_sync (ScSyncClient      *self,
                            ScSyncCollection   collection,
                            const char        *uuid,
                            GCancellable      *cancellable,
                            GError           **error)
{
  g_autofree char *path = NULL;
  Response response;
  gboolean ok;

  g_return_val_if_fail (SC_IS_SYNC_CLIENT (self), FALSE);
  g_return_val_if_fail (collection < G_N_ELEMENTS (collections), FALSE);

  path = g_strdup_printf ("/%s/%s", collections[collection].path, uuid);
  g_mutex_lock (&self->lock);
  ok = request (self, "DELETE", path, NULL, TRUE, &response, cancellable, error) &&
       expect_status (self, &response, 204, error);
  response_clear (&response);
  g_mutex_unlock (&self->lock);

  return ok;
}

JsonArray *
sc_sync_client_pull_sync (ScSyncClient      *self,
                          ScSyncCollection   collection,
                          gint64             since,
                          guint              limit,
                          gint64            *out_next,
                          gboolean          *out_more,
                          gboolean          *out_supported,
                          GCancellable      *cancellable,
                          GError           **error)
{
  g_autofree char *path = NULL;
  g_autoptr(JsonObject) object = NULL;
  JsonArray *results = NULL;
  JsonNode *node;
  Response response;

  g_return_val_if_fail (SC_IS_SYNC_CLIENT (self), NULL);
  g_return_val_if_fail (collection < G_N_ELEMENTS (collections), NULL);

  if (out_supported != NULL)
    *out_supported = TRUE;
  if (limit > 0)
    path = g_strdup_printf ("/%s?since=%" G_GINT64_FORMAT "&limit=%u", collections[collection].path,
                            since, limit);
  else
    path = g_strdup_printf ("/%s?since=%" G_GINT64_FORMAT, collections[collection].path, since);

  g_mutex_lock (&self->lock);
  if (!request (self, "GET", path, NULL, TRUE, &response, cancellable, error))
    goto out;

  if (response.status == 404 && out_supported != NULL)
    {
      /* A server from before this collection. */
      *out_supported = FALSE;
      *out_next = since;
      *out_more = FALSE;
      results = json_array_new ();
    }
  else if (response.status != 200)
    set_status_error (self, &response, error);
  else if ((object = parse_object (&response, error)) != NULL)
    {
      node = json_object_get_member (object, collections[collection].member);
      if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
          !json_object_has_member (object, "next"))
        g_set_error (error, SC_ERROR, SC_ERROR_NETWORK,
                     _("The sync server sent an answer Stockcast does not understand (HTTP %ld)."),
                     response.status);
      else
        {
          results = json_array_ref (json_node_get_array (node));
          *out_next = json_object_get_int_member (object, "next");
          *out_more = json_object_get_boolean_member_with_default (object, "more", FALSE);
        }
    }
  response_clear (&response);

out:
  g_mutex_unlock (&self->lock);
  return results;
}
