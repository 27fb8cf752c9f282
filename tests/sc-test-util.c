/* sc-test-util.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "sc-db-private.h"
#include "sc-test-util.h"

static char *tmpdir;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            remove_tree (child);
          else
            g_unlink (child);
        }
    }
  g_rmdir (path);
}

static void
cleanup_tmpdir (void)
{
  if (tmpdir != NULL && g_getenv ("SC_TEST_KEEP_TMPDIR") == NULL)
    remove_tree (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
}

void
sc_test_init (int    *argc,
              char ***argv)
{
  const char *dirs[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME" };
  g_autoptr(GError) error = NULL;

  tmpdir = g_dir_make_tmp ("stockcast-test-XXXXXX", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *path = g_build_filename (tmpdir, dirs[i], NULL);

      g_mkdir_with_parents (path, 0700);
      g_setenv (dirs[i], path, TRUE);
    }
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  atexit (cleanup_tmpdir);

  /* Keep the system MIME database visible after the XDG dirs are isolated:
   * gdk-pixbuf needs it to recognise SVG icons (the app's symbolic icon in
   * the GResource), as GLib's docs recommend for isolated tests. */
  g_content_type_set_mime_dirs (NULL);
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
}

const char *
sc_test_get_tmpdir (void)
{
  return tmpdir;
}

char *
sc_test_fixture_path (const char *name)
{
  return g_build_filename (SOURCE_ROOT, "tests", "fixtures", name, NULL);
}

int
sc_test_run_cli (const char  *stdin_text,
                 char       **out_stdout,
                 char       **out_stderr,
                 const char  *first_arg,
                 ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stdin_path = NULL;
  g_autofree char *standard_output = NULL;
  g_autofree char *standard_error = NULL;
  const char *bin = g_getenv ("STOCKCAST_BIN");
  const char *arg;
  va_list ap;
  int fd;

  g_assert_nonnull (bin);
  g_ptr_array_add (args, (char *) bin);
  va_start (ap, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  /* Standard input comes from a file, not a pipe: a command that exits
   * before reading it (a usage error) cannot kill the test with SIGPIPE. */
  fd = g_file_open_tmp ("stockcast-stdin-XXXXXX", &stdin_path, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (stdin_path, stdin_text ? stdin_text : "", -1, &error));
  g_assert_no_error (error);
  g_close (fd, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_stdin_file_path (launcher, stdin_path);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8 (process, NULL, NULL,
                                 &standard_output, &standard_error, &error);
  g_assert_no_error (error);
  g_unlink (stdin_path);

  if (g_test_verbose ())
    g_test_message ("stdout: %s\nstderr: %s", standard_output, standard_error);

  if (out_stdout != NULL)
    *out_stdout = g_steal_pointer (&standard_output);
  if (out_stderr != NULL)
    *out_stderr = g_steal_pointer (&standard_error);

  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

/* Prepared afresh (not cached) so a test's query never shares a statement
 * with the store. */
static sqlite3_stmt *
step_first_row (ScDb       *db,
                const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (sc_db_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return stmt;
}

gint64
sc_test_db_query_int (ScDb       *db,
                      const char *sql)
{
  sqlite3_stmt *stmt = step_first_row (db, sql);
  gint64 value = sqlite3_column_int64 (stmt, 0);

  sqlite3_finalize (stmt);
  return value;
}

char *
sc_test_db_query_text (ScDb       *db,
                       const char *sql)
{
  sqlite3_stmt *stmt = step_first_row (db, sql);
  char *value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));

  sqlite3_finalize (stmt);
  return value;
}

void
sc_test_db_exec (ScDb       *db,
                 const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sc_db_exec (db, sql, &error));
  g_assert_no_error (error);
}

void
sc_test_db_assert_integrity (ScDb *db)
{
  g_autofree char *integrity = sc_test_db_query_text (db, "PRAGMA integrity_check");
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpstr (integrity, ==, "ok");

  g_assert_cmpint (sqlite3_prepare_v2 (sc_db_get_handle (db), "PRAGMA foreign_key_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}
