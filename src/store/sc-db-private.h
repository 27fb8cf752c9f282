/* sc-db-private.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "sc-db.h"

G_BEGIN_DECLS

/* The SQL side of ScDb, for the files of src/store (and tests that check
 * raw rows). Everything else goes through the store's functions, so only
 * the store knows the schema. */

sqlite3  *sc_db_get_handle     (ScDb        *self);

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
/* Resets stmt after its last step returned rc (the end of a loop over its
 * rows); FALSE with error (what failed) unless rc is SQLITE_DONE. */
gboolean  sc_db_reset_done     (ScDb          *self,
                                sqlite3_stmt  *stmt,
                                int            rc,
                                const char    *what,
                                GError       **error);
/* Resets stmt after the one step of a query for at most one row, which
 * returned rc; FALSE with error (what failed) unless rc is SQLITE_ROW or
 * SQLITE_DONE. */
gboolean  sc_db_reset_one      (ScDb          *self,
                                sqlite3_stmt  *stmt,
                                int            rc,
                                const char    *what,
                                GError       **error);
/* Steps stmt once and resets it; FALSE with error (what failed) unless
 * it is done. */
gboolean  sc_db_step_done      (ScDb          *self,
                                sqlite3_stmt  *stmt,
                                const char    *what,
                                GError       **error);
/* Steps stmt once and resets it: whether it has a row; FALSE with error
 * (what failed) if it fails. */
gboolean  sc_db_step_exists    (ScDb          *self,
                                sqlite3_stmt  *stmt,
                                const char    *what,
                                gboolean      *out_exists,
                                GError       **error);
/* Runs sql, a statement whose one parameter ?1 is user_id; FALSE with
 * error (what failed) if it fails. */
gboolean  sc_db_exec_for_user  (ScDb          *self,
                                const char    *sql,
                                gint64         user_id,
                                const char    *what,
                                GError       **error);
/* Begins a transaction and prepares sql, an UPDATE of a user's rows, with
 * ?1 bound to user_id and ?2 to key; NULL with error, the transaction
 * rolled back, if that fails. */
sqlite3_stmt *sc_db_begin_update (ScDb          *self,
                                  const char    *sql,
                                  gint64         user_id,
                                  const char    *key,
                                  GError       **error);
/* Steps stmt, an UPDATE in the transaction the caller began, and commits
 * if it changed a row; otherwise rolls back, FALSE with error (what
 * failed), or with an SC_ERROR_DATA error worded by not_found when no row
 * matched. */
gboolean  sc_db_update_and_commit (ScDb          *self,
                                   sqlite3_stmt  *stmt,
                                   const char    *what,
                                   GError       **error,
                                   const char    *not_found,
                                   ...) G_GNUC_PRINTF (5, 6);
/* Sets error (SC_ERROR_STORAGE) from the handle's last error. */
void      sc_db_set_error      (ScDb        *self,
                                GError     **error,
                                const char  *what);
/* Runs the statements of sql (no parameters). */
gboolean  sc_db_exec           (ScDb        *self,
                                const char  *sql,
                                GError     **error);

G_END_DECLS
