/* fuzz-csv.c — libFuzzer target for the price CSV parser.
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built and run by tests/fuzz/run-fuzz.sh (clang -fsanitize=fuzzer,address).
 */

#include "config.h"

#include <math.h>
#include <stdint.h>

#include "sc-error.h"
#include "sc-prices.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScPriceSeries) series = NULL;

  series = sc_price_series_parse_csv ("FUZZ", (const char *) data, size, &error);

  /* Exactly one of a series or an error, and the promises of a series. */
  if ((series == NULL) == (error == NULL))
    __builtin_trap ();
  if (series != NULL)
    {
      if (series->n_rows == 0)
        __builtin_trap ();
      for (guint i = 0; i < series->n_rows; i++)
        {
          if (!(series->close[i] > 0) || !isfinite (series->close[i]))
            __builtin_trap ();
          if (i > 0 && series->date[i - 1] >= series->date[i])
            __builtin_trap ();
        }
    }
  else if (error->domain != SC_ERROR || error->code != SC_ERROR_DATA)
    {
      __builtin_trap ();
    }
  return 0;
}
