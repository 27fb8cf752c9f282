/* test-history-export.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "sc-app-test-util.h"
#include "sc-db.h"
#include "sc-error.h"
#include "sc-history-view.h"
#include "sc-price-cache.h"
#include "sc-price-csv.h"
#include "sc-test-util.h"

/* The history's Export Prices…: the cached prices of a ticker, as CSV. */

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Wait;

static void
exported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Wait *wait = user_data;

  wait->ok = sc_history_view_export_prices_finish (SC_HISTORY_VIEW (object), result, &wait->error);
  wait->done = TRUE;
}

static void
test_export_prices (void)
{
  g_autoptr(ScApplication) app = sc_app_test_new_application ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ScDb) db = sc_db_open (NULL, &error);
  g_autoptr(ScPriceSeries) series = sc_price_series_new ("2344.TW");
  g_autoptr(ScPriceSeries) live = sc_price_series_new ("2344.TW");
  g_autoptr(GBytes) expected = NULL;
  g_autofree char *path = g_build_filename (sc_test_get_tmpdir (), "2344.TW-prices.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  ScPriceSeriesMeta meta = { .timezone = "Asia/Taipei", .currency = "TWD", .live = live };
  ScHistoryView *view;
  Wait wait = { 0 };
  gsize length;

  g_assert_no_error (error);
  sc_price_series_append (series, 20535, 93.1, 94.0, 92.6, 93.5, 93.5, 41235000);
  sc_price_series_append (series, 20536, 93.6, 95.2, 93.3, 94.8, NAN, 52310000);
  sc_price_series_append (live, 20537, 95.0, 95.9, 94.1, 94.4, NAN, 1000);
  g_assert_true (sc_price_cache_store (db, "2344.TW", "yahoo", &meta, series, SC_PRICE_CACHE_MERGE, &error));
  g_assert_no_error (error);

  view = g_object_ref_sink (g_object_new (SC_TYPE_HISTORY_VIEW, NULL));
  sc_history_view_export_prices_async (view, "2344.TW", file, NULL, exported_cb, &wait);
  SC_WAIT_UNTIL (wait.done);
  g_assert_no_error (wait.error);
  g_assert_true (wait.ok);

  /* The final closes, as `stockcast prices --csv` writes them; not the
   * live bar. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  expected = sc_price_series_to_csv (series);
  g_assert_cmpmem (contents, length, g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
  g_assert_true (g_str_has_suffix (contents, "2026-03-24,93.6,95.2,93.3,94.8,null,52310000\n"));

  /* Nothing cached: an error in words, no file. */
  wait = (Wait) { 0 };
  g_clear_object (&file);
  g_free (path);
  path = g_build_filename (sc_test_get_tmpdir (), "NONE-prices.csv", NULL);
  file = g_file_new_for_path (path);
  sc_history_view_export_prices_async (view, "NONE", file, NULL, exported_cb, &wait);
  SC_WAIT_UNTIL (wait.done);
  g_assert_false (wait.ok);
  g_assert_error (wait.error, SC_ERROR, SC_ERROR_NETWORK);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&wait.error);

  g_assert_finalize_object (view);
}

int
main (int   argc,
      char *argv[])
{
  sc_test_init (&argc, &argv);
  gtk_init ();
  adw_init ();

  g_test_add_func ("/app/history/export-prices", test_export_prices);

  return g_test_run ();
}
