/* sc-calibration-chart.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "sc-chart-renderer.h"
#include "sc-scorecard.h"

G_BEGIN_DECLS

/* The scorecard's calibration chart, in the price chart's theme: on the
 * left, each model's observed share inside its 80% range against the 80%
 * line; on the right, every forecast that came due as a point (predicted
 * change, actual change) in percent of the last close, with its 80% range
 * as a vertical bar, green when the close fell inside and red when not. */
void     sc_calibration_chart_draw   (cairo_t                   *cr,
                                      int                        width,
                                      int                        height,
                                      const ScChartTheme        *theme,
                                      const ScScorecardForecast *forecasts,
                                      guint                      n_forecasts);
/* PNG, SVG or PDF by the file name's ending, in the light theme; written
 * whole or not at all. SC_ERROR_USAGE for a bad name or size. */
gboolean sc_calibration_chart_export (const char                *path,
                                      int                        width,
                                      int                        height,
                                      const ScScorecardForecast *forecasts,
                                      guint                      n_forecasts,
                                      GError                   **error);

G_END_DECLS
