/* sc-watchlist.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sc-db-private.h"
#include "sc-validate.h"
#include "sc-watchlist.h"

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* The rows of sql (?1: user_id), each made into an element by from_row. */
static GPtrArray *
list_rows (ScDb            *db,
           const char      *sql,
           gint64           user_id,
           gpointer       (*from_row) (sqlite3_stmt *stmt),
           GDestroyNotify   free_func,
           GError         **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (free_func);
  sqlite3_stmt *stmt;
  int rc;

  stmt = sc_db_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, user_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, from_row (stmt));
  if (!sc_db_reset_done (db, stmt, rc, _("Reading the watchlist"), error))
    return NULL;

  return g_steal_pointer (&rows);
}

gboolean
sc_watchlist_add (ScDb        *db,
                  gint64       user_id,
                  const char  *ticker,
                  gboolean    *out_added,
                  GError     **error)
{
  g_autofree char *key = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *now = NULL;
  g_autoptr(GDateTime) utc = g_date_time_new_now_utc ();
  sqlite3_stmt *stmt;
  gboolean present;

  g_return_val_if_fail (db != NULL, FALSE);

  if (out_added != NULL)
    *out_added = FALSE;
  if (!sc_validate_ticker (ticker, error))
    return FALSE;

  key = sc_ticker_normalize (ticker);
  if (!sc_db_begin (db, error))
    return FALSE;

  stmt = sc_db_prepare (db, "SELECT 1 FROM watchlist WHERE user_id = ?1 AND ticker = ?2 AND deleted = 0",
                        error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  if (!sc_db_step_exists (db, stmt, _("Reading the watchlist"), &present, error))
    goto fail;

  if (!present)
    {
      uuid = g_uuid_string_random ();
      now = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
      stmt = sc_db_prepare (db,
                            "INSERT INTO watchlist (uuid, user_id, ticker, added_at) VALUES (?1, ?2, ?3, ?4)",
                            error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, user_id);
      sqlite3_bind_text (stmt, 3, key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
      if (!sc_db_step_done (db, stmt, _("Saving the watchlist"), error))
        goto fail;
    }

  if (!sc_db_commit (db, error))
    return FALSE;
  if (out_added != NULL)
    *out_added = !present;
  return TRUE;

fail:
  sc_db_rollback (db);
  return FALSE;
}

gboolean
sc_watchlist_remove (ScDb        *db,
                     gint64       user_id,
                     const char  *ticker,
                     GError     **error)
{
  g_autofree char *key = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (db != NULL, FALSE);

  if (!sc_validate_ticker (ticker, error))
    return FALSE;

  key = sc_ticker_normalize (ticker);
  /* Every live entry of the ticker: two computers may each have added it. */
  stmt = sc_db_begin_update (db,
                             "UPDATE watchlist SET deleted = 1, synced = 0 "
                             "WHERE user_id = ?1 AND ticker = ?2 AND deleted = 0",
                             user_id, key, error);
  if (stmt == NULL)
    return FALSE;

  return sc_db_update_and_commit (db, stmt, _("Saving the watchlist"), error,
                                  _("%s is not on the watchlist."), key);
}

static gpointer
ticker_from_row (sqlite3_stmt *stmt)
{
  return column_dup (stmt, 0);
}

GPtrArray *
sc_watchlist_list (ScDb        *db,
                   gint64       user_id,
                   GError     **error)
{
  g_return_val_if_fail (db != NULL, NULL);

  return list_rows (db,
                    "SELECT ticker FROM watchlist WHERE user_id = ?1 AND deleted = 0 "
                    "GROUP BY ticker ORDER BY MIN (added_at), MIN (id)",
                    user_id, ticker_from_row, g_free, error);
}

/* --- sync ------------------------------------------------------------------ */

void
sc_watch_entry_free (ScWatchEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->uuid);
  g_free (entry->ticker);
  g_free (entry->added_at);
  g_free (entry);
}

static gpointer
entry_from_row (sqlite3_stmt *stmt)
{
  ScWatchEntry *entry = g_new0 (ScWatchEntry, 1);

  entry->uuid = column_dup (stmt, 0);
  entry->ticker = column_dup (stmt, 1);
  entry->added_at = column_dup (stmt, 2);
  entry->deleted = sqlite3_column_int (stmt, 3) != 0;
  entry->server_seq = sqlite3_column_int64 (stmt, 4);
  return entry;
}

GPtrArray *
sc_watchlist_list_unsynced (ScDb    *db,
                            gint64   user_id,
                            GError **error)
{
  g_return_val_if_fail (db != NULL, NULL);

  return list_rows (db,
                    "SELECT uuid, ticker, added_at, deleted, server_seq FROM watchlist "
                    "WHERE user_id = ?1 AND synced = 0 ORDER BY id",
                    user_id, entry_from_row, (GDestroyNotify) sc_watch_entry_free, error);
}

gboolean
sc_watchlist_mark_synced (ScDb        *db,
                          gint64       user_id,
                          const char  *uuid,
                          gboolean     pushed_deleted,
                          gint64       seq,
                          gboolean    *out_marked,
                          GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (db != NULL && uuid != NULL, FALSE);

  /* Only the state that was pushed: a removal made while the upload was
   * on its way stays unsynced for the next run. */
  stmt = sc_db_prepare (db,
                        "UPDATE watchlist SET synced = 1, server_seq = ?4 "
                        "WHERE user_id = ?1 AND uuid = ?2 AND deleted = ?3",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, pushed_deleted ? 1 : 0);
  sqlite3_bind_int64 (stmt, 4, seq);
  if (!sc_db_step_done (db, stmt, _("Saving the watchlist"), error))
    return FALSE;
  if (out_marked != NULL)
    *out_marked = sqlite3_changes (sc_db_get_handle (db)) > 0;
  return TRUE;
}

gboolean
sc_watchlist_merge_remote (ScDb               *db,
                           gint64              user_id,
                           const ScWatchEntry *remote,
                           gboolean           *out_changed,
                           GError            **error)
{
  g_autofree char *key = NULL;
  sqlite3_stmt *stmt;
  gboolean changed;

  g_return_val_if_fail (db != NULL && remote != NULL && remote->uuid != NULL, FALSE);
  g_return_val_if_fail (remote->deleted || remote->added_at != NULL, FALSE);

  if (out_changed != NULL)
    *out_changed = FALSE;
  if (!remote->deleted && !sc_validate_ticker (remote->ticker, error))
    return FALSE;

  if (!sc_db_begin (db, error))
    return FALSE;

  if (remote->deleted)
    {
      /* Deleted elsewhere: gone here too, also when this computer still
       * had it live and unsynced (a deletion wins). No row: nothing to do. */
      stmt = sc_db_prepare (db,
                            "UPDATE watchlist SET deleted = 1, synced = 1, server_seq = ?3 "
                            "WHERE user_id = ?1 AND uuid = ?2 AND deleted = 0",
                            error);
    }
  else
    {
      key = sc_ticker_normalize (remote->ticker);
      stmt = sc_db_prepare (db,
                            "INSERT INTO watchlist (uuid, user_id, ticker, added_at, deleted, synced, server_seq) "
                            "VALUES (?2, ?1, ?4, ?5, 0, 1, ?3) ON CONFLICT (user_id, uuid) DO NOTHING",
                            error);
    }
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_text (stmt, 2, remote->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, remote->server_seq);
  if (key != NULL)
    {
      sqlite3_bind_text (stmt, 4, key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, remote->added_at, -1, SQLITE_TRANSIENT);
    }
  if (!sc_db_step_done (db, stmt, _("Saving the watchlist"), error))
    goto fail;
  changed = sqlite3_changes (sc_db_get_handle (db)) > 0;

  /* Known here in the server's state: synced. A live entry this computer
   * removed keeps its unsynced tombstone (pushed next, never revived). */
  stmt = sc_db_prepare (db,
                        "UPDATE watchlist SET synced = 1, server_seq = ?3 "
                        "WHERE user_id = ?1 AND uuid = ?2 AND deleted = ?4",
                        error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_text (stmt, 2, remote->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, remote->server_seq);
  sqlite3_bind_int (stmt, 4, remote->deleted ? 1 : 0);
  if (!sc_db_step_done (db, stmt, _("Saving the watchlist"), error) ||
      !sc_db_commit (db, error))
    goto fail;

  if (out_changed != NULL)
    *out_changed = changed;
  return TRUE;

fail:
  sc_db_rollback (db);
  return FALSE;
}

gboolean
sc_watchlist_get_sync_seq (ScDb    *db,
                           gint64   user_id,
                           gint64  *out_seq,
                           GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);

  *out_seq = 0;
  stmt = sc_db_prepare (db, "SELECT last_seq FROM watchlist_sync WHERE user_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_seq = sqlite3_column_int64 (stmt, 0);
  return sc_db_reset_one (db, stmt, rc, _("Reading the watchlist"), error);
}

gboolean
sc_watchlist_set_sync_seq (ScDb    *db,
                           gint64   user_id,
                           gint64   seq,
                           GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (db != NULL, FALSE);

  stmt = sc_db_prepare (db,
                        "INSERT INTO watchlist_sync (user_id, last_seq) VALUES (?1, ?2) "
                        "ON CONFLICT (user_id) DO UPDATE SET last_seq = max (last_seq, ?2)",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_int64 (stmt, 2, seq);
  return sc_db_step_done (db, stmt, _("Saving the watchlist"), error);
}

gboolean
sc_watchlist_reset_sync (ScDb    *db,
                         gint64   user_id,
                         GError **error)
{
  g_return_val_if_fail (db != NULL, FALSE);

  return sc_db_exec_for_user (db, "UPDATE watchlist SET synced = 0, server_seq = 0 WHERE user_id = ?1",
                              user_id, _("Saving the watchlist"), error) &&
         sc_db_exec_for_user (db, "DELETE FROM watchlist_sync WHERE user_id = ?1",
                              user_id, _("Saving the watchlist"), error);
}
