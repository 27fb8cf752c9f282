/* test-watchlist-sync.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "sc-accounts.h"
#include "sc-db.h"
#include "sc-sync-test-server.h"
#include "sc-test-util.h"
#include "sc-watchlist.h"

/* The watchlist through the sync server (issue 15): two profiles of one
 * account (two data folders, synced by the stockcast CLI in child
 * processes) converge on additions and removals, another account sees
 * nothing, and bad input gets a 4xx with a sentence. On SQLite and, when
 * it is installed, PostgreSQL. */

#define PASSWORD "correct horse"
/* The servers here keep at most this many watchlist entries per account. */
#define MAX_WATCHLIST "3"

typedef enum
{
  BACKEND_SQLITE,
  BACKEND_POSTGRESQL,
} Backend;

static ScTestPostgres *postgres;
static char *postgres_skip;
static guint counter;

typedef struct
{
  char             *database;
  ScTestSyncServer *server;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  const char * const args[] = { "--max-watchlist", MAX_WATCHLIST, NULL };
  g_autoptr(GError) error = NULL;

  if (GPOINTER_TO_INT (data) == BACKEND_POSTGRESQL)
    {
      g_autofree char *name = NULL;

      if (postgres == NULL)
        return;
      name = g_strdup_printf ("watchlist_%u", ++counter);
      fixture->database = sc_test_postgres_create_db (postgres, name);
    }
  else
    fixture->database = g_strdup_printf ("%s/watchlist-%u.db", sc_test_get_tmpdir (), ++counter);

  fixture->server = sc_test_sync_server_start_full (fixture->database, 0, args, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (fixture->server != NULL)
    g_assert_cmpint (sc_test_sync_server_stop (fixture->server), ==, 0);
  g_clear_pointer (&fixture->server, sc_test_sync_server_free);
  g_clear_pointer (&fixture->database, g_free);
}

static gboolean
skip_if_no_backend (gconstpointer data)
{
  if (GPOINTER_TO_INT (data) == BACKEND_POSTGRESQL && postgres == NULL)
    {
      g_test_skip (postgres_skip);
      return TRUE;
    }
  return FALSE;
}

static int
compare_strings (const char **a,
                  const char **b)
{
  return strcmp (*a, *b);
}

/* --- profiles: one person's data folder on one computer ------------------ */

typedef struct
{
  char   *dir;      /* XDG_DATA_HOME */
  char   *db_path;
  gint64  user_id;
} Profile;

static Profile *
profile_new (const char *name)
{
  Profile *profile = g_new0 (Profile, 1);
  g_autoptr(ScDb) db = NULL;
  g_autoptr(ScUser) user = NULL;
  g_autoptr(GError) error = NULL;
  char *recovery;

  profile->dir = g_strdup_printf ("%s/%s-%u", sc_test_get_tmpdir (), name, ++counter);
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

static void
watch_add (Profile    *profile,
           const char *ticker)
{
  g_autoptr(ScDb) db = profile_open (profile);
  g_autoptr(GError) error = NULL;
  gboolean added = FALSE;

  g_assert_true (sc_watchlist_add (db, profile->user_id, ticker, &added, &error));
  g_assert_no_error (error);
  g_assert_true (added);
}

static void
watch_remove (Profile    *profile,
              const char *ticker)
{
  g_autoptr(ScDb) db = profile_open (profile);
  g_autoptr(GError) error = NULL;

  g_assert_true (sc_watchlist_remove (db, profile->user_id, ticker, &error));
  g_assert_no_error (error);
}

/* The profile's tickers joined by spaces, in the order added. */
static char *
watch_list (Profile *profile)
{
  g_autoptr(ScDb) db = profile_open (profile);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tickers = sc_watchlist_list (db, profile->user_id, &error);

  g_assert_no_error (error);
  g_ptr_array_add (tickers, NULL);
  return g_strjoinv (" ", (char **) tickers->pdata);
}

static char *
watch_list_sorted (Profile *profile)
{
  g_autoptr(ScDb) db = profile_open (profile);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tickers = sc_watchlist_list (db, profile->user_id, &error);

  g_assert_no_error (error);
  g_ptr_array_sort (tickers, (GCompareFunc) compare_strings);
  g_ptr_array_add (tickers, NULL);
  return g_strjoinv (" ", (char **) tickers->pdata);
}

static guint
watch_unsynced (Profile *profile)
{
  g_autoptr(ScDb) db = profile_open (profile);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = sc_watchlist_list_unsynced (db, profile->user_id, &error);

  g_assert_no_error (error);
  return entries->len;
}

/* `stockcast sync` for the profile (register: create the server account);
 * returns the exit status, stdout and stderr. */
static int
cli_sync (Profile           *profile,
          ScTestSyncServer  *server,
          gboolean           do_register,
          char             **out_stdout,
          char             **out_stderr)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *standard_output = NULL;
  g_autofree char *standard_error = NULL;

  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", profile->dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "STOCKCAST_SYNC_TOKEN_STORE", "file", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");   /* warnings are expected output here */
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("STOCKCAST_BIN"),
                                         "sync", "--user", "alice", "--password-stdin",
                                         "--server", server->base_url,
                                         do_register ? "--register" : NULL, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, PASSWORD "\n", NULL, &standard_output, &standard_error, &error);
  g_assert_no_error (error);
  g_test_message ("stockcast sync → %d\nstdout: %s\nstderr: %s",
                  g_subprocess_get_exit_status (process), standard_output, standard_error);
  g_assert_true (g_subprocess_get_if_exited (process));

  if (out_stdout != NULL)
    *out_stdout = g_steal_pointer (&standard_output);
  if (out_stderr != NULL)
    *out_stderr = g_steal_pointer (&standard_error);
  return g_subprocess_get_exit_status (process);
}

/* --- HTTP ------------------------------------------------------------------ */

static char *
api (ScTestSyncServer *server,
     const char       *path)
{
  return g_strconcat (server->base_url, "/api/v1", path, NULL);
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* Asserts an error body {"error":"…"} that contains text (may be NULL). */
static void
assert_error (const char *body,
              const char *text)
{
  g_autoptr(JsonObject) object = parse_object (body);
  const char *message = json_object_get_string_member_with_default (object, "error", NULL);

  g_assert_nonnull (message);
  g_assert_cmpuint (strlen (message), >, 10);
  if (text != NULL)
    g_assert_nonnull (strstr (message, text));
}

static void
register_user (ScTestSyncServer *server,
               const char       *username)
{
  g_autofree char *url = api (server, "/accounts");
  g_autofree char *body = g_strdup_printf ("{\"username\":\"%s\",\"email\":\"%s@example.org\",\"password\":\"%s\"}",
                                           username, username, PASSWORD);
  g_autofree char *response = NULL;

  g_assert_cmpuint (sc_test_http ("POST", url, NULL, body, &response), ==, 201);
}

static char *
sign_in (ScTestSyncServer *server,
         const char       *username)
{
  g_autofree char *url = api (server, "/sessions");
  g_autofree char *body = g_strdup_printf ("{\"username\":\"%s\",\"password\":\"%s\"}", username, PASSWORD);
  g_autofree char *response = NULL;
  g_autoptr(JsonObject) object = NULL;

  g_assert_cmpuint (sc_test_http ("POST", url, NULL, body, &response), ==, 201);
  object = parse_object (response);
  return g_strdup (json_object_get_string_member (object, "token"));
}

/* The account's watchlist on the server: ticker → "live"/"deleted" by
 * uuid, as "UUID=TICKER" or "UUID=-" for tombstones. */
static GHashTable *
server_watchlist (ScTestSyncServer *server,
                  const char       *token)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gint64 since = 0;
  gboolean more = TRUE;

  while (more)
    {
      g_autofree char *path = g_strdup_printf ("/watchlist?since=%" G_GINT64_FORMAT "&limit=2", since);
      g_autofree char *url = api (server, path);
      g_autofree char *page = NULL;
      g_autoptr(JsonObject) object = NULL;
      JsonArray *entries;
      gint64 last_seq = since;

      g_assert_cmpuint (sc_test_http ("GET", url, token, NULL, &page), ==, 200);
      object = parse_object (page);
      entries = json_object_get_array_member (object, "entries");
      for (guint i = 0; i < json_array_get_length (entries); i++)
        {
          JsonObject *entry = json_array_get_object_element (entries, i);
          gboolean deleted = json_object_get_boolean_member (entry, "deleted");
          gint64 seq = json_object_get_int_member (entry, "seq");

          /* Oldest first, each change once. */
          g_assert_cmpint (seq, >, last_seq);
          last_seq = seq;
          g_hash_table_replace (table, g_strdup (json_object_get_string_member (entry, "uuid")),
                                g_strdup (deleted ? "-" : json_object_get_string_member (entry, "ticker")));
          if (!deleted)
            g_assert_nonnull (json_object_get_string_member (entry, "added_at"));
        }
      g_assert_cmpint (json_object_get_int_member (object, "next"), ==, last_seq);
      since = last_seq;
      more = json_object_get_boolean_member (object, "more");
    }

  return table;
}

/* How many entries of table hold value. */
static guint
count_value (GHashTable *table,
             const char *value)
{
  GHashTableIter iter;
  gpointer v;
  guint n = 0;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, NULL, &v))
    n += g_strcmp0 (v, value) == 0;
  return n;
}

/* --- tests ----------------------------------------------------------------- */

static void
test_two_profiles (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(Profile) a = NULL;
  g_autoptr(Profile) b = NULL;
  g_autoptr(GHashTable) on_server = NULL;
  g_autoptr(GHashTable) bobs = NULL;
  g_autofree char *out = NULL;
  g_autofree char *list = NULL;
  g_autofree char *alice_token = NULL;
  g_autofree char *bob_token = NULL;

  if (skip_if_no_backend (data))
    return;

  a = profile_new ("a");
  b = profile_new ("b");

  /* Added on A, synced: the server has it. */
  watch_add (a, "MSFT");
  watch_add (a, "aapl");
  g_assert_cmpuint (watch_unsynced (a), ==, 2);
  g_assert_cmpint (cli_sync (a, fixture->server, TRUE, &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Watchlist: 2 changes sent, 0 received."));
  g_clear_pointer (&out, g_free);
  g_assert_cmpuint (watch_unsynced (a), ==, 0);

  /* B syncs: it has both, in A's order, synced. */
  g_assert_cmpint (cli_sync (b, fixture->server, FALSE, &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Watchlist: 0 changes sent, 2 received."));
  g_clear_pointer (&out, g_free);
  list = watch_list (b);
  g_assert_cmpstr (list, ==, "MSFT AAPL");
  g_clear_pointer (&list, g_free);
  g_assert_cmpuint (watch_unsynced (b), ==, 0);

  /* Removed on B, B syncs, A syncs: gone from A too. */
  watch_remove (b, "MSFT");
  g_assert_cmpuint (watch_unsynced (b), ==, 1);
  g_assert_cmpint (cli_sync (b, fixture->server, FALSE, &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Watchlist: 1 changes sent"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (cli_sync (a, fixture->server, FALSE, &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "1 received."));
  g_clear_pointer (&out, g_free);
  list = watch_list (a);
  g_assert_cmpstr (list, ==, "AAPL");
  g_clear_pointer (&list, g_free);
  g_assert_cmpuint (watch_unsynced (a), ==, 0);

  /* A removes AAPL and adds it again (a new entry), B adds NVDA, both
   * sync twice: the same list on both. */
  watch_remove (a, "AAPL");
  watch_add (a, "AAPL");
  watch_add (b, "NVDA");
  for (guint i = 0; i < 2; i++)
    {
      g_assert_cmpint (cli_sync (a, fixture->server, FALSE, NULL, NULL), ==, 0);
      g_assert_cmpint (cli_sync (b, fixture->server, FALSE, NULL, NULL), ==, 0);
    }
  /* (The order of entries added within one second on two computers may
   * differ; compare the sets.) */
  list = watch_list_sorted (a);
  g_assert_cmpstr (list, ==, "AAPL NVDA");
  g_clear_pointer (&list, g_free);
  list = watch_list_sorted (b);
  g_assert_cmpstr (list, ==, "AAPL NVDA");
  g_clear_pointer (&list, g_free);
  g_assert_cmpuint (watch_unsynced (a) + watch_unsynced (b), ==, 0);

  /* The server: MSFT's and the first AAPL's tombstones, two live entries,
   * tickers in upper case. */
  alice_token = sign_in (fixture->server, "alice");
  on_server = server_watchlist (fixture->server, alice_token);
  g_assert_cmpuint (g_hash_table_size (on_server), ==, 4);
  g_assert_cmpuint (count_value (on_server, "-"), ==, 2);
  g_assert_cmpuint (count_value (on_server, "AAPL"), ==, 1);
  g_assert_cmpuint (count_value (on_server, "NVDA"), ==, 1);

  /* Another account sees none of it, and cannot touch it: the same uuid
   * under bob is bob's own entry. */
  register_user (fixture->server, "bob");
  bob_token = sign_in (fixture->server, "bob");
  bobs = server_watchlist (fixture->server, bob_token);
  g_assert_cmpuint (g_hash_table_size (bobs), ==, 0);
  {
    GHashTableIter iter;
    gpointer uuid, ticker;

    g_hash_table_iter_init (&iter, on_server);
    while (g_hash_table_iter_next (&iter, &uuid, &ticker))
      if (g_strcmp0 (ticker, "NVDA") == 0)
        {
          g_autofree char *path = g_strdup_printf ("/watchlist/%s", (char *) uuid);
          g_autofree char *url = api (fixture->server, path);
          g_autofree char *body = g_strdup_printf ("{\"ticker\":\"TSLA\",\"added_at\":\"2026-11-24T10:00:00Z\"}");
          g_autofree char *response = NULL;

          g_assert_cmpuint (sc_test_http ("PUT", url, bob_token, body, &response), ==, 201);
          g_clear_pointer (&response, g_free);
          g_assert_cmpuint (sc_test_http ("DELETE", url, bob_token, NULL, &response), ==, 204);
        }
  }
  g_clear_pointer (&bobs, g_hash_table_unref);
  bobs = server_watchlist (fixture->server, bob_token);
  g_assert_cmpuint (g_hash_table_size (bobs), ==, 1);
  g_assert_cmpuint (count_value (bobs, "-"), ==, 1);
  g_clear_pointer (&on_server, g_hash_table_unref);
  on_server = server_watchlist (fixture->server, alice_token);
  g_assert_cmpuint (count_value (on_server, "NVDA"), ==, 1);
  g_assert_cmpint (cli_sync (a, fixture->server, FALSE, NULL, NULL), ==, 0);
  list = watch_list_sorted (a);
  g_assert_cmpstr (list, ==, "AAPL NVDA");
}

/* A full watchlist on the server: what cannot be sent stays on this
 * computer, unsynced, and the user is told. */
static void
test_full_keeps_local (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(Profile) a = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *list = NULL;

  if (skip_if_no_backend (data))
    return;

  a = profile_new ("full");
  watch_add (a, "MSFT");
  watch_add (a, "AAPL");
  watch_add (a, "NVDA");
  watch_add (a, "TSLA");
  g_assert_cmpint (cli_sync (a, fixture->server, TRUE, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Watchlist: 3 changes sent"));
  g_assert_nonnull (strstr (err, "1 watchlist entries could not be sent"));
  g_assert_cmpuint (watch_unsynced (a), ==, 1);
  list = watch_list (a);
  g_assert_cmpstr (list, ==, "MSFT AAPL NVDA TSLA");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Room again: it goes. */
  watch_remove (a, "MSFT");
  g_assert_cmpint (cli_sync (a, fixture->server, FALSE, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Watchlist: 2 changes sent"));
  g_assert_null (strstr (err, "could not be sent"));
  g_assert_cmpuint (watch_unsynced (a), ==, 0);
}

static guint
put (ScTestSyncServer  *server,
     const char        *token,
     const char        *uuid,
     const char        *body,
     char             **out_body)
{
  g_autofree char *path = g_strdup_printf ("/watchlist/%s", uuid);
  g_autofree char *url = api (server, path);

  return sc_test_http ("PUT", url, token, body, out_body);
}

#define UUID_1 "0f8fad5b-d9cb-469f-a165-70867728950e"
#define UUID_2 "7c9e6679-7425-40de-944b-e07fc1f90ae7"
#define UUID_3 "16fd2706-8baf-433b-82eb-8c7fada847da"
#define UUID_4 "886313e1-3b8a-5372-9b90-0c9aee199e5d"
#define ENTRY(ticker) "{\"ticker\":\"" ticker "\",\"added_at\":\"2026-11-24T10:00:00Z\"}"

static void
test_bad_input (Fixture       *fixture,
                gconstpointer  data)
{
  ScTestSyncServer *server = fixture->server;
  g_autofree char *token = NULL;
  g_autofree char *body = NULL;
  g_autofree char *list_url = NULL;
  g_autofree char *big = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GHashTable) on_server = NULL;
  gint64 seq;

  if (skip_if_no_backend (data))
    return;

  register_user (server, "alice");
  token = sign_in (server, "alice");
  list_url = api (server, "/watchlist");

#define EXPECT(status, text, call) \
  G_STMT_START { \
    g_clear_pointer (&body, g_free); \
    g_assert_cmpuint ((call), ==, (status)); \
    assert_error (body, (text)); \
  } G_STMT_END

  /* Not a ticker, not a time, malformed, wrong types. */
  EXPECT (400, "ticker", put (server, token, UUID_1, ENTRY ("MS FT"), &body));
  EXPECT (400, "ticker", put (server, token, UUID_1, ENTRY (""), &body));
  EXPECT (400, "ticker", put (server, token, UUID_1, ENTRY ("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456"), &body));
  EXPECT (400, "ticker", put (server, token, UUID_1, "{\"ticker\":7,\"added_at\":\"2026-11-24T10:00:00Z\"}", &body));
  EXPECT (400, "added_at", put (server, token, UUID_1, "{\"ticker\":\"MSFT\",\"added_at\":\"yesterday\"}", &body));
  EXPECT (400, "added_at", put (server, token, UUID_1, "{\"ticker\":\"MSFT\",\"added_at\":\"2026-13-45T10:00:00Z\"}", &body));
  EXPECT (400, "added_at", put (server, token, UUID_1, "{\"ticker\":\"MSFT\"}", &body));
  EXPECT (400, "deleted", put (server, token, UUID_1,
                               "{\"ticker\":\"MSFT\",\"added_at\":\"2026-11-24T10:00:00Z\",\"deleted\":\"no\"}", &body));
  EXPECT (400, "JSON", put (server, token, UUID_1, "{\"ticker\":", &body));
  EXPECT (400, "JSON object", put (server, token, UUID_1, "[\"MSFT\"]", &body));
  EXPECT (400, "uuid", put (server, token, UUID_1,
                            "{\"uuid\":\"" UUID_2 "\",\"ticker\":\"MSFT\",\"added_at\":\"2026-11-24T10:00:00Z\"}", &body));
  EXPECT (400, "uuid", put (server, token, "not-a-uuid", ENTRY ("MSFT"), &body));
  big = g_strdup_printf ("{\"ticker\":\"MSFT\",\"added_at\":\"2026-11-24T10:00:00Z\",\"note\":\"%0*d\"}", 5000, 0);
  EXPECT (413, "4096", put (server, token, UUID_1, big, &body));
  EXPECT (401, NULL, put (server, NULL, UUID_1, ENTRY ("MSFT"), &body));
  {
    g_autofree char *url = g_strconcat (list_url, "?since=-1", NULL);

    EXPECT (400, "since", sc_test_http ("GET", url, token, NULL, &body));
  }
  EXPECT (405, NULL, sc_test_http ("POST", list_url, token, ENTRY ("MSFT"), &body));

  /* Nothing of that was stored. */
  on_server = server_watchlist (server, token);
  g_assert_cmpuint (g_hash_table_size (on_server), ==, 0);
  g_clear_pointer (&on_server, g_hash_table_unref);

  /* Stored (upper case), the same again, other content under its uuid. */
  g_clear_pointer (&body, g_free);
  g_assert_cmpuint (put (server, token, UUID_1, ENTRY ("msft"), &body), ==, 201);
  object = parse_object (body);
  seq = json_object_get_int_member (object, "seq");
  g_assert_false (json_object_get_boolean_member (object, "deleted"));
  g_clear_pointer (&object, json_object_unref);
  g_clear_pointer (&body, g_free);
  g_assert_cmpuint (put (server, token, UUID_1, "{\"added_at\":\"2026-11-24T10:00:00Z\",\"ticker\":\"MSFT\",\"x\":1}",
                         &body), ==, 200);
  object = parse_object (body);
  g_assert_cmpint (json_object_get_int_member (object, "seq"), ==, seq);
  g_clear_pointer (&object, json_object_unref);
  EXPECT (409, "different", put (server, token, UUID_1, ENTRY ("AAPL"), &body));

  /* At most MAX_WATCHLIST live entries: the next gets 403, a tombstone
   * makes room, and tombstones never count. */
  g_clear_pointer (&body, g_free);
  g_assert_cmpuint (put (server, token, UUID_2, ENTRY ("AAPL"), &body), ==, 201);
  g_clear_pointer (&body, g_free);
  g_assert_cmpuint (put (server, token, UUID_3, ENTRY ("NVDA"), &body), ==, 201);
  EXPECT (403, "full", put (server, token, UUID_4, ENTRY ("TSLA"), &body));
  {
    g_autofree char *url = api (server, "/watchlist/" UUID_2);

    g_clear_pointer (&body, g_free);
    g_assert_cmpuint (sc_test_http ("DELETE", url, token, NULL, &body), ==, 204);
  }
  g_clear_pointer (&body, g_free);
  g_assert_cmpuint (put (server, token, UUID_4, ENTRY ("TSLA"), &body), ==, 201);

  /* A deleted entry stays deleted: uploading it again says so. */
  g_clear_pointer (&body, g_free);
  g_assert_cmpuint (put (server, token, UUID_2, ENTRY ("AAPL"), &body), ==, 200);
  object = parse_object (body);
  g_assert_true (json_object_get_boolean_member (object, "deleted"));

  on_server = server_watchlist (server, token);
  g_assert_cmpuint (g_hash_table_size (on_server), ==, 4);
  g_assert_cmpstr (g_hash_table_lookup (on_server, UUID_1), ==, "MSFT");
  g_assert_cmpstr (g_hash_table_lookup (on_server, UUID_2), ==, "-");
  g_assert_cmpstr (g_hash_table_lookup (on_server, UUID_4), ==, "TSLA");
#undef EXPECT
}

static void
add_tests (const char *backend_name,
           Backend     backend)
{
  const struct
  {
    const char *name;
    void      (*func) (Fixture *, gconstpointer);
  } tests[] = {
    { "two-profiles", test_two_profiles },
    { "full-keeps-local", test_full_keeps_local },
    { "bad-input", test_bad_input },
  };

  for (guint i = 0; i < G_N_ELEMENTS (tests); i++)
    {
      g_autofree char *path = g_strdup_printf ("/watchlist-sync/%s/%s", backend_name, tests[i].name);

      g_test_add (path, Fixture, GINT_TO_POINTER (backend), fixture_setup, tests[i].func, fixture_teardown);
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  sc_test_init (&argc, &argv);
  postgres = sc_test_postgres_start (&postgres_skip);

  add_tests ("sqlite", BACKEND_SQLITE);
  add_tests ("postgresql", BACKEND_POSTGRESQL);
  status = g_test_run ();

  sc_test_postgres_stop (postgres);
  g_free (postgres_skip);
  return status;
}
