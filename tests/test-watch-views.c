/* test-watch-views.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "sc-accounts.h"
#include "sc-app-test-util.h"
#include "sc-db.h"
#include "sc-scorecard-window.h"
#include "sc-test-util.h"
#include "sc-watchlist-window.h"

#define PASSWORD "correct horse battery\n"

static gint64 user_id;

/* One user with predictions made from MSFT prices up to 2016, then the
 * whole series imported so that the 10- and 60-day ones came due, and a
 * watchlist of three tickers with bundled sample prices. */
static void
make_profile (const char *name)
{
  g_autofree char *sample = g_build_filename (g_getenv ("STOCKCAST_SAMPLE_DIR"), "MSFT.csv", NULL);
  g_autofree char *early = g_build_filename (sc_test_get_tmpdir (), "MSFT-early.csv", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScDb) db = NULL;
  g_autoptr(ScUser) user = NULL;
  const char *models[] = { "linear-regression", "naive" };
  g_autofree char *err = NULL;
  g_autofree char *email = g_strdup_printf ("%s@example.org", name);

  /* Each test has its own isolated folders (G_TEST_OPTION_ISOLATE_DIRS):
   * the command line must write where the window's jobs read. */
  g_setenv ("XDG_DATA_HOME", g_get_user_data_dir (), TRUE);

  g_assert_true (g_file_get_contents (sample, &text, NULL, &error));
  lines = g_strsplit (text, "\n", 1500);
  g_free (lines[1499]);
  lines[1499] = NULL;
  g_clear_pointer (&text, g_free);
  text = g_strjoinv ("\n", lines);
  g_assert_true (g_file_set_contents (early, text, -1, &error));

  if (sc_test_run_cli (PASSWORD, NULL, &err, "account", "register", name,
                       "--email", email, "--password-stdin", NULL) != 0)
    g_error ("%s", err);
  (void) err;
  for (guint i = 0; i < G_N_ELEMENTS (models); i++)
    g_assert_cmpint (sc_test_run_cli (PASSWORD, NULL, NULL, "predict", "MSFT", "--csv", early, "--model", models[i],
                                      "--save", "--user", name, "--password-stdin", NULL), ==, 0);
  g_assert_cmpint (sc_test_run_cli (NULL, NULL, NULL, "import-csv", "MSFT", sample, NULL), ==, 0);
  g_assert_cmpint (sc_test_run_cli (PASSWORD, NULL, NULL, "watchlist", "add", "MSFT", "AAPL", "NVDA",
                                    "--user", name, "--password-stdin", NULL), ==, 0);

  db = sc_db_open (NULL, &error);
  g_assert_no_error (error);
  user = sc_accounts_login (db, name, "correct horse battery", &error);
  g_assert_no_error (error);
  user_id = user->id;
}

static const char *
cell (GtkGrid *grid,
      int      column,
      int      row)
{
  GtkWidget *label = gtk_grid_get_child_at (grid, column, row);

  g_assert_nonnull (label);
  return gtk_label_get_label (GTK_LABEL (label));
}

/* The view shows what `stockcast scorecard --json` says. */
static void
test_scorecard_agrees (void)
{
  g_autofree char *out = NULL;
  g_autofree char *shot = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *overall;
  JsonArray *by_model;
  ScScorecardWindow *window;
  GtkLabel *summary;
  GtkGrid *grid;
  guint n;
  g_autoptr(ScApplication) app = sc_app_test_new_application ();

  make_profile ("ann");
  g_assert_cmpint (sc_test_run_cli (PASSWORD, &out, NULL, "scorecard", "--user", "ann",
                                    "--password-stdin", "--json", NULL), ==, 0);
  node = json_from_string (out, &error);
  g_assert_no_error (error);
  overall = json_object_get_object_member (json_node_get_object (node), "overall");
  by_model = json_object_get_array_member (json_node_get_object (node), "by_model");
  n = json_array_get_length (by_model);
  g_assert_cmpint (json_object_get_int_member (overall, "due"), ==, 6);

  window = sc_scorecard_window_new (NULL, user_id, "ann");
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  summary = SC_CHILD (window, SC_TYPE_SCORECARD_WINDOW, "summary_label");
  grid = SC_CHILD (window, SC_TYPE_SCORECARD_WINDOW, "table");
  SC_WAIT_UNTIL (gtk_grid_get_child_at (grid, 0, 0) != NULL);

  g_assert_cmpstr (gtk_label_get_label (summary), ==, "ann’s predictions: 6 came due: too few to judge");
  for (guint i = 0; i < n; i++)
    {
      JsonObject *row = json_array_get_object_element (by_model, i);
      g_autofree char *due = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (row, "due"));

      g_assert_cmpstr (cell (grid, 0, i + 2), ==, json_object_get_string_member (row, "model"));
      g_assert_cmpstr (cell (grid, 2, i + 2), ==, due);
      if (json_object_get_null_member (row, "coverage"))
        g_assert_cmpstr (cell (grid, 3, i + 2), ==, "–");
      else
        {
          g_autofree char *share = g_strdup_printf ("%.0f%%", 100 * json_object_get_double_member (row, "coverage"));

          g_assert_cmpstr (cell (grid, 3, i + 2), ==, share);
        }
    }
  g_assert_cmpstr (cell (grid, 0, n + 2), ==, "All");
  g_assert_cmpstr (cell (grid, 2, n + 2), ==, "6");

  shot = sc_app_test_screenshot (GTK_WIDGET (window), "scorecard");
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (list)); c; c = gtk_widget_get_next_sibling (c))
    n++;
  return n;
}

/* Rows appear, Predict All fills them off the main thread, Cancel stops
 * it, adding and removing go through the store. */
static void
test_watchlist (void)
{
  g_autofree char *shot = NULL;
  ScWatchlistWindow *window;
  GtkListBox *list;
  AdwActionRow *row;

  g_autoptr(ScApplication) app = sc_app_test_new_application ();

  make_profile ("bob");
  window = sc_watchlist_window_new (NULL, user_id, "linear-regression");
  g_object_ref (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 420);
  gtk_window_present (GTK_WINDOW (window));
  list = SC_CHILD (window, SC_TYPE_WATCHLIST_WINDOW, "list_box");
  SC_WAIT_UNTIL (count_rows (list) == 3 || gtk_widget_get_visible (SC_CHILD (window, SC_TYPE_WATCHLIST_WINDOW, "message_label")));
  g_assert_cmpstr (gtk_label_get_label (SC_CHILD (window, SC_TYPE_WATCHLIST_WINDOW, "message_label")), ==, "");
  g_assert_cmpuint (count_rows (list), ==, 3);

  row = ADW_ACTION_ROW (gtk_widget_get_first_child (GTK_WIDGET (list)));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "MSFT");
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (row), "Last close 213.26 on 2020-12-11"));

  /* Cancel right after the start: the run ends cancelled. */
  gtk_widget_activate_action (GTK_WIDGET (window), "watchlist.predict-all", NULL);
  g_assert_true (sc_watchlist_window_get_busy (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "watchlist.cancel", NULL);
  SC_WAIT_UNTIL (!sc_watchlist_window_get_busy (window));
  g_assert_cmpstr (gtk_label_get_label (SC_CHILD (window, SC_TYPE_WATCHLIST_WINDOW, "message_label")), ==,
                   "Predict All was cancelled.");

  gtk_widget_activate_action (GTK_WIDGET (window), "watchlist.predict-all", NULL);
  g_assert_true (sc_watchlist_window_get_busy (window));
  /* The main loop keeps running meanwhile: this wait is that loop. */
  SC_WAIT_UNTIL (!sc_watchlist_window_get_busy (window));
  g_assert_cmpuint (count_rows (list), ==, 3);
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (list)); c; c = gtk_widget_get_next_sibling (c))
    {
      const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (c));

      /* no break inside one horizon's text */
      g_assert_true (g_str_has_prefix (subtitle, "10\u00a0d:\u00a0"));
      g_assert_nonnull (strstr (subtitle, "  ·  365\u00a0d:\u00a0"));
    }
  shot = sc_app_test_screenshot (GTK_WIDGET (window), "watchlist");

  gtk_editable_set_text (SC_CHILD (window, SC_TYPE_WATCHLIST_WINDOW, "ticker_entry"), "googl");
  g_signal_emit_by_name (SC_CHILD (window, SC_TYPE_WATCHLIST_WINDOW, "ticker_entry"), "activate");
  SC_WAIT_UNTIL (count_rows (list) == 4);
  row = ADW_ACTION_ROW (gtk_widget_get_last_child (GTK_WIDGET (list)));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "GOOGL");

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  sc_test_init (&argc, &argv);
  gtk_init ();
  adw_init ();

  g_test_add_func ("/app/scorecard/agrees-with-cli", test_scorecard_agrees);
  g_test_add_func ("/app/watchlist/predict-all", test_watchlist);

  return g_test_run ();
}
