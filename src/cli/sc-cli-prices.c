/* sc-cli-prices.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

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
      __typeof__ (_sc_cli_load_cached_prices) *load_cached = _SC_CLI_NET (_sc_cli_load_cached_prices, error);

      return load_cached != NULL ? load_cached (ticker, offline, out_source, error) : NULL;
    }

  series = sc_price_series_load_csv (ticker, csv_path, error);
  if (series != NULL && out_source != NULL)
    *out_source = g_strdup ("csv");
  return series;
}
