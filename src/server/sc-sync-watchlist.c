/* sc-sync-watchlist.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "sc-sync-result.h"
#include "sc-sync-server-private.h"
#include "sc-sync-store.h"
#include "sc-sync-watchlist.h"
#include "sc-validate.h"

/* An entry is a ticker and when it was added: a few dozen bytes. */
#define MAX_ENTRY_BODY 4096

/* "YYYY-MM-DDTHH:MM:SSZ", a real date and time. */
static gboolean
is_timestamp (const char *text)
{
  static const char pattern[] = "dddd-dd-ddTdd:dd:ddZ";
  g_autoptr(GDateTime) time = NULL;

  if (strlen (text) != sizeof pattern - 1)
    return FALSE;
  for (guint i = 0; pattern[i] != '\0'; i++)
    if (pattern[i] == 'd' ? !g_ascii_isdigit (text[i]) : text[i] != pattern[i])
      return FALSE;

  time = g_date_time_new_from_iso8601 (text, NULL);
  return time != NULL;
}

static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gboolean
sc_sync_watch_canonicalize (JsonNode    *root,
                            const char  *uuid,
                            char       **out_body,
                            char       **out_digest,
                            gboolean    *out_deleted,
                            GError     **error)
{
  JsonObject *object = json_node_get_object (root);
  JsonNode *node;
  const char *body_uuid, *ticker, *added_at;
  g_autofree char *uuid_lower = g_ascii_strdown (uuid, -1);
  g_autofree char *ticker_upper = NULL;

  node = json_object_get_member (object, "uuid");
  if (node != NULL)
    {
      body_uuid = get_string (object, "uuid");
      if (body_uuid == NULL || g_ascii_strcasecmp (body_uuid, uuid) != 0)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               "The uuid in the body differs from the address.");
          return FALSE;
        }
    }

  ticker = get_string (object, "ticker");
  if (ticker == NULL || !sc_validate_ticker (ticker, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "The field “ticker” is missing or not a ticker symbol (1–32 of A–Z, 0–9 and ^=.&_-).");
      return FALSE;
    }

  added_at = get_string (object, "added_at");
  if (added_at == NULL || !is_timestamp (added_at))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "The field “added_at” is missing or not a time like 2026-11-24T10:00:00Z.");
      return FALSE;
    }

  *out_deleted = FALSE;
  node = json_object_get_member (object, "deleted");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               "The field “deleted” must be true or false.");
          return FALSE;
        }
      *out_deleted = json_node_get_boolean (node);
    }

  /* Both strings were checked to need no escaping. */
  ticker_upper = sc_ticker_normalize (ticker);
  *out_digest = g_strdup_printf ("{\"ticker\":\"%s\",\"added_at\":\"%s\"}", ticker_upper, added_at);
  *out_body = g_strdup_printf ("{\"uuid\":\"%s\",\"ticker\":\"%s\",\"added_at\":\"%s\"}",
                               uuid_lower, ticker_upper, added_at);
  return TRUE;
}

static void
handle_put (ScSyncServer *self,
            Exchange     *ex,
            ScSyncDb     *db,
            gint64        user_id,
            const char   *uuid)
{
  const ScSyncServerConfig *config = _sc_sync_server_get_config (self);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *body = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *uuid_lower = g_ascii_strdown (uuid, -1);
  g_autofree char *full = NULL;
  gboolean deleted = FALSE;
  gint64 seq = 0;
  ScSyncPutOutcome outcome;
  guint status;

  if (ex->body_length > MAX_ENTRY_BODY)
    {
      _sc_sync_server_reply_error (ex, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE,
                                   "A watchlist entry must be at most 4096 bytes.");
      return;
    }

  if ((root = _sc_sync_server_parse_body (self, ex)) == NULL)
    return;

  if (!sc_sync_watch_canonicalize (root, uuid, &body, &digest, &deleted, &error))
    {
      _sc_sync_server_reply_error (ex, SOUP_STATUS_BAD_REQUEST, error->message);
      return;
    }

  outcome = sc_sync_store_put_watch (db, user_id, uuid_lower, digest, body, deleted,
                                     config->max_watchlist, _sc_sync_server_now (), &seq, &error);
  switch (outcome)
    {
    case SC_SYNC_PUT_FAILED:
      _sc_sync_server_reply_storage_error (ex, error);
      return;
    case SC_SYNC_PUT_DIFFERS:
      _sc_sync_server_reply_error (ex, SOUP_STATUS_CONFLICT,
                                   "A different watchlist entry with this uuid is already stored.");
      return;
    case SC_SYNC_PUT_FULL:
      full = g_strdup_printf ("The watchlist is full: an account keeps at most %" G_GINT64_FORMAT " tickers.",
                              config->max_watchlist);
      _sc_sync_server_reply_error (ex, SOUP_STATUS_FORBIDDEN, full);
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
  _sc_sync_server_reply_builder (ex, status, builder);
}

static void
handle_list (ScSyncServer *self,
             Exchange     *ex,
             ScSyncDb     *db,
             gint64        user_id)
{
  g_autoptr(ScSyncRows) rows = NULL;
  g_autoptr(GError) error = NULL;
  GString *out;
  gint64 since, limit, next;

  if (!_sc_sync_server_parse_since_limit (ex, &since, &limit))
    return;

  /* One more than asked tells whether another page follows. */
  rows = sc_sync_store_list_watchlist (db, user_id, since, limit + 1, &error);
  if (rows == NULL)
    {
      _sc_sync_server_reply_storage_error (ex, error);
      return;
    }

  /* Stored bodies are canonical objects of checked strings: splice. */
  out = g_string_new ("{\"entries\":[");
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

  _sc_sync_server_reply_json (ex, SOUP_STATUS_OK, g_string_free (out, FALSE));
}

void
_sc_sync_server_handle_watchlist (ScSyncServer *self,
                                  Exchange     *ex,
                                  const char   *rest)
{
  g_autoptr(GError) error = NULL;
  gint64 user_id;
  ScSyncDb *db;

  if (rest[0] == '\0')
    {
      if (strcmp (ex->method, "GET") != 0)
        {
          _sc_sync_server_reply_method_not_allowed (ex, "GET");
          return;
        }
      if ((db = _sc_sync_server_acquire (self, ex)) == NULL)
        return;
      if (_sc_sync_server_authenticate (self, ex, db, &user_id))
        handle_list (self, ex, db, user_id);
      _sc_sync_server_release (self, db);
      return;
    }

  g_assert (rest[0] == '/');
  rest++;

  if (strcmp (ex->method, "PUT") != 0 && strcmp (ex->method, "DELETE") != 0)
    {
      _sc_sync_server_reply_method_not_allowed (ex, "PUT, DELETE");
      return;
    }

  if ((db = _sc_sync_server_acquire (self, ex)) == NULL)
    return;

  if (!_sc_sync_server_authenticate (self, ex, db, &user_id))
    ;
  else if (!sc_sync_result_is_uuid (rest))
    _sc_sync_server_reply_error (ex, SOUP_STATUS_BAD_REQUEST, "The address does not end in a valid uuid.");
  else if (strcmp (ex->method, "PUT") == 0)
    handle_put (self, ex, db, user_id, rest);
  else
    {
      g_autofree char *uuid_lower = g_ascii_strdown (rest, -1);
      gint64 seq;

      if (!sc_sync_store_delete_watch (db, user_id, uuid_lower, _sc_sync_server_now (), &seq, &error))
        _sc_sync_server_reply_storage_error (ex, error);
      else
        _sc_sync_server_reply_no_content (ex);
    }

  _sc_sync_server_release (self, db);
}
