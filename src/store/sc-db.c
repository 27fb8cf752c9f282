/* sc-db.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sc-db-private.h"
#include "sc-error.h"

struct _ScDb
{
  gint        ref_count;
  sqlite3    *handle;
  char       *path;
  GHashTable *statements;  /* sql → sqlite3_stmt */
};

/* Forward migrations: migrations[i] takes the schema from version i to i + 1.
 * Never edit a migration once it has shipped; add a new one at the end. */

/* 0 → 1: accounts and prediction results. */
static const char migration_accounts[] =
  "CREATE TABLE users ("
  "  id INTEGER PRIMARY KEY,"
  "  username TEXT NOT NULL,"                /* as registered, NFC */
  "  username_key TEXT NOT NULL UNIQUE,"     /* case-folded NFKC, for uniqueness */
  "  email TEXT NOT NULL,"
  "  email_key TEXT NOT NULL UNIQUE,"
  "  password_hash TEXT NOT NULL,"           /* crypto_pwhash_str (Argon2id) */
  "  recovery_hash TEXT NOT NULL,"           /* same, of the normalised code */
  "  created_at TEXT NOT NULL"
  ");"
  /* Failed-attempt counters by case-folded username, known or not, so that
   * throttling says nothing about which names exist. */
  "CREATE TABLE login_attempts ("
  "  username_key TEXT PRIMARY KEY,"
  "  failures INTEGER NOT NULL DEFAULT 0,"   /* consecutive */
  "  locked_until INTEGER NOT NULL DEFAULT 0" /* unix seconds */
  ") WITHOUT ROWID;"
  "CREATE TABLE models ("
  "  id TEXT PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  descriptor_version TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE TABLE results ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL,"
  "  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,"
  "  ticker TEXT NOT NULL,"
  "  created_at TEXT NOT NULL,"              /* YYYY-MM-DDTHH:MM:SSZ */
  "  model TEXT NOT NULL,"
  "  as_of TEXT NOT NULL,"                   /* YYYY-MM-DD */
  "  last_close REAL NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"    /* tombstone */
  "  synced INTEGER NOT NULL DEFAULT 0,"     /* the server has this state */
  "  server_seq INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (user_id, uuid)"
  ");"
  /* History newest first; deleted rides along so counting needs no table. */
  "CREATE INDEX results_by_user ON results (user_id, created_at DESC, id DESC, deleted);"
  "CREATE INDEX results_unsynced ON results (user_id, created_at, id) WHERE synced = 0;"
  "CREATE INDEX results_by_ticker ON results (ticker);"
  "CREATE TABLE result_forecasts ("
  "  result_id INTEGER NOT NULL REFERENCES results (id) ON DELETE CASCADE,"
  "  horizon INTEGER NOT NULL,"
  "  target_date TEXT NOT NULL,"
  "  price REAL NOT NULL,"
  "  low REAL NOT NULL,"
  "  high REAL NOT NULL,"
  "  actual REAL,"                           /* NULL until known */
  "  PRIMARY KEY (result_id, horizon)"
  ") WITHOUT ROWID;"
  /* Outcomes still to fill: few, once the prices have caught up. */
  "CREATE INDEX result_forecasts_unfilled ON result_forecasts (result_id) WHERE actual IS NULL;";

/* 1 → 2: the price cache. */
static const char migration_prices[] =
  "CREATE TABLE price_series ("
  "  ticker TEXT NOT NULL,"
  "  source TEXT NOT NULL,"                  /* yahoo, tiingo, csv */
  "  timezone TEXT,"                         /* the exchange's IANA zone */
  "  refreshed_at INTEGER NOT NULL DEFAULT 0," /* unix seconds of the last write */
  "  PRIMARY KEY (ticker, source)"
  ");"
  "CREATE TABLE prices ("
  "  ticker TEXT NOT NULL,"
  "  source TEXT NOT NULL,"
  "  date TEXT NOT NULL,"                    /* YYYY-MM-DD, the exchange's calendar date */
  "  open REAL,"
  "  high REAL,"
  "  low REAL,"
  "  close REAL NOT NULL,"
  "  adj_close REAL,"
  "  volume REAL,"
  "  PRIMARY KEY (ticker, source, date),"
  "  FOREIGN KEY (ticker, source) REFERENCES price_series (ticker, source) ON DELETE CASCADE"
  ") WITHOUT ROWID;";

/* 2 → 3: links between local accounts and sync servers. */
static const char migration_sync[] =
  "CREATE TABLE sync_links ("
  "  user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,"
  "  server_url TEXT NOT NULL,"
  "  server_username TEXT NOT NULL,"
  "  allow_insecure_http INTEGER NOT NULL DEFAULT 0,"
  "  last_seq INTEGER NOT NULL DEFAULT 0,"     /* pulled up to this server sequence */
  "  last_sync_at TEXT,"                       /* last success, UTC ISO 8601 */
  "  last_attempt_at TEXT,"
  "  last_state TEXT NOT NULL DEFAULT 'never'," /* never | ok | offline | sign-in | error */
  "  last_error TEXT"
  ");";

/* 3 → 4: what a price series is in (currency, exchange) and the bar of a
 * session that had not closed at the last refresh: shown as live, kept
 * apart from the final closes in prices, replaced by every refresh. */
static const char migration_series_meta[] =
  "ALTER TABLE price_series ADD COLUMN currency TEXT;"     /* ISO 4217 as the source gives it (GBp: pence) */
  "ALTER TABLE price_series ADD COLUMN exchange TEXT;"     /* the source's exchange code */
  "ALTER TABLE price_series ADD COLUMN live_date TEXT;"    /* YYYY-MM-DD or NULL */
  "ALTER TABLE price_series ADD COLUMN live_open REAL;"
  "ALTER TABLE price_series ADD COLUMN live_high REAL;"
  "ALTER TABLE price_series ADD COLUMN live_low REAL;"
  "ALTER TABLE price_series ADD COLUMN live_close REAL;"
  "ALTER TABLE price_series ADD COLUMN live_volume REAL;"
  "ALTER TABLE price_series ADD COLUMN live_time INTEGER;"; /* unix seconds of its last trade */

/* 4 → 5: the currency a saved prediction's prices were in. */
static const char migration_result_currency[] =
  "ALTER TABLE results ADD COLUMN currency TEXT;";   /* ISO 4217, NULL if unknown */

/* 5 → 6: each user's watchlist. Entries have a uuid like results so they
 * sync under the same rules: removing a ticker leaves a tombstone (synced
 * too), and adding it again makes a new entry rather than reviving one. */
static const char migration_watchlist[] =
  "CREATE TABLE watchlist ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL,"
  "  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,"
  "  ticker TEXT NOT NULL,"                  /* upper case */
  "  added_at TEXT NOT NULL,"                /* YYYY-MM-DDTHH:MM:SSZ */
  "  deleted INTEGER NOT NULL DEFAULT 0,"    /* tombstone */
  "  synced INTEGER NOT NULL DEFAULT 0,"     /* the server has this state */
  "  server_seq INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (user_id, uuid)"
  ");"
  "CREATE INDEX watchlist_by_user ON watchlist (user_id, deleted, ticker);";

/* 6 → 7: how far each user's watchlist is pulled from their sync server
 * (its own cursor: pushing an entry must not skip changes of other
 * computers that the server numbered before it). */
static const char migration_watchlist_sync[] =
  "CREATE TABLE watchlist_sync ("
  "  user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,"
  "  last_seq INTEGER NOT NULL DEFAULT 0"
  ");";

static const char *migrations[] = {
  migration_accounts,
  migration_prices,
  migration_sync,
  migration_series_meta,
  migration_result_currency,
  migration_watchlist,
  migration_watchlist_sync,
};

/* Tests build databases of earlier schema versions to migrate from. */
static int target_version_for_testing = -1;

void
sc_db_set_target_version_for_testing (int version)
{
  g_return_if_fail (version <= (int) G_N_ELEMENTS (migrations));

  target_version_for_testing = version;
}

int
sc_db_latest_version (void)
{
  return G_N_ELEMENTS (migrations);
}

char *
sc_db_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "stockcast", "stockcast.db", NULL);
}

void
sc_db_set_error (ScDb        *self,
                 GError     **error,
                 const char  *what)
{
  g_set_error (error, SC_ERROR, SC_ERROR_STORAGE,
               _("%s: the local database failed (%s)."),
               what, sqlite3_errmsg (self->handle));
}

gboolean
sc_db_exec (ScDb        *self,
            const char  *sql,
            GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (self->handle, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_STORAGE,
                   _("The local database failed (%s)."),
                   message ? message : sqlite3_errmsg (self->handle));
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

int
sc_db_get_version (ScDb *self)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (self->handle, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return version;
}

static gboolean
sc_db_migrate (ScDb    *self,
               GError **error)
{
  int version;

  if (!sc_db_begin (self, error))
    return FALSE;

  version = sc_db_get_version (self);
  if (version < 0 && sqlite3_errcode (self->handle) == SQLITE_OK)
    {
      /* Read fine, but negative: not a version Stockcast ever writes. */
      sc_db_rollback (self);
      g_set_error (error, SC_ERROR, SC_ERROR_STORAGE,
                   _("The database %s has an impossible schema version (%d); it was not written by Stockcast."),
                   self->path, version);
      return FALSE;
    }
  if (version < 0)
    {
      sc_db_set_error (self, error, _("Reading the schema version"));
      sc_db_rollback (self);
      return FALSE;
    }

  if (version > sc_db_latest_version ())
    {
      sc_db_rollback (self);
      g_set_error (error, SC_ERROR, SC_ERROR_STORAGE,
                   _("The database %s was written by a newer Stockcast (schema %d); this one knows up to %d."),
                   self->path, version, sc_db_latest_version ());
      return FALSE;
    }

  for (int i = version;
       i < (target_version_for_testing >= 0 ? target_version_for_testing : sc_db_latest_version ());
       i++)
    {
      g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %d", i + 1);

      g_debug ("Migrating %s from schema %d to %d", self->path, i, i + 1);
      if (!sc_db_exec (self, migrations[i], error) ||
          !sc_db_exec (self, pragma, error))
        {
          sc_db_rollback (self);
          return FALSE;
        }
    }

  return sc_db_commit (self, error);
}

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

ScDb *
sc_db_open (const char  *path,
            GError     **error)
{
  g_autoptr(ScDb) self = NULL;
  g_autofree char *default_path = NULL;
  g_autofree char *dir = NULL;

  if (path == NULL)
    path = default_path = sc_db_default_path ();

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, SC_ERROR, SC_ERROR_STORAGE,
                   _("Cannot create the folder %s: %s."), dir, g_strerror (saved_errno));
      return NULL;
    }

  self = g_new0 (ScDb, 1);
  self->ref_count = 1;
  self->path = g_strdup (path);
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            finalize_statement);

  if (sqlite3_open_v2 (path, &self->handle,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                       NULL) != SQLITE_OK)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_STORAGE,
                   _("Cannot open the database %s: %s."), path,
                   self->handle ? sqlite3_errmsg (self->handle) : g_strerror (ENOMEM));
      return NULL;
    }

  sqlite3_busy_timeout (self->handle, 5000);
  sqlite3_extended_result_codes (self->handle, 1);

  /* A page cache of up to 32 MiB (SQLite's default is 2 MiB) keeps a long
   * history and its prices in memory once read: filling the outcomes of
   * 100,000 predictions took 1.4 s instead of 2.6 s (docs/accounts.md). */
  if (!sc_db_exec (self, "PRAGMA journal_mode = WAL;"
                         "PRAGMA synchronous = NORMAL;"
                         "PRAGMA foreign_keys = ON;"
                         "PRAGMA cache_size = -32768;", error))
    return NULL;

  if (!sc_db_migrate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

void
sc_db_unref (ScDb *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->handle != NULL)
    sqlite3_close_v2 (self->handle);
  g_free (self->path);
  g_free (self);
}

sqlite3 *
sc_db_get_handle (ScDb *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->handle;
}

const char *
sc_db_get_path (ScDb *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->path;
}

gboolean
sc_db_begin (ScDb    *self,
             GError **error)
{
  return sc_db_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
sc_db_commit (ScDb    *self,
              GError **error)
{
  if (!sc_db_exec (self, "COMMIT", error))
    {
      sc_db_rollback (self);
      return FALSE;
    }

  return TRUE;
}

void
sc_db_rollback (ScDb *self)
{
  if (!sqlite3_get_autocommit (self->handle))
    sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);
}

sqlite3_stmt *
sc_db_prepare (ScDb        *self,
               const char  *sql,
               GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      sc_db_set_error (self, error, _("Preparing a query"));
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

/* Resets stmt after its last step; sets error unless ok. */
static gboolean
reset_checked (ScDb          *self,
               sqlite3_stmt  *stmt,
               gboolean       ok,
               const char    *what,
               GError       **error)
{
  sqlite3_reset (stmt);
  if (!ok)
    sc_db_set_error (self, error, what);
  return ok;
}

gboolean
sc_db_reset_done (ScDb          *self,
                  sqlite3_stmt  *stmt,
                  int            rc,
                  const char    *what,
                  GError       **error)
{
  return reset_checked (self, stmt, rc == SQLITE_DONE, what, error);
}

gboolean
sc_db_reset_one (ScDb          *self,
                 sqlite3_stmt  *stmt,
                 int            rc,
                 const char    *what,
                 GError       **error)
{
  return reset_checked (self, stmt, rc == SQLITE_ROW || rc == SQLITE_DONE, what, error);
}

gboolean
sc_db_step_done (ScDb          *self,
                 sqlite3_stmt  *stmt,
                 const char    *what,
                 GError       **error)
{
  return sc_db_reset_done (self, stmt, sqlite3_step (stmt), what, error);
}

gboolean
sc_db_step_exists (ScDb          *self,
                   sqlite3_stmt  *stmt,
                   const char    *what,
                   gboolean      *out_exists,
                   GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (!sc_db_reset_one (self, stmt, rc, what, error))
    return FALSE;

  *out_exists = rc == SQLITE_ROW;
  return TRUE;
}

gboolean
sc_db_exec_for_user (ScDb          *self,
                     const char    *sql,
                     gint64         user_id,
                     const char    *what,
                     GError       **error)
{
  sqlite3_stmt *stmt = sc_db_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, user_id);
  return sc_db_step_done (self, stmt, what, error);
}

sqlite3_stmt *
sc_db_begin_update (ScDb         *self,
                    const char   *sql,
                    gint64        user_id,
                    const char   *key,
                    GError      **error)
{
  sqlite3_stmt *stmt;

  if (!sc_db_begin (self, error))
    return NULL;

  stmt = sc_db_prepare (self, sql, error);
  if (stmt == NULL)
    {
      sc_db_rollback (self);
      return NULL;
    }

  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  return stmt;
}

gboolean
sc_db_update_and_commit (ScDb          *self,
                         sqlite3_stmt  *stmt,
                         const char    *what,
                         GError       **error,
                         const char    *not_found,
                         ...)
{
  va_list args;

  if (!sc_db_step_done (self, stmt, what, error))
    {
      sc_db_rollback (self);
      return FALSE;
    }

  if (sqlite3_changes (self->handle) == 0)
    {
      sc_db_rollback (self);
      va_start (args, not_found);
      g_propagate_error (error, g_error_new_valist (SC_ERROR, SC_ERROR_DATA, not_found, args));
      va_end (args);
      return FALSE;
    }

  return sc_db_commit (self, error);
}
