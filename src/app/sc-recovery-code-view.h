/* sc-recovery-code-view.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SC_TYPE_RECOVERY_CODE_VIEW (sc_recovery_code_view_get_type ())

G_DECLARE_FINAL_TYPE (ScRecoveryCodeView, sc_recovery_code_view, SC, RECOVERY_CODE_VIEW, AdwBin)

/* Shows a recovery code once, with a Copy button; ::done when the person
 * says they stored it. */
void        sc_recovery_code_view_set_code (ScRecoveryCodeView *self,
                                            const char         *code);
const char *sc_recovery_code_view_get_code (ScRecoveryCodeView *self);

G_END_DECLS
