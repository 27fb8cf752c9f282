/* sc-history-item.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sc-results.h"

G_BEGIN_DECLS

#define SC_TYPE_HISTORY_ITEM (sc_history_item_get_type ())

G_DECLARE_FINAL_TYPE (ScHistoryItem, sc_history_item, SC, HISTORY_ITEM, GObject)

/* One saved result in the history's GListModel. The properties (ticker,
 * model, created-at, last-close, as-of) feed the column sorters. */
ScHistoryItem          *sc_history_item_new          (ScResult      *result);
ScResult               *sc_history_item_get_result   (ScHistoryItem *self);
const char             *sc_history_item_get_uuid     (ScHistoryItem *self);
const char             *sc_history_item_get_ticker   (ScHistoryItem *self);
/* The forecast for horizon, or NULL. */
const ScResultForecast *sc_history_item_get_forecast (ScHistoryItem *self,
                                                      int            horizon);

G_END_DECLS
