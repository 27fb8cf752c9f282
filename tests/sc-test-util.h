/* sc-test-util.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-db.h"

G_BEGIN_DECLS

/* Calls g_test_init() and points XDG_DATA_HOME, XDG_CONFIG_HOME and
 * XDG_CACHE_HOME at a fresh temporary folder, removed at exit, so a test
 * never touches the user's files. */
void        sc_test_init          (int    *argc,
                                   char ***argv);
/* The temporary folder of this test program. */
const char *sc_test_get_tmpdir    (void);
/* A path in tests/fixtures/ of the source tree. */
char       *sc_test_fixture_path  (const char *name);

/* Runs the built stockcast binary with argv (NULL-terminated, without the
 * program name), feeding stdin_text if not NULL. Returns the exit status. */
int         sc_test_run_cli       (const char  *stdin_text,
                                   char       **out_stdout,
                                   char       **out_stderr,
                                   const char  *first_arg,
                                   ...) G_GNUC_NULL_TERMINATED;

/* Raw rows of the local database, for tests that check what the store
 * wrote. Each asserts that sql runs. */
gint64      sc_test_db_query_int  (ScDb       *db,
                                   const char *sql);
char       *sc_test_db_query_text (ScDb       *db,
                                   const char *sql);
void        sc_test_db_exec       (ScDb       *db,
                                   const char *sql);
/* PRAGMA integrity_check says "ok" and foreign_key_check finds nothing. */
void        sc_test_db_assert_integrity (ScDb *db);

G_END_DECLS
