/* sc-cli-import.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "sc-cli-private.h"
#include "sc-db.h"
#include "sc-price-cache.h"
#include "sc-prices.h"
#include "sc-quotes.h"
#include "sc-validate.h"

/* stockcast import-csv TICKER FILE: a user's own prices into the cache
 * (source "csv"), replacing an earlier import of the same ticker. */
int
_sc_cli_import_csv (int    argc,
                    char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScPriceSeries) series = NULL;
  g_autoptr(ScDb) db = NULL;
  g_autofree char *ticker = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  guint dropped;

  if (!_sc_cli_parse_options (_("TICKER FILE"),
                              _("Put prices from a CSV file (Date,Open,High,Low,Close,Adj Close,Volume) into the local cache, "
                                "so that --offline and the window use them."),
                              NULL, &argc, &argv))
    return 1;

  if (argc < 3)
    return _sc_cli_usage_error (_("Say which ticker and which file: import-csv TICKER FILE."));
  if (argc > 3)
    return _sc_cli_usage_error (_("Unexpected argument “%s”."), argv[3]);

  if (!sc_validate_ticker (argv[1], &error))
    return _sc_cli_fail (error);
  ticker = sc_ticker_normalize (argv[1]);

  series = sc_price_series_load_csv (ticker, argv[2], &error);
  if (series == NULL)
    return _sc_cli_fail (error);
  if (series->n_rows == 0)
    {
      g_set_error (&error, SC_ERROR, SC_ERROR_DATA,
                   _("The file %s has no usable prices."), argv[2]);
      return _sc_cli_fail (error);
    }

  db = _sc_cli_open_db (&error);
  if (db == NULL)
    return _sc_cli_fail (error);

  if (!sc_price_cache_store (db, ticker, "csv", NULL, series, SC_PRICE_CACHE_REPLACE, &error))
    return _sc_cli_fail (error);

  first = sc_day_format (series->date[0]);
  last = sc_day_format (series->date[series->n_rows - 1]);
  dropped = series->dropped_duplicate + series->dropped_missing_close + series->dropped_nonpositive;
  printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u row of %s (%s to %s).\n",
                       "Imported %u rows of %s (%s to %s).\n", series->n_rows),
          series->n_rows, ticker, first, last);
  if (dropped > 0)
    fprintf (stderr, g_dngettext (GETTEXT_PACKAGE,
                                  "stockcast: left out %u row (%u repeated dates, %u without a close, %u with a close of zero or less).\n",
                                  "stockcast: left out %u rows (%u repeated dates, %u without a close, %u with a close of zero or less).\n",
                                  dropped),
             dropped, series->dropped_duplicate, series->dropped_missing_close, series->dropped_nonpositive);

  return 0;
}
