/* test-service.c: the one pipeline the window and the CLI share
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sc-accounts.h"
#include "sc-error.h"
#include "sc-service.h"
#include "sc-sync-state.h"
#include "sc-test-util.h"

/* --- a price source and a sync engine of the test's own -------------------- */

/* Prices from one CSV file under any ticker; "the network" fails when told
 * to, and then only the tickers in offline_tickers have prices (as if cached
 * or bundled). */
struct _TestPrices
{
  GObject   parent_instance;
  char     *csv;
  gboolean  network_down;
  GStrv     offline_tickers;
  guint     loads;
  ScPriceLoadFlags last_flags;
};

#define TEST_TYPE_PRICES (test_prices_get_type ())
G_DECLARE_FINAL_TYPE (TestPrices, test_prices, TEST, PRICES, GObject)

static void test_prices_source_init (ScPriceSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestPrices, test_prices, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (SC_TYPE_PRICE_SOURCE, test_prices_source_init))

static ScPriceLoad *
test_prices_load (ScPriceSource        *source,
                  ScDb                 *db,
                  const char           *ticker,
                  ScPriceLoadFlags      flags,
                  GCancellable         *cancellable,
                  ScPriceProgressFunc   progress,
                  gpointer              progress_data,
                  GError              **error)
{
  TestPrices *self = TEST_PRICES (source);
  g_autoptr(ScPriceLoad) load = g_new0 (ScPriceLoad, 1);
  gboolean offline = (flags & SC_PRICE_LOAD_OFFLINE) || self->network_down;
  g_autofree char *upper = g_ascii_strup (ticker, -1);

  self->loads++;
  self->last_flags = flags;
  g_assert_nonnull (db);
  /* The service hands over a checked, normalised ticker. */
  g_assert_cmpstr (ticker, ==, upper);

  if (offline && (self->offline_tickers == NULL ||
                  !g_strv_contains ((const char * const *) self->offline_tickers, ticker)))
    {
      if (flags & SC_PRICE_LOAD_OFFLINE)
        g_set_error (error, SC_ERROR, SC_ERROR_NETWORK, "Nothing cached for %s.", ticker);
      else
        g_set_error (error, SC_ERROR, SC_ERROR_NETWORK, "Cannot reach the quote service.");
      return NULL;
    }

  if (progress != NULL)
    {
      progress (0, 100, progress_data);
      progress (100, 100, progress_data);
    }
  load->series = sc_price_series_load_csv (ticker, self->csv, error);
  if (load->series == NULL)
    return NULL;
  load->source = g_strdup (offline ? "cache" : "yahoo");
  load->series_source = g_strdup ("yahoo");
  load->currency = g_strdup ("USD");
  load->live = sc_price_series_new (ticker);
  if (offline)
    load->warning = g_strdup ("From the cache.");
  return g_steal_pointer (&load);
}

static void
test_prices_source_init (ScPriceSourceInterface *iface)
{
  iface->load = test_prices_load;
}

static void
test_prices_finalize (GObject *object)
{
  TestPrices *self = TEST_PRICES (object);

  g_free (self->csv);
  g_strfreev (self->offline_tickers);
  G_OBJECT_CLASS (test_prices_parent_class)->finalize (object);
}

static void
test_prices_class_init (TestPricesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_prices_finalize;
}

static void
test_prices_init (TestPrices *self)
{
  self->csv = sc_test_fixture_path ("KO-1000.csv");
}

struct _TestSync
{
  GObject parent_instance;
  guint   runs;
};

#define TEST_TYPE_SYNC (test_sync_get_type ())
G_DECLARE_FINAL_TYPE (TestSync, test_sync, TEST, SYNC, GObject)

static void test_sync_engine_init (ScSyncEngineInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestSync, test_sync, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (SC_TYPE_SYNC_ENGINE, test_sync_engine_init))

static gboolean
test_sync_run (ScSyncEngine  *engine,
               ScDb          *db,
               gint64         user_id,
               ScSyncReport  *out_report,
               GCancellable  *cancellable,
               GError       **error)
{
  TEST_SYNC (engine)->runs++;
  out_report->pushed = 3;
  out_report->pulled = 2;
  return TRUE;
}

/* Links without a server: only the local link, as the real engine leaves it. */
static gboolean
test_sync_link (ScSyncEngine  *engine,
                ScDb          *db,
                gint64         user_id,
                const char    *server_url,
                gboolean       allow_insecure_http,
                const char    *username,
                const char    *password,
                const char    *email,
                gboolean      *out_token_in_file,
                GCancellable  *cancellable,
                GError       **error)
{
  if (out_token_in_file != NULL)
    *out_token_in_file = FALSE;
  return sc_sync_state_link (db, user_id, server_url, username, allow_insecure_http, FALSE, error);
}

static gboolean
test_sync_unlink (ScSyncEngine  *engine,
                  ScDb          *db,
                  gint64         user_id,
                  GCancellable  *cancellable,
                  GError       **error)
{
  return sc_sync_state_unlink (db, user_id, error);
}

static gboolean
test_sync_change_password (ScSyncEngine  *engine,
                           ScDb          *db,
                           gint64         user_id,
                           const char    *old_password,
                           const char    *new_password,
                           GCancellable  *cancellable,
                           GError       **error)
{
  return TRUE;
}

static void
test_sync_engine_init (ScSyncEngineInterface *iface)
{
  iface->run = test_sync_run;
  iface->link = test_sync_link;
  iface->unlink = test_sync_unlink;
  iface->change_password = test_sync_change_password;
}

static void
test_sync_class_init (TestSyncClass *klass)
{
}

static void
test_sync_init (TestSync *self)
{
}

/* --- helpers -------------------------------------------------------------- */

static char *
fresh_db_path (void)
{
  static guint counter;
  g_autofree char *name = g_strdup_printf ("service-%u.db", ++counter);

  return g_build_filename (sc_test_get_tmpdir (), name, NULL);
}

static gint64
add_user (ScDb       *db,
          const char *username)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScUser) user = NULL;
  g_autofree char *email = g_strdup_printf ("%s@example.org", username);
  char *code;

  code = sc_accounts_register (db, username, email, "correct horse battery", &user, &error);
  g_assert_no_error (error);
  sc_accounts_free_secret (code);
  return user->id;
}

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Runs the default main context until the operation has answered. */
static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

/* --- tests ---------------------------------------------------------------- */

/* A CSV file needs neither a price source nor the database, and takes any
 * ticker the one rule takes. */
static void
test_predict_csv (void)
{
  g_autoptr(ScService) service = sc_service_new ("/nonexistent/dir/never-opened.db", NULL);
  g_autoptr(ScPredictRequest) request = sc_predict_request_new ("at&t", "linear-regression");
  g_autoptr(ScPredictRequest) bad = sc_predict_request_new ("AT T", NULL);
  g_autoptr(ScPredictOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  int horizons[] = { 10, 60 };

  request->csv_path = sc_test_fixture_path ("KO-1000.csv");
  g_array_append_vals (request->horizons, horizons, G_N_ELEMENTS (horizons));
  outcome = sc_service_predict (service, NULL, request, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (outcome->prediction->ticker, ==, "AT&T");
  g_assert_cmpstr (outcome->prediction->source, ==, "csv");
  g_assert_cmpstr (outcome->model->id, ==, "linear-regression");
  g_assert_cmpuint (outcome->prediction->n_forecasts, ==, 2);
  g_assert_null (outcome->result);
  g_assert_cmpuint (outcome->series->n_rows, ==, 1000);

  bad->csv_path = g_strdup (request->csv_path);
  g_assert_null (sc_service_predict (service, NULL, bad, NULL, NULL, NULL, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_DATA);
}

/* Saved to the user's history, read back page by page. */
static void
test_predict_save_and_page (void)
{
  g_autofree char *path = fresh_db_path ();
  g_autoptr(ScDb) db = sc_db_open (path, NULL);
  g_autoptr(TestPrices) prices = g_object_new (TEST_TYPE_PRICES, NULL);
  g_autoptr(ScService) service = sc_service_new (path, SC_PRICE_SOURCE (prices));
  g_autoptr(ScHistoryCursor) cursor = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *tickers[] = { "KO", "PEP", "MSFT" };
  gint64 user_id = add_user (db, "saver");
  guint pages = 0;

  for (guint i = 0; i < G_N_ELEMENTS (tickers); i++)
    {
      g_autoptr(ScPredictRequest) request = sc_predict_request_new (tickers[i], NULL);
      g_autoptr(ScPredictOutcome) outcome = NULL;

      request->user_id = user_id;
      outcome = sc_service_predict (service, i == 0 ? db : NULL, request, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (outcome->result);
      g_assert_cmpstr (outcome->result->ticker, ==, tickers[i]);
      g_assert_cmpstr (outcome->prediction->source, ==, "yahoo");
      /* The recommended model when none is named. */
      g_assert_true (outcome->model->recommended);
    }
  g_assert_cmpuint (prices->loads, ==, 3);

  cursor = sc_history_cursor_new (user_id);
  while (!sc_history_cursor_is_done (cursor))
    {
      g_autoptr(GPtrArray) page = sc_service_read_history (service, db, cursor, 2, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (page->len, <=, 2);
      for (guint i = 0; i < page->len; i++)
        g_assert_true (g_hash_table_add (seen, g_strdup (((ScResult *) g_ptr_array_index (page, i))->uuid)));
      pages++;
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, 3);
  g_assert_cmpuint (pages, ==, 2);
}

/* The network down and nothing cached: the sample (here: offline_tickers),
 * with the network's reason; without one either, the tickers that work. */
static void
test_network_fallback (void)
{
  g_autofree char *path = fresh_db_path ();
  g_autoptr(TestPrices) prices = g_object_new (TEST_TYPE_PRICES, NULL);
  g_autoptr(ScService) service = sc_service_new (path, SC_PRICE_SOURCE (prices));
  g_autoptr(ScPriceLoad) load = NULL;
  g_autoptr(GError) error = NULL;
  const char *offline[] = { "MSFT", NULL };

  prices->network_down = TRUE;
  prices->offline_tickers = g_strdupv ((char **) offline);

  load = sc_service_load_prices (service, NULL, "msft", NULL, SC_PRICE_LOAD_SAMPLE_FALLBACK, 0,
                                 NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (load->source, ==, "cache");
  g_clear_pointer (&load, sc_price_load_free);

  prices->offline_tickers[0][0] = 'X';  /* "XSFT": MSFT is no longer at hand */
  load = sc_service_load_prices (service, NULL, "MSFT", NULL, SC_PRICE_LOAD_SAMPLE_FALLBACK, 0,
                                 NULL, NULL, NULL, &error);
  g_assert_null (load);
  g_assert_error (error, SC_ERROR, SC_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "No prices for MSFT on this computer"));
  /* The bundled samples (tests/meson.build points at data/sample). */
  g_assert_nonnull (strstr (error->message, "AAPL"));
  g_clear_error (&error);

  /* Without the fallback, the source's own error. */
  load = sc_service_load_prices (service, NULL, "MSFT", NULL, SC_PRICE_LOAD_DEFAULT, 0,
                                 NULL, NULL, NULL, &error);
  g_assert_null (load);
  g_assert_error (error, SC_ERROR, SC_ERROR_NETWORK);
  g_assert_cmpstr (error->message, ==, "Cannot reach the quote service.");
}

typedef struct
{
  guint steps[3];
  double last_fraction;
} Seen;

static void
count_progress (ScPredictStep  step,
                double         fraction,
                const char    *text,
                gpointer       user_data)
{
  Seen *seen = user_data;

  g_assert_true (step <= SC_PREDICT_STEP_SAVING);
  g_assert_nonnull (text);
  seen->steps[step]++;
  seen->last_fraction = fraction;
}

/* The window's form: a worker thread, progress on the caller's context,
 * cancellable. */
static void
test_predict_async (void)
{
  g_autofree char *path = fresh_db_path ();
  g_autoptr(ScDb) db = sc_db_open (path, NULL);
  g_autoptr(TestPrices) prices = g_object_new (TEST_TYPE_PRICES, NULL);
  g_autoptr(ScService) service = sc_service_new (path, SC_PRICE_SOURCE (prices));
  g_autoptr(ScPredictRequest) request = sc_predict_request_new ("KO", "linear-regression");
  g_autoptr(ScPredictOutcome) outcome = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) cancelled_result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Seen seen = { { 0 } };

  request->user_id = add_user (db, "async");
  sc_service_predict_async (service, request, NULL, count_progress, &seen, NULL,
                            store_result, &result);
  outcome = sc_service_predict_finish (service, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (outcome->result);
  g_assert_cmpuint (seen.steps[SC_PREDICT_STEP_PRICES], >, 0);
  g_assert_cmpuint (seen.steps[SC_PREDICT_STEP_TRAINING], >, 0);
  g_assert_cmpuint (seen.steps[SC_PREDICT_STEP_SAVING], ==, 1);

  g_cancellable_cancel (cancellable);
  sc_service_predict_async (service, request, cancellable, NULL, NULL, NULL,
                            store_result, &cancelled_result);
  g_assert_null (sc_service_predict_finish (service, wait_for (&cancelled_result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_sync (void)
{
  g_autofree char *path = fresh_db_path ();
  g_autoptr(ScDb) db = sc_db_open (path, NULL);
  g_autoptr(TestSync) engine = g_object_new (TEST_TYPE_SYNC, NULL);
  g_autoptr(ScService) service = sc_service_new (path, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree ScSyncReport *report = NULL;
  g_autoptr(GError) error = NULL;
  ScSyncReport blocking = { 0 };
  gint64 user_id = add_user (db, "syncer");

  /* Without an engine, and not linked: both say so. */
  g_assert_false (sc_service_sync (service, db, user_id, &blocking, NULL, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_NETWORK);
  g_clear_error (&error);
  sc_service_set_sync_engine (service, SC_SYNC_ENGINE (engine));
  g_assert_false (sc_service_sync (service, db, user_id, &blocking, NULL, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_DATA);
  g_assert_nonnull (strstr (error->message, "not linked"));
  g_clear_error (&error);
  g_assert_cmpuint (engine->runs, ==, 0);

  g_assert_true (sc_service_link_sync (service, db, user_id, "https://sync.example.org", FALSE,
                                       "syncer", "correct horse battery", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  sc_service_sync_async (service, user_id, NULL, store_result, &result);
  report = sc_service_sync_finish (service, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->pushed, ==, 3);
  g_assert_cmpuint (report->pulled, ==, 2);
  g_assert_cmpuint (engine->runs, ==, 1);

  /* Unlinked, it is not linked again. */
  g_assert_true (sc_service_unlink_sync (service, db, user_id, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (sc_service_sync (service, db, user_id, &blocking, NULL, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_DATA);
  g_assert_cmpuint (engine->runs, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  sc_test_init (&argc, &argv);

  g_test_add_func ("/service/predict/csv", test_predict_csv);
  g_test_add_func ("/service/predict/save-and-page", test_predict_save_and_page);
  g_test_add_func ("/service/prices/network-fallback", test_network_fallback);
  g_test_add_func ("/service/predict/async", test_predict_async);
  g_test_add_func ("/service/sync", test_sync);

  return g_test_run ();
}
