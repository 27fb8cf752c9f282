/* sc-prices.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Dates are whole days since 1970-01-01 (UTC calendar dates, no time). */
typedef gint32 ScDay;

gboolean  sc_day_parse   (const char *text,
                          ScDay      *out_day);
char     *sc_day_format  (ScDay       day);       /* "YYYY-MM-DD" */
ScDay     sc_day_today   (void);
int       sc_day_weekday (ScDay       day);       /* 1 = Monday … 7 = Sunday */
ScDay     sc_day_from_ymd (int        year,
                           int        month,
                           int        day);
void      sc_day_to_ymd   (ScDay      day,
                           int       *out_year,
                           int       *out_month,
                           int       *out_day);

/* A daily price series, sorted by date, one row per date. Missing values
 * other than the close are NAN. */
typedef struct _ScPriceSeries ScPriceSeries;

struct _ScPriceSeries
{
  char   *ticker;
  guint   n_rows;
  ScDay  *date;
  double *open;
  double *high;
  double *low;
  double *close;
  double *adj_close;
  double *volume;

  /* What normalising dropped, so callers can report it. */
  guint   dropped_duplicate;      /* same date seen again: the last row wins */
  guint   dropped_missing_close;  /* close empty or "null" */
  guint   dropped_nonpositive;    /* close <= 0 */

  /*< private >*/
  guint   capacity;
  gint    ref_count;
};

ScPriceSeries *sc_price_series_new        (const char     *ticker);
ScPriceSeries *sc_price_series_ref        (ScPriceSeries  *self);
void           sc_price_series_unref      (ScPriceSeries  *self);
void           sc_price_series_append     (ScPriceSeries  *self,
                                           ScDay           date,
                                           double          open,
                                           double          high,
                                           double          low,
                                           double          close,
                                           double          adj_close,
                                           double          volume);
/* Sort by date, drop duplicate dates (last wins) and rows without a positive
 * close, counting each dropped row. */
void           sc_price_series_normalize  (ScPriceSeries  *self);
/* A copy holding rows [first, first + n_rows). */
ScPriceSeries *sc_price_series_slice      (ScPriceSeries  *self,
                                           guint           first,
                                           guint           n_rows);
/* Sum of the dropped_* counters. */
guint          sc_price_series_n_dropped  (ScPriceSeries  *self);

/* Yahoo (Date,Open,High,Low,Close,Adj Close,Volume) or Stooq layout, columns
 * found by header name. The result is normalised. Errors are SC_ERROR_DATA. */
ScPriceSeries *sc_price_series_parse_csv  (const char     *ticker,
                                           const char     *data,
                                           gsize           length,
                                           GError        **error);
ScPriceSeries *sc_price_series_load_csv   (const char     *ticker,
                                           const char     *path,
                                           GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScPriceSeries, sc_price_series_unref)

G_END_DECLS
