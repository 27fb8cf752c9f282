/* sc-sync-db.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The sync server's storage backend: a very small SQL interface that SQLite
 * and PostgreSQL both implement, so every rule of the service (sequence
 * numbers, idempotency, throttling) is written once in sc-sync-store.c.
 *
 * SQL uses $1, $2, … placeholders, numbered in order of first appearance
 * (SQLite numbers "$N" parameters that way too), and only syntax both
 * engines understand (ON CONFLICT, RETURNING). */

typedef enum
{
  SC_SYNC_PARAM_NULL,
  SC_SYNC_PARAM_INT,
  SC_SYNC_PARAM_TEXT,
} ScSyncParamType;

typedef struct
{
  ScSyncParamType  type;
  gint64           i;
  const char      *s;
} ScSyncParam;

#define SC_SYNC_INT(v)  ((ScSyncParam) { SC_SYNC_PARAM_INT, (v), NULL })
#define SC_SYNC_TEXT(v) ((ScSyncParam) { (v) ? SC_SYNC_PARAM_TEXT : SC_SYNC_PARAM_NULL, 0, (v) })

/* A result set: rows of columns as text (NULL for SQL NULL). */
typedef struct
{
  guint    n_rows;
  guint    n_columns;
  char   **values;     /* n_rows * n_columns */
} ScSyncRows;

void        sc_sync_rows_free     (ScSyncRows *rows);
const char *sc_sync_rows_get      (ScSyncRows *rows,
                                   guint       row,
                                   guint       column);
gint64      sc_sync_rows_get_int  (ScSyncRows *rows,
                                   guint       row,
                                   guint       column);
ScSyncRows *sc_sync_rows_new      (guint       n_columns);
void        sc_sync_rows_append   (ScSyncRows *rows,
                                   char      **values);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScSyncRows, sc_sync_rows_free)

typedef struct _ScSyncDb ScSyncDb;

typedef struct
{
  const char  *name;
  /* Forward migrations, migrations[i] takes version i to i + 1. */
  const char * const *migrations;
  guint        n_migrations;

  gboolean   (*begin)    (ScSyncDb           *db,
                          GError            **error);
  gboolean   (*commit)   (ScSyncDb           *db,
                          GError            **error);
  void       (*rollback) (ScSyncDb           *db);
  /* Runs one statement. out_rows may be NULL. */
  gboolean   (*query)    (ScSyncDb           *db,
                          const char         *sql,
                          const ScSyncParam  *params,
                          guint               n_params,
                          ScSyncRows        **out_rows,
                          GError            **error);
  /* Runs a script of statements without parameters. */
  gboolean   (*exec)     (ScSyncDb           *db,
                          const char         *sql,
                          GError            **error);
  /* Serialises migrations between processes sharing the database (inside
   * the migration's transaction); may be NULL. */
  gboolean   (*lock_schema) (ScSyncDb        *db,
                             GError         **error);
  void       (*free)     (ScSyncDb           *db);
} ScSyncDbClass;

struct _ScSyncDb
{
  const ScSyncDbClass *klass;
};

/* "postgresql://…" or "postgres://…" opens PostgreSQL, anything else is a
 * SQLite file path. Migrates the schema forward. */
ScSyncDb   *sc_sync_db_open       (const char        *location,
                                   GError           **error);
void        sc_sync_db_free       (ScSyncDb          *db);
const char *sc_sync_db_get_name   (ScSyncDb          *db);

ScSyncDb   *_sc_sync_db_sqlite_open (const char      *path,
                                     GError         **error);
ScSyncDb   *_sc_sync_db_pg_open     (const char      *conninfo,
                                     GError         **error);

/* Connections for the server's worker threads. SQLite: one connection,
 * taken by one thread at a time (SQLite runs one writer anyway, and a
 * process-wide lock beats its busy-wait). PostgreSQL: a connection per
 * concurrent worker, opened on demand and kept, so commits of several
 * requests overlap. */
typedef struct _ScSyncDbPool ScSyncDbPool;

/* Opens the first connection and migrates the schema. */
ScSyncDbPool *sc_sync_db_pool_new      (const char    *location,
                                        GError       **error);
void          sc_sync_db_pool_free     (ScSyncDbPool  *pool);
const char   *sc_sync_db_pool_get_name (ScSyncDbPool  *pool);
ScSyncDb     *sc_sync_db_pool_acquire  (ScSyncDbPool  *pool,
                                        GError       **error);
void          sc_sync_db_pool_release  (ScSyncDbPool  *pool,
                                        ScSyncDb      *db);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScSyncDbPool, sc_sync_db_pool_free)

static inline gboolean
sc_sync_db_begin (ScSyncDb *db, GError **error)
{
  return db->klass->begin (db, error);
}

static inline gboolean
sc_sync_db_commit (ScSyncDb *db, GError **error)
{
  return db->klass->commit (db, error);
}

static inline void
sc_sync_db_rollback (ScSyncDb *db)
{
  db->klass->rollback (db);
}

static inline gboolean
sc_sync_db_query (ScSyncDb           *db,
                  const char         *sql,
                  const ScSyncParam  *params,
                  guint               n_params,
                  ScSyncRows        **out_rows,
                  GError            **error)
{
  return db->klass->query (db, sql, params, n_params, out_rows, error);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScSyncDb, sc_sync_db_free)

G_END_DECLS
