/* sc-due.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-db.h"
#include "sc-scorecard.h"

G_BEGIN_DECLS

/* Forecasts that have come due (their target date has passed) but whose
 * actual close is not known yet, of every user: what `stockcast refresh`
 * and the window's catch-up fetch prices for. */

typedef struct
{
  gint64  result_id;
  int     horizon;
  char   *ticker;
  double  price;
  double  low;
  double  high;
  double  actual;    /* NAN until sc_due_lookup_actuals() finds it */
} ScDueForecast;

/* Element type ScDueForecast (the array frees the tickers). Forecasts of
 * deleted results are left out. today is "YYYY-MM-DD"; user_id 0 means
 * every user. NULL on error. */
GArray    *sc_due_list_pending   (ScDb        *db,
                                  gint64       user_id,
                                  const char  *today,
                                  GError     **error);
/* Frees an array of ScDueForecast and their tickers. */
void       sc_due_forecasts_free (GArray      *forecasts);
/* The distinct tickers of pending (owned strings). */
GPtrArray *sc_due_tickers        (GArray      *pending);
/* Reads the actual close of each forecast of pending again (after a fill);
 * returns how many are now known. -1 on error. */
int        sc_due_lookup_actuals (ScDb        *db,
                                  GArray      *pending,
                                  GError     **error);

/* The scorecard of user_id's saved predictions (tombstones left out), after
 * filling the actuals the price cache already knows: what `stockcast
 * scorecard` prints and the window's scorecard shows. */
/* The forecasts behind it (ScScorecardForecast, model ids interned). */
GArray      *sc_due_user_forecasts (ScDb    *db,
                                    gint64   user_id,
                                    GError **error);
ScScorecard *sc_due_user_scorecard (ScDb    *db,
                                    gint64   user_id,
                                    GError **error);

G_END_DECLS
