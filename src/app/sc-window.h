/* sc-window.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sc-accounts.h"
#include "sc-application.h"

G_BEGIN_DECLS

#define SC_TYPE_WINDOW (sc_window_get_type ())

G_DECLARE_FINAL_TYPE (ScWindow, sc_window, SC, WINDOW, AdwApplicationWindow)

ScWindow *sc_window_new           (ScApplication *application);
/* Restores the remembered user, or asks someone to sign in. */
void      sc_window_start_session (ScWindow      *self);
/* Shows USER's predictions (NULL: signed out). remember keeps the user
 * signed in at the next start. */
void      sc_window_set_user      (ScWindow      *self,
                                   ScUser        *user,
                                   gboolean       remember);
ScUser   *sc_window_get_user      (ScWindow      *self);
/* The sign-in dialog while it is open, else NULL. */
GtkWindow *sc_window_get_sign_in_dialog (ScWindow *self);

G_END_DECLS
