/* sc-chart.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sc-chart-renderer.h"

G_BEGIN_DECLS

#define SC_TYPE_CHART_RANGE (sc_chart_range_get_type ())
GType sc_chart_range_get_type (void);

#define SC_TYPE_CHART (sc_chart_get_type ())

G_DECLARE_FINAL_TYPE (ScChart, sc_chart, SC, CHART, GtkWidget)

/* The price-and-forecast chart. Actions (prefix "chart."):
 *   chart.range('1m'|'6m'|'1y'|'5y'|'10y'|'all'), chart.reset-view,
 *   chart.log-scale, chart.show-ema, chart.show-rsi (stateful booleans),
 *   chart.zoom-in, chart.zoom-out, chart.export('png'|'svg'|'pdf') (asks
 *   for a file, reports through the nearest AdwToastOverlay).
 * Ctrl+scroll or pinch zooms, dragging pans, a double click resets the
 * view, arrow keys move the crosshair. */
GtkWidget       *sc_chart_new                  (void);

/* Both are copied; NULL clears. */
void             sc_chart_set_prices           (ScChart                     *self,
                                                ScPriceSeries               *prices);
void             sc_chart_set_prediction       (ScChart                     *self,
                                                ScPrediction                *prediction);
void             sc_chart_set_past_predictions (ScChart                     *self,
                                                const ScChartPastPrediction *items,
                                                guint                        n_items);

ScChartRange     sc_chart_get_range            (ScChart                     *self);
void             sc_chart_set_range            (ScChart                     *self,
                                                ScChartRange                 range);
/* Back to the current range preset after zooming or panning. */
void             sc_chart_reset_view           (ScChart                     *self);

gboolean         sc_chart_get_log_scale        (ScChart                     *self);
void             sc_chart_set_log_scale        (ScChart                     *self,
                                                gboolean                     log_scale);
gboolean         sc_chart_get_show_ema         (ScChart                     *self);
void             sc_chart_set_show_ema         (ScChart                     *self,
                                                gboolean                     show);
gboolean         sc_chart_get_show_rsi         (ScChart                     *self);
void             sc_chart_set_show_rsi         (ScChart                     *self,
                                                gboolean                     show);

/* Writes the chart as shown (range, scale, overlays) in the light palette
 * to PNG, SVG or PDF, by path's extension. */
gboolean         sc_chart_export               (ScChart                     *self,
                                                const char                  *path,
                                                int                          width,
                                                int                          height,
                                                GError                     **error);

/* The crosshair, if any: for tests and for showing details elsewhere. */
gboolean         sc_chart_get_hover            (ScChart                     *self,
                                                ScChartHover                *out_hover);
ScChartRenderer *sc_chart_get_renderer         (ScChart                     *self);

G_END_DECLS
