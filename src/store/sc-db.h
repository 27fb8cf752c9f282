/* sc-db.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The one local database: price cache, accounts, results and sync state.
 * An ScDb is used by one thread at a time; a worker thread opens its own. */
typedef struct _ScDb ScDb;

/* $XDG_DATA_HOME/stockcast/stockcast.db */
char     *sc_db_default_path   (void);
/* Opens (creating the file and its folder if needed), turns on WAL and
 * foreign keys, and migrates the schema forward. path NULL: the default. */
ScDb     *sc_db_open           (const char  *path,
                                GError     **error);
ScDb     *sc_db_ref            (ScDb        *self);
void      sc_db_unref          (ScDb        *self);
sqlite3  *sc_db_get_handle     (ScDb        *self);
const char *sc_db_get_path     (ScDb        *self);
int       sc_db_get_version    (ScDb        *self);
int       sc_db_latest_version (void);
/* Makes sc_db_open() migrate only up to version (-1: the latest), so tests
 * can create databases of every earlier schema. */
void      sc_db_set_target_version_for_testing (int version);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. */
gboolean  sc_db_begin          (ScDb        *self,
                                GError     **error);
gboolean  sc_db_commit         (ScDb        *self,
                                GError     **error);
void      sc_db_rollback       (ScDb        *self);

/* A cached prepared statement for sql (reset and unbound on return).
 * The statement belongs to the database; do not finalize it. */
sqlite3_stmt *sc_db_prepare    (ScDb        *self,
                                const char  *sql,
                                GError     **error);
/* Sets error (SC_ERROR_STORAGE) from the handle's last error. */
void      sc_db_set_error      (ScDb        *self,
                                GError     **error,
                                const char  *what);
/* Runs the statements of sql (no parameters). */
gboolean  sc_db_exec           (ScDb        *self,
                                const char  *sql,
                                GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScDb, sc_db_unref)

G_END_DECLS
