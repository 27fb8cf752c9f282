/* sc-service.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sc-error.h"
#include "sc-price-cache.h"
#include "sc-sample-prices.h"
#include "sc-sync-state.h"
#include "sc-service-private.h"
#include "sc-validate.h"

struct _ScService
{
  GObject        parent_instance;

  char          *db_path;
  ScPriceSource *prices;
  ScSyncEngine  *sync;
};

G_DEFINE_FINAL_TYPE (ScService, sc_service, G_TYPE_OBJECT)

static void
sc_service_finalize (GObject *object)
{
  ScService *self = SC_SERVICE (object);

  g_free (self->db_path);
  g_clear_object (&self->prices);
  g_clear_object (&self->sync);

  G_OBJECT_CLASS (sc_service_parent_class)->finalize (object);
}

static void
sc_service_class_init (ScServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sc_service_finalize;
}

static void
sc_service_init (ScService *self)
{
}

ScService *
sc_service_new (const char    *db_path,
                ScPriceSource *prices)
{
  ScService *self;

  g_return_val_if_fail (prices == NULL || SC_IS_PRICE_SOURCE (prices), NULL);

  self = g_object_new (SC_TYPE_SERVICE, NULL);
  self->db_path = g_strdup (db_path);
  g_set_object (&self->prices, prices);

  return self;
}

void
sc_service_set_sync_engine (ScService    *self,
                            ScSyncEngine *engine)
{
  g_return_if_fail (SC_IS_SERVICE (self));
  g_return_if_fail (engine == NULL || SC_IS_SYNC_ENGINE (engine));

  g_set_object (&self->sync, engine);
}

ScDb *
sc_service_open_db (ScService  *self,
                    GError    **error)
{
  g_return_val_if_fail (SC_IS_SERVICE (self), NULL);

  return sc_db_open (self->db_path, error);
}

/* --- worker threads --------------------------------------------------------- */

typedef struct
{
  ScServiceThreadFunc func;
  gpointer            data;
  GDestroyNotify      data_free;
} ThreadData;

static void
thread_data_free (gpointer user_data)
{
  ThreadData *data = user_data;

  if (data->data_free != NULL)
    data->data_free (data->data);
  g_free (data);
}

static void
service_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ScService *self = source_object;
  ThreadData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScDb) db = sc_service_open_db (self, &error);

  if (db == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    data->func (self, db, task, data->data, cancellable);
}

GTask *
_sc_service_task_new (ScService           *self,
                      gpointer             source_tag,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  return task;
}

void
_sc_service_task_run (GTask               *task,
                      ScServiceThreadFunc  func,
                      gpointer             data,
                      GDestroyNotify       data_free)
{
  ThreadData *thread_data = g_new0 (ThreadData, 1);

  thread_data->func = func;
  thread_data->data = data;
  thread_data->data_free = data_free;
  g_task_set_task_data (task, thread_data, thread_data_free);
  g_task_run_in_thread (task, service_thread);
}

void
_sc_service_run_for_user (ScService           *self,
                          gpointer             source_tag,
                          gint64               user_id,
                          ScServiceThreadFunc  func,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = _sc_service_task_new (self, source_tag, cancellable, callback, user_data);

  _sc_service_task_run (task, func, g_memdup2 (&user_id, sizeof user_id), g_free);
}

gpointer
_sc_service_task_get_data (GTask *task)
{
  return ((ThreadData *) g_task_get_task_data (task))->data;
}

gpointer
_sc_service_task_finish (ScService     *self,
                         GAsyncResult  *result,
                         gpointer       source_tag,
                         GError       **error)
{
  g_return_val_if_fail (SC_IS_SERVICE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- tickers ---------------------------------------------------------------- */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The bundled samples, and the tickers of user_id's recent history (only
 * those with prices cached when cached_only), sorted, each once. */
GStrv
_sc_service_known_tickers (ScDb     *db,
                           gint64    user_id,
                           gboolean  cached_only)
{
  g_auto(GStrv) samples = sc_sample_prices_list ();
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) tickers = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (user_id != 0)
    results = sc_results_list (db, user_id, SC_RESULTS_LIST_DEFAULT, 0, 200, NULL);

  for (guint i = 0; samples[i] != NULL; i++)
    if (g_hash_table_add (seen, g_strdup (samples[i])))
      g_ptr_array_add (tickers, samples[i]);

  for (guint i = 0; results != NULL && i < results->len; i++)
    {
      const char *ticker = ((ScResult *) g_ptr_array_index (results, i))->ticker;

      /* Each ticker once, and its cache asked once. */
      if (!g_hash_table_add (seen, g_strdup (ticker)))
        continue;
      if (cached_only)
        {
          g_autoptr(GPtrArray) cached = sc_price_cache_list (db, ticker, NULL);

          if (cached == NULL || cached->len == 0)
            continue;
        }
      g_ptr_array_add (tickers, (char *) ticker);
    }

  g_ptr_array_sort (tickers, compare_strings);
  g_ptr_array_add (tickers, NULL);

  return g_strdupv ((char **) tickers->pdata);
}

static void
list_tickers_thread (ScService    *self,
                     ScDb         *db,
                     GTask        *task,
                     gpointer      data,
                     GCancellable *cancellable)
{
  gint64 user_id = *(gint64 *) data;

  g_task_return_pointer (task, _sc_service_known_tickers (db, user_id, FALSE),
                         (GDestroyNotify) g_strfreev);
}

void
sc_service_list_tickers_async (ScService           *self,
                               gint64               user_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (SC_IS_SERVICE (self));

  _sc_service_run_for_user (self, sc_service_list_tickers_async, user_id, list_tickers_thread,
                            cancellable, callback, user_data);
}

GStrv
sc_service_list_tickers_finish (ScService     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return _sc_service_task_finish (self, result, sc_service_list_tickers_async, error);
}

/* --- prices ----------------------------------------------------------------- */

static ScPriceLoad *
load_csv (const char  *ticker,
          const char  *path,
          GError     **error)
{
  g_autoptr(ScPriceLoad) load = g_new0 (ScPriceLoad, 1);

  load->series = sc_price_series_load_csv (ticker, path, error);
  if (load->series == NULL)
    return NULL;
  load->source = g_strdup ("csv");
  load->series_source = g_strdup ("csv");
  load->live = sc_price_series_new (ticker);

  return g_steal_pointer (&load);
}

/* Without a price source: the bundled sample, if one ships. */
static ScPriceLoad *
load_sample (const char  *ticker,
             GError     **error)
{
  g_autoptr(ScPriceLoad) load = g_new0 (ScPriceLoad, 1);
  g_autoptr(GError) local_error = NULL;

  load->series = sc_sample_prices_load (ticker, &local_error);
  if (load->series == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, SC_ERROR, SC_ERROR_NETWORK,
                     _("No prices of %s are cached, and working offline they cannot be downloaded."),
                     ticker);
      return NULL;
    }
  load->source = g_strdup ("sample");
  load->series_source = g_strdup ("sample");
  load->live = sc_price_series_new (ticker);
  /* The bundled samples are all US stocks (data/sample/README.md). */
  load->currency = g_strdup ("USD");
  load->timezone = g_strdup ("America/New_York");
  if (load->series->n_rows > 0)
    {
      g_autofree char *date = sc_day_format (load->series->date[load->series->n_rows - 1]);

      load->warning = g_strdup_printf (_("Using the bundled sample prices of %s, which end on %s."),
                                       ticker, date);
    }

  return g_steal_pointer (&load);
}

ScPriceLoad *
sc_service_load_prices (ScService            *self,
                        ScDb                 *db,
                        const char           *ticker,
                        const char           *csv_path,
                        ScPriceLoadFlags      flags,
                        gint64                user_id,
                        GCancellable         *cancellable,
                        ScPriceProgressFunc   progress,
                        gpointer              progress_data,
                        GError              **error)
{
  g_autoptr(ScDb) own_db = NULL;
  g_autoptr(ScPriceLoad) load = NULL;
  g_autoptr(GError) net_error = NULL;
  g_autoptr(ScPriceLoad) sample = NULL;
  g_autofree char *symbol = NULL;
  g_auto(GStrv) offline = NULL;
  g_autofree char *list = NULL;

  g_return_val_if_fail (SC_IS_SERVICE (self), NULL);
  g_return_val_if_fail (ticker != NULL, NULL);

  if (!sc_validate_ticker (ticker, error))
    return NULL;
  symbol = sc_ticker_normalize (ticker);

  if (csv_path != NULL)
    return load_csv (symbol, csv_path, error);
  if (self->prices == NULL)
    return load_sample (symbol, error);

  if (db == NULL)
    {
      db = own_db = sc_service_open_db (self, error);
      if (db == NULL)
        return NULL;
    }

  load = sc_price_source_load (self->prices, db, symbol, flags & ~SC_PRICE_LOAD_SAMPLE_FALLBACK,
                               cancellable, progress, progress_data, &net_error);
  if (load != NULL)
    return g_steal_pointer (&load);
  if (!g_error_matches (net_error, SC_ERROR, SC_ERROR_NETWORK) ||
      !(flags & SC_PRICE_LOAD_SAMPLE_FALLBACK) || (flags & SC_PRICE_LOAD_OFFLINE))
    {
      g_propagate_error (error, g_steal_pointer (&net_error));
      return NULL;
    }

  /* The network is out of reach and nothing is cached: the sample, saying
   * why. */
  g_debug ("No prices for %s: %s", symbol, net_error->message);
  sample = sc_price_source_load (self->prices, db, symbol, SC_PRICE_LOAD_OFFLINE,
                                 cancellable, NULL, NULL, NULL);
  if (sample != NULL)
    {
      g_autofree char *warning = g_steal_pointer (&sample->warning);

      sample->warning = warning != NULL ? g_strdup_printf ("%s %s", net_error->message, warning)
                                        : g_strdup (net_error->message);
      return g_steal_pointer (&sample);
    }

  /* Without a sample either: say what would work instead of the network's
   * own words. */
  offline = _sc_service_known_tickers (db, user_id, TRUE);
  /* TRANSLATORS: between tickers in a list: "AAPL, MSFT" */
  list = g_strjoinv (C_("list separator", ", "), offline);
  g_set_error (error, SC_ERROR, SC_ERROR_NETWORK,
               _("No prices for %s on this computer, and they cannot be downloaded now: check the network connection, or the spelling of the ticker. Without a network these tickers work: %s."),
               symbol, list);
  return NULL;
}

typedef struct
{
  char             *ticker;
  ScPriceLoadFlags  flags;
} LoadData;

static void
load_data_free (gpointer user_data)
{
  LoadData *data = user_data;

  g_free (data->ticker);
  g_free (data);
}

static void
load_prices_thread (ScService    *self,
                    ScDb         *db,
                    GTask        *task,
                    gpointer      user_data,
                    GCancellable *cancellable)
{
  LoadData *data = user_data;
  g_autoptr(GError) error = NULL;
  ScPriceLoad *load;

  load = sc_service_load_prices (self, db, data->ticker, NULL, data->flags, 0,
                                 cancellable, NULL, NULL, &error);
  if (load == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, load, (GDestroyNotify) sc_price_load_free);
}

void
sc_service_load_prices_async (ScService           *self,
                              const char          *ticker,
                              ScPriceLoadFlags     flags,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (SC_IS_SERVICE (self));
  g_return_if_fail (ticker != NULL);

  data = g_new0 (LoadData, 1);
  data->ticker = g_strdup (ticker);
  data->flags = flags;

  task = _sc_service_task_new (self, sc_service_load_prices_async, cancellable, callback, user_data);
  _sc_service_task_run (task, load_prices_thread, data, load_data_free);
}

ScPriceLoad *
sc_service_load_prices_finish (ScService     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return _sc_service_task_finish (self, result, sc_service_load_prices_async, error);
}

/* --- sync ------------------------------------------------------------------- */

/* The engine's interface, or NULL with an error when this service cannot
 * sync (or its engine cannot do what is asked: vfunc is NULL). */
static ScSyncEngineInterface *
sync_engine (ScService  *self,
             GError    **error)
{
  if (self->sync == NULL)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_NETWORK, _("This copy of Stockcast cannot sync."));
      return NULL;
    }
  return SC_SYNC_ENGINE_GET_IFACE (self->sync);
}

gboolean
sc_service_sync (ScService     *self,
                 ScDb          *db,
                 gint64         user_id,
                 ScSyncReport  *out_report,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(ScDb) own_db = NULL;
  g_autoptr(ScSyncLink) link = NULL;
  g_autoptr(GError) local_error = NULL;
  ScSyncEngineInterface *engine;

  g_return_val_if_fail (SC_IS_SERVICE (self), FALSE);
  g_return_val_if_fail (out_report != NULL, FALSE);

  if ((engine = sync_engine (self, error)) == NULL)
    return FALSE;
  if (db == NULL && (db = own_db = sc_service_open_db (self, error)) == NULL)
    return FALSE;

  link = sc_sync_get_link (db, user_id, &local_error);
  if (link == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                     _("This account is not linked to a sync server yet: run “stockcast sync --user NAME --server URL” once."));
      return FALSE;
    }

  return engine->run (self->sync, db, user_id, out_report, cancellable, error);
}

gboolean
sc_service_link_sync (ScService     *self,
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
  ScSyncEngineInterface *engine;

  g_return_val_if_fail (SC_IS_SERVICE (self), FALSE);
  g_return_val_if_fail (db != NULL, FALSE);

  if ((engine = sync_engine (self, error)) == NULL)
    return FALSE;
  return engine->link (self->sync, db, user_id, server_url, allow_insecure_http, username,
                       password, email, out_token_in_file, cancellable, error);
}

gboolean
sc_service_unlink_sync (ScService     *self,
                        ScDb          *db,
                        gint64         user_id,
                        GCancellable  *cancellable,
                        GError       **error)
{
  ScSyncEngineInterface *engine;

  g_return_val_if_fail (SC_IS_SERVICE (self), FALSE);
  g_return_val_if_fail (db != NULL, FALSE);

  if ((engine = sync_engine (self, error)) == NULL)
    return FALSE;
  return engine->unlink (self->sync, db, user_id, cancellable, error);
}

gboolean
sc_service_change_sync_password (ScService     *self,
                                 ScDb          *db,
                                 gint64         user_id,
                                 const char    *old_password,
                                 const char    *new_password,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  ScSyncEngineInterface *engine;

  g_return_val_if_fail (SC_IS_SERVICE (self), FALSE);
  g_return_val_if_fail (db != NULL, FALSE);

  if ((engine = sync_engine (self, error)) == NULL)
    return FALSE;
  return engine->change_password (self->sync, db, user_id, old_password, new_password,
                                  cancellable, error);
}

static void
sync_thread (ScService    *self,
             ScDb         *db,
             GTask        *task,
             gpointer      data,
             GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autofree ScSyncReport *report = g_new0 (ScSyncReport, 1);

  if (sc_service_sync (self, db, *(gint64 *) data, report, cancellable, &error))
    g_task_return_pointer (task, g_steal_pointer (&report), g_free);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
sc_service_sync_async (ScService           *self,
                       gint64               user_id,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (SC_IS_SERVICE (self));

  _sc_service_run_for_user (self, sc_service_sync_async, user_id, sync_thread,
                            cancellable, callback, user_data);
}

ScSyncReport *
sc_service_sync_finish (ScService     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  return _sc_service_task_finish (self, result, sc_service_sync_async, error);
}
