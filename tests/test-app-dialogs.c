/* test-app-dialogs.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "sc-accounts.h"
#include "sc-app-test-util.h"
#include "sc-db.h"
#include "sc-password-dialog.h"
#include "sc-preferences-window.h"
#include "sc-register-dialog.h"
#include "sc-recovery-code-view.h"
#include "sc-sign-in-dialog.h"
#include "sc-test-util.h"
#include "sc-window.h"

static char *
register_user (const char *username,
               const char *password)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScDb) db = sc_db_open (NULL, &error);
  g_autofree char *email = g_strdup_printf ("%s@example.org", username);
  char *code;

  g_assert_no_error (error);
  code = sc_accounts_register (db, username, email, password, NULL, &error);
  g_assert_no_error (error);

  return code;
}

static gboolean
has_focus_within (GtkWindow *window,
                  gpointer   widget)
{
  GtkWidget *focus = gtk_window_get_focus (window);

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static ScWindow *
new_window (ScApplication *app)
{
  ScWindow *window = sc_window_new (app);

  g_object_ref_sink (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  return window;
}

static void
close_window (ScWindow *window)
{
  gtk_window_close (GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_sign_in (void)
{
  g_autoptr(ScApplication) app = sc_app_test_new_application ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID_BASE);
  g_autofree char *code = register_user ("alice", "correct horse battery");
  g_autofree char *shot = NULL;
  GtkWindow *dialog;
  GtkRevealer *error_revealer;
  GtkLabel *error_label;
  ScWindow *window;
  gpointer username_row;
  gpointer password_row;

  g_settings_set_string (settings, "remembered-user", "");
  window = new_window (app);
  sc_window_start_session (window);

  dialog = sc_window_get_sign_in_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_true (SC_IS_SIGN_IN_DIALOG (dialog));
  g_assert_true (gtk_window_get_modal (dialog));
  g_assert_nonnull (strstr (gtk_window_get_title (dialog), "Stockcast"));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));

  username_row = SC_CHILD (dialog, SC_TYPE_SIGN_IN_DIALOG, "username_row");
  password_row = SC_CHILD (dialog, SC_TYPE_SIGN_IN_DIALOG, "password_row");
  error_revealer = SC_CHILD (dialog, SC_TYPE_SIGN_IN_DIALOG, "error_revealer");
  error_label = SC_CHILD (dialog, SC_TYPE_SIGN_IN_DIALOG, "error_label");

  /* The username has the focus; Enter there moves on to the password. */
  g_assert_true (has_focus_within (dialog, username_row));
  gtk_editable_set_text (username_row, "alice");
  g_signal_emit_by_name (username_row, "entry-activated");
  g_assert_true (has_focus_within (dialog, password_row));

  /* A wrong password: the dialog stays and says why. */
  gtk_editable_set_text (password_row, "wrong password");
  g_signal_emit_by_name (password_row, "entry-activated");
  SC_WAIT_UNTIL (gtk_revealer_get_reveal_child (error_revealer));
  g_assert_cmpstr (gtk_label_get_label (error_label), !=, "");
  g_assert_null (sc_window_get_user (window));
  g_assert_true (sc_window_get_sign_in_dialog (window) == dialog);
  g_assert_cmpstr (gtk_editable_get_text (password_row), ==, "");
  shot = sc_app_test_screenshot (GTK_WIDGET (dialog), "sign-in-wrong-password");

  /* The right one signs in and, as the box is ticked, is remembered. */
  gtk_editable_set_text (password_row, "correct horse battery");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "sign-in.sign-in", NULL);
  SC_WAIT_UNTIL (sc_window_get_user (window) != NULL);
  g_assert_cmpstr (sc_window_get_user (window)->username, ==, "alice");
  g_assert_null (sc_window_get_sign_in_dialog (window));
  g_assert_true (g_settings_get_string (settings, "remembered-user") != NULL);
  {
    g_autofree char *remembered = g_settings_get_string (settings, "remembered-user");

    g_assert_cmpstr (remembered, ==, "alice");
  }

  /* Signing out forgets the session and asks again. */
  gtk_widget_activate_action (GTK_WIDGET (window), "window.sign-out", NULL);
  g_assert_null (sc_window_get_user (window));
  g_assert_nonnull (sc_window_get_sign_in_dialog (window));
  {
    g_autofree char *remembered = g_settings_get_string (settings, "remembered-user");

    g_assert_cmpstr (remembered, ==, "");
  }

  close_window (window);
}

static void
test_sign_in_throttled (void)
{
  g_autoptr(ScApplication) app = sc_app_test_new_application ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID_BASE);
  g_autofree char *code = register_user ("frank", "correct horse battery");
  g_autofree char *shot = NULL;
  GtkWindow *dialog;
  GtkRevealer *error_revealer;
  GtkLabel *error_label;
  ScWindow *window;
  gpointer password_row;

  g_settings_set_string (settings, "remembered-user", "");
  window = new_window (app);
  sc_window_start_session (window);
  dialog = sc_window_get_sign_in_dialog (window);
  password_row = SC_CHILD (dialog, SC_TYPE_SIGN_IN_DIALOG, "password_row");
  error_revealer = SC_CHILD (dialog, SC_TYPE_SIGN_IN_DIALOG, "error_revealer");
  error_label = SC_CHILD (dialog, SC_TYPE_SIGN_IN_DIALOG, "error_label");
  gtk_editable_set_text (SC_CHILD (dialog, SC_TYPE_SIGN_IN_DIALOG, "username_row"), "frank");

  /* After the free attempts even the right password waits, and the dialog says so. */
  for (int i = 0; i <= SC_ACCOUNTS_FREE_ATTEMPTS; i++)
    {
      gtk_editable_set_text (password_row, i < SC_ACCOUNTS_FREE_ATTEMPTS ? "wrong" : "correct horse battery");
      gtk_widget_activate_action (GTK_WIDGET (dialog), "sign-in.sign-in", NULL);
      SC_WAIT_UNTIL (gtk_revealer_get_reveal_child (error_revealer));
      g_test_message ("attempt %d: %s", i + 1, gtk_label_get_label (error_label));
    }
  g_assert_nonnull (strstr (gtk_label_get_label (error_label), "try again"));
  g_assert_null (sc_window_get_user (window));
  shot = sc_app_test_screenshot (GTK_WIDGET (dialog), "sign-in-throttled");

  close_window (window);
}

static void
test_register (void)
{
  g_autoptr(ScApplication) app = sc_app_test_new_application ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID_BASE);
  g_autofree char *shot = NULL;
  GtkWindow *sign_in;
  GtkWindow *dialog;
  ScWindow *window;
  GtkWidget *create_button;
  GtkLabel *hint_label;
  GtkStack *stack;
  ScRecoveryCodeView *code_view;
  g_autofree char *code = NULL;
  g_autoptr(GRegex) code_shape = g_regex_new ("^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}$", 0, 0, NULL);

  g_settings_set_string (settings, "remembered-user", "");
  window = new_window (app);
  sc_window_start_session (window);
  sign_in = sc_window_get_sign_in_dialog (window);
  g_assert_nonnull (sign_in);

  gtk_widget_activate_action (GTK_WIDGET (sign_in), "sign-in.create-account", NULL);
  dialog = sc_app_test_find_window (SC_TYPE_REGISTER_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (gtk_window_get_title (dialog), "Stockcast"));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));

  create_button = SC_CHILD (dialog, SC_TYPE_REGISTER_DIALOG, "create_button");
  hint_label = SC_CHILD (dialog, SC_TYPE_REGISTER_DIALOG, "hint_label");
  stack = SC_CHILD (dialog, SC_TYPE_REGISTER_DIALOG, "stack");
  code_view = SC_CHILD (dialog, SC_TYPE_REGISTER_DIALOG, "code_view");

  /* Nothing typed: nothing to send, nothing to complain about yet. */
  g_assert_false (gtk_widget_get_sensitive (create_button));

  /* Invalid input is flagged as it is typed. */
  gtk_editable_set_text (SC_CHILD (dialog, SC_TYPE_REGISTER_DIALOG, "username_row"), "bob");
  gtk_editable_set_text (SC_CHILD (dialog, SC_TYPE_REGISTER_DIALOG, "email_row"), "not an address");
  g_assert_true (gtk_widget_has_css_class (SC_CHILD (dialog, SC_TYPE_REGISTER_DIALOG, "email_row"), "error"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (hint_label), "error"));
  gtk_editable_set_text (SC_CHILD (dialog, SC_TYPE_REGISTER_DIALOG, "email_row"), "bob@example.org");
  gtk_editable_set_text (SC_CHILD (dialog, SC_TYPE_REGISTER_DIALOG, "password_row"), "short");
  g_assert_true (gtk_widget_has_css_class (SC_CHILD (dialog, SC_TYPE_REGISTER_DIALOG, "password_row"), "error"));
  gtk_editable_set_text (SC_CHILD (dialog, SC_TYPE_REGISTER_DIALOG, "password_row"), "a much longer secret");
  gtk_editable_set_text (SC_CHILD (dialog, SC_TYPE_REGISTER_DIALOG, "repeat_row"), "a much longer secreT");
  g_assert_true (gtk_widget_has_css_class (SC_CHILD (dialog, SC_TYPE_REGISTER_DIALOG, "repeat_row"), "error"));
  g_assert_false (gtk_widget_get_sensitive (create_button));
  shot = sc_app_test_screenshot (GTK_WIDGET (dialog), "register-invalid");

  /* Valid input creates the account and shows its recovery code once. */
  gtk_editable_set_text (SC_CHILD (dialog, SC_TYPE_REGISTER_DIALOG, "repeat_row"), "a much longer secret");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (hint_label), "error"));
  g_assert_true (gtk_widget_get_sensitive (create_button));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "register.create", NULL);
  SC_WAIT_UNTIL (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "code") == 0);

  code = g_strdup (sc_recovery_code_view_get_code (code_view));
  g_assert_true (g_regex_match (code_shape, code, 0, NULL));
  g_free (shot);
  shot = sc_app_test_screenshot (GTK_WIDGET (dialog), "register-recovery-code");

  /* Closing would lose the code; only the button leaves. */
  gtk_window_close (dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));

  gtk_widget_activate_action (GTK_WIDGET (code_view), "recovery-code.done", NULL);
  SC_WAIT_UNTIL (sc_window_get_user (window) != NULL);
  g_assert_cmpstr (sc_window_get_user (window)->username, ==, "bob");
  g_assert_null (sc_app_test_find_window (SC_TYPE_REGISTER_DIALOG));
  g_assert_null (sc_window_get_sign_in_dialog (window));

  /* The code works for a reset. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ScDb) db = sc_db_open (NULL, &error);
    char *new_code;

    g_assert_no_error (error);
    new_code = sc_accounts_reset_password (db, "bob", code, "another long secret", &error);
    g_assert_no_error (error);
    sc_accounts_free_secret (new_code);
  }

  close_window (window);
}

static void
on_done (ScPasswordDialog *dialog,
         const char       *username,
         char            **out)
{
  *out = g_strdup (username);
}

static void
test_reset_and_change (void)
{
  g_autofree char *code = register_user ("carol", "first password");
  g_autofree char *done_user = NULL;
  g_autofree char *shot = NULL;
  ScPasswordDialog *dialog;
  GtkStack *stack;

  /* Reset with the recovery code: a new code is shown. */
  dialog = sc_password_dialog_new (NULL, SC_PASSWORD_DIALOG_RESET, "carol");
  g_object_ref (dialog);
  g_signal_connect (dialog, "done", G_CALLBACK (on_done), &done_user);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  stack = SC_CHILD (dialog, SC_TYPE_PASSWORD_DIALOG, "stack");

  gtk_editable_set_text (SC_CHILD (dialog, SC_TYPE_PASSWORD_DIALOG, "code_row"), "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF");
  gtk_editable_set_text (SC_CHILD (dialog, SC_TYPE_PASSWORD_DIALOG, "new_row"), "second password");
  gtk_editable_set_text (SC_CHILD (dialog, SC_TYPE_PASSWORD_DIALOG, "repeat_row"), "second password");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "password.apply", NULL);
  /* A wrong code is refused inline. */
  SC_WAIT_UNTIL (gtk_widget_has_css_class (SC_CHILD (dialog, SC_TYPE_PASSWORD_DIALOG, "hint_label"), "error"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "form");

  gtk_editable_set_text (SC_CHILD (dialog, SC_TYPE_PASSWORD_DIALOG, "code_row"), code);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "password.apply", NULL);
  SC_WAIT_UNTIL (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "code") == 0);
  shot = sc_app_test_screenshot (GTK_WIDGET (dialog), "reset-new-code");
  gtk_widget_activate_action (GTK_WIDGET (SC_CHILD (dialog, SC_TYPE_PASSWORD_DIALOG, "code_view")),
                              "recovery-code.done", NULL);
  g_assert_cmpstr (done_user, ==, "carol");
  g_assert_finalize_object (dialog);

  /* Change it again with the current one. */
  g_clear_pointer (&done_user, g_free);
  dialog = sc_password_dialog_new (NULL, SC_PASSWORD_DIALOG_CHANGE, "carol");
  g_object_ref (dialog);
  g_signal_connect (dialog, "done", G_CALLBACK (on_done), &done_user);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_false (gtk_widget_get_visible (SC_CHILD (dialog, SC_TYPE_PASSWORD_DIALOG, "code_row")));
  gtk_editable_set_text (SC_CHILD (dialog, SC_TYPE_PASSWORD_DIALOG, "old_row"), "second password");
  gtk_editable_set_text (SC_CHILD (dialog, SC_TYPE_PASSWORD_DIALOG, "new_row"), "third password");
  gtk_editable_set_text (SC_CHILD (dialog, SC_TYPE_PASSWORD_DIALOG, "repeat_row"), "third password");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "password.apply", NULL);
  SC_WAIT_UNTIL (done_user != NULL);
  g_assert_finalize_object (dialog);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ScDb) db = sc_db_open (NULL, &error);
    g_autoptr(ScUser) user = sc_accounts_login (db, "carol", "third password", &error);

    g_assert_no_error (error);
    g_assert_nonnull (user);
  }
}

static void
test_preferences (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID_BASE);
  g_autoptr(GVariant) horizons = NULL;
  g_autofree char *shot = NULL;
  ScPreferencesWindow *preferences;
  gsize n = 0;
  const gint32 *values;

  g_settings_reset (settings, "horizons");
  g_settings_reset (settings, "color-scheme");
  preferences = sc_preferences_window_new (NULL);
  g_object_ref (preferences);
  gtk_window_present (GTK_WINDOW (preferences));
  shot = sc_app_test_screenshot (GTK_WIDGET (preferences), "preferences");

  /* Every row writes to GSettings. */
  adw_combo_row_set_selected (SC_CHILD (preferences, SC_TYPE_PREFERENCES_WINDOW, "style_row"), 2);
  g_assert_cmpint (g_settings_get_enum (settings, "color-scheme"), ==, 2);

  gtk_spin_button_set_value (SC_CHILD (preferences, SC_TYPE_PREFERENCES_WINDOW, "years_spin"), 3);
  g_assert_cmpint (g_settings_get_int (settings, "training-years"), ==, 3);

  adw_combo_row_set_selected (SC_CHILD (preferences, SC_TYPE_PREFERENCES_WINDOW, "sources_row"), 1);
  {
    g_auto(GStrv) sources = g_settings_get_strv (settings, "quote-sources");

    g_assert_cmpstr (sources[0], ==, "tiingo");
    g_assert_cmpstr (sources[1], ==, "yahoo");
  }

  /* Horizons are checked before they are stored. */
  gtk_editable_set_text (SC_CHILD (preferences, SC_TYPE_PREFERENCES_WINDOW, "horizons_row"), "20 5 x");
  g_signal_emit_by_name (SC_CHILD (preferences, SC_TYPE_PREFERENCES_WINDOW, "horizons_row"), "apply");
  horizons = g_settings_get_value (settings, "horizons");
  values = g_variant_get_fixed_array (horizons, &n, sizeof (gint32));
  g_assert_cmpuint (n, ==, 3);
  g_clear_pointer (&horizons, g_variant_unref);

  gtk_editable_set_text (SC_CHILD (preferences, SC_TYPE_PREFERENCES_WINDOW, "horizons_row"), "20 5");
  g_signal_emit_by_name (SC_CHILD (preferences, SC_TYPE_PREFERENCES_WINDOW, "horizons_row"), "apply");
  horizons = g_settings_get_value (settings, "horizons");
  values = g_variant_get_fixed_array (horizons, &n, sizeof (gint32));
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (values[0], ==, 5);
  g_assert_cmpint (values[1], ==, 20);

  gtk_window_destroy (GTK_WINDOW (preferences));
  g_assert_finalize_object (preferences);
  g_settings_reset (settings, "horizons");
  g_settings_reset (settings, "color-scheme");
  g_settings_reset (settings, "training-years");
  g_settings_reset (settings, "quote-sources");
}

int
main (int   argc,
      char *argv[])
{
  sc_test_init (&argc, &argv);
  gtk_init ();
  adw_init ();

  g_test_add_func ("/app/dialogs/sign-in", test_sign_in);
  g_test_add_func ("/app/dialogs/sign-in-throttled", test_sign_in_throttled);
  g_test_add_func ("/app/dialogs/register", test_register);
  g_test_add_func ("/app/dialogs/reset-and-change", test_reset_and_change);
  g_test_add_func ("/app/dialogs/preferences", test_preferences);

  return g_test_run ();
}
