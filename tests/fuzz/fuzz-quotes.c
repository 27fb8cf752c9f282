/* fuzz-quotes.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* libFuzzer target for the quote answer readers (run-fuzz-quotes.sh).
 * The first byte picks the reader (even: Yahoo chart, odd: Tiingo) and
 * the HTTP status; the rest is the body. Any crash, sanitizer report,
 * critical warning or error outside SC_ERROR is a bug. */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "sc-error.h"
#include "sc-tiingo.h"
#include "sc-yahoo.h"

static const long statuses[] = { 200, 200, 200, 200, 400, 404, 401, 500 };

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static gboolean initialized;
  g_autoptr(GError) error = NULL;
  ScQuotes *quotes;
  long status;

  if (!initialized)
    {
      g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
      initialized = TRUE;
    }

  if (size < 1)
    return 0;

  status = statuses[(data[0] >> 1) % G_N_ELEMENTS (statuses)];
  if (data[0] & 1)
    quotes = sc_tiingo_parse ("FUZZ", status, (const char *) data + 1, size - 1, &error);
  else
    quotes = sc_yahoo_parse_chart ("FUZZ", status, (const char *) data + 1, size - 1,
                                   1700000000, &error);

  if (quotes == NULL)
    {
      if (error == NULL || error->domain != SC_ERROR)
        abort ();
      return 0;
    }
  if (error != NULL)
    abort ();

  /* The result must be a normalised series. */
  for (guint i = 1; i < quotes->series->n_rows; i++)
    if (quotes->series->date[i] <= quotes->series->date[i - 1] || !(quotes->series->close[i] > 0))
      abort ();

  sc_quotes_free (quotes);
  return 0;
}
