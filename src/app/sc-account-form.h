/* sc-account-form.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sc-recovery-code-view.h"

G_BEGIN_DECLS

/* What the register and password dialogs share: their rows, the new
 * password typed twice, the hint under the form, and the recovery code
 * page that only its own button leaves. */

const char *sc_account_form_text           (gpointer            row);
void        sc_account_form_mark           (gpointer            row,
                                            gboolean            bad);
char       *sc_account_form_check_password (gpointer            password_row,
                                            gpointer            repeat_row,
                                            const char         *mismatch_message);
void        sc_account_form_show_hint      (GtkLabel           *hint_label,
                                            const char         *message,
                                            const char         *advice);
void        sc_account_form_keep_code_open (GtkWindow          *dialog,
                                            GtkStack           *stack);
void        sc_account_form_show_code      (GtkWindow          *dialog,
                                            GtkStack           *stack,
                                            ScRecoveryCodeView *code_view,
                                            char               *code);

G_END_DECLS
