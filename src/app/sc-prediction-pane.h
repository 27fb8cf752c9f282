/* sc-prediction-pane.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sc-accounts.h"
#include "sc-chart.h"
#include "sc-results.h"

G_BEGIN_DECLS

#define SC_TYPE_PREDICTION_PANE (sc_prediction_pane_get_type ())

G_DECLARE_FINAL_TYPE (ScPredictionPane, sc_prediction_pane, SC, PREDICTION_PANE, AdwBin)

/* The ticker form, the progress of a running prediction and its result
 * card and chart. Emits ::saved (ScResult) when a prediction was saved to
 * the user's history, ::toast (AdwToast) for the window to show.
 * Actions: pane.predict, pane.cancel, pane.dismiss-message. */
void     sc_prediction_pane_set_user     (ScPredictionPane *self,
                                          ScUser           *user);
gboolean sc_prediction_pane_get_busy     (ScPredictionPane *self);
void     sc_prediction_pane_focus_ticker (ScPredictionPane *self);
/* Cancels the running prediction, if any. */
void     sc_prediction_pane_cancel       (ScPredictionPane *self);
/* Shows a saved result from the history. */
void     sc_prediction_pane_show_result  (ScPredictionPane *self,
                                          ScResult         *result);
/* Earlier results for the ticker shown (ScResult), drawn on the chart. */
void     sc_prediction_pane_set_past_results (ScPredictionPane *self,
                                              GPtrArray        *results);
/* The uuid of the saved result shown (new or from the history), or NULL. */
const char *sc_prediction_pane_get_shown_uuid (ScPredictionPane *self);
/* TRUE while the result shown was set aside by a failed prediction. */
gboolean sc_prediction_pane_get_stale    (ScPredictionPane *self);
/* Shows the empty page again (the result shown was deleted). */
void     sc_prediction_pane_clear_result (ScPredictionPane *self);
gboolean sc_prediction_pane_get_narrow   (ScPredictionPane *self);
void     sc_prediction_pane_set_narrow   (ScPredictionPane *self,
                                          gboolean          narrow);
ScChart *sc_prediction_pane_get_chart (ScPredictionPane *self);
/* Forgets the result shown and the form's ticker (after signing out). */
void     sc_prediction_pane_reset        (ScPredictionPane *self);

G_END_DECLS
