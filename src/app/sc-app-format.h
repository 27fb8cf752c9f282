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
typedef enum
{
  SC_QUALITY_UNKNOWN,   /* too few tests */
  SC_QUALITY_BETTER,    /* MASE at least 2% under 1 */
  SC_QUALITY_SAME,      /* within 2% of "no change": noise */
  SC_QUALITY_WORSE,     /* MASE at least 2% over 1: shown in the warning colour */
} ScQualityVerdict;

/* "1 Apr 2022" in English; the translation chooses the format. */
char *sc_format_day            (ScDay                   day);
/* An ISO 8601 UTC time as the local "1 Apr 2022, 14:05". */
char *sc_format_created        (const char             *created_at);
/* "In 10 trading days": card, history and chart use these words. */
char *sc_format_horizon        (int                     horizon);
/* "+3.2%" / "−1.5%" */
char *sc_format_change         (double                  from,
                                double                  to);
ScQualityVerdict sc_quality_verdict (const ScHorizonMetrics *metrics);
/* One sentence about a model's walk-forward quality at one horizon against
 * the "no change" baseline, e.g. "10 trading days ahead: closer than “no
 * change” by 8%." */
char *sc_format_quality        (const ScHorizonMetrics *metrics);
/* "Right about the direction 54% of the time; 79% of outcomes fell inside
 * the 80% range (120 tests)." For the baseline itself only the range part:
 * it never moves, so a direction score means nothing. */
char *sc_format_quality_detail (const ScHorizonMetrics *metrics,
                                gboolean                baseline);
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
