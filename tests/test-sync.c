/* test-sync.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "sc-accounts.h"
#include "sc-db.h"
#include "sc-error.h"
#include "sc-results.h"
#include "sc-sync.h"
#include "sc-sync-test-server.h"
#include "sc-test-util.h"

/* The sync client against a real server: two "computers" (two data
 * folders, driven through the stockcast CLI in child processes) converge,
 * an outage loses nothing, a revoked token asks for a new sign-in. */

#define PASSWORD "correct horse"

typedef struct
{
  char  *dir;      /* XDG_DATA_HOME of this computer */
  char  *db_path;
  gint64 user_id;
} Profile;

static Profile *
profile_new (const char *name)
{
  Profile *profile = g_new0 (Profile, 1);
  g_autoptr(ScDb) db = NULL;
  g_autoptr(ScUser) user = NULL;
  g_autoptr(GError) error = NULL;
  char *recovery;

  profile->dir = g_build_filename (sc_test_get_tmpdir (), name, NULL);
  profile->db_path = g_build_filename (profile->dir, "stockcast", "stockcast.db", NULL);
  db = sc_db_open (profile->db_path, &error);
  g_assert_no_error (error);

  /* The same person has a local account of the same name on each computer. */
  recovery = sc_accounts_register (db, "alice", "alice@example.org", PASSWORD, &user, &error);
  g_assert_no_error (error);
  sc_accounts_free_secret (recovery);
  profile->user_id = user->id;
  return profile;
}

static void
profile_free (Profile *profile)
{
  g_free (profile->dir);
  g_free (profile->db_path);
  g_free (profile);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Profile, profile_free)

static ScDb *
profile_open (Profile *profile)
{
  g_autoptr(GError) error = NULL;
  ScDb *db = sc_db_open (profile->db_path, &error);

  g_assert_no_error (error);
  return db;
}

/* Saves n predictions; returns their uuids. */
static GPtrArray *
save_results (Profile    *profile,
              const char *ticker,
              guint       n)
{
  g_autoptr(ScDb) db = profile_open (profile);
  GPtrArray *uuids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      ScForecast forecasts[2] = {
        { 10, 18640 + 14, 100.0 + i, 90.0 + i, 110.0 + i },
        { 60, 18640 + 84, 105.0 + i, 80.0 + i, 130.0 + i },
      };
      ScPrediction prediction = { 0 };
      g_autoptr(GError) error = NULL;
      char *uuid;

      prediction.ticker = (char *) ticker;
      prediction.model_id = (char *) "linear-regression";
      prediction.source = (char *) "csv";
      prediction.as_of = 18640;
      prediction.last_close = 99.5 + i;
      prediction.rows = 2500;
      prediction.n_forecasts = G_N_ELEMENTS (forecasts);
      prediction.forecasts = forecasts;
      prediction.protocol = (char *) "walk-forward";

      uuid = sc_results_save (db, profile->user_id, &prediction, &error);
      g_assert_no_error (error);
      g_ptr_array_add (uuids, uuid);
    }

  return uuids;
}

/* uuid → "synced"/"unsynced" of the user's visible results. */
static GHashTable *
local_results (Profile  *profile,
               gboolean  include_deleted)
{
  g_autoptr(ScDb) db = profile_open (profile);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  results = sc_results_list (db, profile->user_id,
                             include_deleted ? SC_RESULTS_LIST_INCLUDE_DELETED : SC_RESULTS_LIST_DEFAULT,
                             0, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < results->len; i++)
    {
      ScResult *result = g_ptr_array_index (results, i);
      g_hash_table_insert (table, g_strdup (result->uuid), GINT_TO_POINTER (result->synced ? 1 : 2));
    }
  return table;
}

static void
assert_same_keys (GHashTable *a,
                  GHashTable *b)
{
  GHashTableIter iter;
  gpointer key;

  g_assert_cmpuint (g_hash_table_size (a), ==, g_hash_table_size (b));
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_assert_true (g_hash_table_contains (b, key));
}

static int
run_cli (Profile     *profile,
         const char  *stdin_text,
         char       **out_stdout,
         char       **out_stderr,
         const char  *first_arg,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *standard_output = NULL;
  g_autofree char *standard_error = NULL;
  const char *arg;
  va_list ap;

  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", profile->dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "STOCKCAST_SYNC_TOKEN_STORE", "file", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");   /* warnings are expected output here */

  g_ptr_array_add (args, (char *) g_getenv ("STOCKCAST_BIN"));
  va_start (ap, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, stdin_text, NULL, &standard_output, &standard_error, &error);
  g_assert_no_error (error);
  g_test_message ("stockcast %s → %d\nstdout: %s\nstderr: %s", first_arg,
                  g_subprocess_get_exit_status (process), standard_output, standard_error);

  if (out_stdout != NULL)
    *out_stdout = g_steal_pointer (&standard_output);
  if (out_stderr != NULL)
    *out_stderr = g_steal_pointer (&standard_error);
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

static int
cli_sync (Profile          *profile,
          ScTestSyncServer *server,
          gboolean          do_register,
          char            **out_stdout,
          char            **out_stderr)
{
  if (server == NULL)
    return run_cli (profile, PASSWORD "\n", out_stdout, out_stderr,
                    "sync", "--user", "alice", "--password-stdin", NULL);
  return run_cli (profile, PASSWORD "\n", out_stdout, out_stderr,
                  "sync", "--user", "alice", "--password-stdin", "--server", server->base_url,
                  do_register ? "--register" : NULL, NULL);
}

/* What the server holds for alice (uuid → deleted). */
static GHashTable *
server_results (ScTestSyncServer *server)
{
  g_autofree char *sessions = g_strdup_printf ("%s/api/v1/sessions", server->base_url);
  g_autofree char *body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *token = NULL;
  gint64 since = 0;
  gboolean more = TRUE;

  g_assert_cmpuint (sc_test_http ("POST", sessions, NULL,
                                  "{\"username\":\"alice\",\"password\":\"" PASSWORD "\"}", &body), ==, 201);
  g_assert_true (json_parser_load_from_data (parser, body, -1, NULL));
  token = g_strdup (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "token"));

  while (more)
    {
      g_autofree char *url = g_strdup_printf ("%s/api/v1/results?since=%" G_GINT64_FORMAT, server->base_url, since);
      g_autofree char *page = NULL;
      g_autoptr(JsonParser) page_parser = json_parser_new ();
      JsonObject *object;
      JsonArray *results;

      g_assert_cmpuint (sc_test_http ("GET", url, token, NULL, &page), ==, 200);
      g_assert_true (json_parser_load_from_data (page_parser, page, -1, NULL));
      object = json_node_get_object (json_parser_get_root (page_parser));
      results = json_object_get_array_member (object, "results");
      for (guint i = 0; i < json_array_get_length (results); i++)
        {
          JsonObject *result = json_array_get_object_element (results, i);
          g_hash_table_insert (table, g_strdup (json_object_get_string_member (result, "uuid")),
                               GINT_TO_POINTER (json_object_get_boolean_member (result, "deleted") ? 1 : 2));
        }
      since = json_object_get_int_member (object, "next");
      more = json_object_get_boolean_member (object, "more");
    }

  return table;
}

static ScTestSyncServer *
start_server (const char *name)
{
  g_autofree char *database = g_build_filename (sc_test_get_tmpdir (), name, NULL);
  g_autoptr(GError) error = NULL;
  ScTestSyncServer *server = sc_test_sync_server_start (database, &error);

  g_assert_no_error (error);
  return server;
}

static void
test_two_computers_converge (void)
{
  g_autoptr(Profile) desktop = profile_new ("desktop");
  g_autoptr(Profile) laptop = profile_new ("laptop");
  g_autoptr(GPtrArray) desktop_uuids = NULL;
  g_autoptr(GPtrArray) laptop_uuids = NULL;
  g_autoptr(GHashTable) on_desktop = NULL;
  g_autoptr(GHashTable) on_laptop = NULL;
  g_autoptr(GHashTable) on_server = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  ScTestSyncServer *server = start_server ("converge.db");
  struct stat st;
  g_autofree char *token_file = NULL;

  desktop_uuids = save_results (desktop, "MSFT", 3);
  laptop_uuids = save_results (laptop, "AAPL", 2);

  /* The desktop creates the server account; the laptop signs in to it. */
  g_assert_cmpint (cli_sync (desktop, server, TRUE, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "3 sent"));
  /* No keyring here: the user is told where the token went, and only
   * they can read it. */
  g_assert_nonnull (strstr (out, "readable only by you"));
  token_file = g_build_filename (desktop->dir, "stockcast", "sync-tokens", NULL);
  g_assert_cmpint (g_stat (token_file, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (cli_sync (laptop, server, FALSE, &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "2 sent"));
  g_clear_pointer (&out, g_free);

  /* Later syncs need no --server. */
  g_assert_cmpint (cli_sync (desktop, NULL, FALSE, NULL, NULL), ==, 0);

  on_desktop = local_results (desktop, FALSE);
  on_laptop = local_results (laptop, FALSE);
  g_assert_cmpuint (g_hash_table_size (on_desktop), ==, 5);
  assert_same_keys (on_desktop, on_laptop);

  /* Everything is synced on both. */
  {
    GHashTableIter iter;
    gpointer state;

    g_hash_table_iter_init (&iter, on_desktop);
    while (g_hash_table_iter_next (&iter, NULL, &state))
      g_assert_cmpint (GPOINTER_TO_INT (state), ==, 1);
  }

  /* A deletion on the laptop reaches the desktop. */
  {
    g_autoptr(ScDb) db = profile_open (laptop);
    g_autoptr(GError) error = NULL;

    sc_results_delete (db, laptop->user_id, g_ptr_array_index (desktop_uuids, 0), &error);
    g_assert_no_error (error);
  }
  g_assert_cmpint (cli_sync (laptop, NULL, FALSE, &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "1 deletions sent"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (cli_sync (desktop, NULL, FALSE, NULL, NULL), ==, 0);

  g_clear_pointer (&on_desktop, g_hash_table_unref);
  g_clear_pointer (&on_laptop, g_hash_table_unref);
  on_desktop = local_results (desktop, FALSE);
  on_laptop = local_results (laptop, FALSE);
  g_assert_cmpuint (g_hash_table_size (on_desktop), ==, 4);
  g_assert_false (g_hash_table_contains (on_desktop, g_ptr_array_index (desktop_uuids, 0)));
  assert_same_keys (on_desktop, on_laptop);

  on_server = server_results (server);
  g_assert_cmpuint (g_hash_table_size (on_server), ==, 5);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (on_server, g_ptr_array_index (desktop_uuids, 0))), ==, 1);

  /* Syncing again changes nothing. */
  g_assert_cmpint (cli_sync (desktop, NULL, FALSE, &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "0 sent, 0 deletions sent, 0 received"));

  g_assert_cmpint (sc_test_sync_server_stop (server), ==, 0);
  sc_test_sync_server_free (server);
}

static void
test_other_users_see_nothing (void)
{
  g_autoptr(Profile) alice = profile_new ("alice-home");
  g_autoptr(GPtrArray) uuids = save_results (alice, "MSFT", 2);
  g_autofree char *accounts = NULL;
  g_autofree char *sessions = NULL;
  g_autofree char *results = NULL;
  g_autofree char *body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  ScTestSyncServer *server = start_server ("others.db");
  const char *token;

  g_assert_cmpint (cli_sync (alice, server, TRUE, NULL, NULL), ==, 0);

  accounts = g_strdup_printf ("%s/api/v1/accounts", server->base_url);
  sessions = g_strdup_printf ("%s/api/v1/sessions", server->base_url);
  results = g_strdup_printf ("%s/api/v1/results?since=0", server->base_url);
  g_assert_cmpuint (sc_test_http ("POST", accounts, NULL,
                                  "{\"username\":\"mallory\",\"email\":\"m@example.org\",\"password\":\"12345678\"}",
                                  NULL), ==, 201);
  g_assert_cmpuint (sc_test_http ("POST", sessions, NULL, "{\"username\":\"mallory\",\"password\":\"12345678\"}", &body), ==, 201);
  g_assert_true (json_parser_load_from_data (parser, body, -1, NULL));
  token = json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "token");
  g_clear_pointer (&body, g_free);
  g_assert_cmpuint (sc_test_http ("GET", results, token, NULL, &body), ==, 200);
  g_assert_null (strstr (body, g_ptr_array_index (uuids, 0)));
  g_assert_nonnull (strstr (body, "\"results\":[]"));

  g_assert_cmpint (sc_test_sync_server_stop (server), ==, 0);
  sc_test_sync_server_free (server);
}

/* The server dies in the middle of a sync: what was marked synced is on
 * the server, the rest stays unsynced, and the next sync completes. A relay
 * in front of the server holds the 21st upload, so the server dies after
 * exactly 20, however fast or slow the machine is. */
static void
test_server_killed_mid_sync (void)
{
  g_autoptr(Profile) desktop = profile_new ("outage-desktop");
  g_autoptr(Profile) laptop = profile_new ("outage-laptop");
  g_autoptr(GPtrArray) uuids = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) sync = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) local = NULL;
  g_autoptr(GHashTable) remote = NULL;
  g_autofree char *database = g_build_filename (sc_test_get_tmpdir (), "outage.db", NULL);
  g_autofree char *err = NULL;
  ScTestSyncServer *server = start_server ("outage.db");
  guint16 port = server->port;
  ScTestFaultProxy *proxy = sc_test_fault_proxy_new (port, &error);
  GHashTableIter iter;
  gpointer key, state;
  guint synced = 0;

  g_assert_no_error (error);
  g_assert_cmpint (run_cli (desktop, PASSWORD "\n", NULL, NULL,
                            "sync", "--user", "alice", "--password-stdin",
                            "--server", sc_test_fault_proxy_get_url (proxy), "--register", NULL), ==, 0);
  g_assert_cmpint (cli_sync (laptop, server, FALSE, NULL, NULL), ==, 0);
  uuids = save_results (desktop, "MSFT", 600);

  sc_test_fault_proxy_hold_after (proxy, "PUT", 20);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", desktop->dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "STOCKCAST_SYNC_TOKEN_STORE", "file", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  sync = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("STOCKCAST_BIN"),
                                      "sync", "--user", "alice", "--password-stdin", NULL);
  g_assert_no_error (error);
  {
    g_autoptr(GBytes) input = g_bytes_new_static (PASSWORD "\n", strlen (PASSWORD "\n"));
    g_output_stream_write_bytes (g_subprocess_get_stdin_pipe (sync), input, NULL, &error);
    g_assert_no_error (error);
    g_output_stream_close (g_subprocess_get_stdin_pipe (sync), NULL, NULL);
  }

  /* The 21st upload is on its way: the server dies before it arrives. */
  g_assert_true (sc_test_fault_proxy_wait_held (proxy, 240));
  sc_test_sync_server_kill (server);
  sc_test_sync_server_free (server);
  sc_test_fault_proxy_release (proxy);

  g_subprocess_wait (sync, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (sync), ==, 3);

  /* Back on the same port and database. */
  server = sc_test_sync_server_start_on_port (database, port, &error);
  g_assert_no_error (error);

  local = local_results (desktop, FALSE);
  remote = server_results (server);
  g_hash_table_iter_init (&iter, local);
  while (g_hash_table_iter_next (&iter, &key, &state))
    if (GPOINTER_TO_INT (state) == 1)
      {
        g_assert_true (g_hash_table_contains (remote, key));
        synced++;
      }
  g_assert_cmpuint (synced, ==, 20);
  g_assert_cmpuint (g_hash_table_size (remote), ==, 20);

  /* The next sync finishes the job, and the laptop gets everything. */
  g_assert_cmpint (cli_sync (desktop, NULL, FALSE, NULL, &err), ==, 0);
  g_assert_cmpint (cli_sync (laptop, NULL, FALSE, NULL, NULL), ==, 0);
  g_clear_pointer (&local, g_hash_table_unref);
  g_clear_pointer (&remote, g_hash_table_unref);
  local = local_results (laptop, FALSE);
  remote = server_results (server);
  g_assert_cmpuint (g_hash_table_size (remote), ==, 600);
  g_assert_cmpuint (g_hash_table_size (local), ==, 600);
  for (guint i = 0; i < uuids->len; i++)
    g_assert_true (g_hash_table_contains (local, g_ptr_array_index (uuids, i)));

  g_assert_cmpint (sc_test_sync_server_stop (server), ==, 0);
  sc_test_sync_server_free (server);
  sc_test_fault_proxy_free (proxy);
}

static void
test_unreachable_and_refused (void)
{
  g_autoptr(Profile) desktop = profile_new ("refused");
  g_autoptr(GPtrArray) uuids = save_results (desktop, "MSFT", 1);
  g_autoptr(GHashTable) local = NULL;
  g_autofree char *err = NULL;
  ScTestSyncServer *server = start_server ("refused.db");
  g_autofree char *url = g_strdup (server->base_url);

  /* First use needs --server. */
  g_assert_cmpint (cli_sync (desktop, NULL, FALSE, NULL, &err), ==, 1);
  g_clear_pointer (&err, g_free);

  /* Plain http to another computer is refused unless allowed. */
  g_assert_cmpint (run_cli (desktop, PASSWORD "\n", NULL, &err, "sync", "--user", "alice", "--password-stdin",
                            "--server", "http://sync.example.org", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "http://"));
  g_clear_pointer (&err, g_free);

  /* Wrong local password: 4. No such account on the server: 4. */
  g_assert_cmpint (run_cli (desktop, "wrong password\n", NULL, NULL, "sync", "--user", "alice",
                            "--password-stdin", "--server", url, NULL), ==, 4);
  g_assert_cmpint (cli_sync (desktop, server, FALSE, NULL, NULL), ==, 4);

  g_assert_cmpint (cli_sync (desktop, server, TRUE, NULL, NULL), ==, 0);

  /* The server goes away: 3, and the new result stays unsynced. */
  g_assert_cmpint (sc_test_sync_server_stop (server), ==, 0);
  sc_test_sync_server_free (server);
  g_ptr_array_unref (save_results (desktop, "MSFT", 1));
  g_assert_cmpint (cli_sync (desktop, NULL, FALSE, NULL, &err), ==, 3);
  g_assert_nonnull (strstr (err, "Nothing was lost"));
  local = local_results (desktop, FALSE);
  g_assert_cmpuint (g_hash_table_size (local), ==, 2);
  g_assert_true (g_hash_table_contains (local, g_ptr_array_index (uuids, 0)));
  {
    g_autoptr(ScDb) db = profile_open (desktop);
    g_autoptr(ScSyncLink) link = sc_sync_get_link (db, desktop->user_id, NULL);

    g_assert_nonnull (link);
    g_assert_cmpint (link->state, ==, SC_SYNC_STATE_OFFLINE);
    g_assert_nonnull (link->last_sync_at);
    g_assert_nonnull (link->last_error);
  }
}

/* In process, through the API the window uses: a revoked token makes the
 * sync fail with SC_ERROR_AUTH and the link ask for a new sign-in; signing
 * in again fixes it. */
typedef struct
{
  GMainLoop *loop;
  gboolean   ok;
  GError    *error;
  ScSyncReport report;
  gboolean   token_in_file;
} AsyncResult;

static void
on_linked (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  AsyncResult *r = user_data;

  r->ok = sc_sync_link_account_finish (result, &r->token_in_file, &r->error);
  g_main_loop_quit (r->loop);
}

static void
on_synced (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  AsyncResult *r = user_data;

  r->ok = sc_sync_run_finish (result, &r->report, &r->error);
  g_main_loop_quit (r->loop);
}

static void
on_unlinked (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncResult *r = user_data;

  r->ok = sc_sync_unlink_finish (result, &r->error);
  g_main_loop_quit (r->loop);
}

static void
test_revoked_token (void)
{
  g_autofree char *path = NULL;
  g_autoptr(ScDb) db = NULL;
  g_autoptr(ScUser) user = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GKeyFile) tokens = g_key_file_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autofree char *group = NULL;
  g_autofree char *token = NULL;
  g_autofree char *sessions = NULL;
  g_autofree char *token_path = NULL;
  ScTestSyncServer *server = start_server ("revoked.db");
  AsyncResult r = { loop };
  ScSyncLink *link;
  char *recovery;

  g_setenv ("STOCKCAST_SYNC_TOKEN_STORE", "file", TRUE);
  path = sc_db_default_path ();
  db = sc_db_open (path, &error);
  g_assert_no_error (error);
  recovery = sc_accounts_register (db, "alice", "alice@example.org", PASSWORD, &user, &error);
  g_assert_no_error (error);
  sc_accounts_free_secret (recovery);

  sc_sync_link_account_async (db, user->id, server->base_url, SC_SYNC_CLIENT_DEFAULT,
                              "alice", PASSWORD, "alice@example.org", NULL, on_linked, &r);
  g_main_loop_run (loop);
  g_assert_no_error (r.error);
  g_assert_true (r.ok);
  g_assert_true (r.token_in_file);

  link = sc_sync_get_link (db, user->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (link->state, ==, SC_SYNC_STATE_NEVER);
  g_assert_null (link->last_sync_at);
  sc_sync_link_free (link);

  sc_sync_run_async (db, user->id, NULL, on_synced, &r);
  g_main_loop_run (loop);
  g_assert_no_error (r.error);
  link = sc_sync_get_link (db, user->id, &error);
  g_assert_cmpint (link->state, ==, SC_SYNC_STATE_OK);
  g_assert_nonnull (link->last_sync_at);
  sc_sync_link_free (link);

  /* Revoke the stored token behind the app's back. */
  token_path = sc_sync_token_file_path ();
  g_assert_true (g_key_file_load_from_file (tokens, token_path, G_KEY_FILE_NONE, NULL));
  group = g_strdup_printf ("user-%" G_GINT64_FORMAT, user->id);
  token = g_key_file_get_string (tokens, group, "token", &error);
  g_assert_no_error (error);
  sessions = g_strdup_printf ("%s/api/v1/sessions", server->base_url);
  g_assert_cmpuint (sc_test_http ("DELETE", sessions, token, NULL, NULL), ==, 204);

  sc_sync_run_async (db, user->id, NULL, on_synced, &r);
  g_main_loop_run (loop);
  g_assert_false (r.ok);
  g_assert_error (r.error, SC_ERROR, SC_ERROR_AUTH);
  g_clear_error (&r.error);
  link = sc_sync_get_link (db, user->id, &error);
  g_assert_cmpint (link->state, ==, SC_SYNC_STATE_SIGN_IN);
  g_assert_nonnull (link->last_error);
  sc_sync_link_free (link);

  /* Signing in again (same server, same account) fixes it. */
  sc_sync_link_account_async (db, user->id, server->base_url, SC_SYNC_CLIENT_DEFAULT,
                              "alice", PASSWORD, NULL, NULL, on_linked, &r);
  g_main_loop_run (loop);
  g_assert_no_error (r.error);
  sc_sync_run_async (db, user->id, NULL, on_synced, &r);
  g_main_loop_run (loop);
  g_assert_no_error (r.error);
  g_assert_true (r.ok);

  /* Unlinking forgets link and token. */
  sc_sync_unlink_async (db, user->id, NULL, on_unlinked, &r);
  g_main_loop_run (loop);
  g_assert_no_error (r.error);
  g_assert_null (sc_sync_get_link (db, user->id, &error));
  g_assert_no_error (error);
  sc_sync_run (db, user->id, NULL, NULL, &error);
  g_assert_error (error, SC_ERROR, SC_ERROR_DATA);

  g_assert_cmpint (sc_test_sync_server_stop (server), ==, 0);
  sc_test_sync_server_free (server);
}

/* Deleting the local account revokes its sync token on the server and
 * removes the stored copy. */
static void
test_account_delete_revokes (void)
{
  g_autoptr(Profile) profile = profile_new ("deleter");
  g_autoptr(GKeyFile) tokens = g_key_file_new ();
  g_autoptr(GKeyFile) after = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *token_path = g_build_filename (profile->dir, "stockcast", "sync-tokens", NULL);
  g_autofree char *group = g_strdup_printf ("user-%" G_GINT64_FORMAT, profile->user_id);
  g_autofree char *token = NULL;
  g_autofree char *results = NULL;
  ScTestSyncServer *server = start_server ("delete-revokes.db");

  g_assert_cmpint (cli_sync (profile, server, TRUE, NULL, NULL), ==, 0);
  g_assert_true (g_key_file_load_from_file (tokens, token_path, G_KEY_FILE_NONE, NULL));
  token = g_key_file_get_string (tokens, group, "token", &error);
  g_assert_no_error (error);
  results = g_strdup_printf ("%s/api/v1/results", server->base_url);
  g_assert_cmpuint (sc_test_http ("GET", results, token, NULL, NULL), ==, 200);

  g_assert_cmpint (run_cli (profile, PASSWORD "\n", NULL, NULL, "account", "delete", "alice",
                            "--password-stdin", NULL), ==, 0);
  g_assert_cmpuint (sc_test_http ("GET", results, token, NULL, NULL), ==, 401);
  if (g_key_file_load_from_file (after, token_path, G_KEY_FILE_NONE, NULL))
    g_assert_false (g_key_file_has_group (after, group));

  g_assert_cmpint (sc_test_sync_server_stop (server), ==, 0);
  sc_test_sync_server_free (server);
}

/* Changing the local password changes the server account's too, which
 * signs the other computers out; this computer keeps syncing. */
static void
test_passwd_reaches_server (void)
{
  g_autoptr(Profile) profile = profile_new ("passwd");
  g_autofree char *sessions = NULL;
  g_autofree char *results = NULL;
  g_autofree char *response = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *other = NULL;
  ScTestSyncServer *server = start_server ("passwd.db");

  g_assert_cmpint (cli_sync (profile, server, TRUE, NULL, NULL), ==, 0);
  sessions = g_strdup_printf ("%s/api/v1/sessions", server->base_url);
  results = g_strdup_printf ("%s/api/v1/results", server->base_url);
  g_assert_cmpuint (sc_test_http ("POST", sessions, NULL,
                                  "{\"username\":\"alice\",\"password\":\"" PASSWORD "\"}", &response), ==, 201);
  g_assert_true (json_parser_load_from_data (parser, response, -1, NULL));
  other = g_strdup (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "token"));

  g_assert_cmpint (run_cli (profile, PASSWORD "\nbattery staple\n", NULL, NULL, "account", "passwd", "alice",
                            "--password-stdin", NULL), ==, 0);
  g_assert_cmpuint (sc_test_http ("GET", results, other, NULL, NULL), ==, 401);
  g_assert_cmpuint (sc_test_http ("POST", sessions, NULL,
                                  "{\"username\":\"alice\",\"password\":\"battery staple\"}", NULL), ==, 201);
  g_assert_cmpint (run_cli (profile, "battery staple\n", NULL, NULL, "sync", "--user", "alice",
                            "--password-stdin", NULL), ==, 0);

  g_assert_cmpint (sc_test_sync_server_stop (server), ==, 0);
  sc_test_sync_server_free (server);
}

/* A second computer without the local account: the message says exactly
 * what to do instead of blaming the password. */
static void
test_second_computer_message (void)
{
  g_autoptr(Profile) first = profile_new ("first-computer");
  g_autofree char *empty_dir = g_build_filename (sc_test_get_tmpdir (), "second-computer", NULL);
  Profile second = { empty_dir, NULL, 0 };
  g_autofree char *err = NULL;
  ScTestSyncServer *server = start_server ("second-computer.db");

  g_assert_cmpint (cli_sync (first, server, TRUE, NULL, NULL), ==, 0);
  g_assert_cmpint (cli_sync (&second, server, FALSE, NULL, &err), ==, 4);
  g_assert_nonnull (strstr (err, "account register alice"));
  g_assert_null (strstr (err, "incorrect"));

  g_assert_cmpint (sc_test_sync_server_stop (server), ==, 0);
  sc_test_sync_server_free (server);
}

static void
test_check_url (void)
{
  const struct { const char *url; gboolean ok; } cases[] = {
    { "https://sync.example.org", TRUE },
    { "https://sync.example.org/", TRUE },
    { "http://127.0.0.1:8080", TRUE },
    { "http://localhost:8080/", TRUE },
    { "http://[::1]:8080", TRUE },
    { "http://sync.example.org", FALSE },
    { "http://192.168.1.2:8080", FALSE },
    { "ftp://sync.example.org", FALSE },
    { "sync.example.org", FALSE },
    { "https://user:pw@sync.example.org", FALSE },
    { "", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = sc_sync_client_check_url (cases[i].url, SC_SYNC_CLIENT_DEFAULT, &error);

      g_test_message ("%s", cases[i].url);
      g_assert_cmpint (url != NULL, ==, cases[i].ok);
      if (url != NULL)
        g_assert_false (g_str_has_suffix (url, "/"));
      else
        g_assert_error (error, SC_ERROR, SC_ERROR_DATA);
    }

  {
    g_autofree char *url = sc_sync_client_check_url ("http://sync.example.org", SC_SYNC_CLIENT_ALLOW_INSECURE_HTTP, NULL);
    g_assert_cmpstr (url, ==, "http://sync.example.org");
  }
}

int
main (int   argc,
      char *argv[])
{
  sc_test_init (&argc, &argv);

  g_test_add_func ("/sync/check-url", test_check_url);
  g_test_add_func ("/sync/two-computers-converge", test_two_computers_converge);
  g_test_add_func ("/sync/other-users-see-nothing", test_other_users_see_nothing);
  g_test_add_func ("/sync/unreachable-and-refused", test_unreachable_and_refused);
  g_test_add_func ("/sync/server-killed-mid-sync", test_server_killed_mid_sync);
  g_test_add_func ("/sync/revoked-token", test_revoked_token);
  g_test_add_func ("/sync/account-delete-revokes", test_account_delete_revokes);
  g_test_add_func ("/sync/second-computer-message", test_second_computer_message);
  g_test_add_func ("/sync/passwd-reaches-server", test_passwd_reaches_server);

  return g_test_run ();
}
