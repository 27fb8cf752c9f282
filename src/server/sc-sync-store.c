/* sc-sync-store.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "sc-sync-store.h"

gboolean
sc_sync_store_create_user (ScSyncDb    *db,
                           const char  *username,
                           const char  *username_key,
                           const char  *email,
                           const char  *password_hash,
                           gint64       now,
                           gboolean    *out_taken,
                           GError     **error)
{
  g_autoptr(ScSyncRows) rows = NULL;
  ScSyncParam params[] = {
    SC_SYNC_TEXT (username), SC_SYNC_TEXT (username_key), SC_SYNC_TEXT (email),
    SC_SYNC_TEXT (password_hash), SC_SYNC_INT (now),
  };

  if (!sc_sync_db_query (db,
                         "INSERT INTO users (username, username_key, email, password_hash, created_at)"
                         " VALUES ($1, $2, $3, $4, $5)"
                         " ON CONFLICT (username_key) DO NOTHING RETURNING id",
                         params, G_N_ELEMENTS (params), &rows, error))
    return FALSE;

  *out_taken = rows->n_rows == 0;
  return TRUE;
}

gboolean
sc_sync_store_find_user (ScSyncDb    *db,
                         const char  *username_key,
                         gint64      *out_user_id,
                         char       **out_password_hash,
                         GError     **error)
{
  g_autoptr(ScSyncRows) rows = NULL;
  ScSyncParam params[] = { SC_SYNC_TEXT (username_key) };

  *out_user_id = 0;
  *out_password_hash = NULL;
  if (!sc_sync_db_query (db, "SELECT id, password_hash FROM users WHERE username_key = $1",
                         params, 1, &rows, error))
    return FALSE;

  if (rows->n_rows > 0)
    {
      *out_user_id = sc_sync_rows_get_int (rows, 0, 0);
      *out_password_hash = g_strdup (sc_sync_rows_get (rows, 0, 1));
    }
  return TRUE;
}

gboolean
sc_sync_store_count_attempt (ScSyncDb    *db,
                             const char  *key,
                             gint64       now,
                             gint64       max_attempts,
                             gint64       window,
                             gint64      *out_retry_after,
                             GError     **error)
{
  g_autoptr(ScSyncRows) rows = NULL;
  ScSyncParam params[] = { SC_SYNC_TEXT (key), SC_SYNC_INT (now), SC_SYNC_INT (window) };
  gint64 start, count;

  /* Check and count in one statement: parallel attempts each get their
   * own number, so no more than max_attempts are ever let through, also
   * across processes on one PostgreSQL database. */
  *out_retry_after = 0;
  if (!sc_sync_db_query (db,
                         "INSERT INTO login_failures (key, window_start, failures)"
                         " VALUES ($1, $2, 1)"
                         " ON CONFLICT (key) DO UPDATE SET"
                         "  failures = CASE WHEN $2 - login_failures.window_start >= $3"
                         "             THEN 1 ELSE login_failures.failures + 1 END,"
                         "  window_start = CASE WHEN $2 - login_failures.window_start >= $3"
                         "             THEN $2 ELSE login_failures.window_start END"
                         " RETURNING window_start, failures",
                         params, G_N_ELEMENTS (params), &rows, error))
    return FALSE;

  if (rows == NULL || rows->n_rows != 1)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Counting an attempt returned no row");
      return FALSE;
    }

  start = sc_sync_rows_get_int (rows, 0, 0);
  count = sc_sync_rows_get_int (rows, 0, 1);
  if (count > max_attempts)
    *out_retry_after = MAX (1, start + window - now);

  return TRUE;
}

gboolean
sc_sync_store_uncount_attempt (ScSyncDb    *db,
                               const char  *key,
                               GError     **error)
{
  ScSyncParam params[] = { SC_SYNC_TEXT (key) };

  return sc_sync_db_query (db, "UPDATE login_failures SET failures = failures - 1"
                               " WHERE key = $1 AND failures > 0",
                           params, 1, NULL, error);
}

gboolean
sc_sync_store_clear_failures (ScSyncDb    *db,
                              const char  *key,
                              GError     **error)
{
  ScSyncParam params[] = { SC_SYNC_TEXT (key) };

  return sc_sync_db_query (db, "DELETE FROM login_failures WHERE key = $1",
                           params, 1, NULL, error);
}

gboolean
sc_sync_store_create_session (ScSyncDb    *db,
                              gint64       user_id,
                              const char  *token_hash,
                              gint64       now,
                              gint64       expires_at,
                              GError     **error)
{
  ScSyncParam insert[] = {
    SC_SYNC_TEXT (token_hash), SC_SYNC_INT (user_id), SC_SYNC_INT (now), SC_SYNC_INT (expires_at),
  };
  ScSyncParam expired[] = { SC_SYNC_INT (user_id), SC_SYNC_INT (now) };

  /* Sessions of this user that ran out are dropped as a new one starts. */
  return sc_sync_db_query (db, "DELETE FROM sessions WHERE user_id = $1 AND expires_at <= $2",
                           expired, G_N_ELEMENTS (expired), NULL, error) &&
         sc_sync_db_query (db,
                           "INSERT INTO sessions (token_hash, user_id, created_at, expires_at)"
                           " VALUES ($1, $2, $3, $4)",
                           insert, G_N_ELEMENTS (insert), NULL, error);
}

gboolean
sc_sync_store_check_session (ScSyncDb    *db,
                             const char  *token_hash,
                             gint64       now,
                             gint64      *out_user_id,
                             GError     **error)
{
  g_autoptr(ScSyncRows) rows = NULL;
  ScSyncParam params[] = { SC_SYNC_TEXT (token_hash), SC_SYNC_INT (now) };

  *out_user_id = 0;
  if (!sc_sync_db_query (db,
                         "SELECT user_id FROM sessions WHERE token_hash = $1 AND expires_at > $2",
                         params, G_N_ELEMENTS (params), &rows, error))
    return FALSE;

  if (rows->n_rows > 0)
    *out_user_id = sc_sync_rows_get_int (rows, 0, 0);
  return TRUE;
}

gboolean
sc_sync_store_delete_session (ScSyncDb    *db,
                              const char  *token_hash,
                              GError     **error)
{
  ScSyncParam params[] = { SC_SYNC_TEXT (token_hash) };

  return sc_sync_db_query (db, "DELETE FROM sessions WHERE token_hash = $1",
                           params, 1, NULL, error);
}

/* Takes the user's next sequence number. The UPDATE locks the user's counter
 * row until the transaction ends, so one user's writes are serialised even
 * across server processes sharing a PostgreSQL database, and sequence numbers
 * become visible in increasing order: a client that has seen N never misses
 * a smaller one committed later. */
static gboolean
next_seq (ScSyncDb  *db,
          gint64     user_id,
          gint64    *out_seq,
          GError   **error)
{
  g_autoptr(ScSyncRows) rows = NULL;
  ScSyncParam params[] = { SC_SYNC_INT (user_id) };

  if (!sc_sync_db_query (db, "UPDATE users SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq",
                         params, 1, &rows, error))
    return FALSE;

  g_assert (rows->n_rows == 1);
  *out_seq = sc_sync_rows_get_int (rows, 0, 0);
  return TRUE;
}

/* The table of each ScSyncTable: both have the same columns. */
static const char * const table_names[] = {
  [SC_SYNC_RESULTS] = "results",
  [SC_SYNC_WATCHLIST] = "watchlist",
};

ScSyncPutOutcome
sc_sync_store_put (ScSyncDb          *db,
                   ScSyncTable        table,
                   gint64             user_id,
                   const ScSyncItem  *item,
                   gint64             max_live,
                   gint64             now,
                   gint64            *out_seq,
                   GError           **error)
{
  const char *name = table_names[table];
  g_autoptr(ScSyncRows) rows = NULL;
  g_autoptr(ScSyncRows) count = NULL;
  g_autofree char *select = NULL;
  ScSyncParam key[] = { SC_SYNC_INT (user_id), SC_SYNC_TEXT (item->uuid) };
  ScSyncPutOutcome outcome;
  gint64 seq;

  if (!sc_sync_db_begin (db, error))
    return SC_SYNC_PUT_FAILED;

  /* next_seq first: it locks the user's counter row, so the count below
   * cannot be overtaken by a parallel upload of the same user. */
  select = g_strdup_printf ("SELECT digest, deleted, seq FROM %s WHERE user_id = $1 AND uuid = $2", name);
  if (!next_seq (db, user_id, &seq, error) ||
      !sc_sync_db_query (db, select, key, G_N_ELEMENTS (key), &rows, error))
    goto fail;

  if (rows->n_rows > 0)
    {
      gboolean was_deleted = sc_sync_rows_get_int (rows, 0, 1) != 0;

      *out_seq = sc_sync_rows_get_int (rows, 0, 2);
      if (was_deleted)
        outcome = SC_SYNC_PUT_DELETED;
      else if (g_strcmp0 (sc_sync_rows_get (rows, 0, 0), item->digest) != 0)
        outcome = SC_SYNC_PUT_DIFFERS;
      else if (item->deleted)
        {
          /* The same item, uploaded as deleted: a tombstone. */
          ScSyncParam params[] = {
            SC_SYNC_INT (user_id), SC_SYNC_TEXT (item->uuid), SC_SYNC_INT (seq), SC_SYNC_INT (now),
          };
          g_autofree char *update = g_strdup_printf ("UPDATE %s SET deleted = 1, seq = $3, updated_at = $4"
                                                     " WHERE user_id = $1 AND uuid = $2", name);

          if (!sc_sync_db_query (db, update, params, G_N_ELEMENTS (params), NULL, error) ||
              !sc_sync_db_commit (db, error))
            goto fail;
          *out_seq = seq;
          return SC_SYNC_PUT_SAME;
        }
      else
        outcome = SC_SYNC_PUT_SAME;

      /* Nothing changed: give the sequence number back. */
      sc_sync_db_rollback (db);
      return outcome;
    }
  else
    {
      ScSyncParam user[] = { SC_SYNC_INT (user_id) };
      ScSyncParam params[] = {
        SC_SYNC_INT (user_id), SC_SYNC_TEXT (item->uuid), SC_SYNC_INT (seq), SC_SYNC_TEXT (item->digest),
        SC_SYNC_TEXT (item->body), SC_SYNC_INT (item->deleted ? 1 : 0), SC_SYNC_INT (now),
      };
      g_autofree char *insert = g_strdup_printf ("INSERT INTO %s (user_id, uuid, seq, digest, body, deleted, updated_at)"
                                                 " VALUES ($1, $2, $3, $4, $5, $6, $7)", name);

      if (max_live > 0 && !item->deleted)
        {
          g_autofree char *count_live = g_strdup_printf ("SELECT count(*) FROM %s"
                                                         " WHERE user_id = $1 AND deleted = 0", name);

          if (!sc_sync_db_query (db, count_live, user, 1, &count, error))
            goto fail;
          if (sc_sync_rows_get_int (count, 0, 0) >= max_live)
            {
              *out_seq = 0;
              sc_sync_db_rollback (db);
              return SC_SYNC_PUT_FULL;
            }
        }

      if (!sc_sync_db_query (db, insert, params, G_N_ELEMENTS (params), NULL, error) ||
          !sc_sync_db_commit (db, error))
        goto fail;

      *out_seq = seq;
      return SC_SYNC_PUT_CREATED;
    }

fail:
  sc_sync_db_rollback (db);
  return SC_SYNC_PUT_FAILED;
}

gboolean
sc_sync_store_delete (ScSyncDb    *db,
                      ScSyncTable  table,
                      gint64       user_id,
                      const char  *uuid,
                      gint64       now,
                      gint64      *out_seq,
                      GError     **error)
{
  const char *name = table_names[table];
  g_autoptr(ScSyncRows) rows = NULL;
  g_autofree char *select = NULL;
  g_autofree char *upsert = NULL;
  ScSyncParam key[] = { SC_SYNC_INT (user_id), SC_SYNC_TEXT (uuid) };
  ScSyncParam params[] = { SC_SYNC_INT (user_id), SC_SYNC_TEXT (uuid), SC_SYNC_INT (0), SC_SYNC_INT (now) };
  gint64 seq;

  if (!sc_sync_db_begin (db, error))
    return FALSE;

  select = g_strdup_printf ("SELECT deleted, seq FROM %s WHERE user_id = $1 AND uuid = $2", name);
  if (!next_seq (db, user_id, &seq, error) ||
      !sc_sync_db_query (db, select, key, G_N_ELEMENTS (key), &rows, error))
    goto fail;

  if (rows->n_rows > 0 && sc_sync_rows_get_int (rows, 0, 0) != 0)
    {
      /* Already a tombstone: deleting twice is fine. */
      *out_seq = sc_sync_rows_get_int (rows, 0, 1);
      sc_sync_db_rollback (db);
      return TRUE;
    }

  /* Also for a uuid never seen, so a late upload of it stays deleted. */
  params[2] = SC_SYNC_INT (seq);
  upsert = g_strdup_printf ("INSERT INTO %s (user_id, uuid, seq, digest, body, deleted, updated_at)"
                            " VALUES ($1, $2, $3, NULL, NULL, 1, $4)"
                            " ON CONFLICT (user_id, uuid) DO UPDATE SET"
                            "  deleted = 1, seq = $3, updated_at = $4", name);
  if (!sc_sync_db_query (db, upsert, params, G_N_ELEMENTS (params), NULL, error) ||
      !sc_sync_db_commit (db, error))
    goto fail;

  *out_seq = seq;
  return TRUE;

fail:
  sc_sync_db_rollback (db);
  return FALSE;
}

ScSyncRows *
sc_sync_store_list (ScSyncDb    *db,
                    ScSyncTable  table,
                    gint64       user_id,
                    gint64       since,
                    gint64       limit,
                    GError     **error)
{
  ScSyncRows *rows = NULL;
  ScSyncParam params[] = { SC_SYNC_INT (user_id), SC_SYNC_INT (since), SC_SYNC_INT (limit) };
  g_autofree char *sql = g_strdup_printf ("SELECT seq, uuid, body, deleted FROM %s"
                                          " WHERE user_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
                                          table_names[table]);

  if (!sc_sync_db_query (db, sql, params, G_N_ELEMENTS (params), &rows, error))
    return NULL;

  return rows;
}

gboolean
sc_sync_store_get_user (ScSyncDb    *db,
                        gint64       user_id,
                        char       **out_username_key,
                        char       **out_password_hash,
                        GError     **error)
{
  g_autoptr(ScSyncRows) rows = NULL;
  ScSyncParam params[] = { SC_SYNC_INT (user_id) };

  *out_username_key = NULL;
  *out_password_hash = NULL;
  if (!sc_sync_db_query (db, "SELECT username_key, password_hash FROM users WHERE id = $1",
                         params, 1, &rows, error))
    return FALSE;
  if (rows->n_rows > 0)
    {
      *out_username_key = g_strdup (sc_sync_rows_get (rows, 0, 0));
      *out_password_hash = g_strdup (sc_sync_rows_get (rows, 0, 1));
    }
  return TRUE;
}

gboolean
sc_sync_store_set_password (ScSyncDb    *db,
                            gint64       user_id,
                            const char  *password_hash,
                            const char  *keep_token_hash,
                            GError     **error)
{
  /* SQLite numbers $N parameters in order of appearance: keep them so. */
  ScSyncParam update[] = { SC_SYNC_TEXT (password_hash), SC_SYNC_INT (user_id) };
  ScSyncParam revoke[] = { SC_SYNC_INT (user_id), SC_SYNC_TEXT (keep_token_hash) };

  /* The new password and the end of every other session in one step. */
  if (!sc_sync_db_begin (db, error))
    return FALSE;
  if (!sc_sync_db_query (db, "UPDATE users SET password_hash = $1 WHERE id = $2",
                         update, G_N_ELEMENTS (update), NULL, error) ||
      !sc_sync_db_query (db, "DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2",
                         revoke, G_N_ELEMENTS (revoke), NULL, error))
    {
      sc_sync_db_rollback (db);
      return FALSE;
    }
  return sc_sync_db_commit (db, error);
}

gboolean
sc_sync_store_delete_sessions (ScSyncDb    *db,
                               gint64       user_id,
                               GError     **error)
{
  ScSyncParam params[] = { SC_SYNC_INT (user_id) };

  return sc_sync_db_query (db, "DELETE FROM sessions WHERE user_id = $1", params, 1, NULL, error);
}

gboolean
sc_sync_store_delete_user (ScSyncDb    *db,
                           gint64       user_id,
                           GError     **error)
{
  ScSyncParam params[] = { SC_SYNC_INT (user_id) };

  /* Sessions and results go with it (ON DELETE CASCADE). */
  return sc_sync_db_query (db, "DELETE FROM users WHERE id = $1", params, 1, NULL, error);
}
