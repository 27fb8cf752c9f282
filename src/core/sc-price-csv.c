/* sc-price-csv.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "sc-price-csv.h"

void
sc_double_append_shortest (GString *out,
                           double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_if_fail (out != NULL);

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }
  /* Volumes and whole prices without an exponent ("200", not "2e+02"). */
  if (value == floor (value) && fabs (value) < 1e15)
    {
      g_string_append_printf (out, "%.0f", value);
      return;
    }

  for (int digits = 1; digits <= 17; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  g_string_append (out, buffer);
}

GBytes *
sc_price_series_to_csv (ScPriceSeries *series)
{
  GString *out;

  g_return_val_if_fail (series != NULL, NULL);

  out = g_string_new ("Date,Open,High,Low,Close,Adj Close,Volume\n");
  for (guint i = 0; i < series->n_rows; i++)
    {
      g_autofree char *date = sc_day_format (series->date[i]);
      const double values[] = { series->open[i], series->high[i], series->low[i], series->close[i],
                                series->adj_close[i], series->volume[i] };

      g_string_append (out, date);
      for (guint k = 0; k < G_N_ELEMENTS (values); k++)
        {
          g_string_append_c (out, ',');
          sc_double_append_shortest (out, values[k]);
        }
      g_string_append_c (out, '\n');
    }

  return g_string_free_to_bytes (out);
}
