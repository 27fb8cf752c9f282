/* sc-sync-watchlist.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "sc-result-private.h"
#include "sc-sync-server-private.h"
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
      body_uuid = _sc_result_json_get_string (object, "uuid");
      if (body_uuid == NULL || g_ascii_strcasecmp (body_uuid, uuid) != 0)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               "The uuid in the body differs from the address.");
          return FALSE;
        }
    }

  ticker = _sc_result_json_get_string (object, "ticker");
  if (ticker == NULL || !sc_validate_ticker (ticker, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "The field “ticker” is missing or not a ticker symbol (1–32 of A–Z, 0–9 and ^=.&_-).");
      return FALSE;
    }

  added_at = _sc_result_json_get_string (object, "added_at");
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

/* PUT /watchlist/UUID: a small body, and at most max_watchlist entries
 * that are not deleted. */
static void
put_entry (ScSyncServer           *self,
           Exchange               *ex,
           ScSyncDb               *db,
           gint64                  user_id,
           const char             *uuid,
           const ScSyncCollection *collection)
{
  gint64 max_live = _sc_sync_server_get_config (self)->max_watchlist;
  g_autofree char *full = NULL;

  if (ex->body_length > MAX_ENTRY_BODY)
    {
      _sc_sync_server_reply_error (ex, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE,
                                   "A watchlist entry must be at most 4096 bytes.");
      return;
    }

  if (_sc_sync_server_put_item (self, ex, db, user_id, uuid, collection, max_live) != SC_SYNC_PUT_FULL)
    return;

  full = g_strdup_printf ("The watchlist is full: an account keeps at most %" G_GINT64_FORMAT " tickers.",
                          max_live);
  _sc_sync_server_reply_error (ex, SOUP_STATUS_FORBIDDEN, full);
}

/* Everything under /api/v1/watchlist, served like the results
 * (sc-sync-results.c). */
const ScSyncCollection _sc_sync_watchlist = {
  .table = SC_SYNC_WATCHLIST,
  .list_member = "entries",
  .canonicalize = sc_sync_watch_canonicalize,
  .differs = "A different watchlist entry with this uuid is already stored.",
  .put = put_entry,
};
