/* sc-result-card.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sc-prediction.h"
#include "sc-results.h"

G_BEGIN_DECLS

#define SC_TYPE_RESULT_CARD (sc_result_card_get_type ())

G_DECLARE_FINAL_TYPE (ScResultCard, sc_result_card, SC, RESULT_CARD, AdwBin)

/* A fresh prediction: forecasts, backtest quality and where the prices
 * came from. */
void  sc_result_card_set_prediction (ScResultCard *self,
                                     ScPrediction *prediction);
/* A saved result from the history: forecasts and, once known, the actual
 * closes. */
void  sc_result_card_set_result     (ScResultCard *self,
                                     ScResult     *result);
/* The text of the card, for tests and accessibility. */
char *sc_result_card_dup_text       (ScResultCard *self);

G_END_DECLS
