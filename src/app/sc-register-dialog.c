/* sc-register-dialog.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sc-application.h"
#include "sc-account-form.h"
#include "sc-recovery-code-view.h"
#include "sc-register-dialog.h"
#include "sc-validate.h"

struct _ScRegisterDialog
{
  AdwWindow            parent_instance;

  GCancellable        *cancellable;
  ScUser              *user;
  char                *server_error;   /* e.g. "name taken", until edited */

  GtkStack            *stack;
  GtkStack            *create_button_stack;
  AdwEntryRow         *username_row;
  AdwEntryRow         *email_row;
  AdwPasswordEntryRow *password_row;
  AdwPasswordEntryRow *repeat_row;
  GtkLabel            *hint_label;
  ScRecoveryCodeView  *code_view;
};

G_DEFINE_FINAL_TYPE (ScRegisterDialog, sc_register_dialog, ADW_TYPE_WINDOW)

enum {
  REGISTERED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

ScRegisterDialog *
sc_register_dialog_new (GtkWindow *parent)
{
  return g_object_new (SC_TYPE_REGISTER_DIALOG,
                       "transient-for", parent,
                       NULL);
}

/* Checks every field with the accounts layer's own rules. Fields still
 * empty are not complained about, but make the form incomplete. Returns
 * TRUE if the form can be sent; *out_message is the first problem. */
static gboolean
sc_register_dialog_validate (ScRegisterDialog  *self,
                             char             **out_message)
{
  g_autoptr(GError) username_error = NULL;
  g_autoptr(GError) email_error = NULL;
  g_autofree char *password_problem = NULL;
  const char *username = sc_account_form_text (self->username_row);
  const char *email = sc_account_form_text (self->email_row);
  const char *password = sc_account_form_text (self->password_row);
  const char *repeat = sc_account_form_text (self->repeat_row);
  gboolean complete = *username && *email && *password && *repeat;
  gboolean email_typing;
  const char *message = NULL;

  if (*username)
    sc_validate_username (username, &username_error);
  if (*email)
    sc_validate_email (email, &email_error);
  password_problem = sc_account_form_check_password (self->password_row, self->repeat_row,
                                                     _("The two passwords differ."));

  /* An address still being typed ("alice@") is not wrong yet: it keeps
   * Create off, and is flagged once the focus leaves it. */
  email_typing = email_error != NULL &&
                 (gtk_widget_get_state_flags (GTK_WIDGET (self->email_row)) & GTK_STATE_FLAG_FOCUS_WITHIN);
  sc_account_form_mark (self->username_row, username_error != NULL || self->server_error != NULL);
  sc_account_form_mark (self->email_row, email_error != NULL && !email_typing);

  if (self->server_error != NULL)
    message = self->server_error;
  else if (username_error != NULL)
    message = username_error->message;
  else if (email_error != NULL && !email_typing)
    message = email_error->message;
  else
    message = password_problem;

  if (out_message != NULL)
    *out_message = g_strdup (message);

  return complete && message == NULL && email_error == NULL;
}

static void
sc_register_dialog_actions_update (ScRegisterDialog *self)
{
  g_autofree char *message = NULL;
  gboolean busy = self->cancellable != NULL;
  gboolean valid = sc_register_dialog_validate (self, &message);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "register.create", valid && !busy);
  gtk_stack_set_visible_child_name (self->create_button_stack, busy ? "spinner" : "label");
  sc_account_form_show_hint (self->hint_label, message,
                             _("Use at least 8 characters for the password. You will get a recovery code in case you forget it."));
}

static void
on_changed (ScRegisterDialog *self,
            GtkEditable      *editable)
{
  if (editable == GTK_EDITABLE (self->username_row))
    g_clear_pointer (&self->server_error, g_free);
  sc_register_dialog_actions_update (self);
}

static void
register_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ScRegisterDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  char *code = NULL;

  sc_service_account_finish (SC_SERVICE (object), result, &self->user, &code, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);

  if (code == NULL)
    {
      g_free (self->server_error);
      self->server_error = g_strdup (error->message);
      sc_register_dialog_actions_update (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->username_row));
      return;
    }

  /* The passwords are not needed any more. */
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->repeat_row), "");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "register.create", FALSE);
  sc_account_form_show_code (GTK_WINDOW (self), self->stack, self->code_view, code);
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ScRegisterDialog *self = SC_REGISTER_DIALOG (widget);
  g_autofree char *username = NULL;
  g_autofree char *email = NULL;

  if (self->cancellable != NULL || !sc_register_dialog_validate (self, NULL))
    return;

  username = g_strstrip (g_strdup (sc_account_form_text (self->username_row)));
  email = g_strstrip (g_strdup (sc_account_form_text (self->email_row)));

  self->cancellable = g_cancellable_new ();
  sc_service_account_async (sc_application_get_default_service (), &(ScAccountRequest) {
                              .kind = SC_ACCOUNT_JOB_REGISTER,
                              .username = username,
                              .email = email,
                              .password = sc_account_form_text (self->password_row),
                            },
                            self->cancellable, register_cb, g_object_ref (self));
  sc_register_dialog_actions_update (self);
}

static void
on_entry_activated (ScRegisterDialog *self,
                    AdwEntryRow      *row)
{
  /* Enter moves to the next field, and sends the form from the last one. */
  if (row == self->username_row)
    gtk_widget_grab_focus (GTK_WIDGET (self->email_row));
  else if (row == self->email_row)
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
  else if (row == ADW_ENTRY_ROW (self->password_row))
    gtk_widget_grab_focus (GTK_WIDGET (self->repeat_row));
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "register.create", NULL);
}

static void
on_code_done (ScRegisterDialog *self)
{
  g_autoptr(ScRegisterDialog) hold = g_object_ref (self);

  if (self->user != NULL)
    g_signal_emit (self, signals[REGISTERED], 0, self->user);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
sc_register_dialog_dispose (GObject *object)
{
  ScRegisterDialog *self = SC_REGISTER_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->user, sc_user_unref);
  g_clear_pointer (&self->server_error, g_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), SC_TYPE_REGISTER_DIALOG);

  G_OBJECT_CLASS (sc_register_dialog_parent_class)->dispose (object);
}

static void
sc_register_dialog_class_init (ScRegisterDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sc_register_dialog_dispose;

  signals[REGISTERED] =
    g_signal_new ("registered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SC_TYPE_USER);

  g_type_ensure (SC_TYPE_RECOVERY_CODE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/stockcast/Stockcast/sc-register-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ScRegisterDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, ScRegisterDialog, create_button_stack);
  gtk_widget_class_bind_template_child_full (widget_class, "create_button", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, ScRegisterDialog, username_row);
  gtk_widget_class_bind_template_child (widget_class, ScRegisterDialog, email_row);
  gtk_widget_class_bind_template_child (widget_class, ScRegisterDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, ScRegisterDialog, repeat_row);
  gtk_widget_class_bind_template_child (widget_class, ScRegisterDialog, hint_label);
  gtk_widget_class_bind_template_child (widget_class, ScRegisterDialog, code_view);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_code_done);

  gtk_widget_class_install_action (widget_class, "register.create", NULL, create_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sc_register_dialog_init (ScRegisterDialog *self)
{
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));
  sc_account_form_keep_code_open (GTK_WINDOW (self), self->stack);

  /* Leaving the address checks it in full. */
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (sc_register_dialog_actions_update), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->email_row), focus);

  sc_register_dialog_actions_update (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->username_row));
}
