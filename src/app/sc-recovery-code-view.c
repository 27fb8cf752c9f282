/* sc-recovery-code-view.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <sodium.h>

#include "sc-recovery-code-view.h"

struct _ScRecoveryCodeView
{
  AdwBin     parent_instance;

  GtkLabel  *code_label;
  GtkLabel  *copied_label;
  GtkWidget *done_button;
};

G_DEFINE_FINAL_TYPE (ScRecoveryCodeView, sc_recovery_code_view, ADW_TYPE_BIN)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
sc_recovery_code_view_set_code (ScRecoveryCodeView *self,
                                const char         *code)
{
  g_return_if_fail (SC_IS_RECOVERY_CODE_VIEW (self));

  gtk_label_set_label (self->code_label, code ? code : "");
  gtk_widget_set_opacity (GTK_WIDGET (self->copied_label), 0);
  gtk_widget_grab_focus (self->done_button);
}

const char *
sc_recovery_code_view_get_code (ScRecoveryCodeView *self)
{
  g_return_val_if_fail (SC_IS_RECOVERY_CODE_VIEW (self), NULL);

  return gtk_label_get_label (self->code_label);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ScRecoveryCodeView *self = SC_RECOVERY_CODE_VIEW (widget);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);

  gdk_clipboard_set_text (clipboard, gtk_label_get_label (self->code_label));
  gtk_widget_set_opacity (GTK_WIDGET (self->copied_label), 1);
}

static void
done_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ScRecoveryCodeView *self = SC_RECOVERY_CODE_VIEW (widget);
  const char *code = gtk_label_get_label (self->code_label);
  char *wiped = g_strdup (code);

  /* The code is not needed any more: leave no copy in the label. */
  gtk_label_set_label (self->code_label, "");
  sodium_memzero (wiped, strlen (wiped));
  g_free (wiped);

  g_signal_emit (self, signals[DONE], 0);
}

static void
sc_recovery_code_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SC_TYPE_RECOVERY_CODE_VIEW);

  G_OBJECT_CLASS (sc_recovery_code_view_parent_class)->dispose (object);
}

static void
sc_recovery_code_view_class_init (ScRecoveryCodeViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sc_recovery_code_view_dispose;

  signals[DONE] =
    g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/stockcast/Stockcast/sc-recovery-code-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ScRecoveryCodeView, code_label);
  gtk_widget_class_bind_template_child (widget_class, ScRecoveryCodeView, copied_label);
  gtk_widget_class_bind_template_child (widget_class, ScRecoveryCodeView, done_button);

  gtk_widget_class_install_action (widget_class, "recovery-code.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "recovery-code.done", NULL, done_action);
}

static void
sc_recovery_code_view_init (ScRecoveryCodeView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
