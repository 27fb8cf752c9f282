/* test-results.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sc-accounts.h"
#include "sc-db-private.h"
#include "sc-error.h"
#include "sc-results.h"
#include "sc-test-util.h"

static const char password[] = "correct horse battery";

static ScDb *
open_fresh_db (void)
{
  static guint counter;
  g_autofree char *name = g_strdup_printf ("results-%u.db", ++counter);
  g_autofree char *path = g_build_filename (sc_test_get_tmpdir (), name, NULL);
  g_autoptr(GError) error = NULL;
  ScDb *db;

  db = sc_db_open (path, &error);
  g_assert_no_error (error);
  return db;
}

static gint64
add_user (ScDb       *db,
          const char *username)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScUser) user = NULL;
  static guint counter;
  g_autofree char *email = g_strdup_printf ("user%u@example.org", ++counter);
  char *code;

  code = sc_accounts_register (db, username, email, password, &user, &error);
  g_assert_no_error (error);
  sc_accounts_free_secret (code);
  return user->id;
}

static ScDay
day (const char *text)
{
  ScDay d;

  g_assert_true (sc_day_parse (text, &d));
  return d;
}

static ScPrediction *
make_prediction (const char *ticker,
                 const char *as_of,
                 double      last_close)
{
  ScPrediction *p = sc_prediction_new ();
  const int horizons[] = { 60, 10, 365 };   /* out of order on purpose */

  p->ticker = g_strdup (ticker);
  p->model_id = g_strdup ("linear-regression");
  p->source = g_strdup ("csv");
  p->as_of = day (as_of);
  p->last_close = last_close;
  p->n_forecasts = G_N_ELEMENTS (horizons);
  p->forecasts = g_new0 (ScForecast, p->n_forecasts);
  for (guint i = 0; i < p->n_forecasts; i++)
    {
      p->forecasts[i].horizon = horizons[i];
      p->forecasts[i].date = p->as_of + horizons[i] * 7 / 5;
      p->forecasts[i].price = last_close + horizons[i] / 10.0;
      p->forecasts[i].low = last_close - 5;
      p->forecasts[i].high = last_close + horizons[i];
    }

  return p;
}

static char *
save (ScDb       *db,
      gint64      user_id,
      const char *ticker,
      const char *as_of,
      double      last_close)
{
  g_autoptr(ScPrediction) p = make_prediction (ticker, as_of, last_close);
  g_autoptr(GError) error = NULL;
  char *uuid;

  uuid = sc_results_save (db, user_id, p, &error);
  g_assert_no_error (error);
  g_assert_nonnull (uuid);
  return uuid;
}

static void
test_save_and_list (void)
{
  g_autoptr(ScDb) db = open_fresh_db ();
  gint64 alice = add_user (db, "alice");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(ScResult) got = NULL;
  g_autofree char *u1 = NULL;
  g_autofree char *u2 = NULL;
  g_autofree char *u3 = NULL;
  ScResult *r;

  u1 = save (db, alice, "msft", "2020-12-11", 213.26);
  u2 = save (db, alice, "AAPL", "2021-01-04", 129.41);
  u3 = save (db, alice, "MSFT", "2021-02-01", 239.65);

  /* uuid v4, lower case */
  g_assert_true (g_uuid_string_is_valid (u1));
  g_assert_cmpint (u1[14], ==, '4');
  g_assert_nonnull (strchr ("89ab", u1[19]));
  g_assert_cmpstr (u1, !=, u2);

  list = sc_results_list (db, alice, SC_RESULTS_LIST_DEFAULT, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);

  /* Newest first. */
  g_assert_cmpstr (((ScResult *) list->pdata[0])->uuid, ==, u3);
  g_assert_cmpstr (((ScResult *) list->pdata[1])->uuid, ==, u2);
  g_assert_cmpstr (((ScResult *) list->pdata[2])->uuid, ==, u1);

  r = list->pdata[2];
  g_assert_cmpstr (r->ticker, ==, "MSFT");
  g_assert_cmpstr (r->model, ==, "linear-regression");
  g_assert_cmpint (r->as_of, ==, day ("2020-12-11"));
  g_assert_cmpfloat (r->last_close, ==, 213.26);
  g_assert_false (r->deleted);
  g_assert_false (r->synced);
  g_assert_cmpint (r->server_seq, ==, 0);
  g_assert_cmpuint (r->n_forecasts, ==, 3);
  g_assert_cmpint (r->forecasts[0].horizon, ==, 10);
  g_assert_cmpint (r->forecasts[1].horizon, ==, 60);
  g_assert_cmpint (r->forecasts[2].horizon, ==, 365);
  g_assert_cmpfloat (r->forecasts[0].price, ==, 214.26);
  g_assert_cmpfloat (r->forecasts[0].low, ==, 208.26);
  g_assert_cmpfloat (r->forecasts[0].high, ==, 223.26);
  g_assert_cmpint (r->forecasts[0].date, ==, day ("2020-12-11") + 14);
  g_assert_false (sc_result_forecast_has_actual (&r->forecasts[0]));
  g_assert_true (g_str_has_suffix (r->created_at, "Z"));

  /* Pages. */
  page = sc_results_list (db, alice, SC_RESULTS_LIST_DEFAULT, 1, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 1);
  g_assert_cmpstr (((ScResult *) page->pdata[0])->uuid, ==, u2);
  g_assert_cmpuint (((ScResult *) page->pdata[0])->n_forecasts, ==, 3);
  g_assert_cmpint (sc_results_count (db, alice, &error), ==, 3);

  got = sc_results_get (db, alice, u2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->ticker, ==, "AAPL");
  g_assert_cmpuint (got->n_forecasts, ==, 3);

  /* Delete: a tombstone, hidden from history, kept for sync. */
  g_assert_true (sc_results_delete (db, alice, u2, &error));
  g_assert_no_error (error);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = sc_results_list (db, alice, SC_RESULTS_LIST_DEFAULT, 0, 0, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpint (sc_results_count (db, alice, &error), ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = sc_results_list (db, alice, SC_RESULTS_LIST_INCLUDE_DELETED, 0, 0, &error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_true (((ScResult *) list->pdata[1])->deleted);

  g_assert_false (sc_results_delete (db, alice, u2, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_DATA);
  g_clear_error (&error);
  g_assert_false (sc_results_delete (db, alice, "not-a-uuid", &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_DATA);
  g_clear_error (&error);
}

static const char *
uuid_at (GPtrArray *results,
         guint      i)
{
  return ((ScResult *) g_ptr_array_index (results, i))->uuid;
}

/* Keyset pages: walked to the end they give exactly the full list, even
 * with results saved and deleted between pages. */
static void
test_list_before (void)
{
  g_autoptr(ScDb) db = open_fresh_db ();
  gint64 alice = add_user (db, "alice");
  gint64 bob = add_user (db, "bob");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) walked = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) page = NULL;
  g_autofree char *bobs = NULL;
  g_autofree char *newer = NULL;
  const char *cursor = NULL;
  guint pages = 0;

  /* Saved within the same second or two: most created_at are equal, and
   * only the insertion order tells them apart. */
  for (guint i = 0; i < 25; i++)
    g_free (save (db, alice, i % 2 ? "MSFT" : "AAPL", "2021-01-04", 100 + i));
  bobs = save (db, bob, "GSPC", "2021-01-04", 3700);

  all = sc_results_list (db, alice, SC_RESULTS_LIST_DEFAULT, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 25);

  /* The first page is the newest. */
  page = sc_results_list_before (db, alice, SC_RESULTS_LIST_DEFAULT, NULL, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 7);
  for (guint i = 0; i < page->len; i++)
    g_assert_cmpstr (uuid_at (page, i), ==, uuid_at (all, i));

  /* What the walk must give: the list as it was, without the row deleted
   * below before its page is read; the result saved meanwhile is newer than
   * every cursor, so no later page has it. */
  for (guint i = 0; i < all->len; i++)
    if (i != 12)
      g_ptr_array_add (expected, g_strdup (uuid_at (all, i)));

  for (;;)
    {
      for (guint i = 0; i < page->len; i++)
        g_ptr_array_add (walked, g_strdup (uuid_at (page, i)));
      pages++;
      if (page->len < 7)
        break;

      cursor = g_ptr_array_index (walked, walked->len - 1);
      if (pages == 1)
        {
          newer = save (db, alice, "NEW", "2021-01-05", 1);
          g_assert_true (sc_results_delete (db, alice, uuid_at (all, 12), &error));
          /* The cursor itself deleted: a tombstone still marks the place. */
          g_assert_true (sc_results_delete (db, alice, cursor, &error));
          g_assert_no_error (error);
        }

      g_clear_pointer (&page, g_ptr_array_unref);
      page = sc_results_list_before (db, alice, SC_RESULTS_LIST_DEFAULT, cursor, 7, &error);
      g_assert_no_error (error);
    }

  g_assert_cmpuint (pages, ==, 4);
  g_assert_cmpuint (walked->len, ==, expected->len);
  for (guint i = 0; i < walked->len; i++)
    g_assert_cmpstr (g_ptr_array_index (walked, i), ==, g_ptr_array_index (expected, i));

  /* limit 0 = all the rest; tombstones on request. */
  g_clear_pointer (&page, g_ptr_array_unref);
  page = sc_results_list_before (db, alice, SC_RESULTS_LIST_DEFAULT, uuid_at (all, 2), 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 25 - 3 - 2);
  g_assert_cmpstr (uuid_at (page, 0), ==, uuid_at (all, 3));
  g_clear_pointer (&page, g_ptr_array_unref);
  page = sc_results_list_before (db, alice, SC_RESULTS_LIST_INCLUDE_DELETED, uuid_at (all, 2), 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 25 - 3);
  g_assert_true (((ScResult *) page->pdata[12 - 3])->deleted);
  g_assert_cmpuint (((ScResult *) page->pdata[12 - 3])->n_forecasts, ==, 3);

  /* Past the oldest: empty, not an error. */
  g_clear_pointer (&page, g_ptr_array_unref);
  page = sc_results_list_before (db, alice, SC_RESULTS_LIST_DEFAULT, uuid_at (all, 24), 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 0);

  /* Someone else's result, or none, is no cursor. */
  g_clear_pointer (&page, g_ptr_array_unref);
  page = sc_results_list_before (db, alice, SC_RESULTS_LIST_DEFAULT, bobs, 5, &error);
  g_assert_error (error, SC_ERROR, SC_ERROR_DATA);
  g_assert_null (page);
  g_clear_error (&error);
  page = sc_results_list_before (db, alice, SC_RESULTS_LIST_DEFAULT, "not-a-uuid", 5, &error);
  g_assert_error (error, SC_ERROR, SC_ERROR_DATA);
  g_assert_null (page);
  g_clear_error (&error);

  /* Bob's pages never hold Alice's results. */
  page = sc_results_list_before (db, bob, SC_RESULTS_LIST_DEFAULT, NULL, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 1);
  g_assert_cmpstr (uuid_at (page, 0), ==, bobs);
}

static void
test_save_invalid (void)
{
  g_autoptr(ScDb) db = open_fresh_db ();
  gint64 alice = add_user (db, "alice");
  g_autoptr(GError) error = NULL;
  g_autoptr(ScPrediction) p = make_prediction ("MSFT", "2020-12-11", 213.26);
  g_autoptr(ScPrediction) empty = make_prediction ("MSFT", "2020-12-11", 213.26);
  g_autoptr(ScPrediction) spaced = make_prediction ("MS FT", "2020-12-11", 213.26);

  p->forecasts[1].price = NAN;
  g_assert_null (sc_results_save (db, alice, p, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_DATA);
  g_clear_error (&error);

  empty->n_forecasts = 0;
  g_assert_null (sc_results_save (db, alice, empty, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_DATA);
  g_clear_error (&error);

  g_assert_null (sc_results_save (db, alice, spaced, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_DATA);
  g_clear_error (&error);

  g_assert_cmpint (sc_results_count (db, alice, &error), ==, 0);
}

static void
test_isolation (void)
{
  g_autoptr(ScDb) db = open_fresh_db ();
  gint64 alice = add_user (db, "alice");
  gint64 bob = add_user (db, "bob");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list_a = NULL;
  g_autoptr(GPtrArray) list_b = NULL;
  g_autofree char *ua = save (db, alice, "MSFT", "2020-12-11", 213.26);
  g_autofree char *ub = save (db, bob, "AAPL", "2021-01-04", 129.41);

  list_a = sc_results_list (db, alice, SC_RESULTS_LIST_INCLUDE_DELETED, 0, 0, &error);
  list_b = sc_results_list (db, bob, SC_RESULTS_LIST_INCLUDE_DELETED, 0, 0, &error);
  g_assert_cmpuint (list_a->len, ==, 1);
  g_assert_cmpuint (list_b->len, ==, 1);
  g_assert_cmpstr (((ScResult *) list_a->pdata[0])->uuid, ==, ua);
  g_assert_cmpstr (((ScResult *) list_b->pdata[0])->uuid, ==, ub);

  /* Bob can neither read nor delete Alice's result. */
  g_assert_null (sc_results_get (db, bob, ua, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_DATA);
  g_clear_error (&error);
  g_assert_false (sc_results_delete (db, bob, ua, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_DATA);
  g_clear_error (&error);
  g_assert_false (sc_results_mark_synced (db, bob, ua, FALSE, 5, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_DATA);
  g_clear_error (&error);
  {
    g_autoptr(GPtrArray) unsynced = sc_results_list_unsynced (db, bob, &error);
    g_assert_cmpuint (unsynced->len, ==, 1);
    g_assert_cmpstr (((ScResult *) unsynced->pdata[0])->uuid, ==, ub);
  }

  g_assert_cmpint (sc_results_count (db, alice, &error), ==, 1);

  /* Deleting Bob deletes his results and nothing else. */
  g_assert_true (sc_accounts_delete_user (db, "bob", password, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sc_test_db_query_int (db, "SELECT count(*) FROM results"), ==, 1);
  g_assert_cmpint (sc_test_db_query_int (db, "SELECT count(*) FROM result_forecasts"), ==, 3);
}

/* Prices the way the cache stores them (migration 2 of sc-db.c). */
static void
insert_prices (ScDb       *db,
               const char *ticker,
               const char *source,
               gint64      refreshed_at,
               const char *first_date,
               guint       n_days,
               double      first_close)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  ScDay d = day (first_date);
  guint added = 0;

  g_assert_true (sc_db_begin (db, &error));
  stmt = sc_db_prepare (db,
                        "INSERT INTO price_series (ticker, source, refreshed_at) VALUES (?1, ?2, ?3) "
                        "ON CONFLICT DO UPDATE SET refreshed_at = excluded.refreshed_at",
                        &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, ticker, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, source, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, refreshed_at);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_reset (stmt);

  stmt = sc_db_prepare (db,
                        "INSERT OR REPLACE INTO prices (ticker, source, date, close) VALUES (?1, ?2, ?3, ?4)",
                        &error);
  g_assert_no_error (error);
  for (; added < n_days; d++)
    {
      g_autofree char *date = NULL;

      if (sc_day_weekday (d) > 5)
        continue;
      date = sc_day_format (d);
      sqlite3_bind_text (stmt, 1, ticker, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, source, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, date, -1, SQLITE_TRANSIENT);
      sqlite3_bind_double (stmt, 4, first_close + added);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
      added++;
    }
  g_assert_true (sc_db_commit (db, &error));
}

static void
test_fill_actuals (void)
{
  g_autoptr(ScDb) db = open_fresh_db ();
  gint64 alice = add_user (db, "alice");
  gint64 bob = add_user (db, "bob");
  g_autoptr(GError) error = NULL;
  g_autoptr(ScResult) r = NULL;
  g_autoptr(ScResult) rb = NULL;
  g_autoptr(ScResult) other = NULL;
  g_autofree char *u = NULL;
  g_autofree char *ub = NULL;
  g_autofree char *uo = NULL;
  int filled;

  /* Monday 2020-12-14 is the first trading row after Friday 2020-12-11. */
  u = save (db, alice, "MSFT", "2020-12-11", 213.26);
  ub = save (db, bob, "MSFT", "2020-12-11", 213.26);
  uo = save (db, alice, "AAPL", "2020-12-11", 122.41);

  g_assert_cmpint (sc_results_fill_actuals (db, "MSFT", &error), ==, 0);
  g_assert_no_error (error);

  /* 100 weekdays from 2020-12-01: closes 1000, 1001, … */
  insert_prices (db, "MSFT", "csv", 100, "2020-12-01", 100, 1000);
  filled = sc_results_fill_actuals (db, "msft", &error);
  g_assert_no_error (error);
  g_assert_cmpint (filled, ==, 4);   /* 10 and 60 days, both users */

  r = sc_results_get (db, alice, u, &error);
  g_assert_no_error (error);
  /* 2020-12-11 is the 9th weekday of December (index 8); h rows after it
   * is index 8 + h, close 1000 + 8 + h. */
  g_assert_cmpfloat (r->forecasts[0].actual, ==, 1000 + 8 + 10);
  g_assert_cmpfloat (r->forecasts[1].actual, ==, 1000 + 8 + 60);
  g_assert_false (sc_result_forecast_has_actual (&r->forecasts[2]));
  rb = sc_results_get (db, bob, ub, &error);
  g_assert_cmpfloat (rb->forecasts[0].actual, ==, 1018);
  other = sc_results_get (db, alice, uo, &error);
  g_assert_false (sc_result_forecast_has_actual (&other->forecasts[0]));

  /* Filling again changes nothing. */
  g_assert_cmpint (sc_results_fill_actuals (db, NULL, &error), ==, 0);

  /* A more recently refreshed source wins for the same dates; filled
   * values stay as they were. A longer series fills the 365-day horizon. */
  insert_prices (db, "MSFT", "yahoo", 200, "2020-12-01", 400, 2000);
  g_assert_cmpint (sc_results_fill_actuals (db, NULL, &error), ==, 2);
  g_clear_pointer (&r, sc_result_unref);
  r = sc_results_get (db, alice, u, &error);
  g_assert_cmpfloat (r->forecasts[0].actual, ==, 1018);
  g_assert_cmpfloat (r->forecasts[2].actual, ==, 2000 + 8 + 365);

  /* A prediction saved when the outcome is already cached gets it at once. */
  {
    g_autofree char *u2 = save (db, alice, "MSFT", "2020-12-11", 213.26);
    g_autoptr(ScResult) r2 = sc_results_get (db, alice, u2, &error);

    g_assert_cmpfloat (r2->forecasts[0].actual, ==, 2018);
  }
}

static const char example_json[] =
  "{\"uuid\":\"1b4e28ba-2fa1-41d2-883f-0016d3cca427\",\"ticker\":\"MSFT\","
  "\"created_at\":\"2026-11-24T10:00:00Z\",\"model\":\"linear-regression\","
  "\"as_of\":\"2020-12-11\",\"last_close\":213.26,"
  "\"forecasts\":[{\"horizon\":10,\"date\":\"2020-12-28\",\"price\":215.7,\"low\":205.1,\"high\":226,\"actual\":null},"
  "{\"horizon\":60,\"date\":\"2021-03-10\",\"price\":220.5,\"low\":200,\"high\":240.25,\"actual\":227.5}],"
  "\"deleted\":false}";

static void
test_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScResult) r = NULL;
  g_autoptr(ScResult) again = NULL;
  g_autoptr(ScResult) minimal = NULL;
  g_autofree char *text = NULL;
  g_autofree char *local = NULL;

  r = sc_result_new_from_json (example_json, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (r->uuid, ==, "1b4e28ba-2fa1-41d2-883f-0016d3cca427");
  g_assert_cmpuint (r->n_forecasts, ==, 2);
  g_assert_false (sc_result_forecast_has_actual (&r->forecasts[0]));
  g_assert_cmpfloat (r->forecasts[1].actual, ==, 227.5);
  g_assert_cmpfloat (r->forecasts[0].high, ==, 226);

  text = sc_result_to_json (r, SC_RESULT_JSON_DEFAULT);
  g_assert_cmpstr (text, ==, example_json);

  local = sc_result_to_json (r, SC_RESULT_JSON_LOCAL);
  g_assert_true (g_str_has_suffix (local, ",\"deleted\":false,\"synced\":false}"));

  again = sc_result_new_from_json (text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again->as_of, ==, r->as_of);

  /* Optional fields left out, unknown ones ignored, upper-case uuid and
   * a time zone offset normalised. */
  minimal = sc_result_new_from_json (
      "{\"uuid\":\"1B4E28BA-2FA1-41D2-883F-0016D3CCA427\",\"ticker\":\"MSFT\","
      "\"created_at\":\"2026-11-24T11:00:00+01:00\",\"model\":\"mlp\",\"as_of\":\"2020-12-11\","
      "\"last_close\":213,\"extra\":[1,2],"
      "\"forecasts\":[{\"horizon\":10,\"date\":\"2020-12-28\",\"price\":1,\"low\":0.5,\"high\":2,\"note\":\"x\"}]}",
      -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (minimal->uuid, ==, "1b4e28ba-2fa1-41d2-883f-0016d3cca427");
  g_assert_cmpstr (minimal->created_at, ==, "2026-11-24T10:00:00Z");
  g_assert_false (minimal->deleted);
  g_assert_false (sc_result_forecast_has_actual (&minimal->forecasts[0]));
}

static void
test_json_invalid (void)
{
  const char *bad[] = {
    "",
    "[]",
    "{}",
    "not json",
    /* bad uuid */
    "{\"uuid\":\"nope\",\"ticker\":\"MSFT\",\"created_at\":\"2026-11-24T10:00:00Z\",\"model\":\"m\",\"as_of\":\"2020-12-11\",\"last_close\":1,\"forecasts\":[{\"horizon\":10,\"date\":\"2020-12-28\",\"price\":1,\"low\":1,\"high\":1}]}",
    /* bad date */
    "{\"uuid\":\"1b4e28ba-2fa1-41d2-883f-0016d3cca427\",\"ticker\":\"MSFT\",\"created_at\":\"2026-11-24T10:00:00Z\",\"model\":\"m\",\"as_of\":\"2020-13-11\",\"last_close\":1,\"forecasts\":[{\"horizon\":10,\"date\":\"2020-12-28\",\"price\":1,\"low\":1,\"high\":1}]}",
    /* price as a string */
    "{\"uuid\":\"1b4e28ba-2fa1-41d2-883f-0016d3cca427\",\"ticker\":\"MSFT\",\"created_at\":\"2026-11-24T10:00:00Z\",\"model\":\"m\",\"as_of\":\"2020-12-11\",\"last_close\":1,\"forecasts\":[{\"horizon\":10,\"date\":\"2020-12-28\",\"price\":\"1\",\"low\":1,\"high\":1}]}",
    /* no forecasts */
    "{\"uuid\":\"1b4e28ba-2fa1-41d2-883f-0016d3cca427\",\"ticker\":\"MSFT\",\"created_at\":\"2026-11-24T10:00:00Z\",\"model\":\"m\",\"as_of\":\"2020-12-11\",\"last_close\":1,\"forecasts\":[]}",
    /* horizon twice */
    "{\"uuid\":\"1b4e28ba-2fa1-41d2-883f-0016d3cca427\",\"ticker\":\"MSFT\",\"created_at\":\"2026-11-24T10:00:00Z\",\"model\":\"m\",\"as_of\":\"2020-12-11\",\"last_close\":1,\"forecasts\":[{\"horizon\":10,\"date\":\"2020-12-28\",\"price\":1,\"low\":1,\"high\":1},{\"horizon\":10,\"date\":\"2020-12-28\",\"price\":1,\"low\":1,\"high\":1}]}",
    /* created_at missing */
    "{\"uuid\":\"1b4e28ba-2fa1-41d2-883f-0016d3cca427\",\"ticker\":\"MSFT\",\"model\":\"m\",\"as_of\":\"2020-12-11\",\"last_close\":1,\"forecasts\":[{\"horizon\":10,\"date\":\"2020-12-28\",\"price\":1,\"low\":1,\"high\":1}]}",
    /* deleted not a boolean */
    "{\"uuid\":\"1b4e28ba-2fa1-41d2-883f-0016d3cca427\",\"ticker\":\"MSFT\",\"created_at\":\"2026-11-24T10:00:00Z\",\"model\":\"m\",\"as_of\":\"2020-12-11\",\"last_close\":1,\"forecasts\":[{\"horizon\":10,\"date\":\"2020-12-28\",\"price\":1,\"low\":1,\"high\":1}],\"deleted\":\"yes\"}",
    /* fractional horizon */
    "{\"uuid\":\"1b4e28ba-2fa1-41d2-883f-0016d3cca427\",\"ticker\":\"MSFT\",\"created_at\":\"2026-11-24T10:00:00Z\",\"model\":\"m\",\"as_of\":\"2020-12-11\",\"last_close\":1,\"forecasts\":[{\"horizon\":10.5,\"date\":\"2020-12-28\",\"price\":1,\"low\":1,\"high\":1}]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ScResult) r = sc_result_new_from_json (bad[i], -1, &error);

      g_assert_null (r);
      g_assert_error (error, SC_ERROR, SC_ERROR_DATA);
      g_assert_true (g_str_has_suffix (error->message, "."));
    }
}

static ScResult *
find (GPtrArray  *results,
      const char *uuid)
{
  for (guint i = 0; i < results->len; i++)
    if (g_str_equal (((ScResult *) results->pdata[i])->uuid, uuid))
      return results->pdata[i];
  return NULL;
}

static void
test_sync_state (void)
{
  g_autoptr(ScDb) db = open_fresh_db ();
  gint64 alice = add_user (db, "alice");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) unsynced = NULL;
  g_autoptr(ScResult) remote = NULL;
  g_autoptr(ScResult) r = NULL;
  g_autofree char *u1 = save (db, alice, "MSFT", "2020-12-11", 213.26);
  g_autofree char *u2 = save (db, alice, "AAPL", "2020-12-11", 122.41);

  unsynced = sc_results_list_unsynced (db, alice, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (unsynced->len, ==, 2);
  g_assert_cmpstr (((ScResult *) unsynced->pdata[0])->uuid, ==, u1);   /* oldest first */

  g_assert_true (sc_results_mark_synced (db, alice, u1, FALSE, 7, &error));
  g_assert_no_error (error);
  g_clear_pointer (&unsynced, g_ptr_array_unref);
  unsynced = sc_results_list_unsynced (db, alice, &error);
  g_assert_cmpuint (unsynced->len, ==, 1);
  g_assert_cmpstr (((ScResult *) unsynced->pdata[0])->uuid, ==, u2);

  r = sc_results_get (db, alice, u1, &error);
  g_assert_true (r->synced);
  g_assert_cmpint (r->server_seq, ==, 7);
  g_clear_pointer (&r, sc_result_unref);

  /* A deletion makes it unsynced again; a confirmation of the old,
   * undeleted state does not count. */
  g_assert_true (sc_results_delete (db, alice, u1, &error));
  g_assert_true (sc_results_mark_synced (db, alice, u1, FALSE, 8, &error));
  r = sc_results_get (db, alice, u1, &error);
  g_assert_true (r->deleted);
  g_assert_false (r->synced);
  g_clear_pointer (&r, sc_result_unref);
  g_assert_true (sc_results_mark_synced (db, alice, u1, TRUE, 9, &error));
  r = sc_results_get (db, alice, u1, &error);
  g_assert_true (r->synced);
  g_assert_cmpint (r->server_seq, ==, 9);
  g_clear_pointer (&r, sc_result_unref);

  /* A result pulled from the server, merged twice: one copy, synced. */
  remote = sc_result_new_from_json (example_json, -1, NULL);
  g_assert_nonnull (remote);
  for (int i = 0; i < 2; i++)
    {
      g_assert_true (sc_results_merge_remote (db, alice, remote, 20, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpint (sc_results_count (db, alice, &error), ==, 2);
  r = sc_results_get (db, alice, remote->uuid, &error);
  g_assert_no_error (error);
  g_assert_true (r->synced);
  g_assert_false (r->deleted);
  g_assert_cmpint (r->server_seq, ==, 20);
  g_assert_cmpstr (r->created_at, ==, "2026-11-24T10:00:00Z");
  g_assert_cmpfloat (r->forecasts[1].actual, ==, 227.5);
  g_clear_pointer (&r, sc_result_unref);

  /* A remote tombstone wins. */
  remote->deleted = TRUE;
  g_assert_true (sc_results_merge_remote (db, alice, remote, 21, &error));
  r = sc_results_get (db, alice, remote->uuid, &error);
  g_assert_true (r->deleted);
  g_assert_true (r->synced);
  g_assert_cmpint (r->server_seq, ==, 21);
  g_clear_pointer (&r, sc_result_unref);

  /* And a resurrection from an older copy does not undo it. */
  remote->deleted = FALSE;
  g_assert_true (sc_results_merge_remote (db, alice, remote, 19, &error));
  r = sc_results_get (db, alice, remote->uuid, &error);
  g_assert_true (r->deleted);
  g_assert_cmpint (r->server_seq, ==, 21);
  g_clear_pointer (&r, sc_result_unref);

  /* A local deletion the server does not have yet stays to be pushed. */
  g_assert_true (sc_results_delete (db, alice, u2, &error));
  {
    g_autoptr(ScResult) local = sc_results_get (db, alice, u2, &error);
    g_autoptr(ScResult) copy = NULL;
    g_autofree char *json = NULL;

    local->deleted = FALSE;
    json = sc_result_to_json (local, SC_RESULT_JSON_DEFAULT);
    copy = sc_result_new_from_json (json, -1, &error);
    g_assert_no_error (error);
    g_assert_true (sc_results_merge_remote (db, alice, copy, 30, &error));
  }
  g_clear_pointer (&unsynced, g_ptr_array_unref);
  unsynced = sc_results_list_unsynced (db, alice, &error);
  g_assert_nonnull (find (unsynced, u2));
  g_assert_true (find (unsynced, u2)->deleted);

  /* Sync state is per user: the same uuid for another user is separate. */
  {
    gint64 bob = add_user (db, "bob");
    g_autoptr(GPtrArray) bobs = NULL;

    remote->deleted = FALSE;
    g_assert_true (sc_results_merge_remote (db, bob, remote, 1, &error));
    bobs = sc_results_list (db, bob, SC_RESULTS_LIST_DEFAULT, 0, 0, &error);
    g_assert_cmpuint (bobs->len, ==, 1);
  }
}

static void
test_injection_strings (void)
{
  g_autoptr(ScDb) db = open_fresh_db ();
  gint64 alice = add_user (db, "x'); DROP TABLE results; --");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  /* Quotes and SQL text are no tickers (sc_validate_ticker); what is left
   * of SQL's special characters, LIKE's "_" and "&", must still work. */
  const char *refused[] = { "X';DROP/**/TABLE/**/results;--", "\"OR\"1\"=\"1", "%" };
  const char *tickers[] = { "_", "M&M.NS" };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(ScPrediction) p = make_prediction (refused[i], "2020-12-11", 1);

      g_assert_null (sc_results_save (db, alice, p, &error));
      g_assert_error (error, SC_ERROR, SC_ERROR_DATA);
      g_clear_error (&error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (tickers); i++)
    {
      g_autofree char *uuid = save (db, alice, tickers[i], "2020-12-11", 1);
      g_autoptr(ScResult) r = sc_results_get (db, alice, uuid, &error);
      g_autofree char *upper = g_ascii_strup (tickers[i], -1);

      g_assert_no_error (error);
      g_assert_cmpstr (r->ticker, ==, upper);
      g_assert_cmpint (sc_results_fill_actuals (db, tickers[i], &error), ==, 0);
      g_assert_no_error (error);
    }

  list = sc_results_list (db, alice, SC_RESULTS_LIST_DEFAULT, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, G_N_ELEMENTS (tickers));

  g_assert_null (sc_results_get (db, alice, "' OR 1=1 --", &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_DATA);
}

/* --- crash safety ------------------------------------------------------- */

/* Runs in the child: saves results forever, reporting each commit on fd. */
static G_GNUC_NORETURN void
child_save_forever (const char *path,
                    gint64      user_id,
                    int         fd,
                    gboolean    hang_in_transaction,
                    guint       hang_after)
{
  g_autoptr(ScDb) db = sc_db_open (path, NULL);
  g_autoptr(ScPrediction) p = make_prediction ("MSFT", "2020-12-11", 213.26);

  if (db == NULL)
    _exit (3);

  for (guint i = 0;; i++)
    {
      g_autofree char *uuid = NULL;
      char byte = 1;

      if (hang_in_transaction && i == hang_after)
        {
          /* Half a result: the row without its forecasts, never committed. */
          if (!sc_db_begin (db, NULL) ||
              !sc_db_exec (db,
                           "INSERT INTO results (uuid, user_id, ticker, created_at, model, as_of, last_close) "
                           "SELECT '00000000-0000-4000-8000-000000000000', user_id, 'HALF', "
                           "created_at, model, as_of, last_close FROM results LIMIT 1;"
                           "UPDATE result_forecasts SET price = -1;", NULL))
            _exit (4);
          byte = 2;
          if (write (fd, &byte, 1) != 1)
            _exit (5);
          for (;;)
            pause ();
        }

      uuid = sc_results_save (db, user_id, p, NULL);
      if (uuid == NULL)
        _exit (6);
      if (write (fd, &byte, 1) != 1)
        _exit (5);
    }
}

static void
check_kill (gboolean hang_in_transaction)
{
  g_autofree char *path = NULL;
  g_autoptr(ScDb) db = open_fresh_db ();
  g_autoptr(GError) error = NULL;
  gint64 alice = add_user (db, "alice");
  int fds[2];
  pid_t pid;
  guint committed = 0;
  int status;
  char byte;

  path = g_strdup (sc_db_get_path (db));
  g_clear_pointer (&db, sc_db_unref);

  g_assert_cmpint (pipe (fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      close (fds[0]);
      child_save_forever (path, alice, fds[1], hang_in_transaction, 30);
    }
  close (fds[1]);

  /* Let it commit a number of results, then kill it without warning:
   * while it is in the middle of one (hang_in_transaction), or wherever it
   * happens to be. */
  while (read (fds[0], &byte, 1) == 1)
    {
      if (byte == 2)
        break;
      committed++;
      if (!hang_in_transaction && committed == 40)
        break;
    }
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  close (fds[0]);

  db = sc_db_open (path, &error);
  g_assert_no_error (error);
  sc_test_db_assert_integrity (db);

  /* Everything reported as committed is there, whole. */
  g_assert_cmpint (sc_test_db_query_int (db, "SELECT count(*) FROM results"), >=, committed);
  g_assert_cmpint (sc_test_db_query_int (db, "SELECT count(*) FROM results r WHERE "
                              "(SELECT count(*) FROM result_forecasts f WHERE f.result_id = r.id) != 3"), ==, 0);
  g_assert_cmpint (sc_test_db_query_int (db, "SELECT count(*) FROM results WHERE ticker = 'HALF'"), ==, 0);
  g_assert_cmpint (sc_test_db_query_int (db, "SELECT count(*) FROM result_forecasts WHERE price < 0"), ==, 0);
  if (hang_in_transaction)
    g_assert_cmpint (sc_test_db_query_int (db, "SELECT count(*) FROM results"), ==, committed);

  g_test_message ("killed after %u commits; %" G_GINT64_FORMAT " results on disk", committed,
                  sc_test_db_query_int (db, "SELECT count(*) FROM results"));
}

static void
test_kill_mid_transaction (void)
{
  check_kill (TRUE);
}

static void
test_kill_anywhere (void)
{
  check_kill (FALSE);
}

int
main (int   argc,
      char *argv[])
{
  sc_test_init (&argc, &argv);

  g_test_add_func ("/store/results/save-and-list", test_save_and_list);
  g_test_add_func ("/store/results/list-before", test_list_before);
  g_test_add_func ("/store/results/save-invalid", test_save_invalid);
  g_test_add_func ("/store/results/isolation", test_isolation);
  g_test_add_func ("/store/results/fill-actuals", test_fill_actuals);
  g_test_add_func ("/store/results/json", test_json);
  g_test_add_func ("/store/results/json-invalid", test_json_invalid);
  g_test_add_func ("/store/results/sync-state", test_sync_state);
  g_test_add_func ("/store/results/injection", test_injection_strings);
  g_test_add_func ("/store/results/kill-mid-transaction", test_kill_mid_transaction);
  g_test_add_func ("/store/results/kill-anywhere", test_kill_anywhere);

  return g_test_run ();
}
