/* sc-password-dialog.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sc-application.h"
#include "sc-account-form.h"
#include "sc-password-dialog.h"
#include "sc-recovery-code-view.h"
#include "sc-validate.h"

struct _ScPasswordDialog
{
  AdwWindow             parent_instance;

  ScPasswordDialogMode  mode;
  GCancellable         *cancellable;
  char                 *server_error;

  GtkStack             *stack;
  AdwWindowTitle       *window_title;
  GtkStack             *apply_button_stack;
  GtkLabel             *apply_label;
  AdwPreferencesGroup  *group;
  AdwEntryRow          *username_row;
  AdwEntryRow          *code_row;
  AdwPasswordEntryRow  *old_row;
  AdwPasswordEntryRow  *new_row;
  AdwPasswordEntryRow  *repeat_row;
  GtkLabel             *hint_label;
  ScRecoveryCodeView   *code_view;
};

G_DEFINE_FINAL_TYPE (ScPasswordDialog, sc_password_dialog, ADW_TYPE_WINDOW)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
sc_password_dialog_validate (ScPasswordDialog  *self,
                             char             **out_message)
{
  g_autoptr(GError) username_error = NULL;
  g_autoptr(GError) code_error = NULL;
  g_autofree char *password_problem = NULL;
  gboolean reset = self->mode == SC_PASSWORD_DIALOG_RESET;
  const char *username = sc_account_form_text (self->username_row);
  const char *code = sc_account_form_text (self->code_row);
  const char *old = sc_account_form_text (self->old_row);
  const char *password = sc_account_form_text (self->new_row);
  const char *repeat = sc_account_form_text (self->repeat_row);
  const char *message = NULL;
  gboolean complete;

  if (reset)
    complete = *username && *code && *password && *repeat;
  else
    complete = *old && *password && *repeat;

  if (reset && *username)
    sc_validate_username (username, &username_error);
  if (reset && *code)
    sc_accounts_check_recovery_code (code, &code_error);
  password_problem = sc_account_form_check_password (self->new_row, self->repeat_row,
                                                     _("The two new passwords differ."));

  sc_account_form_mark (self->username_row, username_error != NULL);
  sc_account_form_mark (self->code_row, code_error != NULL);

  if (self->server_error != NULL)
    message = self->server_error;
  else if (username_error != NULL)
    message = username_error->message;
  else if (code_error != NULL)
    message = code_error->message;
  else
    message = password_problem;

  if (out_message != NULL)
    *out_message = g_strdup (message);

  return complete && message == NULL;
}

static void
sc_password_dialog_actions_update (ScPasswordDialog *self)
{
  g_autofree char *message = NULL;
  gboolean busy = self->cancellable != NULL;
  gboolean valid = sc_password_dialog_validate (self, &message);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "password.apply", valid && !busy);
  gtk_stack_set_visible_child_name (self->apply_button_stack, busy ? "spinner" : "label");
  sc_account_form_show_hint (self->hint_label, message,
                             self->mode == SC_PASSWORD_DIALOG_RESET
                             ? _("The recovery code was shown when the account was created. Resetting gives you a new one.")
                             : _("Use at least 8 characters for the new password."));
}

static void
on_changed (ScPasswordDialog *self)
{
  g_clear_pointer (&self->server_error, g_free);
  sc_password_dialog_actions_update (self);
}

static void
sc_password_dialog_finish (ScPasswordDialog *self)
{
  g_autoptr(ScPasswordDialog) hold = g_object_ref (self);
  g_autofree char *username = g_strstrip (g_strdup (sc_account_form_text (self->username_row)));

  gtk_stack_set_visible_child_name (self->stack, "form");
  g_signal_emit (self, signals[DONE], 0, username);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
sc_password_dialog_failed (ScPasswordDialog *self,
                           GError           *error)
{
  GtkWidget *focus = self->mode == SC_PASSWORD_DIALOG_RESET ? GTK_WIDGET (self->code_row)
                                                           : GTK_WIDGET (self->old_row);

  g_clear_object (&self->cancellable);
  g_free (self->server_error);
  self->server_error = g_strdup (error->message);
  sc_password_dialog_actions_update (self);
  gtk_widget_grab_focus (focus);
}

static void
reset_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(ScPasswordDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  char *code = NULL;

  sc_service_account_finish (SC_SERVICE (object), result, NULL, &code, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (code == NULL)
    {
      sc_password_dialog_failed (self, error);
      return;
    }

  g_clear_object (&self->cancellable);
  gtk_editable_set_text (GTK_EDITABLE (self->code_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->new_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->repeat_row), "");
  sc_account_form_show_code (GTK_WINDOW (self), self->stack, self->code_view, code);
}

static void
change_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(ScPasswordDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!sc_service_account_finish (SC_SERVICE (object), result, NULL, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        sc_password_dialog_failed (self, error);
      return;
    }

  g_clear_object (&self->cancellable);
  sc_password_dialog_finish (self);
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ScPasswordDialog *self = SC_PASSWORD_DIALOG (widget);
  g_autofree char *username = NULL;
  g_autofree char *code = NULL;

  if (self->cancellable != NULL || !sc_password_dialog_validate (self, NULL))
    return;

  username = g_strstrip (g_strdup (sc_account_form_text (self->username_row)));
  self->cancellable = g_cancellable_new ();

  if (self->mode == SC_PASSWORD_DIALOG_RESET)
    {
      code = g_strstrip (g_strdup (sc_account_form_text (self->code_row)));
      sc_service_account_async (sc_application_get_default_service (), &(ScAccountRequest) {
                                  .kind = SC_ACCOUNT_JOB_RESET,
                                  .username = username,
                                  .recovery_code = code,
                                  .new_password = sc_account_form_text (self->new_row),
                                },
                                self->cancellable, reset_cb, g_object_ref (self));
    }
  else
    {
      sc_service_account_async (sc_application_get_default_service (), &(ScAccountRequest) {
                                  .kind = SC_ACCOUNT_JOB_CHANGE_PASSWORD,
                                  .username = username,
                                  .password = sc_account_form_text (self->old_row),
                                  .new_password = sc_account_form_text (self->new_row),
                                },
                                self->cancellable, change_cb, g_object_ref (self));
    }

  sc_password_dialog_actions_update (self);
}

static void
on_entry_activated (ScPasswordDialog *self,
                    GtkWidget        *row)
{
  if (row == GTK_WIDGET (self->username_row))
    gtk_widget_grab_focus (GTK_WIDGET (self->code_row));
  else if (row == GTK_WIDGET (self->code_row) || row == GTK_WIDGET (self->old_row))
    gtk_widget_grab_focus (GTK_WIDGET (self->new_row));
  else if (row == GTK_WIDGET (self->new_row))
    gtk_widget_grab_focus (GTK_WIDGET (self->repeat_row));
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "password.apply", NULL);
}

static void
on_code_done (ScPasswordDialog *self)
{
  sc_password_dialog_finish (self);
}

static void
sc_password_dialog_dispose (GObject *object)
{
  ScPasswordDialog *self = SC_PASSWORD_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->server_error, g_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), SC_TYPE_PASSWORD_DIALOG);

  G_OBJECT_CLASS (sc_password_dialog_parent_class)->dispose (object);
}

static void
sc_password_dialog_class_init (ScPasswordDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sc_password_dialog_dispose;

  signals[DONE] =
    g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (SC_TYPE_RECOVERY_CODE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/stockcast/Stockcast/sc-password-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ScPasswordDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, ScPasswordDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, ScPasswordDialog, apply_button_stack);
  gtk_widget_class_bind_template_child (widget_class, ScPasswordDialog, apply_label);
  gtk_widget_class_bind_template_child (widget_class, ScPasswordDialog, group);
  gtk_widget_class_bind_template_child (widget_class, ScPasswordDialog, username_row);
  gtk_widget_class_bind_template_child (widget_class, ScPasswordDialog, code_row);
  gtk_widget_class_bind_template_child (widget_class, ScPasswordDialog, old_row);
  gtk_widget_class_bind_template_child (widget_class, ScPasswordDialog, new_row);
  gtk_widget_class_bind_template_child (widget_class, ScPasswordDialog, repeat_row);
  gtk_widget_class_bind_template_child (widget_class, ScPasswordDialog, hint_label);
  gtk_widget_class_bind_template_child (widget_class, ScPasswordDialog, code_view);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_code_done);

  gtk_widget_class_install_action (widget_class, "password.apply", NULL, apply_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sc_password_dialog_init (ScPasswordDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  sc_account_form_keep_code_open (GTK_WINDOW (self), self->stack);
}

ScPasswordDialog *
sc_password_dialog_new (GtkWindow            *parent,
                        ScPasswordDialogMode  mode,
                        const char           *username)
{
  ScPasswordDialog *self;
  gboolean reset = mode == SC_PASSWORD_DIALOG_RESET;

  self = g_object_new (SC_TYPE_PASSWORD_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->mode = mode;

  gtk_window_set_title (GTK_WINDOW (self), reset ? _("Reset Password – Stockcast")
                                                 : _("Change Password – Stockcast"));
  adw_window_title_set_title (self->window_title, reset ? _("Reset Password") : _("Change Password"));
  gtk_label_set_label (self->apply_label, reset ? _("_Reset") : _("C_hange"));
  gtk_editable_set_text (GTK_EDITABLE (self->username_row), username ? username : "");
  gtk_widget_set_visible (GTK_WIDGET (self->username_row), reset);
  gtk_widget_set_visible (GTK_WIDGET (self->code_row), reset);
  gtk_widget_set_visible (GTK_WIDGET (self->old_row), !reset);
  if (!reset)
    adw_preferences_group_set_description (self->group, username);

  sc_password_dialog_actions_update (self);

  if (reset && (username == NULL || *username == '\0'))
    gtk_widget_grab_focus (GTK_WIDGET (self->username_row));
  else if (reset)
    gtk_widget_grab_focus (GTK_WIDGET (self->code_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->old_row));

  return self;
}
