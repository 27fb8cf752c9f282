/* sc-password-dialog.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef enum
{
  SC_PASSWORD_DIALOG_RESET,    /* forgot it: username, recovery code, new password twice */
  SC_PASSWORD_DIALOG_CHANGE,   /* signed in: current password, new password twice */
} ScPasswordDialogMode;

#define SC_TYPE_PASSWORD_DIALOG (sc_password_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ScPasswordDialog, sc_password_dialog, SC, PASSWORD_DIALOG, AdwWindow)

/* Emits ::done (username) once the password is changed (after showing the
 * new recovery code, for a reset), then closes. username: prefilled for a
 * reset, the signed-in user for a change. */
ScPasswordDialog *sc_password_dialog_new (GtkWindow            *parent,
                                          ScPasswordDialogMode  mode,
                                          const char           *username);

G_END_DECLS
