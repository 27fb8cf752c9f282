/* sc-cli-prices.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sc-cli-private.h"
#include "sc-prices.h"

ScPriceSeries *
_sc_cli_load_prices (const char  *ticker,
                     const char  *csv_path,
                     gboolean     offline,
                     char       **out_source,
                     GError     **error)
{
  ScPriceSeries *series;

  g_return_val_if_fail (ticker != NULL, NULL);

  if (csv_path == NULL)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("No price data for %s: use --csv FILE."), ticker);
      return NULL;
    }

  series = sc_price_series_load_csv (ticker, csv_path, error);
  if (series != NULL && out_source != NULL)
    *out_source = g_strdup ("csv");
  return series;
}
