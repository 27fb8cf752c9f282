/* sc-watchlist-window.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SC_TYPE_WATCHLIST_WINDOW (sc_watchlist_window_get_type ())

G_DECLARE_FINAL_TYPE (ScWatchlistWindow, sc_watchlist_window, SC, WATCHLIST_WINDOW, AdwWindow)

/* The watchlist of user_id: rows with the last close, a sparkline and,
 * after Predict All, the model's forecasts. */
ScWatchlistWindow *sc_watchlist_window_new (GtkWindow  *parent,
                                            gint64      user_id,
                                            const char *model_id);
/* TRUE while Predict All runs. */
gboolean           sc_watchlist_window_get_busy (ScWatchlistWindow *self);

G_END_DECLS
