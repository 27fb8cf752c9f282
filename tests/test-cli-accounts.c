/* test-cli-accounts.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE  /* memmem */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "sc-accounts.h"
#include "sc-results.h"
#include "sc-test-util.h"

/* The CLI and this process share the database under the test's
 * XDG_DATA_HOME (G_TEST_OPTION_ISOLATE_DIRS gives each test its own). */
static void
share_data_dir (void)
{
  g_setenv ("XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
}

static char *
register_cli (const char *name,
              const char *email,
              const char *pass_line)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *line;
  int status;

  status = sc_test_run_cli (pass_line, &out, &err,
                            "account", "register", name, "--email", email, "--password-stdin", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (err, ==, "");
  line = strstr (out, "Recovery code: ");
  g_assert_nonnull (line);
  return g_strndup (line + strlen ("Recovery code: "), 29);
}

static void
test_account_flow (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *code = NULL;
  g_autofree char *code2 = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  const char *line;
  int status;

  share_data_dir ();

  code = register_cli ("Alice", "alice@example.org", "correct horse\n");

  status = sc_test_run_cli ("correct horse\n", &out, &err, "account", "login", "alice", "--password-stdin", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "Signed in as “Alice”.\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Without a final newline, and with CRLF, the password still works. */
  g_assert_cmpint (sc_test_run_cli ("correct horse", NULL, NULL, "account", "login", "alice", "--password-stdin", NULL), ==, 0);
  g_assert_cmpint (sc_test_run_cli ("correct horse\r\n", NULL, NULL, "account", "login", "alice", "--password-stdin", NULL), ==, 0);

  status = sc_test_run_cli ("wrong horse\n", &out, &err, "account", "login", "alice", "--password-stdin", NULL);
  g_assert_cmpint (status, ==, 4);
  g_assert_cmpstr (err, ==, "stockcast: The username or password is incorrect.\n");
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* passwd: old line, then new line. */
  status = sc_test_run_cli ("correct horse\nbattery staple\n", &out, &err,
                            "account", "passwd", "alice", "--password-stdin", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "Changed the password of “alice”.\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (sc_test_run_cli ("correct horse\n", NULL, NULL, "account", "login", "alice", "--password-stdin", NULL), ==, 4);
  g_assert_cmpint (sc_test_run_cli ("battery staple\n", NULL, NULL, "account", "login", "alice", "--password-stdin", NULL), ==, 0);

  status = sc_test_run_cli ("battery staple\n", NULL, &err, "account", "passwd", "alice", "--password-stdin", NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "Standard input ended before the new password"));
  g_clear_pointer (&err, g_free);

  /* reset with the recovery code: prints a new one; the old one is used up. */
  status = sc_test_run_cli ("third password\n", &out, &err,
                            "account", "reset", "alice", "--recovery-code", code, "--password-stdin", NULL);
  g_assert_cmpint (status, ==, 0);
  line = strstr (out, "Recovery code: ");
  g_assert_nonnull (line);
  code2 = g_strndup (line + strlen ("Recovery code: "), 29);
  g_assert_true (sc_accounts_check_recovery_code (code2, NULL));
  g_assert_cmpstr (code2, !=, code);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = sc_test_run_cli ("fourth password\n", &out, &err,
                            "account", "reset", "alice", "--recovery-code", code, "--password-stdin", NULL);
  g_assert_cmpint (status, ==, 4);
  g_assert_cmpstr (err, ==, "stockcast: The username or recovery code is incorrect.\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (sc_test_run_cli ("third password\n", NULL, NULL, "account", "login", "alice", "--password-stdin", NULL), ==, 0);

  /* The database holds hashes only. */
  path = g_build_filename (g_get_user_data_dir (), "stockcast", "stockcast.db", NULL);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_clear_pointer (&contents, g_free);
  {
    g_autoptr(ScDb) db = sc_db_open (path, NULL);

    sc_test_db_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)");
  }
  {
    gsize length;

    g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
    g_assert_null (memmem (contents, length, "third password", strlen ("third password")));
    g_assert_null (memmem (contents, length, "correct horse", strlen ("correct horse")));
    g_assert_nonnull (memmem (contents, length, "$argon2id$", strlen ("$argon2id$")));
  }

  /* delete */
  g_assert_cmpint (sc_test_run_cli ("wrong password\n", NULL, NULL, "account", "delete", "alice", "--password-stdin", NULL), ==, 4);
  status = sc_test_run_cli ("third password\n", &out, &err, "account", "delete", "alice", "--password-stdin", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpint (sc_test_run_cli ("third password\n", NULL, NULL, "account", "login", "alice", "--password-stdin", NULL), ==, 4);
}

static void
test_account_validation (void)
{
  g_autofree char *long_pw = NULL;
  struct {
    const char *stdin_text;
    const char *args[8];
    int         status;
    const char *message;
  } cases[] = {
    { "correct horse\n", { "account", "register", " bob", "--email", "bob@example.org", "--password-stdin" }, 2,
      "stockcast: A username cannot start or end with a space.\n" },
    { "correct horse\n", { "account", "register", "bob", "--email", "bob@", "--password-stdin" }, 2,
      "stockcast: Enter an email address like name@example.org.\n" },
    { "short\n", { "account", "register", "bob", "--email", "bob@example.org", "--password-stdin" }, 2,
      "stockcast: A password needs at least 8 characters.\n" },
    { "", { "account", "register", "bob", "--email", "bob@example.org", "--password-stdin" }, 2,
      "stockcast: Standard input ended before the password.\n" },
    { "correct horse\n", { "account", "register", "abcdefghijklmnopqrstuvwxyz0123456", "--email", "bob@example.org", "--password-stdin" }, 2,
      "stockcast: A username can have at most 32 characters.\n" },
    { "correct horse\n", { "account", "reset", "bob", "--recovery-code", "1234", "--password-stdin" }, 2,
      "stockcast: A recovery code looks like XXXX-XXXX-XXXX-XXXX-XXXX-XXXX.\n" },
    { "correct horse\n", { "history", "delete", "nope", "--user", "bob", "--password-stdin" }, 2,
      "stockcast: “nope” is not a result id (a UUID).\n" },
    { "correct horse\n", { "account", "login", "nobody", "--password-stdin" }, 4,
      "stockcast: The username or password is incorrect.\n" },
  };

  share_data_dir ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      const char **a = cases[i].args;
      int status;

      status = sc_test_run_cli (cases[i].stdin_text, &out, &err,
                                a[0], a[1], a[2], a[3], a[4], a[5], a[6], NULL);
      g_assert_cmpint (status, ==, cases[i].status);
      g_assert_cmpstr (err, ==, cases[i].message);
      g_assert_cmpstr (out, ==, "");
    }

  /* predict --save checks the password before any work: a wrong one is
   * reported (4), not the missing price file the work would meet (2). */
  {
    g_autofree char *missing = g_build_filename (sc_test_get_tmpdir (), "missing.csv", NULL);
    g_autofree char *err = NULL;

    g_assert_cmpint (sc_test_run_cli ("wrong horse\n", NULL, &err, "predict", "MSFT", "--csv", missing,
                                      "--save", "--user", "nobody", "--password-stdin", NULL), ==, 4);
    g_assert_null (strstr (err, "missing.csv"));
  }

  /* Usage errors: exit 1. */
  g_assert_cmpint (sc_test_run_cli ("correct horse\n", NULL, NULL, "account", "login", "bob", NULL), ==, 1);
  g_assert_cmpint (sc_test_run_cli ("correct horse\n", NULL, NULL, "account", "frobnicate", "bob", "--password-stdin", NULL), ==, 1);
  g_assert_cmpint (sc_test_run_cli ("correct horse\n", NULL, NULL, "account", "register", "bob", "--password-stdin", NULL), ==, 1);
  g_assert_cmpint (sc_test_run_cli ("correct horse\n", NULL, NULL, "account", NULL), ==, 1);
  g_assert_cmpint (sc_test_run_cli ("correct horse\n", NULL, NULL, "history", "--password-stdin", NULL), ==, 1);
  g_assert_cmpint (sc_test_run_cli ("correct horse\n", NULL, NULL, "account", "login", "bob", "--password", "x", NULL), ==, 1);

  /* A password longer than 1024 bytes. */
  long_pw = g_strnfill (1100, 'x');
  {
    g_autofree char *err = NULL;
    g_autofree char *text = g_strconcat (long_pw, "\n", NULL);

    g_assert_cmpint (sc_test_run_cli (text, NULL, &err, "account", "register", "bob", "--email",
                                      "bob@example.org", "--password-stdin", NULL), ==, 2);
    g_assert_cmpstr (err, ==, "stockcast: The password on standard input is longer than 1024 bytes.\n");
  }
}

static void
test_history (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScDb) db = NULL;
  g_autoptr(ScUser) carol = NULL;
  g_autoptr(ScPrediction) p = sc_prediction_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *code = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *dave_code = NULL;
  JsonObject *root, *result, *forecast;
  JsonArray *results;
  int status;

  share_data_dir ();

  code = register_cli ("carol", "carol@example.org", "carol's password\n");
  dave_code = register_cli ("dave", "dave@example.org", "dave's password\n");

  db = sc_db_open (NULL, &error);
  g_assert_no_error (error);
  carol = sc_accounts_lookup (db, "carol", &error);
  g_assert_no_error (error);

  p->ticker = g_strdup ("MSFT");
  p->model_id = g_strdup ("linear-regression");
  g_assert_true (sc_day_parse ("2020-12-11", &p->as_of));
  p->last_close = 213.26;
  p->n_forecasts = 1;
  p->forecasts = g_new0 (ScForecast, 1);
  p->forecasts[0].horizon = 10;
  p->forecasts[0].date = p->as_of + 17;
  p->forecasts[0].price = 215.7;
  p->forecasts[0].low = 205.1;
  p->forecasts[0].high = 226.0;
  uuid = sc_results_save (db, carol->id, p, &error);
  g_assert_no_error (error);

  /* The close 10 trading rows after 2020-12-11 arrives in the cache. */
  sc_test_db_exec (db,
                   "INSERT INTO price_series (ticker, source) VALUES ('MSFT', 'csv');"
                   "INSERT INTO prices (ticker, source, date, close) VALUES "
                   "('MSFT','csv','2020-12-11',213.26),('MSFT','csv','2020-12-14',214.2),"
                   "('MSFT','csv','2020-12-15',214.13),('MSFT','csv','2020-12-16',219.28),"
                   "('MSFT','csv','2020-12-17',219.42),('MSFT','csv','2020-12-18',218.59),"
                   "('MSFT','csv','2020-12-21',222.59),('MSFT','csv','2020-12-22',223.94),"
                   "('MSFT','csv','2020-12-23',221.02),('MSFT','csv','2020-12-24',222.75),"
                   "('MSFT','csv','2020-12-28',224.96);");
  g_assert_cmpint (sc_results_fill_actuals (db, "MSFT", &error), ==, 1);

  status = sc_test_run_cli ("carol's password\n", &out, &err, "history", "--user", "carol", "--password-stdin", "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "user"), ==, "carol");
  results = json_object_get_array_member (root, "results");
  g_assert_cmpuint (json_array_get_length (results), ==, 1);
  result = json_array_get_object_element (results, 0);
  g_assert_cmpstr (json_object_get_string_member (result, "uuid"), ==, uuid);
  g_assert_cmpstr (json_object_get_string_member (result, "ticker"), ==, "MSFT");
  g_assert_cmpstr (json_object_get_string_member (result, "as_of"), ==, "2020-12-11");
  g_assert_false (json_object_get_boolean_member (result, "synced"));
  forecast = json_array_get_object_element (json_object_get_array_member (result, "forecasts"), 0);
  g_assert_cmpint (json_object_get_int_member (forecast, "horizon"), ==, 10);
  g_assert_cmpstr (json_object_get_string_member (forecast, "date"), ==, "2020-12-28");
  g_assert_cmpfloat (json_object_get_double_member (forecast, "actual"), ==, 224.96);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Human-readable. */
  status = sc_test_run_cli ("carol's password\n", &out, &err, "history", "--user", "carol", "--password-stdin", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "MSFT"));
  g_assert_nonnull (strstr (out, uuid));
  g_assert_nonnull (strstr (out, "actual 224.96"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Dave sees nothing of Carol's and cannot delete it. */
  status = sc_test_run_cli ("dave's password\n", &out, &err, "history", "--user", "dave", "--password-stdin", "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "{\"user\":\"dave\",\"results\":[]}\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = sc_test_run_cli ("dave's password\n", &out, &err, "history", "delete", uuid, "--user", "dave", "--password-stdin", NULL);
  g_assert_cmpint (status, ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Wrong password: exit 4, nothing shown. */
  status = sc_test_run_cli ("nope nope nope\n", &out, &err, "history", "--user", "carol", "--password-stdin", NULL);
  g_assert_cmpint (status, ==, 4);
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = sc_test_run_cli ("carol's password\n", &out, &err, "history", "delete", uuid, "--user", "carol", "--password-stdin", NULL);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = sc_test_run_cli ("carol's password\n", &out, &err, "history", "--user", "carol", "--password-stdin", "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "{\"user\":\"carol\",\"results\":[]}\n");
}

int
main (int   argc,
      char *argv[])
{
  sc_test_init (&argc, &argv);

  g_test_add_func ("/cli/account/flow", test_account_flow);
  g_test_add_func ("/cli/account/validation", test_account_validation);
  g_test_add_func ("/cli/history", test_history);

  return g_test_run ();
}
