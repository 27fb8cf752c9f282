/* sc-scorecard.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How a user's own predictions turned out: pure computation on a list of
 * forecasts (one per saved prediction and horizon) with their actual close
 * once known. Knows nothing of where the forecasts are stored. */

typedef struct
{
  const char *model;      /* model id; not owned */
  int         horizon;    /* trading days ahead */
  double      last_close; /* the close the prediction was made from */
  double      price;      /* forecast */
  double      low;        /* 80% interval */
  double      high;
  double      actual;     /* NAN until the forecast came due and its close is known */
} ScScorecardForecast;

/* Fewer forecasts than this are "too few to judge": with 20 outcomes the
 * observed share of an 80% range still wanders by about ±9 points. */
#define SC_SCORECARD_MIN_DUE 20

typedef struct
{
  char   *model;        /* NULL in the overall row */
  int     horizon;      /* 0 in the overall row */
  guint   n_forecasts;  /* due or not */
  guint   due;          /* forecasts whose actual close is known */
  guint   inside;       /* low <= actual <= high (a close on the bound is inside) */
  guint   right_direction;
  double  coverage;     /* inside / due; NAN when nothing came due */
  double  mase;         /* mean |price - actual| / mean |last_close - actual|;
                         * NAN when nothing came due or "no change" was never wrong */
  double  direction;    /* share with sign (price - last_close) == sign (actual - last_close),
                         * signs in {-1, 0, +1}; NAN when nothing came due */
} ScScorecardRow;

typedef struct _ScScorecard
{
  ScScorecardRow  overall;
  GArray         *rows;   /* ScScorecardRow by model id, then horizon ascending */
} ScScorecard;

ScScorecard *sc_scorecard_compute      (const ScScorecardForecast *forecasts,
                                        guint                      n_forecasts);
void         sc_scorecard_free         (ScScorecard               *self);
/* TRUE when row->due is below SC_SCORECARD_MIN_DUE. */
gboolean     sc_scorecard_row_too_few  (const ScScorecardRow      *row);
/* "3 came due: too few to judge", "42 came due", "None came due yet". */
char        *sc_scorecard_row_describe (const ScScorecardRow      *row);

/* --- notifications ------------------------------------------------------ */

typedef struct
{
  const char *ticker;
  int         horizon;
  double      price;
  double      low;
  double      high;
  double      actual;
} ScDueOutcome;

/* One line per outcome: "MSFT, 10 trading days: predicted 216.15, closed
 * 220.30 — inside the range" ("below"/"above the range" otherwise). */
char        *sc_due_outcome_describe   (const ScDueOutcome        *outcome);
/* The single notification for a batch of outcomes that came due: a title
 * ("MSFT came due", "3 predictions came due") and a body of at most
 * max_lines lines, then "and N more". FALSE (nothing set) for none. */
gboolean     sc_due_outcomes_notice    (const ScDueOutcome        *outcomes,
                                        guint                      n_outcomes,
                                        guint                      max_lines,
                                        char                     **out_title,
                                        char                     **out_body);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScScorecard, sc_scorecard_free)

G_END_DECLS
