/* bench-history.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Times the history queries on a database holding N results (default
 * 100,000, three horizons each) for one user, next to a second user with a
 * tenth as many. Usage: bench-history [N] [REPEATS] */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "sc-accounts.h"
#include "sc-db-private.h"
#include "sc-results.h"
#include "sc-service.h"

#define N_TICKERS 20

static const int horizons[] = { 10, 60, 365 };

static void
die (GError *error)
{
  fprintf (stderr, "bench-history: %s\n", error->message);
  exit (1);
}

static gint64
add_user (ScDb       *db,
          const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScUser) user = NULL;
  g_autofree char *email = g_strdup_printf ("%s@example.org", name);
  char *code = sc_accounts_register (db, name, email, "benchmark password", &user, &error);

  if (code == NULL)
    die (error);
  sc_accounts_free_secret (code);
  return user->id;
}

/* Bulk insert in one transaction, the same rows sc_results_save() writes
 * (one transaction per result would measure fsync, not the query). */
static void
fill (ScDb   *db,
      gint64  user_id,
      guint   n)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *result, *forecast;
  GRand *rand = g_rand_new_with_seed (42 + user_id);

  if (!sc_db_begin (db, &error))
    die (error);

  result = sc_db_prepare (db,
                          "INSERT INTO results (uuid, user_id, ticker, created_at, model, as_of, last_close) "
                          "VALUES (?1, ?2, ?3, ?4, 'linear-regression', ?5, ?6)", &error);
  if (result == NULL)
    die (error);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *ticker = g_strdup_printf ("T%02u", g_rand_int_range (rand, 0, N_TICKERS));
      g_autoptr(GDateTime) created = g_date_time_new_from_unix_utc (1600000000 + (gint64) i * 600);
      g_autofree char *created_text = g_date_time_format (created, "%Y-%m-%dT%H:%M:%SZ");
      ScDay as_of = 16000 + (ScDay) (i % 2000);
      g_autofree char *as_of_text = sc_day_format (as_of);
      double close = 100 + g_rand_double (rand) * 50;
      gint64 id;

      sqlite3_bind_text (result, 1, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (result, 2, user_id);
      sqlite3_bind_text (result, 3, ticker, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (result, 4, created_text, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (result, 5, as_of_text, -1, SQLITE_TRANSIENT);
      sqlite3_bind_double (result, 6, close);
      if (sqlite3_step (result) != SQLITE_DONE)
        {
          sc_db_set_error (db, &error, "Inserting");
          die (error);
        }
      sqlite3_reset (result);
      id = sqlite3_last_insert_rowid (sc_db_get_handle (db));

      forecast = sc_db_prepare (db,
                                "INSERT INTO result_forecasts (result_id, horizon, target_date, price, low, high) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", &error);
      if (forecast == NULL)
        die (error);
      for (guint h = 0; h < G_N_ELEMENTS (horizons); h++)
        {
          g_autofree char *target = sc_day_format (as_of + horizons[h] * 7 / 5);

          sqlite3_bind_int64 (forecast, 1, id);
          sqlite3_bind_int (forecast, 2, horizons[h]);
          sqlite3_bind_text (forecast, 3, target, -1, SQLITE_TRANSIENT);
          sqlite3_bind_double (forecast, 4, close * 1.01);
          sqlite3_bind_double (forecast, 5, close * 0.95);
          sqlite3_bind_double (forecast, 6, close * 1.07);
          if (sqlite3_step (forecast) != SQLITE_DONE)
            {
              sc_db_set_error (db, &error, "Inserting");
              die (error);
            }
          sqlite3_reset (forecast);
        }
    }

  if (!sc_db_commit (db, &error))
    die (error);
  g_rand_free (rand);
}

/* 10 years of weekday closes for every ticker, as the cache would hold. */
static void
fill_prices (ScDb *db)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *series, *price;

  if (!sc_db_begin (db, &error))
    die (error);
  series = sc_db_prepare (db, "INSERT INTO price_series (ticker, source, refreshed_at) VALUES (?1, 'yahoo', 1)", &error);
  price = sc_db_prepare (db, "INSERT INTO prices (ticker, source, date, close) VALUES (?1, 'yahoo', ?2, ?3)", &error);
  if (series == NULL || price == NULL)
    die (error);

  for (guint t = 0; t < N_TICKERS; t++)
    {
      g_autofree char *ticker = g_strdup_printf ("T%02u", t);

      sqlite3_bind_text (series, 1, ticker, -1, SQLITE_TRANSIENT);
      sqlite3_step (series);
      sqlite3_reset (series);
      for (ScDay d = 15900; d < 15900 + 3652; d++)
        {
          g_autofree char *date = NULL;

          if (sc_day_weekday (d) > 5)
            continue;
          date = sc_day_format (d);
          sqlite3_bind_text (price, 1, ticker, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (price, 2, date, -1, SQLITE_TRANSIENT);
          sqlite3_bind_double (price, 3, 100 + (d % 97));
          sqlite3_step (price);
          sqlite3_reset (price);
        }
    }

  if (!sc_db_commit (db, &error))
    die (error);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

typedef enum { LIST_ALL, LIST_PAGE, VIEW_ONCE, VIEW_FIRST, VIEW_ALL, COUNT, UNSYNCED, FILL, FILL_ONE } What;

/* What the history view does (src/app/sc-history-jobs.c, through
 * sc_service_read_history(), src/service/sc-service-history.c): a
 * connection of its own, then keyset pages of 50, 1000, 1000, … newest
 * first; before paging it read everything at once (VIEW_ONCE). */
#define VIEW_FIRST_PAGE 50
#define VIEW_PAGE       1000

static const char *db_path;

static GPtrArray *
view_load (gint64    user_id,
           What      what,
           GError  **error)
{
  g_autoptr(ScDb) db = sc_db_open (db_path, error);
  g_autoptr(ScService) service = sc_service_new (db_path, NULL);
  g_autoptr(ScHistoryCursor) cursor = sc_history_cursor_new (user_id);
  g_autoptr(GPtrArray) all = NULL;
  guint limit = VIEW_FIRST_PAGE;

  if (db == NULL)
    return NULL;
  if (what == VIEW_ONCE)
    return sc_results_list (db, user_id, SC_RESULTS_LIST_DEFAULT, 0, 0, error);

  all = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_result_unref);
  for (;;)
    {
      g_autoptr(GPtrArray) page = sc_service_read_history (service, db, cursor, limit, error);

      if (page == NULL)
        return NULL;
      g_ptr_array_extend_and_steal (all, g_steal_pointer (&page));
      if (what == VIEW_FIRST || sc_history_cursor_is_done (cursor))
        break;
      limit = VIEW_PAGE;
    }

  return g_steal_pointer (&all);
}

static double
run_once (ScDb   *db,
          gint64  user_id,
          What    what,
          guint  *out_n,
          double *out_cpu_ms)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  gint64 start = g_get_monotonic_time ();
  clock_t cpu_start = clock ();

  switch (what)
    {
    case LIST_ALL:
      results = sc_results_list (db, user_id, SC_RESULTS_LIST_DEFAULT, 0, 0, &error);
      break;
    case LIST_PAGE:
      results = sc_results_list (db, user_id, SC_RESULTS_LIST_DEFAULT, 0, 100, &error);
      break;
    case VIEW_ONCE:
    case VIEW_FIRST:
    case VIEW_ALL:
      results = view_load (user_id, what, &error);
      break;
    case UNSYNCED:
      results = sc_results_list_unsynced (db, user_id, &error);
      break;
    case COUNT:
      *out_n = (guint) sc_results_count (db, user_id, &error);
      break;
    case FILL:
    case FILL_ONE:
      {
        int n = sc_results_fill_actuals (db, what == FILL ? NULL : "T07", &error);

        if (n < 0)
          die (error);
        *out_n = (guint) n;
      }
      break;
    }

  if (error != NULL)
    die (error);
  if (results != NULL)
    *out_n = results->len;

  *out_cpu_ms = (clock () - cpu_start) * 1000.0 / CLOCKS_PER_SEC;
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
measure (ScDb       *db,
         gint64      user_id,
         What        what,
         const char *label,
         guint       repeats)
{
  g_autofree double *ms = g_new (double, repeats);
  g_autofree double *cpu = g_new (double, repeats);
  guint n = 0;

  for (guint i = 0; i < repeats; i++)
    ms[i] = run_once (db, user_id, what, &n, &cpu[i]);
  qsort (ms, repeats, sizeof (double), compare_doubles);
  qsort (cpu, repeats, sizeof (double), compare_doubles);

  printf ("%-46s %7u %9.2f %9.2f %9.2f %9.2f\n", label, n,
          ms[0], ms[repeats / 2], ms[repeats - 1], cpu[repeats / 2]);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScDb) db = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 100000;
  guint repeats = argc > 2 ? (guint) atoi (argv[2]) : 5;
  gint64 alice, bob, start;

  if (n == 0 || repeats == 0)
    {
      fprintf (stderr, "Usage: bench-history [N_RESULTS] [REPEATS]\n");
      return 1;
    }

  dir = g_dir_make_tmp ("stockcast-bench-XXXXXX", &error);
  if (dir == NULL)
    die (error);
  path = g_build_filename (dir, "bench.db", NULL);
  db_path = path;
  db = sc_db_open (path, &error);
  if (db == NULL)
    die (error);

  alice = add_user (db, "alice");
  bob = add_user (db, "bob");

  start = g_get_monotonic_time ();
  fill (db, alice, n);
  fill (db, bob, n / 10);
  fill_prices (db);
  printf ("# %u results for alice, %u for bob, 3 horizons each; filled in %.1f s; SQLite %s\n",
          n, n / 10, (g_get_monotonic_time () - start) / 1e6, sqlite3_libversion ());
  printf ("%-46s %7s %9s %9s %9s %9s\n", "# query (wall-clock ms; CPU ms of this process)",
          "rows", "min", "median", "max", "CPU med");

  measure (db, alice, COUNT, "count (sc_results_count)", repeats);
  measure (db, alice, LIST_PAGE, "newest 100 (sc_results_list, limit 100)", repeats);
  measure (db, alice, LIST_ALL, "whole history (sc_results_list, no limit)", repeats);
  measure (db, alice, VIEW_ONCE, "view before: open, whole history at once", repeats);
  measure (db, alice, VIEW_FIRST, "view: open, first page (list_before, 50)", repeats);
  measure (db, alice, VIEW_ALL, "view: open, all pages (50, then 1000 each)", repeats);
  measure (db, alice, UNSYNCED, "unsynced (sc_results_list_unsynced)", repeats);
  measure (db, alice, FILL_ONE, "fill actuals, one ticker (after its refresh)", 1);
  measure (db, alice, FILL, "fill actuals, all tickers (first = real work)", 1);
  measure (db, alice, FILL, "fill actuals again (nothing left to fill)", repeats);
  measure (db, alice, FILL_ONE, "fill actuals again, one ticker", repeats);

  g_clear_pointer (&db, sc_db_unref);
  if (g_getenv ("STOCKCAST_BENCH_KEEP") != NULL)
    {
      printf ("# kept %s\n", path);
      return 0;
    }
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
    g_unlink (path);
    g_rmdir (dir);
  }
  return 0;
}
