/* sc-db.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The one local database: price cache, accounts, results and sync state.
 * An ScDb is used by one thread at a time; a worker thread opens its own.
 * Only store files (and tests that check raw rows) run SQL on it, through
 * sc-db-private.h. */
typedef struct _ScDb ScDb;

/* $XDG_DATA_HOME/stockcast/stockcast.db */
char     *sc_db_default_path   (void);
/* Opens (creating the file and its folder if needed), turns on WAL and
 * foreign keys, and migrates the schema forward. path NULL: the default. */
ScDb     *sc_db_open           (const char  *path,
                                GError     **error);
void      sc_db_unref          (ScDb        *self);
const char *sc_db_get_path     (ScDb        *self);
int       sc_db_get_version    (ScDb        *self);
int       sc_db_latest_version (void);
/* Makes sc_db_open() migrate only up to version (-1: the latest), so tests
 * can create databases of every earlier schema. */
void      sc_db_set_target_version_for_testing (int version);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScDb, sc_db_unref)

G_END_DECLS
