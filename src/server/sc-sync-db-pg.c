/* sc-sync-db-pg.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "sc-sync-db.h"

#if HAVE_POSTGRESQL

#include <libpq-fe.h>

/* Several server processes may share one PostgreSQL database: no state
 * lives in a process that another one needs. Per-user sequence numbers
 * come from a counter row that each write updates in its transaction (see
 * sc-sync-store.c), which serialises one user's writes across processes. */

typedef struct
{
  ScSyncDb  parent;
  PGconn   *conn;
  gboolean  in_transaction;
} ScSyncDbPg;

static const char migration_1[] =
  "CREATE TABLE users ("
  "  id BIGSERIAL PRIMARY KEY,"
  "  username TEXT NOT NULL,"
  "  username_key TEXT NOT NULL UNIQUE,"
  "  email TEXT NOT NULL,"
  "  password_hash TEXT NOT NULL,"
  "  created_at BIGINT NOT NULL,"
  "  last_seq BIGINT NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE sessions ("
  "  token_hash TEXT PRIMARY KEY,"
  "  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,"
  "  created_at BIGINT NOT NULL,"
  "  expires_at BIGINT NOT NULL"
  ");"
  "CREATE INDEX sessions_by_expiry ON sessions (expires_at);"
  "CREATE TABLE results ("
  "  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,"
  "  uuid TEXT NOT NULL,"
  "  seq BIGINT NOT NULL,"
  "  digest TEXT,"
  "  body TEXT,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  updated_at BIGINT NOT NULL,"
  "  PRIMARY KEY (user_id, uuid)"
  ");"
  "CREATE UNIQUE INDEX results_by_seq ON results (user_id, seq);"
  "CREATE TABLE login_failures ("
  "  key TEXT PRIMARY KEY,"
  "  window_start BIGINT NOT NULL,"
  "  failures INTEGER NOT NULL"
  ");";

/* 1 → 2: each user's watchlist, synced like results (one row per entry
 * uuid, tombstones kept, sequence numbers from the same per-user counter). */
static const char migration_2[] =
  "CREATE TABLE watchlist ("
  "  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,"
  "  uuid TEXT NOT NULL,"
  "  seq BIGINT NOT NULL,"
  "  digest TEXT,"
  "  body TEXT,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  updated_at BIGINT NOT NULL,"
  "  PRIMARY KEY (user_id, uuid)"
  ");"
  "CREATE UNIQUE INDEX watchlist_by_seq ON watchlist (user_id, seq);"
  "CREATE INDEX watchlist_live ON watchlist (user_id, deleted);";

static const char * const pg_migrations[] = { migration_1, migration_2 };

static void
set_error (ScSyncDbPg  *self,
           PGresult    *result,
           GError     **error)
{
  const char *message = result ? PQresultErrorMessage (result) : PQerrorMessage (self->conn);
  g_autofree char *clean = g_strstrip (g_strdup (message ? message : "unknown error"));

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "PostgreSQL: %s", clean);
}

/* Reconnects a broken connection between transactions, so a database
 * restart costs the requests in flight and nothing more. */
static gboolean
ensure_connected (ScSyncDbPg  *self,
                  GError     **error)
{
  if (PQstatus (self->conn) == CONNECTION_OK)
    return TRUE;

  if (self->in_transaction)
    {
      set_error (self, NULL, error);
      return FALSE;
    }

  g_warning ("The PostgreSQL connection was lost; reconnecting");
  PQreset (self->conn);
  if (PQstatus (self->conn) != CONNECTION_OK)
    {
      set_error (self, NULL, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
pg_exec (ScSyncDb    *db,
         const char  *sql,
         GError     **error)
{
  ScSyncDbPg *self = (ScSyncDbPg *) db;
  PGresult *result;
  gboolean ok;

  if (!ensure_connected (self, error))
    return FALSE;

  result = PQexec (self->conn, sql);
  ok = PQresultStatus (result) == PGRES_COMMAND_OK || PQresultStatus (result) == PGRES_TUPLES_OK;
  if (!ok)
    set_error (self, result, error);
  PQclear (result);

  return ok;
}

static gboolean
pg_begin (ScSyncDb  *db,
          GError   **error)
{
  ScSyncDbPg *self = (ScSyncDbPg *) db;

  if (!pg_exec (db, "BEGIN", error))
    return FALSE;
  self->in_transaction = TRUE;
  return TRUE;
}

static void
pg_rollback (ScSyncDb *db)
{
  ScSyncDbPg *self = (ScSyncDbPg *) db;

  if (self->in_transaction && PQstatus (self->conn) == CONNECTION_OK)
    PQclear (PQexec (self->conn, "ROLLBACK"));
  self->in_transaction = FALSE;
}

static gboolean
pg_commit (ScSyncDb  *db,
           GError   **error)
{
  ScSyncDbPg *self = (ScSyncDbPg *) db;
  gboolean ok = pg_exec (db, "COMMIT", error);

  if (!ok)
    pg_rollback (db);
  self->in_transaction = FALSE;
  return ok;
}

static gboolean
pg_query (ScSyncDb           *db,
          const char         *sql,
          const ScSyncParam  *params,
          guint               n_params,
          ScSyncRows        **out_rows,
          GError            **error)
{
  ScSyncDbPg *self = (ScSyncDbPg *) db;
  g_autoptr(ScSyncRows) rows = NULL;
  g_autofree const char **values = g_new0 (const char *, n_params + 1);
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  PGresult *result;
  ExecStatusType status;

  if (!ensure_connected (self, error))
    return FALSE;

  for (guint i = 0; i < n_params; i++)
    {
      switch (params[i].type)
        {
        case SC_SYNC_PARAM_NULL:
          values[i] = NULL;
          break;
        case SC_SYNC_PARAM_INT:
          values[i] = g_strdup_printf ("%" G_GINT64_FORMAT, params[i].i);
          g_ptr_array_add (owned, (char *) values[i]);
          break;
        case SC_SYNC_PARAM_TEXT:
        default:
          values[i] = params[i].s;
          break;
        }
    }

  result = PQexecParams (self->conn, sql, n_params, NULL, values, NULL, NULL, 0);
  status = PQresultStatus (result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    {
      set_error (self, result, error);
      PQclear (result);
      return FALSE;
    }

  rows = sc_sync_rows_new (PQnfields (result));
  for (int r = 0; r < PQntuples (result); r++)
    {
      g_autofree char **row = g_new0 (char *, rows->n_columns + 1);

      for (guint c = 0; c < rows->n_columns; c++)
        row[c] = PQgetisnull (result, r, c) ? NULL : g_strdup (PQgetvalue (result, r, c));
      sc_sync_rows_append (rows, row);
    }
  PQclear (result);

  if (out_rows != NULL)
    *out_rows = g_steal_pointer (&rows);
  return TRUE;
}

static gboolean
pg_lock_schema (ScSyncDb  *db,
                GError   **error)
{
  /* Two processes starting together must not both run a migration. */
  return pg_exec (db, "SELECT pg_advisory_xact_lock(7316257415)", error);
}

static void
pg_free (ScSyncDb *db)
{
  ScSyncDbPg *self = (ScSyncDbPg *) db;

  if (self->conn != NULL)
    PQfinish (self->conn);
  g_free (self);
}

static void
pg_notice (void       *data,
           const char *message)
{
  g_debug ("PostgreSQL: %s", message);
}

static const ScSyncDbClass pg_class = {
  .name = "PostgreSQL",
  .migrations = pg_migrations,
  .n_migrations = G_N_ELEMENTS (pg_migrations),
  .begin = pg_begin,
  .commit = pg_commit,
  .rollback = pg_rollback,
  .query = pg_query,
  .exec = pg_exec,
  .lock_schema = pg_lock_schema,
  .free = pg_free,
};

ScSyncDb *
_sc_sync_db_pg_open (const char  *conninfo,
                     GError     **error)
{
  ScSyncDbPg *self = g_new0 (ScSyncDbPg, 1);

  self->parent.klass = &pg_class;
  self->conn = PQconnectdb (conninfo);
  if (PQstatus (self->conn) != CONNECTION_OK)
    {
      g_autofree char *message = g_strstrip (g_strdup (PQerrorMessage (self->conn)));

      /* The connection string may hold a password: never repeat it. */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "Cannot connect to PostgreSQL: %s", message);
      pg_free (&self->parent);
      return NULL;
    }
  PQsetNoticeProcessor (self->conn, pg_notice, NULL);

  return &self->parent;
}

#else /* !HAVE_POSTGRESQL */

ScSyncDb *
_sc_sync_db_pg_open (const char  *conninfo,
                     GError     **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       "This server was built without PostgreSQL support (libpq).");
  return NULL;
}

#endif
