/* sc-sign-in-dialog.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sc-application.h"
#include "sc-password-dialog.h"
#include "sc-register-dialog.h"
#include "sc-sign-in-dialog.h"

#define SHAKE_MARGIN 24

struct _ScSignInDialog
{
  AdwWindow          parent_instance;

  GCancellable      *cancellable;
  AdwAnimation      *shake;

  GtkWidget         *shaker;
  AdwEntryRow       *username_row;
  AdwPasswordEntryRow *password_row;
  GtkRevealer       *error_revealer;
  GtkLabel          *error_label;
  GtkCheckButton    *remember_check;
  GtkStack          *sign_in_button_stack;
};

G_DEFINE_FINAL_TYPE (ScSignInDialog, sc_sign_in_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNED_IN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

ScSignInDialog *
sc_sign_in_dialog_new (GtkWindow *parent)
{
  /* Part of the application, so its Quit button reaches app.quit. */
  return g_object_new (SC_TYPE_SIGN_IN_DIALOG,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       NULL);
}

void
sc_sign_in_dialog_set_username (ScSignInDialog *self,
                                const char     *username)
{
  g_return_if_fail (SC_IS_SIGN_IN_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->username_row), username ? username : "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_widget_grab_focus (username && *username ? GTK_WIDGET (self->password_row)
                                               : GTK_WIDGET (self->username_row));
}

static gboolean
sc_sign_in_dialog_is_busy (ScSignInDialog *self)
{
  return self->cancellable != NULL;
}

static void
sc_sign_in_dialog_actions_update (ScSignInDialog *self)
{
  gboolean busy = sc_sign_in_dialog_is_busy (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign-in.sign-in", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign-in.create-account", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign-in.forgot-password", !busy);
  /* Not insensitive: a focused GtkText made insensitive loses its focus-out. */
  gtk_editable_set_editable (GTK_EDITABLE (self->username_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->password_row), !busy);
  gtk_stack_set_visible_child_name (self->sign_in_button_stack, busy ? "spinner" : "label");
}

static void
shake_cb (double   value,
          gpointer user_data)
{
  ScSignInDialog *self = user_data;
  /* Three swings that die away, like GNOME's own password prompts. */
  int offset = (int) round (sin (value * G_PI * 6) * (1.0 - value) * 14.0);

  /* The margins always add up to the same, so the window keeps its size. */
  gtk_widget_set_margin_start (self->shaker, SHAKE_MARGIN + offset);
  gtk_widget_set_margin_end (self->shaker, SHAKE_MARGIN - offset);
}

static void
sc_sign_in_dialog_show_error (ScSignInDialog *self,
                              const char     *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
  adw_animation_reset (self->shake);
  adw_animation_play (self->shake);
}

static void
sc_sign_in_dialog_clear_error (ScSignInDialog *self)
{
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
}

static void
sign_in_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(ScSignInDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScUser) user = NULL;

  sc_service_account_finish (SC_SERVICE (object), result, &user, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  sc_sign_in_dialog_actions_update (self);

  if (user == NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      sc_sign_in_dialog_show_error (self, error->message);
      return;
    }

  g_signal_emit (self, signals[SIGNED_IN], 0, user,
                 gtk_check_button_get_active (self->remember_check));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
sign_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ScSignInDialog *self = SC_SIGN_IN_DIALOG (widget);
  g_autofree char *username = NULL;
  const char *password;

  if (sc_sign_in_dialog_is_busy (self))
    return;

  username = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->username_row))));
  password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  if (*username == '\0')
    {
      sc_sign_in_dialog_show_error (self, _("Enter your username."));
      gtk_widget_grab_focus (GTK_WIDGET (self->username_row));
      return;
    }
  if (*password == '\0')
    {
      sc_sign_in_dialog_show_error (self, _("Enter your password."));
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }

  self->cancellable = g_cancellable_new ();
  sc_service_account_async (sc_application_get_default_service (), &(ScAccountRequest) {
                              .kind = SC_ACCOUNT_JOB_SIGN_IN,
                              .username = username,
                              .password = password,
                            },
                            self->cancellable, sign_in_cb, g_object_ref (self));
  sc_sign_in_dialog_actions_update (self);
}

static void
on_registered (ScSignInDialog *self,
               ScUser         *user)
{
  g_autoptr(ScSignInDialog) hold = g_object_ref (self);

  /* A new account is signed in straight away. */
  g_signal_emit (self, signals[SIGNED_IN], 0, user,
                 gtk_check_button_get_active (self->remember_check));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
create_account_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ScSignInDialog *self = SC_SIGN_IN_DIALOG (widget);
  ScRegisterDialog *dialog = sc_register_dialog_new (GTK_WINDOW (self));

  g_signal_connect_object (dialog, "registered", G_CALLBACK (on_registered), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_password_reset (ScSignInDialog *self,
                   const char     *username)
{
  sc_sign_in_dialog_set_username (self, username);
}

static void
forgot_password_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ScSignInDialog *self = SC_SIGN_IN_DIALOG (widget);
  g_autofree char *username = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->username_row))));
  ScPasswordDialog *dialog = sc_password_dialog_new (GTK_WINDOW (self), SC_PASSWORD_DIALOG_RESET, username);

  g_signal_connect_object (dialog, "done", G_CALLBACK (on_password_reset), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_username_activated (ScSignInDialog *self)
{
  /* Enter in the username moves on, unless the password is already there. */
  if (*gtk_editable_get_text (GTK_EDITABLE (self->password_row)) == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "sign-in.sign-in", NULL);
}

static void
on_password_activated (ScSignInDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "sign-in.sign-in", NULL);
}

static void
on_text_changed (ScSignInDialog *self)
{
  sc_sign_in_dialog_clear_error (self);
}

static void
sc_sign_in_dialog_dispose (GObject *object)
{
  ScSignInDialog *self = SC_SIGN_IN_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->shake);

  gtk_widget_dispose_template (GTK_WIDGET (self), SC_TYPE_SIGN_IN_DIALOG);

  G_OBJECT_CLASS (sc_sign_in_dialog_parent_class)->dispose (object);
}

static void
sc_sign_in_dialog_class_init (ScSignInDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sc_sign_in_dialog_dispose;

  signals[SIGNED_IN] =
    g_signal_new ("signed-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, SC_TYPE_USER, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/stockcast/Stockcast/sc-sign-in-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ScSignInDialog, shaker);
  gtk_widget_class_bind_template_child (widget_class, ScSignInDialog, username_row);
  gtk_widget_class_bind_template_child (widget_class, ScSignInDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, ScSignInDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, ScSignInDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, ScSignInDialog, remember_check);
  gtk_widget_class_bind_template_child (widget_class, ScSignInDialog, sign_in_button_stack);
  gtk_widget_class_bind_template_callback (widget_class, on_username_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_password_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_text_changed);

  gtk_widget_class_install_action (widget_class, "sign-in.sign-in", NULL, sign_in_action);
  gtk_widget_class_install_action (widget_class, "sign-in.create-account", NULL, create_account_action);
  gtk_widget_class_install_action (widget_class, "sign-in.forgot-password", NULL, forgot_password_action);
}

static void
sc_sign_in_dialog_init (ScSignInDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->shake = adw_timed_animation_new (GTK_WIDGET (self), 0.0, 1.0, 450,
                                         adw_callback_animation_target_new (shake_cb, self, NULL));
  gtk_widget_grab_focus (GTK_WIDGET (self->username_row));
  sc_sign_in_dialog_actions_update (self);
}
