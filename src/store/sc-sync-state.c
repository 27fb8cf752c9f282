/* sc-sync-state.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sc-db-private.h"
#include "sc-sync-state.h"
#include "sc-watchlist.h"

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

void
sc_sync_link_free (ScSyncLink *link)
{
  if (link == NULL)
    return;

  g_free (link->server_url);
  g_free (link->server_username);
  g_free (link->last_sync_at);
  g_free (link->last_attempt_at);
  g_free (link->last_error);
  g_free (link);
}

static ScSyncState
state_from_string (const char *text)
{
  if (g_strcmp0 (text, "ok") == 0)
    return SC_SYNC_STATE_OK;
  if (g_strcmp0 (text, "offline") == 0)
    return SC_SYNC_STATE_OFFLINE;
  if (g_strcmp0 (text, "sign-in") == 0)
    return SC_SYNC_STATE_SIGN_IN;
  if (g_strcmp0 (text, "error") == 0)
    return SC_SYNC_STATE_ERROR;
  return SC_SYNC_STATE_NEVER;
}

static const char *
state_to_string (ScSyncState state)
{
  switch (state)
    {
    case SC_SYNC_STATE_OK:
      return "ok";
    case SC_SYNC_STATE_OFFLINE:
      return "offline";
    case SC_SYNC_STATE_SIGN_IN:
      return "sign-in";
    case SC_SYNC_STATE_ERROR:
      return "error";
    case SC_SYNC_STATE_NEVER:
    default:
      return "never";
    }
}

static gboolean
step_done (ScDb          *db,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  return sc_db_reset_one (db, stmt, sqlite3_step (stmt), _("Saving the sync state"), error);
}

ScSyncLink *
sc_sync_get_link (ScDb    *db,
                  gint64   user_id,
                  GError **error)
{
  sqlite3_stmt *stmt;
  ScSyncLink *link = NULL;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);

  stmt = sc_db_prepare (db,
                        "SELECT server_url, server_username, allow_insecure_http, last_seq,"
                        " last_sync_at, last_attempt_at, last_state, last_error"
                        " FROM sync_links WHERE user_id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, user_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      link = g_new0 (ScSyncLink, 1);
      link->user_id = user_id;
      link->server_url = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      link->server_username = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      link->allow_insecure_http = sqlite3_column_int (stmt, 2) != 0;
      link->last_seq = sqlite3_column_int64 (stmt, 3);
      link->last_sync_at = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      link->last_attempt_at = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      link->state = state_from_string ((const char *) sqlite3_column_text (stmt, 6));
      link->last_error = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
    }

  if (!sc_db_reset_one (db, stmt, rc, _("Reading the sync settings"), error))
    return NULL;

  return link;
}

gboolean
sc_sync_state_record (ScDb        *db,
                      gint64       user_id,
                      ScSyncState  state,
                      const char  *message,
                      GError     **error)
{
  g_autofree char *now = now_iso8601 ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (db != NULL, FALSE);

  stmt = sc_db_prepare (db,
                        "UPDATE sync_links SET last_attempt_at = ?2, last_state = ?3, last_error = ?4,"
                        " last_sync_at = CASE WHEN ?5 THEN ?2 ELSE last_sync_at END"
                        " WHERE user_id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, state_to_string (state), -1, SQLITE_STATIC);
  if (state != SC_SYNC_STATE_OK && message != NULL)
    sqlite3_bind_text (stmt, 4, message, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 5, state == SC_SYNC_STATE_OK);
  return step_done (db, stmt, error);
}

gboolean
sc_sync_state_save_last_seq (ScDb    *db,
                             gint64   user_id,
                             gint64   seq,
                             GError **error)
{
  sqlite3_stmt *stmt = sc_db_prepare (db,
                                      "UPDATE sync_links SET last_seq = max (last_seq, ?2) WHERE user_id = ?1",
                                      error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_int64 (stmt, 2, seq);
  return step_done (db, stmt, error);
}

/* Every result and watchlist entry of the user becomes unsynced: for a new link. */
static gboolean
reset_sync_state (ScDb    *db,
                  gint64   user_id,
                  GError **error)
{
  return sc_db_exec_for_user (db, "UPDATE results SET synced = 0, server_seq = 0 WHERE user_id = ?1",
                              user_id, _("Saving the sync state"), error) &&
         sc_watchlist_reset_sync (db, user_id, error);
}

gboolean
sc_sync_state_link (ScDb        *db,
                    gint64       user_id,
                    const char  *server_url,
                    const char  *username,
                    gboolean     allow_insecure_http,
                    gboolean     same_account,
                    GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (server_url != NULL && username != NULL, FALSE);

  if (!sc_db_begin (db, error))
    return FALSE;

  if (!same_account)
    {
      stmt = sc_db_prepare (db,
                            "INSERT INTO sync_links (user_id, server_url, server_username,"
                            "  allow_insecure_http, last_seq, last_state)"
                            " VALUES (?1, ?2, ?3, ?4, 0, 'never')"
                            " ON CONFLICT (user_id) DO UPDATE SET server_url = ?2, server_username = ?3,"
                            "  allow_insecure_http = ?4, last_seq = 0, last_sync_at = NULL,"
                            "  last_attempt_at = NULL, last_state = 'never', last_error = NULL",
                            error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, user_id);
      sqlite3_bind_text (stmt, 2, server_url, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, username, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 4, allow_insecure_http);
      if (!step_done (db, stmt, error) || !reset_sync_state (db, user_id, error))
        goto fail;
    }
  else
    {
      /* Signed in again to the same account: only the state changes. */
      if (!sc_db_exec_for_user (db,
                                "UPDATE sync_links SET last_state = CASE WHEN last_sync_at IS NULL"
                                " THEN 'never' ELSE 'ok' END, last_error = NULL WHERE user_id = ?1",
                                user_id, _("Saving the sync state"), error))
        goto fail;
    }

  return sc_db_commit (db, error);

fail:
  sc_db_rollback (db);
  return FALSE;
}

gboolean
sc_sync_state_unlink (ScDb    *db,
                      gint64   user_id,
                      GError **error)
{
  g_return_val_if_fail (db != NULL, FALSE);

  if (!sc_db_begin (db, error))
    return FALSE;
  if (!sc_db_exec_for_user (db, "DELETE FROM sync_links WHERE user_id = ?1",
                            user_id, _("Saving the sync state"), error) ||
      !reset_sync_state (db, user_id, error))
    {
      sc_db_rollback (db);
      return FALSE;
    }
  return sc_db_commit (db, error);
}
