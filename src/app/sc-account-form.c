/* sc-account-form.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sc-account-form.h"
#include "sc-accounts.h"
#include "sc-validate.h"

const char *
sc_account_form_text (gpointer row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

void
sc_account_form_mark (gpointer row,
                      gboolean bad)
{
  if (bad)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

/* Checks a new password with the accounts layer's rules and that it was
 * typed the same twice, and marks both rows. A row still empty is no
 * problem. Returns the problem (mismatch_message for two different
 * passwords), or NULL. */
char *
sc_account_form_check_password (gpointer    password_row,
                                gpointer    repeat_row,
                                const char *mismatch_message)
{
  g_autoptr(GError) error = NULL;
  const char *password = sc_account_form_text (password_row);
  const char *repeat = sc_account_form_text (repeat_row);
  gboolean mismatch;

  if (*password)
    sc_validate_password (password, &error);
  mismatch = *repeat && g_strcmp0 (password, repeat) != 0;

  sc_account_form_mark (password_row, error != NULL);
  sc_account_form_mark (repeat_row, mismatch);

  if (error != NULL)
    return g_strdup (error->message);
  if (mismatch)
    return g_strdup (mismatch_message);

  return NULL;
}

/* message (NULL if none) as an error, or else the advice, dimmed. */
void
sc_account_form_show_hint (GtkLabel   *hint_label,
                           const char *message,
                           const char *advice)
{
  gtk_label_set_label (hint_label, message != NULL ? message : advice);
  sc_account_form_mark (hint_label, message != NULL);
  if (message != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (hint_label), "dim-label");
  else
    gtk_widget_add_css_class (GTK_WIDGET (hint_label), "dim-label");
}

static gboolean
on_close_request (GtkWindow *dialog,
                  GtkStack  *stack)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "code") == 0;
}

/* Closing on stack's "code" page would lose the code: only its button
 * leaves. */
void
sc_account_form_keep_code_open (GtkWindow *dialog,
                                GtkStack  *stack)
{
  g_signal_connect_object (dialog, "close-request", G_CALLBACK (on_close_request), stack, 0);
}

/* Shows the code on stack's "code" page, and frees it. */
void
sc_account_form_show_code (GtkWindow          *dialog,
                           GtkStack           *stack,
                           ScRecoveryCodeView *code_view,
                           char               *code)
{
  sc_recovery_code_view_set_code (code_view, code);
  sc_accounts_free_secret (code);
  gtk_stack_set_visible_child_name (stack, "code");
  gtk_window_set_deletable (dialog, FALSE);
}
