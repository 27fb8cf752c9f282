/* sc-results-sync.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sc-db-private.h"
#include "sc-error.h"
#include "sc-validate.h"
#include "sc-result-private.h"
#include "sc-results-private.h"

/* The results' sync state: what the server lacks, what it acknowledged,
 * and results pulled from it. */

GPtrArray *
sc_results_list_unsynced (ScDb    *db,
                          gint64   user_id,
                          GError **error)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_result_unref);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (db != NULL, NULL);

  stmt = sc_db_prepare (db,
                        "SELECT " SC_RESULTS_COLUMNS SC_RESULTS_FROM
                        "WHERE r.user_id = ?1 AND r.synced = 0 "
                        "ORDER BY r.created_at, r.id",
                        error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, user_id);
  if (!_sc_results_collect (db, stmt, results, error))
    return NULL;

  return g_steal_pointer (&results);
}

gboolean
sc_results_mark_synced (ScDb        *db,
                        gint64       user_id,
                        const char  *uuid,
                        gboolean     deleted,
                        gint64       server_seq,
                        GError     **error)
{
  g_autofree char *key = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  key = g_ascii_strdown (uuid, -1);
  stmt = sc_db_begin_update (db,
                             "UPDATE results SET synced = (deleted = ?3), "
                             "  server_seq = max (server_seq, ?4) "
                             "WHERE user_id = ?1 AND uuid = ?2",
                             user_id, key, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int (stmt, 3, deleted ? 1 : 0);
  sqlite3_bind_int64 (stmt, 4, server_seq);
  return sc_db_update_and_commit (db, stmt, _("Saving the sync state"), error,
                                  _("There is no saved prediction %s in this history."), uuid);
}

gboolean
sc_results_merge_remote (ScDb            *db,
                         gint64           user_id,
                         const ScResult  *remote,
                         gint64           server_seq,
                         GError         **error)
{
  g_autoptr(ScResult) copy = NULL;
  g_autofree char *key = NULL;
  g_autofree char *created_at = NULL;
  sqlite3_stmt *stmt;
  gint64 local_id = -1;
  gboolean local_deleted = FALSE;
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (remote != NULL, FALSE);

  if (!_sc_result_check (remote, error))
    return FALSE;

  created_at = _sc_result_normalize_timestamp (remote->created_at);
  if (created_at == NULL)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("A result needs its creation time."));
      return FALSE;
    }

  key = g_ascii_strdown (remote->uuid, -1);

  if (!sc_db_begin (db, error))
    return FALSE;

  stmt = sc_db_prepare (db,
                        "SELECT id, deleted FROM results WHERE user_id = ?1 AND uuid = ?2",
                        error);
  if (stmt == NULL)
    goto fail;

  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      local_id = sqlite3_column_int64 (stmt, 0);
      local_deleted = sqlite3_column_int (stmt, 1) != 0;
    }
  if (!sc_db_reset_one (db, stmt, rc, _("Reading the history"), error))
    goto fail;

  if (local_id < 0)
    {
      copy = sc_result_new ();
      copy->uuid = g_steal_pointer (&key);
      copy->ticker = sc_ticker_normalize (remote->ticker);
      copy->created_at = g_steal_pointer (&created_at);
      copy->model = g_strdup (remote->model);
      copy->as_of = remote->as_of;
      copy->last_close = remote->last_close;
      copy->n_forecasts = remote->n_forecasts;
      copy->forecasts = g_memdup2 (remote->forecasts, sizeof (ScResultForecast) * remote->n_forecasts);
      qsort (copy->forecasts, copy->n_forecasts, sizeof (ScResultForecast), _sc_result_compare_forecasts);
      copy->deleted = remote->deleted;
      copy->synced = TRUE;
      copy->server_seq = server_seq;

      if (!_sc_results_insert (db, user_id, copy, error))
        goto fail;
    }
  else
    {
      /* Tombstones win. The server holds remote->deleted: a local deletion
       * it lacks stays unsynced, to be pushed. */
      gboolean deleted = local_deleted || remote->deleted;
      gboolean synced = deleted == remote->deleted;

      stmt = sc_db_prepare (db,
                            "UPDATE results SET deleted = ?2, synced = ?3, "
                            "  server_seq = max (server_seq, ?4) WHERE id = ?1",
                            error);
      if (stmt == NULL)
        goto fail;

      sqlite3_bind_int64 (stmt, 1, local_id);
      sqlite3_bind_int (stmt, 2, deleted);
      sqlite3_bind_int (stmt, 3, synced);
      sqlite3_bind_int64 (stmt, 4, server_seq);
      if (!sc_db_step_done (db, stmt, _("Saving the sync state"), error))
        goto fail;

      stmt = sc_db_prepare (db,
                            "UPDATE result_forecasts SET actual = ?3 "
                            "WHERE result_id = ?1 AND horizon = ?2 AND actual IS NULL",
                            error);
      if (stmt == NULL)
        goto fail;

      for (guint i = 0; i < remote->n_forecasts; i++)
        {
          if (isnan (remote->forecasts[i].actual))
            continue;
          sqlite3_bind_int64 (stmt, 1, local_id);
          sqlite3_bind_int (stmt, 2, remote->forecasts[i].horizon);
          sqlite3_bind_double (stmt, 3, remote->forecasts[i].actual);
          if (!sc_db_step_done (db, stmt, _("Saving an outcome"), error))
            goto fail;
        }
    }

  return sc_db_commit (db, error);

fail:
  sc_db_rollback (db);
  return FALSE;
}
