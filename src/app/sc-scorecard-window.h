/* sc-scorecard-window.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sc-scorecard.h"

G_BEGIN_DECLS

#define SC_TYPE_SCORECARD_WINDOW (sc_scorecard_window_get_type ())

G_DECLARE_FINAL_TYPE (ScScorecardWindow, sc_scorecard_window, SC, SCORECARD_WINDOW, AdwWindow)

/* Loads the scorecard of user_id in the background and shows it. */
ScScorecardWindow *sc_scorecard_window_new  (GtkWindow         *parent,
                                             gint64             user_id,
                                             const char        *username);
/* Shows card (for tests and screenshots); the window keeps no reference. */
void               sc_scorecard_window_show_card (ScScorecardWindow *self,
                                                  const ScScorecard *card);

G_END_DECLS
