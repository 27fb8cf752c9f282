/* sc-sign-in-dialog.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SC_TYPE_SIGN_IN_DIALOG (sc_sign_in_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ScSignInDialog, sc_sign_in_dialog, SC, SIGN_IN_DIALOG, AdwWindow)

/* Emits ::signed-in (ScUser, remember) after a successful sign-in or a new
 * account, then closes itself. Opens the register and reset dialogs. */
ScSignInDialog *sc_sign_in_dialog_new          (GtkWindow      *parent);
void            sc_sign_in_dialog_set_username (ScSignInDialog *self,
                                                const char     *username);

G_END_DECLS
