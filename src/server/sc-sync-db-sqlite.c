/* sc-sync-db-sqlite.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sc-sync-db.h"

/* One process owns the file (SQLite serialises writers anyway); WAL lets
 * readers proceed during a write and makes each commit one append. */

typedef struct
{
  ScSyncDb    parent;
  sqlite3    *handle;
  GHashTable *statements;   /* sql → sqlite3_stmt */
} ScSyncDbSqlite;

static const char migration_1[] =
  "CREATE TABLE users ("
  "  id INTEGER PRIMARY KEY,"
  "  username TEXT NOT NULL,"
  "  username_key TEXT NOT NULL UNIQUE,"
  "  email TEXT NOT NULL,"
  "  password_hash TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  last_seq INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE sessions ("
  "  token_hash TEXT PRIMARY KEY,"
  "  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,"
  "  created_at INTEGER NOT NULL,"
  "  expires_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX sessions_by_expiry ON sessions (expires_at);"
  "CREATE TABLE results ("
  "  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,"
  "  uuid TEXT NOT NULL,"
  "  seq INTEGER NOT NULL,"
  "  digest TEXT,"
  "  body TEXT,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  updated_at INTEGER NOT NULL,"
  "  PRIMARY KEY (user_id, uuid)"
  ");"
  "CREATE UNIQUE INDEX results_by_seq ON results (user_id, seq);"
  "CREATE TABLE login_failures ("
  "  key TEXT PRIMARY KEY,"
  "  window_start INTEGER NOT NULL,"
  "  failures INTEGER NOT NULL"
  ");";

/* 1 → 2: each user's watchlist, synced like results (one row per entry
 * uuid, tombstones kept, sequence numbers from the same per-user counter). */
static const char migration_2[] =
  "CREATE TABLE watchlist ("
  "  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,"
  "  uuid TEXT NOT NULL,"
  "  seq INTEGER NOT NULL,"
  "  digest TEXT,"
  "  body TEXT,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  updated_at INTEGER NOT NULL,"
  "  PRIMARY KEY (user_id, uuid)"
  ");"
  "CREATE UNIQUE INDEX watchlist_by_seq ON watchlist (user_id, seq);"
  "CREATE INDEX watchlist_live ON watchlist (user_id, deleted);";

static const char * const sqlite_migrations[] = { migration_1, migration_2 };

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
set_error (ScSyncDbSqlite  *self,
           GError         **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "SQLite: %s",
               sqlite3_errmsg (self->handle));
}

static gboolean
sqlite_exec (ScSyncDb    *db,
             const char  *sql,
             GError     **error)
{
  ScSyncDbSqlite *self = (ScSyncDbSqlite *) db;
  char *message = NULL;

  if (sqlite3_exec (self->handle, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "SQLite: %s",
                   message ? message : sqlite3_errmsg (self->handle));
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

static gboolean
sqlite_begin (ScSyncDb  *db,
              GError   **error)
{
  return sqlite_exec (db, "BEGIN IMMEDIATE", error);
}

static void
sqlite_rollback (ScSyncDb *db)
{
  ScSyncDbSqlite *self = (ScSyncDbSqlite *) db;

  if (!sqlite3_get_autocommit (self->handle))
    sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);
}

static gboolean
sqlite_commit (ScSyncDb  *db,
               GError   **error)
{
  if (!sqlite_exec (db, "COMMIT", error))
    {
      sqlite_rollback (db);
      return FALSE;
    }

  return TRUE;
}

static gboolean
sqlite_query (ScSyncDb           *db,
              const char         *sql,
              const ScSyncParam  *params,
              guint               n_params,
              ScSyncRows        **out_rows,
              GError            **error)
{
  ScSyncDbSqlite *self = (ScSyncDbSqlite *) db;
  g_autoptr(ScSyncRows) rows = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt == NULL)
    {
      if (sqlite3_prepare_v3 (self->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
        {
          set_error (self, error);
          return FALSE;
        }
      g_hash_table_insert (self->statements, g_strdup (sql), stmt);
    }

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  g_assert ((int) n_params == sqlite3_bind_parameter_count (stmt));

  for (guint i = 0; i < n_params; i++)
    {
      switch (params[i].type)
        {
        case SC_SYNC_PARAM_NULL:
          rc = sqlite3_bind_null (stmt, i + 1);
          break;
        case SC_SYNC_PARAM_INT:
          rc = sqlite3_bind_int64 (stmt, i + 1, params[i].i);
          break;
        case SC_SYNC_PARAM_TEXT:
        default:
          rc = sqlite3_bind_text (stmt, i + 1, params[i].s, -1, SQLITE_TRANSIENT);
          break;
        }
      if (rc != SQLITE_OK)
        {
          set_error (self, error);
          return FALSE;
        }
    }

  rows = sc_sync_rows_new (sqlite3_column_count (stmt));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char **values = g_new0 (char *, rows->n_columns + 1);

      for (guint c = 0; c < rows->n_columns; c++)
        values[c] = g_strdup ((const char *) sqlite3_column_text (stmt, c));
      sc_sync_rows_append (rows, values);
    }

  if (rc != SQLITE_DONE)
    {
      set_error (self, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);

  if (out_rows != NULL)
    *out_rows = g_steal_pointer (&rows);
  return TRUE;
}

static void
sqlite_free (ScSyncDb *db)
{
  ScSyncDbSqlite *self = (ScSyncDbSqlite *) db;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->handle != NULL)
    sqlite3_close_v2 (self->handle);
  g_free (self);
}

static const ScSyncDbClass sqlite_class = {
  .name = "SQLite",
  .migrations = sqlite_migrations,
  .n_migrations = G_N_ELEMENTS (sqlite_migrations),
  .begin = sqlite_begin,
  .commit = sqlite_commit,
  .rollback = sqlite_rollback,
  .query = sqlite_query,
  .exec = sqlite_exec,
  .lock_schema = NULL,
  .free = sqlite_free,
};

ScSyncDb *
_sc_sync_db_sqlite_open (const char  *path,
                         GError     **error)
{
  ScSyncDbSqlite *self;
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Cannot create the folder %s: %s.", dir, g_strerror (saved_errno));
      return NULL;
    }

  self = g_new0 (ScSyncDbSqlite, 1);
  self->parent.klass = &sqlite_class;
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            finalize_statement);

  if (sqlite3_open_v2 (path, &self->handle,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Cannot open the database %s: %s.",
                   path, self->handle ? sqlite3_errmsg (self->handle) : "out of memory");
      sqlite_free (&self->parent);
      return NULL;
    }

  sqlite3_busy_timeout (self->handle, 5000);
  if (!sqlite_exec (&self->parent,
                    "PRAGMA journal_mode = WAL;"
                    "PRAGMA synchronous = NORMAL;"
                    "PRAGMA foreign_keys = ON;", error))
    {
      sqlite_free (&self->parent);
      return NULL;
    }

  return &self->parent;
}
