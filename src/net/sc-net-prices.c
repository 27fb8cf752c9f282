/* sc-net-prices.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sc-net-prices.h"
#include "sc-net-sync.h"
#include "sc-price-loader.h"

struct _ScNetPrices
{
  GObject  parent_instance;

  /* The settings change on the main thread while loads run in others. */
  GMutex   mutex;
  char    *tiingo_token;
  GStrv    sources;
};

static void sc_net_prices_price_source_init (ScPriceSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ScNetPrices, sc_net_prices, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (SC_TYPE_PRICE_SOURCE,
                                                      sc_net_prices_price_source_init))

static ScPriceLoad *
sc_net_prices_load (ScPriceSource        *source,
                    ScDb                 *db,
                    const char           *ticker,
                    ScPriceLoadFlags      flags,
                    GCancellable         *cancellable,
                    ScPriceProgressFunc   progress,
                    gpointer              progress_data,
                    GError              **error)
{
  ScNetPrices *self = SC_NET_PRICES (source);
  g_autoptr(ScQuoteClient) client = sc_quote_client_new ();

  g_mutex_lock (&self->mutex);
  sc_quote_client_set_tiingo_token (client, self->tiingo_token);
  sc_quote_client_set_source_order (client, (const char * const *) self->sources);
  g_mutex_unlock (&self->mutex);

  return sc_price_loader_load (db, client, ticker, flags, cancellable,
                               progress, progress_data, error);
}

static void
sc_net_prices_price_source_init (ScPriceSourceInterface *iface)
{
  iface->load = sc_net_prices_load;
}

static void
sc_net_prices_finalize (GObject *object)
{
  ScNetPrices *self = SC_NET_PRICES (object);

  g_free (self->tiingo_token);
  g_strfreev (self->sources);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (sc_net_prices_parent_class)->finalize (object);
}

static void
sc_net_prices_class_init (ScNetPricesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sc_net_prices_finalize;
}

static void
sc_net_prices_init (ScNetPrices *self)
{
  g_mutex_init (&self->mutex);
}

/* Reads the quote keys the schema has (an older or test schema may lack one). */
static void
read_settings (ScNetPrices *self,
               GSettings   *settings)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autofree char *token = NULL;
  g_auto(GStrv) sources = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  if (g_settings_schema_has_key (schema, "tiingo-token"))
    token = g_settings_get_string (settings, "tiingo-token");
  if (g_settings_schema_has_key (schema, "quote-sources"))
    sources = g_settings_get_strv (settings, "quote-sources");

  g_mutex_lock (&self->mutex);
  g_free (self->tiingo_token);
  self->tiingo_token = g_steal_pointer (&token);
  g_strfreev (self->sources);
  self->sources = g_steal_pointer (&sources);
  g_mutex_unlock (&self->mutex);
}

static void
on_settings_changed (GSettings  *settings,
                     const char *key,
                     gpointer    user_data)
{
  if (g_str_equal (key, "tiingo-token") || g_str_equal (key, "quote-sources"))
    read_settings (user_data, settings);
}

ScNetPrices *
sc_net_prices_new (GSettings *settings)
{
  ScNetPrices *self;

  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (SC_TYPE_NET_PRICES, NULL);
  if (settings != NULL)
    {
      read_settings (self, settings);
      g_signal_connect_object (settings, "changed", G_CALLBACK (on_settings_changed), self, 0);
    }

  return self;
}

ScService *
sc_net_service_new (GSettings *settings)
{
  g_autoptr(ScNetPrices) prices = sc_net_prices_new (settings);
  g_autoptr(ScNetSync) sync = sc_net_sync_new ();
  ScService *service = sc_service_new (NULL, SC_PRICE_SOURCE (prices));

  sc_service_set_sync_engine (service, SC_SYNC_ENGINE (sync));
  return service;
}
