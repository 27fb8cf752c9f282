/* test-sync-server.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "sc-sync-test-server.h"
#include "sc-test-util.h"

/* Every test runs against a real stockcast-sync-server process, once with
 * SQLite and once with PostgreSQL (a throwaway cluster). */

typedef enum
{
  BACKEND_SQLITE,
  BACKEND_POSTGRESQL,
} Backend;

static ScTestPostgres *postgres;
static char *postgres_skip;
static guint db_counter;

typedef struct
{
  char             *database;
  ScTestSyncServer *server;
} Fixture;

static char *
new_database (Backend backend)
{
  g_autofree char *name = NULL;

  if (backend == BACKEND_SQLITE)
    return g_strdup_printf ("%s/sync-%u.db", sc_test_get_tmpdir (), ++db_counter);

  name = g_strdup_printf ("stockcast_%u", ++db_counter);
  return sc_test_postgres_create_db (postgres, name);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  Backend backend = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;

  if (backend == BACKEND_POSTGRESQL && postgres == NULL)
    return;

  fixture->database = new_database (backend);
  fixture->server = sc_test_sync_server_start (fixture->database, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->server);
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

static void
assert_error_body (const char *body)
{
  g_autoptr(JsonObject) object = parse_object (body);

  g_assert_nonnull (json_object_get_string_member_with_default (object, "error", NULL));
}

static void
register_user (ScTestSyncServer *server,
               const char       *username,
               const char       *password)
{
  g_autofree char *url = api (server, "/accounts");
  g_autofree char *body = g_strdup_printf ("{\"username\":\"%s\",\"email\":\"%s@example.org\",\"password\":\"%s\"}",
                                           username, username, password);
  g_autofree char *response = NULL;

  g_assert_cmpuint (sc_test_http ("POST", url, NULL, body, &response), ==, 201);
}

static char *
sign_in (ScTestSyncServer *server,
         const char       *username,
         const char       *password)
{
  g_autofree char *url = api (server, "/sessions");
  g_autofree char *body = g_strdup_printf ("{\"username\":\"%s\",\"password\":\"%s\"}", username, password);
  g_autofree char *response = NULL;
  g_autoptr(JsonObject) object = NULL;
  const char *token;

  g_assert_cmpuint (sc_test_http ("POST", url, NULL, body, &response), ==, 201);
  object = parse_object (response);
  token = json_object_get_string_member (object, "token");
  g_assert_cmpuint (strlen (token), >=, 43);   /* 256 bits in base64 */
  g_assert_nonnull (json_object_get_string_member (object, "expires_at"));
  return g_strdup (token);
}

static char *
result_body (const char *uuid,
             const char *ticker,
             double      price)
{
  return g_strdup_printf ("{\"uuid\":\"%s\",\"ticker\":\"%s\",\"created_at\":\"2026-11-24T10:00:00Z\","
                          "\"model\":\"linear-regression\",\"as_of\":\"2020-12-11\",\"last_close\":213.26,"
                          "\"forecasts\":[{\"horizon\":10,\"date\":\"2020-12-28\",\"price\":%.2f,"
                          "\"low\":205.1,\"high\":226.0,\"actual\":null},"
                          "{\"horizon\":60,\"date\":\"2021-03-10\",\"price\":220.5,\"low\":200.0,\"high\":240.0}],"
                          "\"deleted\":false,\"unknown_field\":[1,2]}",
                          uuid, ticker, price);
}

static guint
put_result (ScTestSyncServer *server,
            const char       *token,
            const char       *uuid,
            const char       *body,
            char            **out_response)
{
  g_autofree char *path = g_strdup_printf ("/results/%s", uuid);
  g_autofree char *url = api (server, path);

  return sc_test_http ("PUT", url, token, body, out_response);
}

/* All results since seq, following pages of limit. */
static JsonArray *
pull_all (ScTestSyncServer *server,
          const char       *token,
          gint64            since,
          guint             limit,
          guint            *out_pages)
{
  JsonArray *all = json_array_new ();
  gint64 last_seq = since;
  guint pages = 0;
  gboolean more = TRUE;

  while (more)
    {
      g_autofree char *path = g_strdup_printf ("/results?since=%" G_GINT64_FORMAT "&limit=%u", since, limit);
      g_autofree char *url = api (server, path);
      g_autofree char *response = NULL;
      g_autoptr(JsonObject) object = NULL;
      JsonArray *results;

      g_assert_cmpuint (sc_test_http ("GET", url, token, NULL, &response), ==, 200);
      object = parse_object (response);
      results = json_object_get_array_member (object, "results");
      more = json_object_get_boolean_member (object, "more");
      pages++;

      for (guint i = 0; i < json_array_get_length (results); i++)
        {
          JsonObject *result = json_array_get_object_element (results, i);
          gint64 seq = json_object_get_int_member (result, "seq");

          g_assert_cmpint (seq, >, last_seq);   /* strictly increasing */
          last_seq = seq;
          json_array_add_element (all, json_node_copy (json_array_get_element (results, i)));
        }

      g_assert_cmpint (json_object_get_int_member (object, "next"), ==, last_seq);
      since = last_seq;
      g_assert_cmpuint (pages, <, 1000);
    }

  if (out_pages != NULL)
    *out_pages = pages;
  return all;
}

static void
test_health_and_routes (Fixture       *fixture,
                        gconstpointer  data)
{
  ScTestSyncServer *server = fixture->server;
  g_autofree char *health = NULL;
  g_autofree char *nowhere = NULL;
  g_autofree char *results = NULL;
  g_autofree char *body = NULL;
  g_autoptr(JsonObject) object = NULL;

  if (skip_if_no_backend (data))
    return;

  health = api (server, "/health");
  g_assert_cmpuint (sc_test_http ("GET", health, NULL, NULL, &body), ==, 200);
  object = parse_object (body);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "ok");
  g_clear_pointer (&body, g_free);

  nowhere = api (server, "/nowhere");
  g_assert_cmpuint (sc_test_http ("GET", nowhere, NULL, NULL, &body), ==, 404);
  assert_error_body (body);
  g_clear_pointer (&body, g_free);

  g_assert_cmpuint (sc_test_http ("POST", health, NULL, "{}", &body), ==, 405);
  assert_error_body (body);
  g_clear_pointer (&body, g_free);

  results = api (server, "/results");
  g_assert_cmpuint (sc_test_http ("DELETE", results, NULL, NULL, NULL), ==, 405);
}

static void
test_accounts (Fixture       *fixture,
               gconstpointer  data)
{
  ScTestSyncServer *server = fixture->server;
  g_autofree char *url = NULL;
  const char *bad_bodies[] = {
    "",
    "{\"username\":\"bob\"",
    "[1,2,3]",
    "{\"username\":\"bob\",\"email\":\"bob@example.org\"}",
    "{\"username\":\"bob\",\"email\":\"no-at-sign\",\"password\":\"long enough\"}",
    "{\"username\":\"bob\",\"email\":\"bob@example.org\",\"password\":\"short\"}",
    "{\"username\":\"\",\"email\":\"bob@example.org\",\"password\":\"long enough\"}",
    "{\"username\":42,\"email\":\"bob@example.org\",\"password\":\"long enough\"}",
  };

  if (skip_if_no_backend (data))
    return;

  url = api (server, "/accounts");
  register_user (server, "alice", "correct horse");

  for (guint i = 0; i < G_N_ELEMENTS (bad_bodies); i++)
    {
      g_autofree char *body = NULL;

      g_test_message ("bad body %u: %s", i, bad_bodies[i]);
      g_assert_cmpuint (sc_test_http ("POST", url, NULL, bad_bodies[i], &body), ==, 400);
      assert_error_body (body);
    }

  /* Usernames are unique without regard to case. */
  {
    g_autofree char *body = NULL;

    g_assert_cmpuint (sc_test_http ("POST", url, NULL,
                                    "{\"username\":\"ALICE\",\"email\":\"x@example.org\",\"password\":\"another one\"}",
                                    &body), ==, 409);
    assert_error_body (body);
  }
}

static void
test_sessions (Fixture       *fixture,
               gconstpointer  data)
{
  ScTestSyncServer *server = fixture->server;
  g_autofree char *sessions = NULL;
  g_autofree char *results = NULL;
  g_autofree char *token = NULL;
  g_autofree char *token2 = NULL;
  g_autofree char *body = NULL;
  g_autofree char *challenge = NULL;

  if (skip_if_no_backend (data))
    return;

  sessions = api (server, "/sessions");
  results = api (server, "/results");
  register_user (server, "alice", "correct horse");

  token = sign_in (server, "alice", "correct horse");
  token2 = sign_in (server, "Alice", "correct horse");
  g_assert_cmpstr (token, !=, token2);

  g_assert_cmpuint (sc_test_http ("POST", sessions, NULL, "{\"username\":\"alice\",\"password\":\"wrong horse\"}", &body), ==, 401);
  assert_error_body (body);
  g_clear_pointer (&body, g_free);
  g_assert_cmpuint (sc_test_http ("POST", sessions, NULL, "{\"username\":\"nobody\",\"password\":\"wrong horse\"}", &body), ==, 401);
  assert_error_body (body);
  g_clear_pointer (&body, g_free);
  g_assert_cmpuint (sc_test_http ("POST", sessions, NULL, "{\"username\":\"alice\"}", &body), ==, 400);
  assert_error_body (body);
  g_clear_pointer (&body, g_free);

  /* No token, a made-up token, a malformed header. */
  g_assert_cmpuint (sc_test_http_full ("GET", results, NULL, NULL, 0, "WWW-Authenticate", &challenge, &body), ==, 401);
  g_assert_cmpstr (challenge, ==, "Bearer");
  assert_error_body (body);
  g_clear_pointer (&body, g_free);
  g_assert_cmpuint (sc_test_http ("GET", results, "bm90IGEgdG9rZW4", NULL, NULL), ==, 401);
  g_assert_cmpuint (sc_test_http ("DELETE", sessions, NULL, NULL, NULL), ==, 401);

  g_assert_cmpuint (sc_test_http ("GET", results, token, NULL, NULL), ==, 200);

  /* Revoking one session leaves the other. */
  g_assert_cmpuint (sc_test_http ("DELETE", sessions, token, NULL, &body), ==, 204);
  g_assert_cmpstr (body, ==, "");
  g_assert_cmpuint (sc_test_http ("GET", results, token, NULL, NULL), ==, 401);
  g_assert_cmpuint (sc_test_http ("DELETE", sessions, token, NULL, NULL), ==, 401);
  g_assert_cmpuint (sc_test_http ("GET", results, token2, NULL, NULL), ==, 200);
}

static void
test_throttling (Fixture       *fixture,
                 gconstpointer  data)
{
  ScTestSyncServer *server = fixture->server;
  g_autofree char *sessions = NULL;
  g_autofree char *retry_after = NULL;
  g_autofree char *body = NULL;

  if (skip_if_no_backend (data))
    return;

  sessions = api (server, "/sessions");
  register_user (server, "alice", "correct horse");
  register_user (server, "bob", "battery staple");

  /* Five failures lock the account, even for the right password. */
  for (guint i = 0; i < 5; i++)
    g_assert_cmpuint (sc_test_http ("POST", sessions, NULL, "{\"username\":\"alice\",\"password\":\"guess guess\"}", NULL), ==, 401);
  g_assert_cmpuint (sc_test_http_full ("POST", sessions, NULL, "{\"username\":\"alice\",\"password\":\"correct horse\"}",
                                       strlen ("{\"username\":\"alice\",\"password\":\"correct horse\"}"),
                                       "Retry-After", &retry_after, &body), ==, 429);
  assert_error_body (body);
  g_assert_nonnull (retry_after);
  g_assert_cmpint (atoi (retry_after), >, 0);
  g_assert_cmpint (atoi (retry_after), <=, 900);

  /* Another account is not locked by alice's failures. */
  g_free (sign_in (server, "bob", "battery staple"));

  /* Twenty failures from one address lock the address, whatever the name. */
  for (guint i = 5; i < 20; i++)
    {
      g_autofree char *guess = g_strdup_printf ("{\"username\":\"user%u\",\"password\":\"guess guess\"}", i);
      g_assert_cmpuint (sc_test_http ("POST", sessions, NULL, guess, NULL), ==, 401);
    }
  g_assert_cmpuint (sc_test_http ("POST", sessions, NULL, "{\"username\":\"bob\",\"password\":\"battery staple\"}", NULL), ==, 429);
}

static void
test_results (Fixture       *fixture,
              gconstpointer  data)
{
  ScTestSyncServer *server = fixture->server;
  const char *uuid = "0f8fad5b-d9cb-469f-a165-70867728950e";
  const char *uuid2 = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
  g_autofree char *token = NULL;
  g_autofree char *body = NULL;
  g_autofree char *same = NULL;
  g_autofree char *other = NULL;
  g_autofree char *response = NULL;
  g_autofree char *delete_url = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonArray) all = NULL;
  gint64 seq1, seq2;
  JsonObject *first;

  if (skip_if_no_backend (data))
    return;

  register_user (server, "alice", "correct horse");
  token = sign_in (server, "alice", "correct horse");

  body = result_body (uuid, "MSFT", 215.7);
  g_assert_cmpuint (put_result (server, NULL, uuid, body, NULL), ==, 401);
  g_assert_cmpuint (put_result (server, token, uuid, body, &response), ==, 201);
  object = parse_object (response);
  seq1 = json_object_get_int_member (object, "seq");
  g_assert_cmpint (seq1, >, 0);
  g_clear_pointer (&object, json_object_unref);
  g_clear_pointer (&response, g_free);

  /* The same again (also in another spelling and with "actual" known by
   * now): 200, same sequence number. */
  g_assert_cmpuint (put_result (server, token, uuid, body, &response), ==, 200);
  object = parse_object (response);
  g_assert_cmpint (json_object_get_int_member (object, "seq"), ==, seq1);
  g_clear_pointer (&object, json_object_unref);
  g_clear_pointer (&response, g_free);
  same = g_strdup_printf ("{\"forecasts\":[{\"horizon\":10,\"date\":\"2020-12-28\",\"price\":215.70,"
                          "\"low\":205.1,\"high\":226,\"actual\":216.5},"
                          "{\"horizon\":60,\"date\":\"2021-03-10\",\"price\":220.5,\"low\":200,\"high\":240}],"
                          "\"as_of\":\"2020-12-11\",\"last_close\":213.26,\"model\":\"linear-regression\","
                          "\"created_at\":\"2026-11-24T10:00:00Z\",\"ticker\":\"MSFT\"}");
  g_assert_cmpuint (put_result (server, token, uuid, same, NULL), ==, 200);

  /* Different content under the same uuid. */
  other = result_body (uuid, "MSFT", 999.0);
  g_assert_cmpuint (put_result (server, token, uuid, other, &response), ==, 409);
  assert_error_body (response);
  g_clear_pointer (&response, g_free);

  /* Malformed: bad uuid, uuid mismatch, missing fields, wrong types. */
  g_assert_cmpuint (put_result (server, token, "not-a-uuid", body, NULL), ==, 400);
  g_assert_cmpuint (put_result (server, token, uuid2, body, &response), ==, 400);
  assert_error_body (response);
  g_clear_pointer (&response, g_free);
  g_assert_cmpuint (put_result (server, token, uuid2, "{\"ticker\":\"MSFT\"}", NULL), ==, 400);
  g_assert_cmpuint (put_result (server, token, uuid2, "{\"ticker\":\"MSFT\",", NULL), ==, 400);
  g_assert_cmpuint (put_result (server, token, uuid2,
                                "{\"ticker\":\"MSFT\",\"created_at\":\"x\",\"model\":\"m\",\"as_of\":\"2020-01-01\","
                                "\"last_close\":\"12\",\"forecasts\":[]}", NULL), ==, 400);
  g_assert_cmpuint (put_result (server, token, uuid2,
                                "{\"ticker\":\"MSFT\",\"created_at\":\"x\",\"model\":\"m\",\"as_of\":\"2020-01-01\","
                                "\"last_close\":12,\"forecasts\":[{\"horizon\":10}]}", NULL), ==, 400);

  /* Over 1 MiB. */
  {
    gsize size = 1024 * 1024 + 100;
    g_autofree char *huge = g_malloc (size + 1);
    g_autofree char *path = g_strdup_printf ("/results/%s", uuid2);
    g_autofree char *url = api (server, path);

    memset (huge, ' ', size);
    huge[0] = '{';
    huge[size - 1] = '}';
    huge[size] = '\0';
    g_assert_cmpuint (sc_test_http_full ("PUT", url, token, huge, size, NULL, NULL, &response), ==, 413);
    assert_error_body (response);
    g_clear_pointer (&response, g_free);
  }

  /* A second result, then the first deleted: a tombstone with a new seq. */
  g_free (body);
  body = result_body (uuid2, "AAPL", 150.0);
  g_assert_cmpuint (put_result (server, token, uuid2, body, &response), ==, 201);
  g_clear_pointer (&object, json_object_unref);
  object = parse_object (response);
  seq2 = json_object_get_int_member (object, "seq");
  g_assert_cmpint (seq2, >, seq1);
  g_clear_pointer (&response, g_free);

  all = pull_all (server, token, 0, 500, NULL);
  g_assert_cmpuint (json_array_get_length (all), ==, 2);
  first = json_array_get_object_element (all, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "uuid"), ==, uuid);
  g_assert_cmpstr (json_object_get_string_member (first, "ticker"), ==, "MSFT");
  g_assert_false (json_object_get_boolean_member (first, "deleted"));
  g_assert_false (json_object_has_member (first, "unknown_field"));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (first, "last_close"), 213.26, 1e-9);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (first, "forecasts")), ==, 2);
  g_clear_pointer (&all, json_array_unref);

  delete_url = api (server, "/results/0f8fad5b-d9cb-469f-a165-70867728950e");
  g_assert_cmpuint (sc_test_http ("DELETE", delete_url, NULL, NULL, NULL), ==, 401);
  g_assert_cmpuint (sc_test_http ("DELETE", delete_url, token, NULL, &response), ==, 204);
  g_clear_pointer (&response, g_free);
  g_assert_cmpuint (sc_test_http ("DELETE", delete_url, token, NULL, NULL), ==, 204);

  all = pull_all (server, token, 0, 500, NULL);
  g_assert_cmpuint (json_array_get_length (all), ==, 2);
  first = json_array_get_object_element (all, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "uuid"), ==, uuid2);
  first = json_array_get_object_element (all, 1);
  g_assert_cmpstr (json_object_get_string_member (first, "uuid"), ==, uuid);
  g_assert_true (json_object_get_boolean_member (first, "deleted"));
  g_assert_cmpint (json_object_get_int_member (first, "seq"), >, seq2);
  g_clear_pointer (&all, json_array_unref);

  /* Only the tombstone is new since seq2. */
  all = pull_all (server, token, seq2, 500, NULL);
  g_assert_cmpuint (json_array_get_length (all), ==, 1);
  g_clear_pointer (&all, json_array_unref);

  /* Uploading a deleted result again cannot bring it back. */
  g_free (body);
  body = result_body (uuid, "MSFT", 215.7);
  g_assert_cmpuint (put_result (server, token, uuid, body, &response), ==, 200);
  g_clear_pointer (&object, json_object_unref);
  object = parse_object (response);
  g_assert_true (json_object_get_boolean_member (object, "deleted"));
  g_clear_pointer (&response, g_free);

  /* Deleting what was never uploaded leaves a tombstone too. */
  {
    g_autofree char *never = api (server, "/results/11111111-2222-4333-8444-555555555555");
    g_autofree char *bad = api (server, "/results/nonsense");

    g_assert_cmpuint (sc_test_http ("DELETE", never, token, NULL, NULL), ==, 204);
    g_assert_cmpuint (sc_test_http ("DELETE", bad, token, NULL, NULL), ==, 400);
  }

  /* Bad paging parameters. */
  {
    g_autofree char *bad = api (server, "/results?since=-1");
    g_autofree char *bad2 = api (server, "/results?since=abc");
    g_autofree char *bad3 = api (server, "/results?limit=0");

    g_assert_cmpuint (sc_test_http ("GET", bad, token, NULL, NULL), ==, 400);
    g_assert_cmpuint (sc_test_http ("GET", bad2, token, NULL, NULL), ==, 400);
    g_assert_cmpuint (sc_test_http ("GET", bad3, token, NULL, NULL), ==, 400);
  }
}

static void
test_isolation (Fixture       *fixture,
                gconstpointer  data)
{
  ScTestSyncServer *server = fixture->server;
  const char *uuid = "9b2a3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d";
  g_autofree char *alice = NULL;
  g_autofree char *bob = NULL;
  g_autofree char *alice_body = NULL;
  g_autofree char *bob_body = NULL;
  g_autofree char *delete_url = NULL;
  g_autoptr(JsonArray) alice_all = NULL;
  g_autoptr(JsonArray) bob_all = NULL;
  g_autoptr(JsonArray) alice_after = NULL;

  if (skip_if_no_backend (data))
    return;

  register_user (server, "alice", "correct horse");
  register_user (server, "bob", "battery staple");
  alice = sign_in (server, "alice", "correct horse");
  bob = sign_in (server, "bob", "battery staple");

  /* The same uuid for two users: neither sees, blocks or overwrites the
   * other's. */
  alice_body = result_body (uuid, "MSFT", 100.0);
  bob_body = result_body (uuid, "TSLA", 200.0);
  g_assert_cmpuint (put_result (server, alice, uuid, alice_body, NULL), ==, 201);
  g_assert_cmpuint (put_result (server, bob, uuid, bob_body, NULL), ==, 201);
  g_assert_cmpuint (put_result (server, bob, uuid, bob_body, NULL), ==, 200);

  alice_all = pull_all (server, alice, 0, 500, NULL);
  bob_all = pull_all (server, bob, 0, 500, NULL);
  g_assert_cmpuint (json_array_get_length (alice_all), ==, 1);
  g_assert_cmpuint (json_array_get_length (bob_all), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (alice_all, 0), "ticker"), ==, "MSFT");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (bob_all, 0), "ticker"), ==, "TSLA");

  /* Bob deleting "his" uuid leaves alice's result alone. */
  delete_url = g_strdup_printf ("%s/api/v1/results/%s", server->base_url, uuid);
  g_assert_cmpuint (sc_test_http ("DELETE", delete_url, bob, NULL, NULL), ==, 204);
  alice_after = pull_all (server, alice, 0, 500, NULL);
  g_assert_cmpuint (json_array_get_length (alice_after), ==, 1);
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (alice_after, 0), "deleted"));
}

static void
test_pagination (Fixture       *fixture,
                 gconstpointer  data)
{
  ScTestSyncServer *server = fixture->server;
  g_autofree char *token = NULL;
  g_autoptr(JsonArray) all = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint pages = 0;

  if (skip_if_no_backend (data))
    return;

  register_user (server, "alice", "correct horse");
  token = sign_in (server, "alice", "correct horse");

  for (guint i = 0; i < 25; i++)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *body = result_body (uuid, "MSFT", 100.0 + i);

      g_assert_cmpuint (put_result (server, token, uuid, body, NULL), ==, 201);
    }

  all = pull_all (server, token, 0, 10, &pages);
  g_assert_cmpuint (json_array_get_length (all), ==, 25);
  g_assert_cmpuint (pages, ==, 3);
  for (guint i = 0; i < 25; i++)
    g_assert_true (g_hash_table_add (seen, g_strdup (json_object_get_string_member (json_array_get_object_element (all, i), "uuid"))));
}

/* A slow request (a sign-in hashes for tens of milliseconds) in flight
 * when SIGTERM arrives still gets its answer; then the server exits 0. */
typedef struct
{
  char  *url;
  guint  status;
} SlowRequest;

static gpointer
run_slow_request (gpointer data)
{
  SlowRequest *request = data;

  request->status = sc_test_http ("POST", request->url, NULL,
                                  "{\"username\":\"alice\",\"password\":\"correct horse\"}", NULL);
  return NULL;
}

static void
test_graceful_shutdown (Fixture       *fixture,
                        gconstpointer  data)
{
  ScTestSyncServer *server = fixture->server;
  SlowRequest request = { 0 };
  g_autofree char *health = NULL;
  GThread *thread;

  if (skip_if_no_backend (data))
    return;

  register_user (server, "alice", "correct horse");
  request.url = api (server, "/sessions");
  thread = g_thread_new ("slow", run_slow_request, &request);
  /* SIGTERM only once the server has the request (its debug log says so). */
  g_assert_true (sc_test_sync_server_wait_log (server, "POST /api/v1/sessions started", 60));
  g_assert_cmpint (sc_test_sync_server_stop (server), ==, 0);
  g_thread_join (thread);
  g_assert_cmpuint (request.status, ==, 201);

  /* Gone now. */
  health = api (server, "/health");
  g_assert_cmpuint (sc_test_http ("GET", health, NULL, NULL, NULL), ==, 0);
  g_free (request.url);
  g_clear_pointer (&fixture->server, sc_test_sync_server_free);
}

/* Hostile JSON: nesting that would overflow json-glib's recursion, numbers
 * json-glib would write back as invalid JSON, integers beyond 64 bits and
 * \u0000, each refused with 400; the server keeps answering. */
static char *
nested (const char *open,
        guint       depth)
{
  GString *text = g_string_sized_new (depth * strlen (open) + 2);

  for (guint i = 0; i < depth; i++)
    g_string_append (text, open);
  return g_string_free (text, FALSE);
}

static void
test_hostile_json (Fixture       *fixture,
                   gconstpointer  data)
{
  ScTestSyncServer *server = fixture->server;
  const char *uuid = "5d1b5f8e-8f5a-4d7b-9c3e-1a2b3c4d5e6f";
  g_autofree char *accounts = NULL;
  g_autofree char *sessions = NULL;
  g_autofree char *health = NULL;
  g_autofree char *token = NULL;
  g_autofree char *deep_arrays = nested ("[", 100000);
  g_autofree char *deep_objects = nested ("{\"a\":", 100000);
  g_autofree char *response = NULL;
  g_autofree char *tiny = NULL;
  g_autoptr(JsonArray) all = NULL;
  const char *bad_numbers[] = {
    "\"last_close\":1e30", "\"last_close\":-1e300", "\"last_close\":1e999",
    "\"last_close\":123456789012345678901234567890",
  };

  if (skip_if_no_backend (data))
    return;

  accounts = api (server, "/accounts");
  sessions = api (server, "/sessions");
  health = api (server, "/health");
  register_user (server, "alice", "correct horse");
  token = sign_in (server, "alice", "correct horse");

  g_assert_cmpuint (sc_test_http ("POST", sessions, NULL, deep_arrays, &response), ==, 400);
  assert_error_body (response);
  g_clear_pointer (&response, g_free);
  g_assert_cmpuint (sc_test_http ("POST", accounts, NULL, deep_objects, NULL), ==, 400);
  g_assert_cmpuint (put_result (server, token, uuid, deep_arrays, NULL), ==, 400);
  g_assert_cmpuint (sc_test_http ("GET", health, NULL, NULL, NULL), ==, 200);

  /* "a\u0000b" would register "a". */
  g_assert_cmpuint (sc_test_http ("POST", accounts, NULL,
                                  "{\"username\":\"a\\u0000b\",\"email\":\"a@example.org\","
                                  "\"password\":\"correct horse\"}", NULL), ==, 400);
  g_assert_cmpuint (sc_test_http ("POST", sessions, NULL,
                                  "{\"username\":\"alice\\u0000x\",\"password\":\"correct horse\"}",
                                  NULL), ==, 400);
  /* An escaped backslash before u0000 is no NUL. */
  g_assert_cmpuint (sc_test_http ("POST", sessions, NULL,
                                  "{\"username\":\"bob\\\\u0000\",\"password\":\"wrong password\"}",
                                  NULL), ==, 401);

  for (guint i = 0; i < G_N_ELEMENTS (bad_numbers); i++)
    {
      g_autofree char *good = result_body (uuid, "MSFT", 100.0);
      g_autoptr(GString) body = g_string_new (good);

      g_string_replace (body, "\"last_close\":213.26", bad_numbers[i], 1);
      g_assert_cmpuint (put_result (server, token, uuid, body->str, NULL), ==, 400);
    }
  {
    g_autofree char *good = result_body (uuid, "MSFT", 100.0);
    g_autoptr(GString) body = g_string_new (good);

    g_string_replace (body, "\"horizon\":10", "\"horizon\":18446744073709551626", 1);
    g_assert_cmpuint (put_result (server, token, uuid, body->str, NULL), ==, 400);
  }

  /* json-glib alone writes 1e-10 as "1e-10.0": every page must stay JSON. */
  {
    g_autofree char *good = result_body (uuid, "MSFT", 100.0);
    g_autoptr(GString) body = g_string_new (good);

    g_string_replace (body, "\"last_close\":213.26", "\"last_close\":1e-10", 1);
    tiny = g_string_free (g_steal_pointer (&body), FALSE);
  }
  g_assert_cmpuint (put_result (server, token, uuid, tiny, NULL), ==, 201);
  g_assert_cmpuint (put_result (server, token, uuid, tiny, NULL), ==, 200);
  all = pull_all (server, token, 0, 500, NULL);   /* parses every page */
  g_assert_cmpuint (json_array_get_length (all), ==, 1);
  g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (all, 0), "last_close"),
                     ==, 1e-10);

  g_assert_cmpuint (sc_test_http ("GET", health, NULL, NULL, NULL), ==, 200);
}

static void
restart_with (Fixture            *fixture,
              const char * const *extra)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sc_test_sync_server_stop (fixture->server), ==, 0);
  g_clear_pointer (&fixture->server, sc_test_sync_server_free);
  fixture->server = sc_test_sync_server_start_full (fixture->database, 0, extra, &error);
  g_assert_no_error (error);
}

typedef struct
{
  char   *url;
  char   *body;
  guint   status;
  gint64  micros;
} Call;

static gpointer
run_call (gpointer data)
{
  Call *call = data;
  gint64 start = g_get_monotonic_time ();

  call->status = sc_test_http ("POST", call->url, NULL, call->body, NULL);
  call->micros = g_get_monotonic_time () - start;
  return NULL;
}

/* Twenty wrong passwords at once: at most five are checked (401), the
 * rest are refused unchecked (429), because each attempt is counted and
 * checked against the limit in one atomic statement. */
static void
test_parallel_sign_ins (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *extra[] = { "--password-queue", "100", NULL };
  Call calls[20];
  GThread *threads[G_N_ELEMENTS (calls)];
  g_autofree char *sessions = NULL;
  guint checked = 0, refused = 0;

  if (skip_if_no_backend (data))
    return;

  restart_with (fixture, extra);
  register_user (fixture->server, "alice", "correct horse");
  sessions = api (fixture->server, "/sessions");
  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    {
      calls[i] = (Call) { sessions, (char *) "{\"username\":\"alice\",\"password\":\"guess guess\"}", 0, 0 };
      threads[i] = g_thread_new ("sign-in", run_call, &calls[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    {
      g_thread_join (threads[i]);
      if (calls[i].status == 401)
        checked++;
      else if (calls[i].status == 429)
        refused++;
    }
  g_test_message ("%u of %u parallel wrong sign-ins checked", checked, (guint) G_N_ELEMENTS (calls));
  g_assert_cmpuint (checked, <=, 5);
  g_assert_cmpuint (checked + refused, ==, G_N_ELEMENTS (calls));
  g_assert_cmpuint (sc_test_http ("POST", sessions, NULL,
                                  "{\"username\":\"alice\",\"password\":\"correct horse\"}", NULL), ==, 429);
}

/* Forty registrations at once from one address: /health keeps answering,
 * at most 20 accounts are made (the hourly limit per address), the rest
 * get 429 or, beyond the hashing queue, 503. */
static void
test_registration_flood (Fixture       *fixture,
                         gconstpointer  data)
{
  Call calls[40];
  GThread *threads[G_N_ELEMENTS (calls)];
  g_autofree char *accounts = NULL;
  g_autofree char *health = NULL;
  guint created = 0, throttled = 0, busy = 0;
  gint64 slowest = 0;

  if (skip_if_no_backend (data))
    return;

  accounts = api (fixture->server, "/accounts");
  health = api (fixture->server, "/health");
  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    {
      calls[i] = (Call) { accounts, g_strdup_printf ("{\"username\":\"user%u\",\"email\":\"u%u@example.org\","
                                                     "\"password\":\"correct horse\"}", i, i), 0, 0 };
      threads[i] = g_thread_new ("register", run_call, &calls[i]);
    }
  for (guint i = 0; i < 5; i++)
    {
      gint64 start = g_get_monotonic_time ();

      g_assert_cmpuint (sc_test_http ("GET", health, NULL, NULL, NULL), ==, 200);
      slowest = MAX (slowest, g_get_monotonic_time () - start);
    }
  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    {
      g_thread_join (threads[i]);
      g_free (calls[i].body);
      if (calls[i].status == 201)
        created++;
      else if (calls[i].status == 429)
        throttled++;
      else if (calls[i].status == 503)
        busy++;
    }
  g_test_message ("40 registrations: %u created, %u throttled, %u busy; slowest /health %.1f ms",
                  created, throttled, busy, slowest / 1000.0);
  g_assert_cmpuint (created + throttled + busy, ==, G_N_ELEMENTS (calls));
  g_assert_cmpuint (created, >=, 1);
  g_assert_cmpuint (created, <=, 20);
}

/* Changing the password revokes the other sessions; signing out
 * everywhere revokes all; deleting the account removes its results and
 * tokens. */
static void
test_account_lifecycle (Fixture       *fixture,
                        gconstpointer  data)
{
  ScTestSyncServer *server = fixture->server;
  const char *uuid = "6e1b5f8e-8f5a-4d7b-9c3e-1a2b3c4d5e6f";
  g_autofree char *password_url = NULL;
  g_autofree char *account_url = NULL;
  g_autofree char *all_url = NULL;
  g_autofree char *results = NULL;
  g_autofree char *sessions = NULL;
  g_autofree char *token1 = NULL;
  g_autofree char *token2 = NULL;
  g_autofree char *token3 = NULL;
  g_autofree char *body = NULL;
  g_autoptr(JsonArray) all = NULL;

  if (skip_if_no_backend (data))
    return;

  password_url = api (server, "/account/password");
  account_url = api (server, "/account");
  all_url = api (server, "/sessions/all");
  results = api (server, "/results");
  sessions = api (server, "/sessions");
  register_user (server, "alice", "correct horse");
  token1 = sign_in (server, "alice", "correct horse");
  token2 = sign_in (server, "alice", "correct horse");

  g_assert_cmpuint (sc_test_http ("PUT", password_url, NULL,
                                  "{\"password\":\"correct horse\",\"new_password\":\"battery staple\"}", NULL), ==, 401);
  g_assert_cmpuint (sc_test_http ("PUT", password_url, token1,
                                  "{\"password\":\"wrong horse\",\"new_password\":\"battery staple\"}", NULL), ==, 403);
  g_assert_cmpuint (sc_test_http ("PUT", password_url, token1,
                                  "{\"password\":\"correct horse\",\"new_password\":\"short\"}", NULL), ==, 400);
  g_assert_cmpuint (sc_test_http ("PUT", password_url, token1,
                                  "{\"password\":\"correct horse\",\"new_password\":\"battery staple\"}", NULL), ==, 204);
  g_assert_cmpuint (sc_test_http ("GET", results, token1, NULL, NULL), ==, 200);
  g_assert_cmpuint (sc_test_http ("GET", results, token2, NULL, NULL), ==, 401);
  g_assert_cmpuint (sc_test_http ("POST", sessions, NULL,
                                  "{\"username\":\"alice\",\"password\":\"correct horse\"}", NULL), ==, 401);
  g_clear_pointer (&token2, g_free);
  token2 = sign_in (server, "alice", "battery staple");

  /* Sign out everywhere. */
  g_assert_cmpuint (sc_test_http ("DELETE", all_url, token1, NULL, NULL), ==, 204);
  g_assert_cmpuint (sc_test_http ("GET", results, token1, NULL, NULL), ==, 401);
  g_assert_cmpuint (sc_test_http ("GET", results, token2, NULL, NULL), ==, 401);

  /* Delete the account. */
  token3 = sign_in (server, "alice", "battery staple");
  body = result_body (uuid, "MSFT", 100.0);
  g_assert_cmpuint (put_result (server, token3, uuid, body, NULL), ==, 201);
  g_assert_cmpuint (sc_test_http ("DELETE", account_url, token3, "{\"password\":\"wrong horse\"}", NULL), ==, 403);
  g_assert_cmpuint (sc_test_http ("DELETE", account_url, token3, "{\"password\":\"battery staple\"}", NULL), ==, 204);
  g_assert_cmpuint (sc_test_http ("GET", results, token3, NULL, NULL), ==, 401);
  g_assert_cmpuint (sc_test_http ("POST", sessions, NULL,
                                  "{\"username\":\"alice\",\"password\":\"battery staple\"}", NULL), ==, 401);

  /* The name is free again, with nothing of the old account. */
  register_user (server, "alice", "another password");
  g_clear_pointer (&token3, g_free);
  token3 = sign_in (server, "alice", "another password");
  all = pull_all (server, token3, 0, 500, NULL);
  g_assert_cmpuint (json_array_get_length (all), ==, 0);
}

/* Data survives a restart, and migrations run once. */
static void
test_restart (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *body = NULL;
  g_autoptr(JsonArray) all = NULL;
  const char *uuid = "2c1b5f8e-8f5a-4d7b-9c3e-1a2b3c4d5e6f";

  if (skip_if_no_backend (data))
    return;

  register_user (fixture->server, "alice", "correct horse");
  token = sign_in (fixture->server, "alice", "correct horse");
  body = result_body (uuid, "MSFT", 1.0);
  g_assert_cmpuint (put_result (fixture->server, token, uuid, body, NULL), ==, 201);

  g_assert_cmpint (sc_test_sync_server_stop (fixture->server), ==, 0);
  g_clear_pointer (&fixture->server, sc_test_sync_server_free);
  fixture->server = sc_test_sync_server_start (fixture->database, &error);
  g_assert_no_error (error);

  all = pull_all (fixture->server, token, 0, 500, NULL);
  g_assert_cmpuint (json_array_get_length (all), ==, 1);
  g_assert_cmpuint (put_result (fixture->server, token, uuid, body, NULL), ==, 200);
}

/* Two processes on one PostgreSQL database act as one service. */
static void
test_two_processes (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *database = NULL;
  g_autofree char *token = NULL;
  g_autofree char *token_b = NULL;
  g_autoptr(JsonArray) all_a = NULL;
  g_autoptr(JsonArray) all_b = NULL;
  g_autofree char *sessions_b = NULL;
  ScTestSyncServer *a, *b;
  const char *uuid = "5d5e5f60-6162-4364-8566-676869707172";

  if (postgres == NULL)
    {
      g_test_skip (postgres_skip);
      return;
    }

  database = new_database (BACKEND_POSTGRESQL);
  /* Both start (and migrate) at the same time. */
  a = sc_test_sync_server_start (database, &error);
  g_assert_no_error (error);
  b = sc_test_sync_server_start (database, &error);
  g_assert_no_error (error);

  /* An account made on A signs in on B; a token from A works on B. */
  register_user (a, "alice", "correct horse");
  token = sign_in (a, "alice", "correct horse");
  token_b = sign_in (b, "alice", "correct horse");

  /* Writes alternate between the processes: one sequence, no gaps seen
   * out of order, and idempotency holds across processes. */
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *id = g_uuid_string_random ();
      g_autofree char *body = result_body (id, "MSFT", i);

      g_assert_cmpuint (put_result (i % 2 ? a : b, i % 2 ? token : token_b, id, body, NULL), ==, 201);
      g_assert_cmpuint (put_result (i % 2 ? b : a, token, id, body, NULL), ==, 200);
    }
  {
    g_autofree char *body = result_body (uuid, "MSFT", 1.0);
    g_autofree char *other = result_body (uuid, "MSFT", 2.0);

    g_assert_cmpuint (put_result (a, token, uuid, body, NULL), ==, 201);
    g_assert_cmpuint (put_result (b, token, uuid, other, NULL), ==, 409);
  }

  all_a = pull_all (a, token, 0, 7, NULL);
  all_b = pull_all (b, token_b, 0, 500, NULL);
  g_assert_cmpuint (json_array_get_length (all_a), ==, 21);
  g_assert_cmpuint (json_array_get_length (all_b), ==, 21);

  /* Revoking on B is seen by A. */
  sessions_b = api (b, "/sessions");
  g_assert_cmpuint (sc_test_http ("DELETE", sessions_b, token, NULL, NULL), ==, 204);
  {
    g_autofree char *results_a = api (a, "/results");
    g_assert_cmpuint (sc_test_http ("GET", results_a, token, NULL, NULL), ==, 401);
  }

  g_assert_cmpint (sc_test_sync_server_stop (a), ==, 0);
  g_assert_cmpint (sc_test_sync_server_stop (b), ==, 0);
  sc_test_sync_server_free (a);
  sc_test_sync_server_free (b);
}

/* Sessions end at their expiry. */
static void
test_session_expiry (void)
{
  const char *extra[] = { "--session-lifetime", "1", NULL };
  g_autofree char *database = g_strdup_printf ("%s/expiry.db", sc_test_get_tmpdir ());
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *results = NULL;
  ScTestSyncServer *server;
  gint64 signed_in;
  guint status;

  server = sc_test_sync_server_start_full (database, 0, extra, &error);
  g_assert_no_error (error);
  register_user (server, "alice", "correct horse");
  signed_in = g_get_real_time () / G_USEC_PER_SEC;
  token = sign_in (server, "alice", "correct horse");
  results = api (server, "/results");
  status = sc_test_http ("GET", results, token, NULL, NULL);
  /* Only a very busy machine gets here after the second has passed. */
  if (g_get_real_time () / G_USEC_PER_SEC <= signed_in)
    g_assert_cmpuint (status, ==, 200);

  /* Waits for the expiry itself rather than a fixed time: asks until the
   * token is refused, at most 60 s. */
  while (status == 200 && g_get_real_time () / G_USEC_PER_SEC < signed_in + 60)
    {
      g_usleep (100 * 1000);
      status = sc_test_http ("GET", results, token, NULL, NULL);
    }
  g_assert_cmpuint (status, ==, 401);
  g_assert_cmpint (g_get_real_time () / G_USEC_PER_SEC, >=, signed_in + 1);

  g_assert_cmpint (sc_test_sync_server_stop (server), ==, 0);
  sc_test_sync_server_free (server);
}

/* A connection that sends nothing is closed after --idle-timeout. */
static void
test_idle_timeout (void)
{
  const char *extra[] = { "--idle-timeout", "1", NULL };
  g_autofree char *database = g_strdup_printf ("%s/idle.db", sc_test_get_tmpdir ());
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  ScTestSyncServer *server;
  char buffer[256];
  gssize n;

  server = sc_test_sync_server_start_full (database, 0, extra, &error);
  g_assert_no_error (error);
  g_socket_client_set_enable_proxy (client, FALSE);
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", server->port, NULL, &error);
  g_assert_no_error (error);
  /* Our own guard: the server must close well before this. */
  g_socket_set_timeout (g_socket_connection_get_socket (connection), 60);
  n = g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (connection)),
                           buffer, sizeof buffer, NULL, &error);
  if (error != NULL)
    g_assert_false (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT));
  g_assert_cmpint (n, <=, 0);

  g_assert_cmpint (sc_test_sync_server_stop (server), ==, 0);
  sc_test_sync_server_free (server);
}

/* Out-of-range options: exit 1 with one sentence naming the option. */
static void
test_option_ranges (void)
{
  const char *bin = g_getenv ("STOCKCAST_SYNC_SERVER_BIN");
  const char *cases[][2] = {
    { "--session-lifetime", "999999999999" },
    { "--session-lifetime", "0" },
    { "--idle-timeout", "0" },
    { "--registrations-per-hour", "-5" },
    { "--password-queue", "-1" },
    { "--max-watchlist", "0" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *standard_error = NULL;

      process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                                  bin, cases[i][0], cases[i][1], "--version", NULL);
      g_assert_no_error (error);
      g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &standard_error, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_exited (process));
      g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);
      g_assert_nonnull (strstr (standard_error, cases[i][0]));
      /* One line. */
      g_assert_true (g_str_has_suffix (standard_error, "\n"));
      g_assert_null (strchr (standard_error, '\n') + 1 == standard_error + strlen (standard_error) ? NULL : "more lines");
      g_assert_null (strstr (standard_error, "CRITICAL"));
    }
}

/* Plain HTTP on a non-loopback address needs --allow-insecure-http. */
static void
test_refuses_insecure_listen (void)
{
  const char *bin = g_getenv ("STOCKCAST_SYNC_SERVER_BIN");
  g_autofree char *database = g_strdup_printf ("%s/insecure.db", sc_test_get_tmpdir ());
  g_autofree char *standard_error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                              bin, "--listen", "0.0.0.0:0", "--database", database, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &standard_error, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);
  g_assert_nonnull (strstr (standard_error, "--allow-insecure-http"));
  g_assert_false (g_file_test (database, G_FILE_TEST_EXISTS));
}

static void
add_tests (const char *backend_name,
           Backend     backend)
{
  struct {
    const char *name;
    void (*func) (Fixture *, gconstpointer);
  } tests[] = {
    { "health", test_health_and_routes },
    { "accounts", test_accounts },
    { "sessions", test_sessions },
    { "throttling", test_throttling },
    { "results", test_results },
    { "isolation", test_isolation },
    { "pagination", test_pagination },
    { "graceful-shutdown", test_graceful_shutdown },
    { "hostile-json", test_hostile_json },
    { "parallel-sign-ins", test_parallel_sign_ins },
    { "registration-flood", test_registration_flood },
    { "account-lifecycle", test_account_lifecycle },
    { "restart", test_restart },
  };

  for (guint i = 0; i < G_N_ELEMENTS (tests); i++)
    {
      g_autofree char *path = g_strdup_printf ("/sync-server/%s/%s", backend_name, tests[i].name);

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
  g_test_add_func ("/sync-server/postgresql/two-processes", test_two_processes);
  g_test_add_func ("/sync-server/refuses-insecure-listen", test_refuses_insecure_listen);
  g_test_add_func ("/sync-server/sqlite/session-expiry", test_session_expiry);
  g_test_add_func ("/sync-server/sqlite/idle-timeout", test_idle_timeout);
  g_test_add_func ("/sync-server/option-ranges", test_option_ranges);

  status = g_test_run ();
  sc_test_postgres_stop (postgres);
  g_free (postgres_skip);
  return status;
}
