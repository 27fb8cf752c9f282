/* sc-sync-db.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "sc-sync-db.h"

ScSyncRows *
sc_sync_rows_new (guint n_columns)
{
  ScSyncRows *rows = g_new0 (ScSyncRows, 1);

  rows->n_columns = n_columns;
  return rows;
}

void
sc_sync_rows_append (ScSyncRows  *rows,
                     char       **values)
{
  rows->values = g_renew (char *, rows->values, (rows->n_rows + 1) * rows->n_columns);
  for (guint c = 0; c < rows->n_columns; c++)
    rows->values[rows->n_rows * rows->n_columns + c] = values[c];
  rows->n_rows++;
}

void
sc_sync_rows_free (ScSyncRows *rows)
{
  if (rows == NULL)
    return;

  for (guint i = 0; i < rows->n_rows * rows->n_columns; i++)
    g_free (rows->values[i]);
  g_free (rows->values);
  g_free (rows);
}

const char *
sc_sync_rows_get (ScSyncRows *rows,
                  guint       row,
                  guint       column)
{
  g_assert (row < rows->n_rows && column < rows->n_columns);

  return rows->values[row * rows->n_columns + column];
}

gint64
sc_sync_rows_get_int (ScSyncRows *rows,
                      guint       row,
                      guint       column)
{
  const char *value = sc_sync_rows_get (rows, row, column);

  return value ? g_ascii_strtoll (value, NULL, 10) : 0;
}

static gboolean
sc_sync_db_migrate (ScSyncDb  *db,
                    GError   **error)
{
  g_autoptr(ScSyncRows) rows = NULL;
  gint64 version;

  if (!sc_sync_db_begin (db, error))
    return FALSE;

  if ((db->klass->lock_schema && !db->klass->lock_schema (db, error)) ||
      !db->klass->exec (db, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)", error) ||
      !sc_sync_db_query (db, "SELECT version FROM schema_version", NULL, 0, &rows, error))
    goto fail;

  if (rows->n_rows == 0)
    {
      if (!sc_sync_db_query (db, "INSERT INTO schema_version (version) VALUES (0)", NULL, 0, NULL, error))
        goto fail;
      version = 0;
    }
  else
    version = sc_sync_rows_get_int (rows, 0, 0);

  if (version > db->klass->n_migrations)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "The database has schema version %" G_GINT64_FORMAT
                   ", newer than this server knows (%u).",
                   version, db->klass->n_migrations);
      goto fail;
    }

  for (gint64 v = version; v < db->klass->n_migrations; v++)
    {
      ScSyncParam params[] = { SC_SYNC_INT (v + 1) };

      g_message ("Migrating the %s database to schema version %" G_GINT64_FORMAT,
                 db->klass->name, v + 1);
      if (!db->klass->exec (db, db->klass->migrations[v], error) ||
          !sc_sync_db_query (db, "UPDATE schema_version SET version = $1", params, 1, NULL, error))
        goto fail;
    }

  return sc_sync_db_commit (db, error);

fail:
  sc_sync_db_rollback (db);
  return FALSE;
}

ScSyncDb *
sc_sync_db_open (const char  *location,
                 GError     **error)
{
  g_autoptr(ScSyncDb) db = NULL;

  g_return_val_if_fail (location != NULL, NULL);

  if (g_str_has_prefix (location, "postgresql://") || g_str_has_prefix (location, "postgres://"))
    db = _sc_sync_db_pg_open (location, error);
  else
    db = _sc_sync_db_sqlite_open (location, error);

  if (db == NULL || !sc_sync_db_migrate (db, error))
    return NULL;

  return g_steal_pointer (&db);
}

void
sc_sync_db_free (ScSyncDb *db)
{
  if (db != NULL)
    db->klass->free (db);
}

const char *
sc_sync_db_get_name (ScSyncDb *db)
{
  return db->klass->name;
}

struct _ScSyncDbPool
{
  char      *location;
  gboolean   shared;     /* SQLite: one connection behind serial */
  GMutex     serial;
  GMutex     lock;
  GPtrArray *idle;       /* ScSyncDb */
  ScSyncDb  *first;
};

static gboolean
is_postgresql (const char *location)
{
  return g_str_has_prefix (location, "postgresql://") || g_str_has_prefix (location, "postgres://");
}

ScSyncDbPool *
sc_sync_db_pool_new (const char  *location,
                     GError     **error)
{
  ScSyncDb *db = sc_sync_db_open (location, error);
  ScSyncDbPool *pool;

  if (db == NULL)
    return NULL;

  pool = g_new0 (ScSyncDbPool, 1);
  pool->location = g_strdup (location);
  pool->shared = !is_postgresql (location);
  pool->first = db;
  g_mutex_init (&pool->serial);
  g_mutex_init (&pool->lock);
  pool->idle = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_sync_db_free);
  if (!pool->shared)
    g_ptr_array_add (pool->idle, db);

  return pool;
}

void
sc_sync_db_pool_free (ScSyncDbPool *pool)
{
  if (pool == NULL)
    return;

  if (pool->shared)
    sc_sync_db_free (pool->first);
  g_ptr_array_unref (pool->idle);
  g_mutex_clear (&pool->serial);
  g_mutex_clear (&pool->lock);
  g_free (pool->location);
  g_free (pool);
}

const char *
sc_sync_db_pool_get_name (ScSyncDbPool *pool)
{
  return sc_sync_db_get_name (pool->first);
}

ScSyncDb *
sc_sync_db_pool_acquire (ScSyncDbPool  *pool,
                         GError       **error)
{
  ScSyncDb *db = NULL;

  if (pool->shared)
    {
      g_mutex_lock (&pool->serial);
      return pool->first;
    }

  g_mutex_lock (&pool->lock);
  if (pool->idle->len > 0)
    db = g_ptr_array_steal_index_fast (pool->idle, pool->idle->len - 1);
  g_mutex_unlock (&pool->lock);

  if (db == NULL)
    {
      /* Already migrated: just connect. */
      db = _sc_sync_db_pg_open (pool->location, error);
    }

  return db;
}

void
sc_sync_db_pool_release (ScSyncDbPool *pool,
                         ScSyncDb     *db)
{
  if (db == NULL)
    return;

  if (pool->shared)
    {
      g_assert (db == pool->first);
      g_mutex_unlock (&pool->serial);
      return;
    }

  g_mutex_lock (&pool->lock);
  g_ptr_array_add (pool->idle, db);
  g_mutex_unlock (&pool->lock);
}
