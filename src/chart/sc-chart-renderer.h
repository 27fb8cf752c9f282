/* sc-chart-renderer.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "sc-prediction.h"
#include "sc-prices.h"

G_BEGIN_DECLS

/* Same layout as GdkRGBA, so a widget can copy its style colours in. */
typedef struct
{
  float red;
  float green;
  float blue;
  float alpha;
} ScChartColor;

typedef struct
{
  ScChartColor foreground;   /* text and axis labels */
  ScChartColor background;
  ScChartColor grid;
  ScChartColor price;        /* the close line */
  ScChartColor forecast;     /* forecast points, line and 80% fan */
  ScChartColor today;
  ScChartColor training;     /* training-window shading */
  ScChartColor ema;
  ScChartColor rsi;
  ScChartColor hit;          /* past prediction: outcome inside its interval */
  ScChartColor miss;         /* past prediction: outcome outside it */
} ScChartTheme;

/* Derives a full theme from three style colours; dark backgrounds get
 * lighter secondary colours. */
void     sc_chart_theme_init        (ScChartTheme       *theme,
                                     const ScChartColor *foreground,
                                     const ScChartColor *background,
                                     const ScChartColor *accent);
/* The light palette the CLI exports with. */
void     sc_chart_theme_init_light  (ScChartTheme       *theme);
void     sc_chart_theme_init_dark   (ScChartTheme       *theme);

/* A prediction saved earlier for the same ticker, drawn as a marker at its
 * target date, joined to the actual close once that is known. */
typedef struct
{
  ScDay  made_on;   /* as_of of the saved prediction */
  ScDay  date;      /* its target date */
  int    horizon;   /* trading days */
  double price;
  double low;       /* 80% interval, NAN if unknown */
  double high;
  double actual;    /* NAN until known */
} ScChartPastPrediction;

typedef enum
{
  SC_CHART_RANGE_1M,
  SC_CHART_RANGE_6M,
  SC_CHART_RANGE_1Y,
  SC_CHART_RANGE_5Y,
  SC_CHART_RANGE_10Y,
  SC_CHART_RANGE_ALL,
} ScChartRange;

/* "1m", "6m", "1y", "5y", "10y", "all" (case-insensitive). */
gboolean     sc_chart_range_parse  (const char   *text,
                                    ScChartRange *out_range);
const char  *sc_chart_range_to_string (ScChartRange range);

/* Pure helpers, exposed for tests. */

/* A linear or logarithmic map from data values [d0, d1] to pixels [p0, p1]. */
typedef struct
{
  double   d0;
  double   d1;
  double   p0;
  double   p1;
  gboolean log;
} ScChartScale;

double   sc_chart_scale_map    (const ScChartScale *scale,
                                double              value);
double   sc_chart_scale_unmap  (const ScChartScale *scale,
                                double              pixel);

typedef struct
{
  double value;        /* a day (ScDay) or a price */
  double pos;          /* pixels from the axis start */
  double extent;       /* label width (date axis) or height (price axis) */
  char   label[40];
} ScChartTick;

/* Returns the pixel width of a label. */
typedef double (*ScChartMeasureFunc) (const char *label,
                                      gpointer    user_data);

/* Date ticks for [first, last] drawn across width_px pixels: the finest of
 * days, weeks, half-months, months, quarters, years, decades… whose labels,
 * centred on their ticks, fit without overlapping and inside the axis.
 * Returns a GArray of ScChartTick. */
GArray  *sc_chart_date_ticks   (double              first,
                                double              last,
                                double              width_px,
                                ScChartMeasureFunc  measure,
                                gpointer            user_data);
/* Price ticks at round values inside [low, high], at least min_gap_px apart
 * on an axis height_px tall, about 4 to 7 of them when the height allows:
 * equal steps of 1, 2, 2.5 or 5 × 10^k; on a log scale spanning a decade or
 * more, 1-2-5 (or 1-3, or 1-2-3-5) in each decade, or whole decades. pos
 * counts from the bottom. Labels carry the currency. */
GArray  *sc_chart_price_ticks  (double              low,
                                double              high,
                                gboolean            log_scale,
                                double              height_px,
                                double              min_gap_px,
                                const char         *currency);
/* "$1,234.50" with as many decimals as step needs. */
char    *sc_chart_format_price (double              value,
                                double              step,
                                const char         *currency);
/* Min/max decimation: for each integer pixel column of xs (ascending),
 * keeps the lowest and the highest point in their original order, so no
 * extreme is lost and a line has at most two points per column. out_x and
 * out_y hold at least n values; returns how many were written. */
guint    sc_chart_decimate     (const double       *xs,
                                const double       *ys,
                                guint               n,
                                double             *out_x,
                                double             *out_y);

#define SC_TYPE_CHART_RENDERER (sc_chart_renderer_get_type ())

G_DECLARE_FINAL_TYPE (ScChartRenderer, sc_chart_renderer, SC, CHART_RENDERER, GObject)

ScChartRenderer *sc_chart_renderer_new                 (void);

/* The renderer copies what it draws: the caller keeps its own data. */
void             sc_chart_renderer_set_prices          (ScChartRenderer             *self,
                                                        ScPriceSeries               *prices);
void             sc_chart_renderer_set_prediction      (ScChartRenderer             *self,
                                                        ScPrediction                *prediction);
/* The ticker of the prices, or NULL. */
const char      *sc_chart_renderer_get_ticker          (ScChartRenderer             *self);
void             sc_chart_renderer_set_past_predictions (ScChartRenderer            *self,
                                                        const ScChartPastPrediction *items,
                                                        guint                        n_items);
void             sc_chart_renderer_set_show_ema        (ScChartRenderer             *self,
                                                        gboolean                     show);
void             sc_chart_renderer_set_show_rsi        (ScChartRenderer             *self,
                                                        gboolean                     show);
gboolean         sc_chart_renderer_get_show_ema        (ScChartRenderer             *self);
gboolean         sc_chart_renderer_get_show_rsi        (ScChartRenderer             *self);
void             sc_chart_renderer_set_show_title      (ScChartRenderer             *self,
                                                        gboolean                     show);
void             sc_chart_renderer_set_log_scale       (ScChartRenderer             *self,
                                                        gboolean                     log_scale);
gboolean         sc_chart_renderer_get_log_scale       (ScChartRenderer             *self);
void             sc_chart_renderer_set_theme           (ScChartRenderer             *self,
                                                        const ScChartTheme          *theme);
void             sc_chart_renderer_get_theme           (ScChartRenderer             *self,
                                                        ScChartTheme                *out_theme);
void             sc_chart_renderer_set_currency        (ScChartRenderer             *self,
                                                        const char                  *symbol);
/* A Pango font description string, e.g. "Cantarell 10". */
void             sc_chart_renderer_set_font            (ScChartRenderer             *self,
                                                        const char                  *font);

/* The visible dates. Ranges are clamped to the data (plus the forecast
 * side) and never narrower than a week. */
void             sc_chart_renderer_set_visible_range   (ScChartRenderer             *self,
                                                        double                       first,
                                                        double                       last);
void             sc_chart_renderer_get_visible_range   (ScChartRenderer             *self,
                                                        double                      *first,
                                                        double                      *last);
void             sc_chart_renderer_get_full_range      (ScChartRenderer             *self,
                                                        double                      *first,
                                                        double                      *last);
/* A preset: the last month, six months… of history, plus the forecasts that
 * fit beside it. */
void             sc_chart_renderer_set_range           (ScChartRenderer             *self,
                                                        ScChartRange                 range);
/* Zooms by factor (> 1 zooms in) keeping the day under anchor_x in place. */
void             sc_chart_renderer_zoom                (ScChartRenderer             *self,
                                                        int                          width,
                                                        int                          height,
                                                        double                       anchor_x,
                                                        double                       factor);
/* Moves the visible range by dx pixels (positive: towards the past). */
void             sc_chart_renderer_pan                 (ScChartRenderer             *self,
                                                        int                          width,
                                                        int                          height,
                                                        double                       first,
                                                        double                       last,
                                                        double                       dx);

/* Geometry of a chart drawn at width × height, for tests and hit testing. */
void             sc_chart_renderer_get_plot_area       (ScChartRenderer             *self,
                                                        int                          width,
                                                        int                          height,
                                                        cairo_rectangle_t           *out_area);
double           sc_chart_renderer_date_to_x           (ScChartRenderer             *self,
                                                        int                          width,
                                                        int                          height,
                                                        double                       day);
double           sc_chart_renderer_x_to_date           (ScChartRenderer             *self,
                                                        int                          width,
                                                        int                          height,
                                                        double                       x);
double           sc_chart_renderer_price_to_y          (ScChartRenderer             *self,
                                                        int                          width,
                                                        int                          height,
                                                        double                       price);
/* The ticks of the last layout at width × height (arrays of ScChartTick). */
GArray          *sc_chart_renderer_get_date_ticks      (ScChartRenderer             *self,
                                                        int                          width,
                                                        int                          height);
GArray          *sc_chart_renderer_get_price_ticks     (ScChartRenderer             *self,
                                                        int                          width,
                                                        int                          height);

/* Text placed inside the plot: the legend (in the window, where the chart
 * has no title line), the last close's date, and a label per forecast in a
 * column at the plot's right edge, joined to its point by a leader line
 * (or, past the edge, to where the forecast is cut off). None overlaps. */
typedef enum
{
  SC_CHART_LABEL_LEGEND,
  SC_CHART_LABEL_TODAY,
  SC_CHART_LABEL_FORECAST,
} ScChartLabelKind;

typedef struct
{
  ScChartLabelKind   kind;
  guint              index;      /* forecast index, for FORECAST */
  gboolean           beyond;     /* its point lies past the cut */
  cairo_rectangle_t  rect;
  double             anchor_x;   /* the point the leader line joins */
  double             anchor_y;
} ScChartLabel;

/* The labels of the layout at width × height (an array of ScChartLabel). */
GArray          *sc_chart_renderer_get_labels          (ScChartRenderer             *self,
                                                        int                          width,
                                                        int                          height);

/* What lies under the pointer. */
typedef struct
{
  gboolean           valid;
  gboolean           is_forecast;
  double             day;
  double             x;
  double             y;
  double             price;
  guint              row;         /* price row, if !is_forecast */
  guint              index;       /* forecast index, if is_forecast */
  ScForecast         forecast;    /* a copy, if is_forecast */
} ScChartHover;

gboolean         sc_chart_renderer_hit_test            (ScChartRenderer             *self,
                                                        int                          width,
                                                        int                          height,
                                                        double                       x,
                                                        ScChartHover                *out_hover);
/* The hover target one step (row or forecast) from the current one;
 * step < 0 goes back. */
gboolean         sc_chart_renderer_step                (ScChartRenderer             *self,
                                                        int                          width,
                                                        int                          height,
                                                        const ScChartHover          *from,
                                                        int                          step,
                                                        ScChartHover                *out_hover);

/* The static chart. */
void             sc_chart_renderer_draw                (ScChartRenderer             *self,
                                                        cairo_t                     *cr,
                                                        int                          width,
                                                        int                          height);
/* Crosshair and tooltip for hover, drawn over the static chart. */
void             sc_chart_renderer_draw_hover          (ScChartRenderer             *self,
                                                        cairo_t                     *cr,
                                                        int                          width,
                                                        int                          height,
                                                        const ScChartHover          *hover);
/* One sentence describing the chart, for screen readers. */
char            *sc_chart_renderer_describe            (ScChartRenderer             *self);

/* Writes PNG, SVG or PDF, chosen by path's extension, atomically. */
gboolean         sc_chart_renderer_export              (ScChartRenderer             *self,
                                                        const char                  *path,
                                                        int                          width,
                                                        int                          height,
                                                        GError                     **error);

G_END_DECLS
