/* sc-window.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sc-adaptive-bin.h"
#include "sc-application.h"
#include "sc-due-notifier.h"
#include "sc-error.h"
#include "sc-history-item.h"
#include "sc-history-view.h"
#include "sc-password-dialog.h"
#include "sc-prediction-pane.h"
#include "sc-preferences-window.h"
#include "sc-scorecard-window.h"
#include "sc-sign-in-dialog.h"
#include "sc-watchlist-window.h"
#include "sc-window.h"

struct _ScWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  GCancellable         *cancellable;
  ScUser               *user;
  GtkWindow            *sign_in_dialog;   /* weak */
  GCancellable         *sync_cancellable; /* a running sync */

  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  AdwWindowTitle       *window_title;
  GtkStack             *main_stack;
  ScPredictionPane     *prediction_pane;
  ScHistoryView        *history_view;
  ScAdaptiveBin        *adaptive_bin;
  GtkPaned             *paned;
  guint                 paned_idle;
};

G_DEFINE_FINAL_TYPE (ScWindow, sc_window, ADW_TYPE_APPLICATION_WINDOW)

ScWindow *
sc_window_new (ScApplication *application)
{
  g_return_val_if_fail (SC_IS_APPLICATION (application), NULL);

  return g_object_new (SC_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

static void
sc_window_actions_update (ScWindow *self)
{
  gboolean signed_in = self->user != NULL;
  gboolean busy = sc_prediction_pane_get_busy (self->prediction_pane);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "window.sign-in", !signed_in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "window.sign-out", signed_in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "window.change-password", signed_in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "window.focus-ticker", signed_in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "window.predict", signed_in && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "window.cancel", busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "window.find", signed_in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "window.export", signed_in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "window.sync", signed_in && self->sync_cancellable == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "window.scorecard", signed_in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "window.watchlist", signed_in);
}

ScUser *
sc_window_get_user (ScWindow *self)
{
  g_return_val_if_fail (SC_IS_WINDOW (self), NULL);

  return self->user;
}

GtkWindow *
sc_window_get_sign_in_dialog (ScWindow *self)
{
  g_return_val_if_fail (SC_IS_WINDOW (self), NULL);

  return self->sign_in_dialog;
}

static void
sc_window_due_filled (GtkWidget *widget)
{
  ScWindow *self = SC_WINDOW (widget);

  /* Reload the history so the new actual closes show. */
  sc_history_view_set_user (self->history_view, self->user);
}

void
sc_window_set_user (ScWindow *self,
                    ScUser   *user,
                    gboolean  remember)
{
  g_return_if_fail (SC_IS_WINDOW (self));

  /* Work started for the previous user must not land in this one's view. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_object (&self->sync_cancellable);

  g_clear_pointer (&self->user, sc_user_unref);
  if (user != NULL)
    self->user = sc_user_ref (user);

  if (user != NULL)
    g_settings_set_string (self->settings, "remembered-user", remember ? user->username : "");
  else
    g_settings_set_string (self->settings, "remembered-user", "");

  adw_window_title_set_subtitle (self->window_title, user ? user->username : NULL);
  sc_prediction_pane_set_user (self->prediction_pane, user);
  sc_history_view_set_user (self->history_view, user);
  gtk_stack_set_visible_child_name (self->main_stack, user ? "main" : "signed-out");
  sc_window_actions_update (self);

  if (user != NULL)
    sc_prediction_pane_focus_ticker (self->prediction_pane);

  /* Predictions that came due since the last start (issue 15). */
  if (user != NULL)
    sc_due_notifier_run (GTK_WIDGET (self), self->settings, user->id, self->cancellable,
                         sc_window_due_filled);
}

static void
on_signed_in (ScWindow *self,
              ScUser   *user,
              gboolean  remember)
{
  sc_window_set_user (self, user, remember);
}

static void
sc_window_show_sign_in (ScWindow   *self,
                        const char *username)
{
  ScSignInDialog *dialog;

  if (self->sign_in_dialog != NULL)
    {
      gtk_window_present (self->sign_in_dialog);
      return;
    }

  dialog = sc_sign_in_dialog_new (GTK_WINDOW (self));
  if (username != NULL)
    sc_sign_in_dialog_set_username (dialog, username);
  g_signal_connect_object (dialog, "signed-in", G_CALLBACK (on_signed_in), self,
                           G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->sign_in_dialog, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(ScWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScUser) user = NULL;
  g_autofree char *remembered = NULL;

  sc_service_account_finish (SC_SERVICE (object), result, &user, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (user != NULL)
    {
      sc_window_set_user (self, user, TRUE);
      return;
    }

  /* The account is gone (deleted from the command line, say). */
  remembered = g_settings_get_string (self->settings, "remembered-user");
  g_settings_set_string (self->settings, "remembered-user", "");
  sc_window_show_sign_in (self, NULL);
}

void
sc_window_start_session (ScWindow *self)
{
  g_autofree char *remembered = NULL;

  g_return_if_fail (SC_IS_WINDOW (self));

  if (self->user != NULL)
    return;

  remembered = g_settings_get_string (self->settings, "remembered-user");
  if (*remembered != '\0')
    sc_service_account_async (sc_application_get_default_service (),
                              &(ScAccountRequest) { .kind = SC_ACCOUNT_JOB_LOOKUP, .username = remembered },
                              self->cancellable, lookup_cb, g_object_ref (self));
  else
    sc_window_show_sign_in (self, NULL);
}

/* --- actions ------------------------------------------------------------- */

static void
sign_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  sc_window_show_sign_in (SC_WINDOW (widget), NULL);
}

static void
sign_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ScWindow *self = SC_WINDOW (widget);
  g_autofree char *username = self->user ? g_strdup (self->user->username) : NULL;

  sc_window_set_user (self, NULL, FALSE);
  sc_window_show_sign_in (self, username);
}

static void
on_password_changed (ScWindow *self)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Password changed")));
}

static void
change_password_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ScWindow *self = SC_WINDOW (widget);
  ScPasswordDialog *dialog;

  if (self->user == NULL)
    return;

  dialog = sc_password_dialog_new (GTK_WINDOW (self), SC_PASSWORD_DIALOG_CHANGE, self->user->username);
  g_signal_connect_object (dialog, "done", G_CALLBACK (on_password_changed), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ScPreferencesWindow *preferences = sc_preferences_window_new (GTK_WINDOW (widget));

  gtk_window_present (GTK_WINDOW (preferences));
}

/* The window's shortcuts for what the prediction pane and the history do. */
static void
child_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ScWindow *self = SC_WINDOW (widget);

  if (g_str_equal (action_name, "window.focus-ticker"))
    sc_prediction_pane_focus_ticker (self->prediction_pane);
  else if (g_str_equal (action_name, "window.predict"))
    gtk_widget_activate_action (GTK_WIDGET (self->prediction_pane), "pane.predict", NULL);
  else if (g_str_equal (action_name, "window.cancel"))
    sc_prediction_pane_cancel (self->prediction_pane);
  else if (g_str_equal (action_name, "window.find"))
    sc_history_view_focus_filter (self->history_view);
  else if (g_str_equal (action_name, "window.export"))
    gtk_widget_activate_action (GTK_WIDGET (self->history_view), "history.export", NULL);
  else
    g_assert_not_reached ();
}

/* Scorecard and watchlist (issue 15): windows of their own. */
static void
scorecard_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ScWindow *self = SC_WINDOW (widget);

  if (self->user != NULL)
    gtk_window_present (GTK_WINDOW (sc_scorecard_window_new (GTK_WINDOW (self), self->user->id,
                                                             self->user->username)));
}

static void
watchlist_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ScWindow *self = SC_WINDOW (widget);
  g_autofree char *model_id = g_settings_get_string (self->settings, "default-model");

  if (self->user != NULL)
    gtk_window_present (GTK_WINDOW (sc_watchlist_window_new (GTK_WINDOW (self), self->user->id, model_id)));
}

static void
sync_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(ScWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree ScSyncReport *report = NULL;
  g_autofree char *message = NULL;

  report = sc_service_sync_finish (SC_SERVICE (object), result, &error);
  if (g_task_get_cancellable (G_TASK (result)) != self->sync_cancellable)
    return;
  g_clear_object (&self->sync_cancellable);
  sc_window_actions_update (self);

  if (report == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  /* TRANSLATORS: a toast after syncing */
  message = g_strdup_printf (_("Synced: %u sent, %u received"),
                             report->pushed + report->deleted + report->watchlist_sent,
                             report->pulled + report->watchlist_received);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
  /* Sync states and results pulled from the server. */
  sc_history_view_set_user (self->history_view, self->user);
}

static void
sync_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ScWindow *self = SC_WINDOW (widget);

  if (self->user == NULL || self->sync_cancellable != NULL)
    return;

  /* Cancelled with the window's, on sign-out or close. */
  self->sync_cancellable = g_object_ref (self->cancellable);
  sc_service_sync_async (sc_application_get_default_service (), self->user->id,
                         self->sync_cancellable, sync_cb, g_object_ref (self));
  sc_window_actions_update (self);
}

/* --- children ------------------------------------------------------------ */

/* The chart shows the user's earlier predictions for the same ticker. */
static void
sc_window_update_past_results (ScWindow *self,
                               ScResult *shown)
{
  g_autoptr(GPtrArray) past = g_ptr_array_new ();
  GListModel *rows = sc_history_view_get_model (self->history_view);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(ScHistoryItem) item = g_list_model_get_item (rows, i);
      ScResult *result = sc_history_item_get_result (item);

      if (g_strcmp0 (result->ticker, shown->ticker) == 0 &&
          g_strcmp0 (result->uuid, shown->uuid) != 0)
        g_ptr_array_add (past, result);
    }

  sc_prediction_pane_set_past_results (self->prediction_pane, past);
}

/* The history's selection and the pane are one: a new prediction is
 * selected and scrolled to, a selected row is shown, deleting the shown row
 * moves both to the next one or clears the pane. */
static void
on_prediction_saved (ScWindow *self,
                     ScResult *result)
{
  sc_history_view_add (self->history_view, result);
  sc_window_update_past_results (self, result);
}

static void
on_history_cleared (ScWindow *self)
{
  sc_prediction_pane_clear_result (self->prediction_pane);
}

static gboolean
place_paned (gpointer data)
{
  ScWindow *self = data;
  int height = gtk_widget_get_height (GTK_WIDGET (self->paned));

  self->paned_idle = 0;
  if (sc_adaptive_bin_get_narrow (self->adaptive_bin))
    gtk_paned_set_position (self->paned, MAX (height - 190, height * 3 / 5));
  else
    gtk_paned_set_position (self->paned, MAX (height - 260, height / 2));

  return G_SOURCE_REMOVE;
}

static void
on_narrow_changed (ScWindow *self)
{
  gboolean narrow = sc_adaptive_bin_get_narrow (self->adaptive_bin);

  sc_prediction_pane_set_narrow (self->prediction_pane, narrow);
  sc_history_view_set_narrow (self->history_view, narrow);
  /* A phone's height goes mostly to the forecast; the history keeps two
   * rows in view. The paned is being allocated now: moved once it is done. */
  if (self->paned_idle == 0)
    self->paned_idle = g_idle_add (place_paned, self);
}

static void
on_busy_changed (ScWindow *self)
{
  sc_window_actions_update (self);
}

static void
on_result_activated (ScWindow *self,
                     ScResult *result)
{
  /* The prediction just made is shown already, with its test scores that
   * the saved copy lacks. */
  if (g_strcmp0 (sc_prediction_pane_get_shown_uuid (self->prediction_pane), result->uuid) == 0 &&
      !sc_prediction_pane_get_stale (self->prediction_pane))
    return;

  sc_prediction_pane_show_result (self->prediction_pane, result);
  sc_window_update_past_results (self, result);
}

static void
on_toast (ScWindow *self,
          AdwToast *toast)
{
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* --- GObject ------------------------------------------------------------- */

static void
sc_window_save_state (ScWindow *self)
{
  int width;
  int height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (self->settings);
}

static gboolean
sc_window_close_request (GtkWindow *window)
{
  ScWindow *self = SC_WINDOW (window);

  g_cancellable_cancel (self->cancellable);
  sc_prediction_pane_cancel (self->prediction_pane);
  sc_history_view_flush_deletions (self->history_view);
  sc_window_save_state (self);

  return GTK_WINDOW_CLASS (sc_window_parent_class)->close_request (window);
}

static void
sc_window_dispose (GObject *object)
{
  ScWindow *self = SC_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->sync_cancellable);
  g_clear_handle_id (&self->paned_idle, g_source_remove);
  g_clear_pointer (&self->user, sc_user_unref);
  if (self->sign_in_dialog != NULL)
    gtk_window_destroy (self->sign_in_dialog);
  g_clear_weak_pointer (&self->sign_in_dialog);
  g_clear_object (&self->settings);

  gtk_widget_dispose_template (GTK_WIDGET (self), SC_TYPE_WINDOW);

  G_OBJECT_CLASS (sc_window_parent_class)->dispose (object);
}

static void
sc_window_class_init (ScWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sc_window_dispose;
  window_class->close_request = sc_window_close_request;

  g_type_ensure (SC_TYPE_ADAPTIVE_BIN);
  g_type_ensure (SC_TYPE_PREDICTION_PANE);
  g_type_ensure (SC_TYPE_HISTORY_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/stockcast/Stockcast/sc-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ScWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ScWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, ScWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, ScWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, ScWindow, prediction_pane);
  gtk_widget_class_bind_template_child (widget_class, ScWindow, history_view);
  gtk_widget_class_bind_template_child (widget_class, ScWindow, adaptive_bin);
  gtk_widget_class_bind_template_child (widget_class, ScWindow, paned);
  gtk_widget_class_bind_template_callback (widget_class, on_history_cleared);
  gtk_widget_class_bind_template_callback (widget_class, on_narrow_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_prediction_saved);
  gtk_widget_class_bind_template_callback (widget_class, on_busy_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_result_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_toast);

  gtk_widget_class_install_action (widget_class, "window.sign-in", NULL, sign_in_action);
  gtk_widget_class_install_action (widget_class, "window.sign-out", NULL, sign_out_action);
  gtk_widget_class_install_action (widget_class, "window.change-password", NULL, change_password_action);
  gtk_widget_class_install_action (widget_class, "window.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "window.focus-ticker", NULL, child_action);
  gtk_widget_class_install_action (widget_class, "window.predict", NULL, child_action);
  gtk_widget_class_install_action (widget_class, "window.cancel", NULL, child_action);
  gtk_widget_class_install_action (widget_class, "window.find", NULL, child_action);
  gtk_widget_class_install_action (widget_class, "window.export", NULL, child_action);
  gtk_widget_class_install_action (widget_class, "window.sync", NULL, sync_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK, "window.preferences", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "window.focus-ticker", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "window.predict", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "window.predict", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "window.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "window.export", NULL);

  gtk_widget_class_install_action (widget_class, "window.scorecard", NULL, scorecard_action);
  gtk_widget_class_install_action (widget_class, "window.watchlist", NULL, watchlist_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "window.scorecard", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "window.watchlist", NULL);
}

static void
sc_window_init (ScWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID_BASE);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

#if DEVELOPMENT
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif

  gtk_stack_set_visible_child_name (self->main_stack, "signed-out");
  sc_window_actions_update (self);
}
