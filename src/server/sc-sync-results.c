/* sc-sync-results.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sc-json-scan.h"
#include "sc-sync-result.h"
#include "sc-sync-server-private.h"

/* Everything under /api/v1/results: GET ?since=SEQ&limit=N lists a page of
 * the signed-in user's results, PUT /UUID stores one result and DELETE
 * /UUID tombstones it. The watchlist (sc-sync-watchlist.c) is served by the
 * same handlers, with its own ScSyncCollection. */

#define DEFAULT_LIMIT   500     /* items on a page */
#define MAX_LIMIT       1000

const ScSyncCollection _sc_sync_results = {
  .table = SC_SYNC_RESULTS,
  .list_member = "results",
  .canonicalize = sc_sync_result_canonicalize,
  .differs = "A different result with this uuid is already stored.",
  .put = NULL,
};

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

/* GET: one page of the items changed after ?since=SEQ, at most ?limit=N. */
static void
list_items (Exchange               *ex,
            ScSyncDb               *db,
            gint64                  user_id,
            const ScSyncCollection *collection)
{
  g_autoptr(ScSyncRows) rows = NULL;
  g_autoptr(GError) error = NULL;
  GString *out;
  gint64 since, limit, next;

  if (!parse_query_int (ex->query, "since", 0, 0, G_MAXINT64, &since) ||
      !parse_query_int (ex->query, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT, &limit))
    {
      _sc_sync_server_reply_error (ex, SOUP_STATUS_BAD_REQUEST,
                                   "“since” must be a sequence number and “limit” 1 to 1000.");
      return;
    }

  /* One more than asked tells whether another page follows. */
  rows = sc_sync_store_list (db, collection->table, user_id, since, limit + 1, &error);
  if (rows == NULL)
    {
      _sc_sync_server_reply_storage_error (ex, error);
      return;
    }

  /* The stored bodies are canonical JSON objects: splice them in rather
   * than parse and print every one again. */
  out = g_string_new (NULL);
  g_string_append_printf (out, "{\"%s\":[", collection->list_member);
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
          /* Results stored before numbers were range-checked may hold
           * json-glib's "1e+30.0": repair them so the page stays JSON. */
          g_autofree char *repaired = sc_json_repair_numbers (g_strdup (body));

          g_string_append_len (out, repaired, strlen (repaired) - 1);
          g_string_append_printf (out, ",\"seq\":%" G_GINT64_FORMAT ",\"deleted\":false}", seq);
        }
      next = seq;
    }
  g_string_append_printf (out, "],\"next\":%" G_GINT64_FORMAT ",\"more\":%s}",
                          next, rows->n_rows > (guint) limit ? "true" : "false");

  _sc_sync_server_reply_json (ex, SOUP_STATUS_OK, g_string_free (out, FALSE));
}

ScSyncPutOutcome
_sc_sync_server_put_item (ScSyncServer           *self,
                          Exchange               *ex,
                          ScSyncDb               *db,
                          gint64                  user_id,
                          const char             *uuid,
                          const ScSyncCollection *collection,
                          gint64                  max_live)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *body = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *uuid_lower = g_ascii_strdown (uuid, -1);
  ScSyncItem item = { uuid_lower, NULL, NULL, FALSE };
  gint64 seq = 0;
  ScSyncPutOutcome outcome;
  guint status;

  if ((root = _sc_sync_server_parse_body (self, ex)) == NULL)
    return SC_SYNC_PUT_FAILED;

  if (!collection->canonicalize (root, uuid, &body, &digest, &item.deleted, &error))
    {
      _sc_sync_server_reply_error (ex, SOUP_STATUS_BAD_REQUEST, error->message);
      return SC_SYNC_PUT_FAILED;
    }
  item.body = body;
  item.digest = digest;

  outcome = sc_sync_store_put (db, collection->table, user_id, &item, max_live,
                               _sc_sync_server_now (), &seq, &error);
  switch (outcome)
    {
    case SC_SYNC_PUT_FAILED:
      _sc_sync_server_reply_storage_error (ex, error);
      return outcome;
    case SC_SYNC_PUT_DIFFERS:
      _sc_sync_server_reply_error (ex, SOUP_STATUS_CONFLICT, collection->differs);
      return outcome;
    case SC_SYNC_PUT_FULL:
      return outcome;
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
  json_builder_add_boolean_value (builder, outcome == SC_SYNC_PUT_DELETED || item.deleted);
  json_builder_end_object (builder);
  _sc_sync_server_reply_builder (ex, status, builder);
  return outcome;
}

/* DELETE: a tombstone, also for a uuid never stored. */
static void
delete_item (Exchange               *ex,
             ScSyncDb               *db,
             gint64                  user_id,
             const char             *uuid,
             const ScSyncCollection *collection)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid_lower = g_ascii_strdown (uuid, -1);
  gint64 seq;

  if (!sc_sync_store_delete (db, collection->table, user_id, uuid_lower, _sc_sync_server_now (),
                             &seq, &error))
    _sc_sync_server_reply_storage_error (ex, error);
  else
    _sc_sync_server_reply_no_content (ex);
}

void
_sc_sync_server_handle_collection (ScSyncServer           *self,
                                   Exchange               *ex,
                                   const char             *rest,
                                   const ScSyncCollection *collection)
{
  gint64 user_id;
  ScSyncDb *db;

  g_assert (rest[0] == '\0' || rest[0] == '/');
  if (rest[0] == '\0' && strcmp (ex->method, "GET") != 0)
    {
      _sc_sync_server_reply_method_not_allowed (ex, "GET");
      return;
    }
  if (rest[0] == '/' && strcmp (ex->method, "PUT") != 0 && strcmp (ex->method, "DELETE") != 0)
    {
      _sc_sync_server_reply_method_not_allowed (ex, "PUT, DELETE");
      return;
    }

  if ((db = _sc_sync_server_acquire (self, ex)) == NULL)
    return;

  if (!_sc_sync_server_authenticate (self, ex, db, &user_id, NULL))
    ;
  else if (rest[0] == '\0')
    list_items (ex, db, user_id, collection);
  else if (!sc_sync_result_is_uuid (rest + 1))
    _sc_sync_server_reply_error (ex, SOUP_STATUS_BAD_REQUEST, "The address does not end in a valid uuid.");
  else if (strcmp (ex->method, "DELETE") == 0)
    delete_item (ex, db, user_id, rest + 1, collection);
  else if (collection->put != NULL)
    collection->put (self, ex, db, user_id, rest + 1, collection);
  else
    _sc_sync_server_put_item (self, ex, db, user_id, rest + 1, collection, 0);

  _sc_sync_server_release (self, db);
}
