/* sc-sample-prices.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sc-sample-prices.h"
#include "sc-validate.h"

char *
sc_sample_prices_get_dir (void)
{
  const char *env = g_getenv ("STOCKCAST_SAMPLE_DIR");
  g_autofree char *installed = g_build_filename (PKGDATADIR, "sample", NULL);

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  if (g_file_test (installed, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&installed);

  return g_build_filename (SOURCE_ROOT, "data", "sample", NULL);
}

ScPriceSeries *
sc_sample_prices_load (const char  *ticker,
                       GError     **error)
{
  g_autofree char *dir = sc_sample_prices_get_dir ();
  g_autofree char *upper = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  if (!sc_validate_ticker (ticker, error))
    return NULL;

  upper = sc_ticker_normalize (ticker);
  name = g_strconcat (upper, ".csv", NULL);
  path = g_build_filename (dir, name, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return NULL;

  return sc_price_series_load_csv (upper, path, error);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

GStrv
sc_sample_prices_list (void)
{
  g_autofree char *dir_path = sc_sample_prices_get_dir ();
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) tickers = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".csv"))
      g_ptr_array_add (tickers, g_strndup (name, strlen (name) - 4));

  g_ptr_array_sort (tickers, compare_strings);
  g_ptr_array_add (tickers, NULL);

  return (GStrv) g_ptr_array_free (g_steal_pointer (&tickers), FALSE);
}
