/* sc-app-format.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-prediction.h"

G_BEGIN_DECLS

/* Words and numbers as the window shows them. Pure functions, so tests can
 * check the wording without a display. */

/* "309.42" (two decimals, at least one significant digit for pennies). */
char *sc_format_price          (double                  price);
/* "Fri, 1 Apr 2022" */
char *sc_format_day            (ScDay                   day);
/* "+3.2%" / "−1.5%" */
char *sc_format_change         (double                  from,
                                double                  to);
/* One sentence about a model's walk-forward quality at one horizon, e.g.
 * "Beats the naive forecast by 8% at 10 days." or "No better than assuming
 * no change at 365 days." */
char *sc_format_quality        (const ScHorizonMetrics *metrics);
/* "Right about the direction 54% of the time; 79% of outcomes fell inside the 80% range." */
char *sc_format_quality_detail (const ScHorizonMetrics *metrics);
/* Where the prices came from and how old the newest is, e.g.
 * "Yahoo Finance, last close 2 days ago" or "Sample data bundled with
 * Stockcast, not current prices". today is normally sc_day_today(). */
char *sc_format_source         (const char             *source,
                                ScDay                   as_of,
                                ScDay                   today);
/* Parses "10, 60 365" into sorted unique horizons (1–2000 trading days).
 * NULL with a sentence in error if the text has no valid horizon. */
GArray *sc_parse_horizons      (const char             *text,
                                GError                **error);
/* "10, 60, 365" */
char *sc_format_horizons       (const int              *horizons,
                                guint                   n_horizons);

G_END_DECLS
