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
#include "sc-error.h"
#include "sc-watchlist.h"

gboolean
sc_watchlist_check_ticker (const char  *ticker,
                           GError     **error)
{
  gsize len = ticker ? strlen (ticker) : 0;

  if (len >= 1 && len <= 32)
    {
      const char *p;

      for (p = ticker; *p != '\0'; p++)
        if (!g_ascii_isalnum (*p) && strchr ("^=.&_-", *p) == NULL)
          break;
      if (*p == '\0')
        return TRUE;
    }

  g_set_error (error, SC_ERROR, SC_ERROR_DATA, _("“%s” is not a ticker symbol."), ticker ? ticker : "");
  return FALSE;
}

static gboolean
step_done (ScDb         *db,
           sqlite3_stmt *stmt,
           const char   *what,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sc_db_set_error (db, error, what);
      return FALSE;
    }
  return TRUE;
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
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);

  if (out_added != NULL)
    *out_added = FALSE;
  if (!sc_watchlist_check_ticker (ticker, error))
    return FALSE;

  key = g_ascii_strup (ticker, -1);
  if (!sc_db_begin (db, error))
    return FALSE;

  stmt = sc_db_prepare (db, "SELECT 1 FROM watchlist WHERE user_id = ?1 AND ticker = ?2 AND deleted = 0",
                        error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      sc_db_set_error (db, error, _("Reading the watchlist"));
      goto fail;
    }
  present = rc == SQLITE_ROW;

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
      if (!step_done (db, stmt, _("Saving the watchlist"), error))
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

  if (!sc_watchlist_check_ticker (ticker, error))
    return FALSE;

  key = g_ascii_strup (ticker, -1);
  if (!sc_db_begin (db, error))
    return FALSE;

  /* Every live entry of the ticker: two computers may each have added it. */
  stmt = sc_db_prepare (db,
                        "UPDATE watchlist SET deleted = 1, synced = 0 "
                        "WHERE user_id = ?1 AND ticker = ?2 AND deleted = 0",
                        error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  if (!step_done (db, stmt, _("Saving the watchlist"), error))
    goto fail;
  if (sqlite3_changes (sc_db_get_handle (db)) == 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA, _("%s is not on the watchlist."), key);
      goto fail;
    }

  return sc_db_commit (db, error);

fail:
  sc_db_rollback (db);
  return FALSE;
}

GPtrArray *
sc_watchlist_list (ScDb        *db,
                   gint64       user_id,
                   GError     **error)
{
  g_autoptr(GPtrArray) tickers = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);

  stmt = sc_db_prepare (db,
                        "SELECT ticker FROM watchlist WHERE user_id = ?1 AND deleted = 0 "
                        "GROUP BY ticker ORDER BY MIN (added_at), MIN (id)",
                        error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, user_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (tickers, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sc_db_set_error (db, error, _("Reading the watchlist"));
      return NULL;
    }

  return g_steal_pointer (&tickers);
}
