/* sc-net-prices.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sc-net-prices.h"
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

ScNetPrices *
sc_net_prices_new (void)
{
  return g_object_new (SC_TYPE_NET_PRICES, NULL);
}

void
sc_net_prices_set_tiingo_token (ScNetPrices *self,
                                const char  *token)
{
  g_return_if_fail (SC_IS_NET_PRICES (self));

  g_mutex_lock (&self->mutex);
  g_free (self->tiingo_token);
  self->tiingo_token = g_strdup (token);
  g_mutex_unlock (&self->mutex);
}

void
sc_net_prices_set_source_order (ScNetPrices        *self,
                                const char * const *sources)
{
  g_return_if_fail (SC_IS_NET_PRICES (self));

  g_mutex_lock (&self->mutex);
  g_strfreev (self->sources);
  self->sources = g_strdupv ((char **) sources);
  g_mutex_unlock (&self->mutex);
}
