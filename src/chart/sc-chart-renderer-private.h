/* sc-chart-renderer-private.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The renderer spans several files (renderer, ticks, theme, viewport,
 * layout, layers, axes, hover, export); they share its struct and these
 * internals. Not for use outside src/chart. */

#pragma once

#include <pango/pangocairo.h>

#include "sc-chart-renderer.h"

G_BEGIN_DECLS

#define PAD            14.0   /* outer margin */
#define AXIS_GAP        8.0   /* between plot and axis labels */
#define MIN_SPAN        7.0   /* narrowest visible range, days */
#define EMA_PERIOD     10
#define RSI_PERIOD     10
#define STROKE_CHUNK   48
#define LABEL_GAP      12.0   /* between the plot and the forecast labels */

/* A readable axis carries about this many price labels, however tall. */
#define MIN_PRICE_TICKS 4
#define MAX_PRICE_TICKS 7

#define LEGEND_SWATCH 22.0   /* swatch and its gap */
#define LEGEND_GAP    14.0   /* between items */

/* Layout of a chart at one size; rebuilt when the size or the data change. */
typedef struct
{
  gboolean           valid;
  int                width;
  int                height;
  double             label_h;
  cairo_rectangle_t  title;
  cairo_rectangle_t  plot;
  cairo_rectangle_t  rsi;          /* height 0 when hidden */
  ScChartScale       xs;           /* day -> x */
  ScChartScale       ys;           /* price -> y */
  ScChartScale       rs;           /* RSI -> y */
  double             price_step;
  GArray            *date_ticks;
  GArray            *price_ticks;

  /* Text inside the plot, placed once per layout so that none overlaps
   * (sc_chart_renderer_get_labels() hands them to tests). */
  gboolean           show_training;  /* the window starts inside the view */
  double             gutter;         /* width of the labels' column right of the plot */
  gboolean           compact;        /* labels without the horizon's words */
  gboolean           fan_cut;        /* the forecast runs past the plot's edge */
  guint              n_legend;       /* legend items that fit */
  GArray            *labels;         /* ScChartLabel */
} Layout;

struct _ScChartRenderer
{
  GObject                parent_instance;

  /* Prices, copied. */
  char                  *ticker;
  guint                  n_rows;
  double                *days;
  double                *close;
  double                *ema;          /* NAN where undefined */
  double                *rsi;

  /* The prediction, copied. */
  gboolean               has_prediction;
  char                  *model_id;
  double                 as_of;
  double                 last_close;
  double                 train_first;  /* NAN if unknown */
  guint                  train_rows;
  guint                  n_forecasts;
  ScForecast            *forecasts;

  ScChartPastPrediction *past;
  guint                  n_past;

  gboolean               show_ema;
  gboolean               show_rsi;
  gboolean               show_title;
  gboolean               log_scale;
  ScChartTheme           theme;
  char                  *currency;

  /* Visible dates; range_set is FALSE until someone chose a range. */
  gboolean               range_set;
  double                 first;
  double                 last;

  /* The forecast labels' column widths (full, compact); < 0: not measured
   * since the forecasts, currency or font changed. */
  double                 label_width[2];

  PangoContext          *pango;
  PangoLayout           *text;
  PangoFontDescription  *font;
  PangoFontDescription  *small_font;
  PangoFontDescription  *title_font;

  Layout                 layout;

  /* Scratch buffers for one line. */
  guint                  scratch_len;
  double                *sx;
  double                *sy;
  double                *dx;
  double                *dy;
};

typedef enum { FAN_PRICE, FAN_LOW, FAN_HIGH } FanEdge;

typedef enum { SWATCH_LINE, SWATCH_DASH, SWATCH_BOX, SWATCH_DIAMOND } Swatch;

typedef struct
{
  const char         *label;
  Swatch              swatch;
  const ScChartColor *color;
  gboolean            shown;
} LegendItem;

void
_sc_chart_format_day_long (double  day,
                           char   *buffer,
                           gsize   size);

void
_sc_chart_set_color (cairo_t            *cr,
                     const ScChartColor *color,
                     double              alpha);

void
_sc_chart_renderer_invalidate (ScChartRenderer *self);

void
_sc_chart_renderer_text_set (ScChartRenderer            *self,
                             const PangoFontDescription *font,
                             const char                 *text);

void
_sc_chart_renderer_text_size (ScChartRenderer *self,
                              double          *width,
                              double          *height);

double
_sc_chart_renderer_measure_label (const char *label,
                                  gpointer    user_data);

void
_sc_chart_renderer_text_show (ScChartRenderer    *self,
                              cairo_t            *cr,
                              double              x,
                              double              y,
                              const ScChartColor *color,
                              double              alpha);

void
_sc_chart_renderer_draw_dot (ScChartRenderer    *self,
                             cairo_t            *cr,
                             double              x,
                             double              y,
                             double              outer,
                             double              inner,
                             const ScChartColor *color);

void
_sc_chart_rounded_rect (cairo_t *cr,
                        double   x,
                        double   y,
                        double   w,
                        double   h,
                        double   r);

void
_sc_chart_renderer_effective_range (ScChartRenderer *self,
                                    double          *first,
                                    double          *last);

guint
_sc_chart_renderer_lower_bound (ScChartRenderer *self,
                                double           day);

double
_sc_chart_renderer_fan_point (ScChartRenderer *self,
                              guint            i,
                              FanEdge          edge,
                              double          *day);

void
_sc_chart_renderer_forecast_label_text (ScChartRenderer *self,
                                        guint            index,
                                        gboolean         beyond,
                                        gboolean         compact,
                                        char           **price_line,
                                        char           **horizon_line);

guint
_sc_chart_renderer_plot_legend_items (ScChartRenderer *self,
                                      LegendItem      *items);

void
_sc_chart_renderer_ensure_layout (ScChartRenderer *self,
                                  int              width,
                                  int              height);

double
_sc_chart_crisp (double v);

void
_sc_chart_renderer_draw_forecast_labels (ScChartRenderer *self,
                                         cairo_t         *cr);

void
_sc_chart_renderer_draw_plot_legend (ScChartRenderer *self,
                                     cairo_t         *cr);

void
_sc_chart_renderer_draw_axis_tag (ScChartRenderer    *self,
                                  cairo_t            *cr,
                                  double              y,
                                  const char         *label,
                                  const ScChartColor *fill,
                                  const ScChartColor *ink);

void
_sc_chart_renderer_draw_axes (ScChartRenderer *self,
                              cairo_t         *cr);

void
_sc_chart_renderer_draw_title (ScChartRenderer *self,
                               cairo_t         *cr);

/* Export, shared by the price chart and the calibration chart. */
typedef enum { EXPORT_PNG, EXPORT_SVG, EXPORT_PDF } ExportFormat;

typedef void (*ExportDrawFunc) (cairo_t       *cr,
                                int            width,
                                int            height,
                                gconstpointer  user_data);

/* The format by the file name's ending; SC_ERROR_USAGE for another. */
gboolean
_sc_chart_export_format (const char    *path,
                         ExportFormat  *out_format,
                         GError       **error);

/* Draws with DRAW at width × height and writes PATH whole or not at all;
 * a PDF gets PDF_TITLE (and Stockcast as its creator) unless it is NULL. */
gboolean
_sc_chart_export_draw (const char      *path,
                       ExportFormat     format,
                       int              width,
                       int              height,
                       const char      *pdf_title,
                       ExportDrawFunc   draw,
                       gconstpointer    user_data,
                       GError         **error);

G_END_DECLS
