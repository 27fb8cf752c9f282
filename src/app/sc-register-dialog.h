/* sc-register-dialog.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SC_TYPE_REGISTER_DIALOG (sc_register_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ScRegisterDialog, sc_register_dialog, SC, REGISTER_DIALOG, AdwWindow)

/* Creates an account, then shows its recovery code once. Emits
 * ::registered (ScUser) when the person has seen the code, then closes. */
ScRegisterDialog *sc_register_dialog_new (GtkWindow *parent);

G_END_DECLS
