/* sc-calendar.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sc-prices.h"

G_BEGIN_DECLS

/* The NYSE's regular holidays (New Year's Day, Martin Luther King Jr. Day,
 * Washington's Birthday, Good Friday, Memorial Day, Juneteenth from 2022,
 * Independence Day, Labor Day, Thanksgiving, Christmas) with the exchange's
 * weekend rules. One-off closures (national mourning, storms) are not
 * known in advance and are not included. */
gboolean sc_calendar_is_holiday          (ScDay day);
gboolean sc_calendar_is_trading_day      (ScDay day);
/* The N-th trading day after FROM (N >= 0; N = 0 gives FROM itself). */
ScDay    sc_calendar_add_trading_days    (ScDay from,
                                          guint n);
/* Easter Sunday of YEAR (Gregorian). */
ScDay    sc_calendar_easter              (int   year);

G_END_DECLS
