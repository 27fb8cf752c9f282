/* test-app-window.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "sc-accounts.h"
#include "sc-app-test-util.h"
#include "sc-db.h"
#include "sc-history-item.h"
#include "sc-chart.h"
#include "sc-history-view.h"
#include "sc-prediction-pane.h"
#include "sc-quote-server.h"
#include "sc-result-card.h"
#include "sc-results.h"
#include "sc-test-util.h"
#include "sc-window.h"

static ScQuoteServer *server;

static gint64
register_user (const char *username)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScDb) db = sc_db_open (NULL, &error);
  g_autoptr(ScUser) user = NULL;
  g_autofree char *email = g_strdup_printf ("%s@example.org", username);
  char *code;

  g_assert_no_error (error);
  code = sc_accounts_register (db, username, email, "a long password", &user, &error);
  g_assert_no_error (error);
  sc_accounts_free_secret (code);

  return user->id;
}

static gint64
count_results (gint64 user_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScDb) db = sc_db_open (NULL, &error);
  gint64 n;

  g_assert_no_error (error);
  n = sc_results_count (db, user_id, &error);
  g_assert_no_error (error);

  return n;
}

typedef struct
{
  ScWindow         *window;
  ScPredictionPane *pane;
  ScHistoryView    *history;
  GListModel       *rows;
  gint64            user_id;
  AdwToast         *last_toast;
} Fixture;

static void
on_toast (gpointer  emitter,
          AdwToast *toast,
          Fixture  *fixture)
{
  g_set_object (&fixture->last_toast, toast);
}

static void
fixture_setup (Fixture       *fixture,
               ScApplication *app,
               const char    *username)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID_BASE);

  fixture->user_id = register_user (username);
  /* A remembered session is restored without the sign-in dialog. */
  g_settings_set_string (settings, "remembered-user", username);

  fixture->window = sc_window_new (app);
  g_object_ref_sink (fixture->window);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 800);
  gtk_window_present (GTK_WINDOW (fixture->window));
  sc_window_start_session (fixture->window);
  SC_WAIT_UNTIL (sc_window_get_user (fixture->window) != NULL);
  g_assert_null (sc_window_get_sign_in_dialog (fixture->window));

  fixture->pane = SC_CHILD (fixture->window, SC_TYPE_WINDOW, "prediction_pane");
  fixture->history = SC_CHILD (fixture->window, SC_TYPE_WINDOW, "history_view");
  fixture->rows = sc_history_view_get_model (fixture->history);
  SC_WAIT_UNTIL (!sc_history_view_get_loading (fixture->history));

  g_signal_connect (fixture->history, "toast", G_CALLBACK (on_toast), fixture);
  g_signal_connect (fixture->pane, "toast", G_CALLBACK (on_toast), fixture);
}

static void
fixture_teardown (Fixture *fixture)
{
  g_clear_object (&fixture->last_toast);
  gtk_window_close (GTK_WINDOW (fixture->window));
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_assert_finalize_object (fixture->window);
}

static const char *
pane_message (Fixture *fixture)
{
  return gtk_label_get_label (SC_CHILD (fixture->pane, SC_TYPE_PREDICTION_PANE, "message_label"));
}

/* The selected row's widget lies inside the visible part of the history. */
static GtkWidget *
find_selected_row (GtkWidget *widget)
{
  if (gtk_widget_get_mapped (widget) &&
      (gtk_widget_get_state_flags (widget) & GTK_STATE_FLAG_SELECTED) &&
      g_strcmp0 (gtk_widget_get_css_name (widget), "row") == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_selected_row (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
assert_selected_row_visible (Fixture *fixture)
{
  GtkWidget *row = NULL;
  graphene_rect_t bounds;
  GtkWidget *history = GTK_WIDGET (fixture->history);

  /* Scrolling to a row takes a frame or two. */
  SC_WAIT_UNTIL ((row = find_selected_row (history)) != NULL &&
                 gtk_widget_compute_bounds (row, history, &bounds) &&
                 bounds.origin.y >= 0 &&
                 bounds.origin.y + bounds.size.height <= gtk_widget_get_height (history) + 0.5);
}

static void
predict (Fixture    *fixture,
         const char *ticker)
{
  GtkEditable *entry = SC_CHILD (fixture->pane, SC_TYPE_PREDICTION_PANE, "ticker_entry");

  gtk_editable_set_text (entry, ticker);
  /* Enter in the ticker entry predicts. */
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (sc_prediction_pane_get_busy (fixture->pane));
}

/* The new prediction is the selected row, the card shows it, and its row
 * is in view. */
static void
assert_new_row_shown (Fixture    *fixture,
                      const char *ticker)
{
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (sc_history_view_get_selection (fixture->history));
  ScHistoryItem *item = gtk_single_selection_get_selected_item (selection);
  g_autofree char *card = sc_result_card_dup_text (SC_CHILD (fixture->pane, SC_TYPE_PREDICTION_PANE, "result_card"));
  GtkScrolledWindow *page = SC_CHILD (fixture->pane, SC_TYPE_PREDICTION_PANE, "page_scroller");

  g_assert_nonnull (item);
  g_assert_cmpstr (sc_history_item_get_ticker (item), ==, ticker);
  g_assert_cmpstr (sc_history_item_get_uuid (item), ==, sc_prediction_pane_get_shown_uuid (fixture->pane));
  g_assert_true (g_str_has_prefix (card, ticker));
  g_assert_false (sc_prediction_pane_get_stale (fixture->pane));
  /* The page is back at its top, where the ticker is. */
  g_assert_cmpfloat (gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (page)), ==, 0);
  assert_selected_row_visible (fixture);
}

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_set_object ((GAsyncResult **) user_data, result);
}

static void
test_predict_delete_export (void)
{
  g_autoptr(ScApplication) app = sc_app_test_new_application ();
  g_autofree char *url = sc_quote_server_get_url (server, "app-window");
  g_autofree char *card_text = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(GFile) csv_file = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GtkRevealer *progress;
  Fixture fixture = { 0 };

  g_setenv ("STOCKCAST_QUOTES_URL", url, TRUE);
  fixture_setup (&fixture, app, "dora");
  g_assert_cmpuint (g_list_model_get_n_items (fixture.rows), ==, 0);
  shot = sc_app_test_screenshot (GTK_WIDGET (fixture.window), "main-window-empty");

  /* From the fixture quote server: the card shows it, the history gets it. */
  predict (&fixture, "msft");
  /* Typed in lower case, shown as the ticker it is. */
  g_assert_cmpstr (gtk_editable_get_text (SC_CHILD (fixture.pane, SC_TYPE_PREDICTION_PANE, "ticker_entry")), ==, "MSFT");
  progress = SC_CHILD (fixture.pane, SC_TYPE_PREDICTION_PANE, "progress_revealer");
  g_assert_true (gtk_revealer_get_reveal_child (progress));
  SC_WAIT_UNTIL (!sc_prediction_pane_get_busy (fixture.pane));
  card_text = sc_result_card_dup_text (SC_CHILD (fixture.pane, SC_TYPE_PREDICTION_PANE, "result_card"));
  g_test_message ("card: %s\nmessage: %s", card_text, pane_message (&fixture));
  g_assert_nonnull (strstr (card_text, "MSFT"));
  g_assert_nonnull (strstr (card_text, "Yahoo Finance"));
  g_assert_nonnull (strstr (card_text, "In 10 trading days"));
  g_assert_nonnull (strstr (card_text, "80% range"));
  g_assert_nonnull (strstr (card_text, "“no change”"));
  g_assert_nonnull (strstr (card_text, "8 of 10 outcomes"));
  g_assert_null (strstr (card_text, "naive"));
  g_assert_cmpuint (g_list_model_get_n_items (fixture.rows), ==, 1);
  assert_new_row_shown (&fixture, "MSFT");
  g_assert_cmpint (count_results (fixture.user_id), ==, 1);
  g_free (shot);
  shot = sc_app_test_screenshot (GTK_WIDGET (fixture.window), "main-window-result");

  /* A ticker with no network answer falls back to the bundled sample, labelled so. */
  g_setenv ("STOCKCAST_QUOTES_URL", "http://127.0.0.1:9/no-network", TRUE);
  predict (&fixture, "AAPL");
  SC_WAIT_UNTIL (!sc_prediction_pane_get_busy (fixture.pane));
  g_free (card_text);
  card_text = sc_result_card_dup_text (SC_CHILD (fixture.pane, SC_TYPE_PREDICTION_PANE, "result_card"));
  g_test_message ("card: %s\nmessage: %s", card_text, pane_message (&fixture));
  g_assert_nonnull (strstr (card_text, "AAPL"));
  g_assert_nonnull (strstr (card_text, "Sample data"));
  g_assert_cmpuint (g_list_model_get_n_items (fixture.rows), ==, 2);
  assert_new_row_shown (&fixture, "AAPL");
  g_free (shot);
  shot = sc_app_test_screenshot (GTK_WIDGET (fixture.window), "main-window-sample");

  /* A slow download can be cancelled; nothing is saved. */
  g_free (url);
  url = sc_quote_server_get_url (server, "app-slow/slow30");
  g_setenv ("STOCKCAST_QUOTES_URL", url, TRUE);
  predict (&fixture, "GSPC");
  sc_app_test_spin (300);
  g_assert_true (sc_prediction_pane_get_busy (fixture.pane));
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "window.cancel", NULL);
  g_assert_false (sc_prediction_pane_get_busy (fixture.pane));
  sc_app_test_spin (500);
  g_assert_cmpuint (g_list_model_get_n_items (fixture.rows), ==, 2);
  g_assert_cmpint (count_results (fixture.user_id), ==, 2);

  /* Filter by ticker. */
  gtk_editable_set_text (SC_CHILD (fixture.history, SC_TYPE_HISTORY_VIEW, "search_entry"), "ms");
  SC_WAIT_UNTIL (g_list_model_get_n_items (fixture.rows) == 1);
  gtk_editable_set_text (SC_CHILD (fixture.history, SC_TYPE_HISTORY_VIEW, "search_entry"), "");
  SC_WAIT_UNTIL (g_list_model_get_n_items (fixture.rows) == 2);

  /* Export what is shown and read it back: a header and a line per forecast. */
  csv_path = g_build_filename (sc_test_get_tmpdir (), "history.csv", NULL);
  csv_file = g_file_new_for_path (csv_path);
  {
    g_autoptr(GAsyncResult) result = NULL;

    sc_history_view_export_async (fixture.history, csv_file, NULL,
                                  store_result, &result);
    SC_WAIT_UNTIL (result != NULL);
    g_assert_true (sc_history_view_export_finish (fixture.history, result, &error));
    g_assert_no_error (error);
  }
  g_file_get_contents (csv_path, &csv, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (csv, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "uuid,created_at,ticker,model,as_of,last_close,horizon,"));
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 2 * 3 + 1);
  g_assert_nonnull (strstr (csv, ",MSFT,naive,"));   /* the recommended model */
  g_assert_nonnull (strstr (csv, ",AAPL,naive,"));

  /* Selecting another row shows it in the card and the chart. */
  gtk_selection_model_select_item (sc_history_view_get_selection (fixture.history), 1, TRUE);
  g_free (card_text);
  card_text = sc_result_card_dup_text (SC_CHILD (fixture.pane, SC_TYPE_PREDICTION_PANE, "result_card"));
  g_assert_nonnull (strstr (card_text, "Saved prediction"));
  g_assert_nonnull (strstr (card_text, "MSFT"));
  g_assert_cmpstr (sc_chart_renderer_get_ticker (sc_chart_get_renderer (sc_prediction_pane_get_chart (fixture.pane))), ==, "MSFT");
  g_assert_cmpstr (sc_prediction_pane_get_shown_uuid (fixture.pane), ==,
                   sc_history_view_get_selected_uuid (fixture.history));

  /* Delete with Undo, then delete for good. */
  gtk_widget_activate_action (GTK_WIDGET (fixture.history), "history.delete", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (fixture.rows), ==, 1);
  g_assert_nonnull (fixture.last_toast);
  g_free (shot);
  shot = sc_app_test_screenshot (GTK_WIDGET (fixture.window), "main-window-deleted");
  g_signal_emit_by_name (fixture.last_toast, "button-clicked");
  g_assert_cmpuint (g_list_model_get_n_items (fixture.rows), ==, 2);
  adw_toast_dismiss (fixture.last_toast);
  sc_app_test_spin (300);
  g_assert_cmpint (count_results (fixture.user_id), ==, 2);

  /* Deleting the shown row moves card and chart to the row taking its place. */
  gtk_selection_model_select_item (sc_history_view_get_selection (fixture.history), 0, TRUE);
  g_assert_cmpstr (sc_chart_renderer_get_ticker (sc_chart_get_renderer (sc_prediction_pane_get_chart (fixture.pane))), ==, "AAPL");
  gtk_widget_activate_action (GTK_WIDGET (fixture.history), "history.delete", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (fixture.rows), ==, 1);
  g_assert_cmpstr (sc_chart_renderer_get_ticker (sc_chart_get_renderer (sc_prediction_pane_get_chart (fixture.pane))), ==, "MSFT");
  g_assert_cmpstr (sc_prediction_pane_get_shown_uuid (fixture.pane), ==,
                   sc_history_view_get_selected_uuid (fixture.history));
  adw_toast_dismiss (fixture.last_toast);
  SC_WAIT_UNTIL (count_results (fixture.user_id) == 1);

  /* Deleting the last row clears them. */
  gtk_widget_activate_action (GTK_WIDGET (fixture.history), "history.delete", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (fixture.rows), ==, 0);
  g_assert_null (sc_prediction_pane_get_shown_uuid (fixture.pane));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (SC_CHILD (fixture.pane, SC_TYPE_PREDICTION_PANE, "content_stack")), ==, "empty");
  g_assert_null (sc_chart_renderer_get_ticker (sc_chart_get_renderer (sc_prediction_pane_get_chart (fixture.pane))));
  adw_toast_dismiss (fixture.last_toast);
  SC_WAIT_UNTIL (count_results (fixture.user_id) == 0);

  fixture_teardown (&fixture);
}

static void
use_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  /* gettext caches its answers: this drops them. */
  textdomain (textdomain (NULL));
}

static void
test_errors_and_keyboard (void)
{
  g_autoptr(ScApplication) app = sc_app_test_new_application ();
  Fixture fixture = { 0 };
  GtkLabel *message;
  GtkRevealer *message_revealer;
  g_autofree char *shot = NULL;
  const char *text;

  g_setenv ("STOCKCAST_QUOTES_URL", "http://127.0.0.1:9/no-network", TRUE);
  fixture_setup (&fixture, app, "eve");
  message = SC_CHILD (fixture.pane, SC_TYPE_PREDICTION_PANE, "message_label");
  message_revealer = SC_CHILD (fixture.pane, SC_TYPE_PREDICTION_PANE, "message_revealer");

  /* A ticker nobody has, offline: what is missing and what works instead. */
  predict (&fixture, "ZZZZZ");
  SC_WAIT_UNTIL (!sc_prediction_pane_get_busy (fixture.pane));
  g_assert_true (gtk_revealer_get_reveal_child (message_revealer));
  text = gtk_label_get_label (message);
  g_test_message ("error: %s", text);
  g_assert_true (g_str_has_prefix (text, "No prices for ZZZZZ on this computer"));
  g_assert_nonnull (strstr (text, "AAPL, AMZN, GOOGL, MSFT, NVDA, SPY"));
  g_assert_null (strstr (text, "resolve"));
  g_assert_true (g_str_has_suffix (text, "."));
  g_assert_cmpuint (g_list_model_get_n_items (fixture.rows), ==, 0);
  shot = sc_app_test_screenshot (GTK_WIDGET (fixture.window), "main-window-error");

  /* After a result, a failed prediction sets it visibly aside. */
  predict (&fixture, "MSFT");
  SC_WAIT_UNTIL (!sc_prediction_pane_get_busy (fixture.pane));
  g_assert_false (sc_prediction_pane_get_stale (fixture.pane));
  predict (&fixture, "ZZZZZ");
  SC_WAIT_UNTIL (!sc_prediction_pane_get_busy (fixture.pane));
  g_assert_true (sc_prediction_pane_get_stale (fixture.pane));
  g_assert_nonnull (strstr (gtk_label_get_label (message), "The result below is the previous one."));
  g_free (shot);
  shot = sc_app_test_screenshot (GTK_WIDGET (fixture.window), "main-window-error-stale");

  /* The same, all in Traditional Chinese. */
  use_language ("zh_HK");
  predict (&fixture, "ZZZZZ");
  SC_WAIT_UNTIL (!sc_prediction_pane_get_busy (fixture.pane));
  text = gtk_label_get_label (message);
  g_test_message ("error in zh_HK: %s", text);
  g_assert_nonnull (strstr (text, "ZZZZZ"));
  g_assert_nonnull (strstr (text, "AAPL"));
  g_assert_nonnull (strstr (text, "這部電腦"));
  g_assert_null (strstr (text, "No prices"));
  g_assert_null (strstr (text, "previous"));
  g_free (shot);
  shot = sc_app_test_screenshot (GTK_WIDGET (fixture.window), "main-window-error-zh_HK");
  use_language ("C");

  /* Bad horizons are refused before anything runs. */
  gtk_editable_set_text (SC_CHILD (fixture.pane, SC_TYPE_PREDICTION_PANE, "horizons_entry"), "10, soon");
  gtk_editable_set_text (SC_CHILD (fixture.pane, SC_TYPE_PREDICTION_PANE, "ticker_entry"), "MSFT");
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "window.predict", NULL);
  g_assert_false (sc_prediction_pane_get_busy (fixture.pane));
  g_assert_nonnull (strstr (gtk_label_get_label (message), "soon"));

  /* Ctrl+L and Ctrl+F move the focus. */
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "window.find", NULL);
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (fixture.window)),
                                         SC_CHILD (fixture.history, SC_TYPE_HISTORY_VIEW, "search_entry")));
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "window.focus-ticker", NULL);
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (fixture.window)),
                                         SC_CHILD (fixture.pane, SC_TYPE_PREDICTION_PANE, "ticker_entry")));

  fixture_teardown (&fixture);
}

/* Saves n results for user_id as a prediction would; returns their uuids. */
static void
save_results (gint64     user_id,
              guint      n,
              GPtrArray *uuids)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScDb) db = sc_db_open (NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ScPrediction) p = sc_prediction_new ();
      const int horizons[] = { 10, 60, 365 };
      char *uuid;

      p->ticker = g_strdup_printf ("T%02u", i % 17);
      p->model_id = g_strdup ("linear-regression");
      p->source = g_strdup ("csv");
      p->as_of = 18600 + (ScDay) (i % 300);
      p->last_close = 100 + i % 50;
      p->n_forecasts = G_N_ELEMENTS (horizons);
      p->forecasts = g_new0 (ScForecast, p->n_forecasts);
      for (guint j = 0; j < p->n_forecasts; j++)
        {
          p->forecasts[j].horizon = horizons[j];
          p->forecasts[j].date = p->as_of + horizons[j] * 7 / 5;
          p->forecasts[j].price = p->last_close + j;
          p->forecasts[j].low = p->last_close - 5;
          p->forecasts[j].high = p->last_close + 10;
        }

      uuid = sc_results_save (db, user_id, p, &error);
      g_assert_no_error (error);
      if (uuids != NULL)
        g_ptr_array_add (uuids, uuid);
      else
        g_free (uuid);
    }
}

/* The rows shown, as uuids, checked to be each user's own and unique. */
static GPtrArray *
shown_uuids (GListModel *rows)
{
  GPtrArray *uuids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(ScHistoryItem) item = g_list_model_get_item (rows, i);
      char *uuid = g_strdup (sc_history_item_get_uuid (item));

      g_assert_true (g_hash_table_add (seen, uuid));
      g_ptr_array_add (uuids, uuid);
    }

  return uuids;
}

static void
assert_rows_are_history (GListModel *rows,
                         gint64      user_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScDb) db = sc_db_open (NULL, &error);
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GPtrArray) shown = shown_uuids (rows);

  g_assert_no_error (error);
  expected = sc_results_list (db, user_id, SC_RESULTS_LIST_DEFAULT, 0, 0, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (shown->len, ==, expected->len);
  for (guint i = 0; i < shown->len; i++)
    g_assert_cmpstr (g_ptr_array_index (shown, i), ==,
                     ((ScResult *) g_ptr_array_index (expected, i))->uuid);
}

static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action_name)
{
  if (GTK_IS_ACTIONABLE (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
count_tooltip_cells (GtkWidget *widget,
                     guint     *n_asked,
                     guint     *n_shown)
{
  if (gtk_widget_get_has_tooltip (widget) && GTK_IS_BOX (widget))
    {
      g_autoptr(GtkTooltip) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
      gboolean shown = FALSE;

      g_signal_emit_by_name (widget, "query-tooltip", 1, 1, FALSE, tooltip, &shown);
      (*n_asked)++;
      *n_shown += shown;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count_tooltip_cells (child, n_asked, n_shown);
}

/* A long history arrives page by page, newest first, in the order of the
 * store; a reload for someone else never shows the first user's rows. */
static void
test_history_pages (void)
{
  g_autoptr(ScApplication) app = sc_app_test_new_application ();
  g_autoptr(GPtrArray) gina_uuids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScUser) frank = NULL;
  g_autoptr(ScUser) gina = NULL;
  g_autoptr(ScResult) added = NULL;
  GtkLabel *count_label;
  GtkWidget *export_button;
  Fixture fixture = { 0 };
  const guint n = 2500;
  gint64 gina_id, start;
  guint first;

  gina_id = register_user ("gina");
  save_results (gina_id, 3, gina_uuids);
  {
    g_autoptr(ScDb) db = sc_db_open (NULL, &error);

    g_assert_no_error (error);
    gina = sc_accounts_lookup (db, "gina", &error);
    g_assert_no_error (error);
  }

  fixture_setup (&fixture, app, "frank");
  frank = sc_user_ref (sc_window_get_user (fixture.window));
  count_label = SC_CHILD (fixture.history, SC_TYPE_HISTORY_VIEW, "count_label");
  export_button = find_action_button (GTK_WIDGET (fixture.history), "history.export");
  g_assert_nonnull (export_button);
  start = g_get_monotonic_time ();
  save_results (fixture.user_id, n, NULL);
  g_test_message ("saved %u results in %.0f ms", n, (g_get_monotonic_time () - start) / 1e3);

  /* The first page shows while the rest is still loading. */
  start = g_get_monotonic_time ();
  sc_history_view_set_user (fixture.history, frank);
  g_assert_true (sc_history_view_get_loading (fixture.history));
  SC_WAIT_UNTIL (g_list_model_get_n_items (fixture.rows) > 0);
  first = g_list_model_get_n_items (fixture.rows);
  g_test_message ("first page: %u rows after %.1f ms", first, (g_get_monotonic_time () - start) / 1e3);
  g_assert_cmpuint (first, <, n);
  g_assert_true (sc_history_view_get_loading (fixture.history));
  /* Exporting waits for the whole history. */
  g_assert_false (gtk_widget_get_sensitive (export_button));
  SC_WAIT_UNTIL (!sc_history_view_get_loading (fixture.history));
  g_assert_true (gtk_widget_get_sensitive (export_button));
  g_test_message ("all %u rows after %.1f ms", g_list_model_get_n_items (fixture.rows),
                  (g_get_monotonic_time () - start) / 1e3);
  assert_rows_are_history (fixture.rows, fixture.user_id);
  g_assert_cmpstr (gtk_label_get_label (count_label), ==, "2500 predictions");

  /* Forecast and sync cells explain themselves when hovered. */
  {
    guint n_asked = 0, n_shown = 0;

    gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture.window));
    count_tooltip_cells (GTK_WIDGET (fixture.history), &n_asked, &n_shown);
    g_test_message ("%u cells with a tooltip, %u shown", n_asked, n_shown);
    g_assert_cmpuint (n_asked, >, 0);
    g_assert_cmpuint (n_shown, ==, n_asked);
  }

  /* A prediction saved while the pages come in shows once, at the top. */
  sc_history_view_set_user (fixture.history, frank);
  SC_WAIT_UNTIL (g_list_model_get_n_items (fixture.rows) > 0);
  g_assert_true (sc_history_view_get_loading (fixture.history));
  {
    g_autoptr(GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(ScDb) db = sc_db_open (NULL, &error);

    save_results (fixture.user_id, 1, uuids);
    added = sc_results_get (db, fixture.user_id, g_ptr_array_index (uuids, 0), &error);
    g_assert_no_error (error);
    sc_history_view_add (fixture.history, added);
  }
  SC_WAIT_UNTIL (!sc_history_view_get_loading (fixture.history));
  assert_rows_are_history (fixture.rows, fixture.user_id);
  g_assert_cmpuint (g_list_model_get_n_items (fixture.rows), ==, n + 1);
  shown = shown_uuids (fixture.rows);
  g_assert_cmpstr (g_ptr_array_index (shown, 0), ==, added->uuid);
  g_clear_pointer (&shown, g_ptr_array_unref);

  /* Added before the first page lands, and read in it too: still once. */
  sc_history_view_set_user (fixture.history, frank);
  sc_history_view_add (fixture.history, added);
  SC_WAIT_UNTIL (!sc_history_view_get_loading (fixture.history));
  assert_rows_are_history (fixture.rows, fixture.user_id);

  /* Another user while frank's pages are coming in, and before any came. */
  for (guint round = 0; round < 2; round++)
    {
      sc_history_view_set_user (fixture.history, frank);
      if (round == 0)
        SC_WAIT_UNTIL (g_list_model_get_n_items (fixture.rows) > 0);
      sc_history_view_set_user (fixture.history, gina);
      SC_WAIT_UNTIL (!sc_history_view_get_loading (fixture.history));
      /* Time for any page of frank's still on its way to land, if it could. */
      sc_app_test_spin (300);
      assert_rows_are_history (fixture.rows, gina_id);
      g_assert_cmpuint (g_list_model_get_n_items (fixture.rows), ==, 3);
      g_assert_cmpstr (gtk_label_get_label (count_label), ==, "3 predictions");
    }

  /* Back to frank: sorted by date, then by ticker over all the pages. */
  sc_history_view_set_user (fixture.history, frank);
  SC_WAIT_UNTIL (!sc_history_view_get_loading (fixture.history));
  assert_rows_are_history (fixture.rows, fixture.user_id);
  {
    GtkColumnView *view = SC_CHILD (fixture.history, SC_TYPE_HISTORY_VIEW, "column_view");
    GListModel *columns = gtk_column_view_get_columns (view);
    g_autoptr(GtkColumnViewColumn) ticker = g_list_model_get_item (columns, 1);
    g_autofree char *previous = NULL;

    gtk_column_view_sort_by_column (view, ticker, GTK_SORT_ASCENDING);
    g_assert_cmpuint (g_list_model_get_n_items (fixture.rows), ==, n + 1);
    for (guint i = 0; i < g_list_model_get_n_items (fixture.rows); i++)
      {
        g_autoptr(ScHistoryItem) item = g_list_model_get_item (fixture.rows, i);
        const char *t = sc_history_item_get_ticker (item);

        g_assert_true (previous == NULL || strcmp (previous, t) <= 0);
        g_free (previous);
        previous = g_strdup (t);
      }
  }

  fixture_teardown (&fixture);
}

/* After signing in the newest prediction is shown; a new one made while
 * the history is scrolled far down is selected and scrolled to. */
static void
test_new_prediction_in_view (void)
{
  g_autoptr(ScApplication) app = sc_app_test_new_application ();
  g_autoptr(GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);
  GtkAdjustment *adjustment;
  GtkScrolledWindow *scroller;
  Fixture fixture = { 0 };
  gint64 user_id;

  g_setenv ("STOCKCAST_QUOTES_URL", "http://127.0.0.1:9/no-network", TRUE);
  user_id = register_user ("hana");
  save_results (user_id, 40, uuids);
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID_BASE);

    g_settings_set_string (settings, "remembered-user", "hana");
  }
  fixture.window = sc_window_new (app);
  g_object_ref_sink (fixture.window);
  gtk_window_set_default_size (GTK_WINDOW (fixture.window), 1200, 800);
  gtk_window_present (GTK_WINDOW (fixture.window));
  sc_window_start_session (fixture.window);
  SC_WAIT_UNTIL (sc_window_get_user (fixture.window) != NULL);
  fixture.pane = SC_CHILD (fixture.window, SC_TYPE_WINDOW, "prediction_pane");
  fixture.history = SC_CHILD (fixture.window, SC_TYPE_WINDOW, "history_view");
  fixture.rows = sc_history_view_get_model (fixture.history);
  SC_WAIT_UNTIL (!sc_history_view_get_loading (fixture.history));

  /* Signed in: the latest prediction, not the empty page. */
  SC_WAIT_UNTIL (sc_prediction_pane_get_shown_uuid (fixture.pane) != NULL);
  g_assert_cmpstr (sc_prediction_pane_get_shown_uuid (fixture.pane), ==,
                   g_ptr_array_index (uuids, uuids->len - 1));
  g_assert_cmpstr (sc_history_view_get_selected_uuid (fixture.history), ==,
                   g_ptr_array_index (uuids, uuids->len - 1));

  /* Scrolled to the oldest rows, then a prediction. */
  scroller = SC_CHILD (fixture.history, SC_TYPE_HISTORY_VIEW, "table_scroller");
  adjustment = gtk_scrolled_window_get_vadjustment (scroller);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture.window));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture.window));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);
  {
    GtkScrolledWindow *page = SC_CHILD (fixture.pane, SC_TYPE_PREDICTION_PANE, "page_scroller");
    GtkAdjustment *page_adjustment = gtk_scrolled_window_get_vadjustment (page);

    /* The page scrolled down too: a new prediction starts at its top. */
    gtk_adjustment_set_value (page_adjustment, gtk_adjustment_get_upper (page_adjustment));
  }

  predict (&fixture, "NVDA");
  SC_WAIT_UNTIL (!sc_prediction_pane_get_busy (fixture.pane));
  g_assert_cmpuint (g_list_model_get_n_items (fixture.rows), ==, 41);
  assert_new_row_shown (&fixture, "NVDA");

  fixture_teardown (&fixture);
}

/* Every widget shown lies within the window's width, and every label has
 * at least its minimum width: nothing is cut off at the side. The chart
 * draws itself to its size and the table is not shown when narrow. */
static void
assert_nothing_clipped (GtkWidget *widget,
                        GtkWidget *window,
                        guint     *n_checked)
{
  graphene_rect_t bounds;
  int min_width = 0;

  if (!gtk_widget_get_mapped (widget) || GTK_IS_POPOVER (widget))
    return;

  g_assert_true (gtk_widget_compute_bounds (widget, window, &bounds));
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  /* A pixel or two of style (the header bar's edge) may lie outside. */
  if (g_getenv ("SC_DEBUG_WIDTHS"))
    g_printerr ("%*s%s %s#%s x %.0f w %d min %d\n", gtk_widget_get_width (widget) > 0 ? 0 : 0, "",
                G_OBJECT_TYPE_NAME (widget), gtk_widget_get_css_name (widget),
                gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), bounds.origin.x,
                gtk_widget_get_width (widget), min_width);
  if (!g_getenv ("SC_DEBUG_WIDTHS") && (bounds.origin.x < -2 ||
      bounds.origin.x + bounds.size.width > gtk_widget_get_width (window) + 2 ||
      /* A label given less than its minimum is cut text (other widgets'
       * minimums include CSS margins their width does not). */
      (GTK_IS_LABEL (widget) && gtk_widget_get_width (widget) < min_width)))
    g_error ("%s %s: x %.0f, width %d (minimum %d) in a window %d wide",
             G_OBJECT_TYPE_NAME (widget), gtk_widget_get_css_name (widget),
             bounds.origin.x, gtk_widget_get_width (widget), min_width, gtk_widget_get_width (window));
  (*n_checked)++;

  /* GTK's own insides (a menu button's toggle takes its padding off). */
  if (GTK_IS_COLUMN_VIEW (widget) || SC_IS_CHART (widget) || GTK_IS_MENU_BUTTON (widget) ||
      GTK_IS_DROP_DOWN (widget) || GTK_IS_SCROLLBAR (widget))
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_nothing_clipped (child, window, n_checked);
}

/* A phone-sized window: resized to 360×640 from outside, as a window
 * manager (or xdotool, without one) does, it takes the narrow layout and
 * everything fits. */
static void
test_narrow (void)
{
  g_autoptr(ScApplication) app = sc_app_test_new_application ();
  g_autofree char *shot = NULL;
  g_autofree char *xid = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  Fixture fixture = { 0 };
  GdkSurface *surface;
  guint n_checked = 0;
  int status = 0;

#ifdef GDK_WINDOWING_X11
  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
#endif
    {
      g_test_skip ("Needs an X11 display (xvfb-run)");
      return;
    }
  if (g_find_program_in_path ("xdotool") == NULL)
    {
      g_test_skip ("Needs xdotool");
      return;
    }

  g_setenv ("STOCKCAST_QUOTES_URL", "http://127.0.0.1:9/no-network", TRUE);
  fixture_setup (&fixture, app, "ines");
  predict (&fixture, "AAPL");
  SC_WAIT_UNTIL (!sc_prediction_pane_get_busy (fixture.pane));
  predict (&fixture, "MSFT");
  SC_WAIT_UNTIL (!sc_prediction_pane_get_busy (fixture.pane));
  g_assert_false (sc_prediction_pane_get_narrow (fixture.pane));

#ifdef GDK_WINDOWING_X11
  surface = gtk_native_get_surface (GTK_NATIVE (fixture.window));
  xid = g_strdup_printf ("%lu", (unsigned long) gdk_x11_surface_get_xid (surface));
#endif
  {
    const char *argv[] = { "xdotool", "windowsize", xid, "360", "640", NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }

  SC_WAIT_UNTIL (gtk_widget_get_width (GTK_WIDGET (fixture.window)) <= 400);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture.window));
  g_test_message ("window %d×%d", gtk_widget_get_width (GTK_WIDGET (fixture.window)),
                  gtk_widget_get_height (GTK_WIDGET (fixture.window)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture.window)), <=, 400);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (fixture.window)), <=, 640);
  g_assert_true (sc_prediction_pane_get_narrow (fixture.pane));
  g_assert_true (sc_history_view_get_narrow (fixture.history));

  shot = sc_app_test_screenshot (GTK_WIDGET (fixture.window), "main-window-narrow");
  assert_nothing_clipped (gtk_window_get_child (GTK_WINDOW (fixture.window)), GTK_WIDGET (fixture.window), &n_checked);
  g_test_message ("%u widgets fit", n_checked);
  g_assert_cmpuint (n_checked, >, 50);
  /* The new prediction is still the selected row, in view in the list. */
  assert_new_row_shown (&fixture, "MSFT");

  /* And back to the wide layout. */
  {
    const char *argv[] = { "xdotool", "windowsize", xid, "1100", "760", NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
  }
  SC_WAIT_UNTIL (gtk_widget_get_width (GTK_WIDGET (fixture.window)) >= 1000);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture.window));
  g_assert_false (sc_prediction_pane_get_narrow (fixture.pane));
  n_checked = 0;
  assert_nothing_clipped (gtk_window_get_child (GTK_WINDOW (fixture.window)), GTK_WIDGET (fixture.window), &n_checked);

  fixture_teardown (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  sc_test_init (&argc, &argv);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("STOCKCAST_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  gtk_init ();
  adw_init ();

  server = sc_quote_server_start ();

  g_test_add_func ("/app/window/predict-delete-export", test_predict_delete_export);
  g_test_add_func ("/app/window/errors-and-keyboard", test_errors_and_keyboard);
  g_test_add_func ("/app/window/history-pages", test_history_pages);
  g_test_add_func ("/app/window/new-prediction-in-view", test_new_prediction_in_view);
  g_test_add_func ("/app/window/narrow", test_narrow);

  status = g_test_run ();
  sc_quote_server_stop (server);

  return status;
}
