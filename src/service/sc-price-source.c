/* sc-price-source.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sc-price-source.h"

G_DEFINE_INTERFACE (ScPriceSource, sc_price_source, G_TYPE_OBJECT)

static void
sc_price_source_default_init (ScPriceSourceInterface *iface)
{
}

void
sc_price_load_free (ScPriceLoad *load)
{
  if (load == NULL)
    return;

  g_clear_pointer (&load->series, sc_price_series_unref);
  g_clear_pointer (&load->live, sc_price_series_unref);
  g_free (load->source);
  g_free (load->series_source);
  g_free (load->warning);
  g_free (load->currency);
  g_free (load->timezone);
  g_free (load->exchange);
  g_free (load);
}

ScPriceLoad *
sc_price_source_load (ScPriceSource        *self,
                      ScDb                 *db,
                      const char           *ticker,
                      ScPriceLoadFlags      flags,
                      GCancellable         *cancellable,
                      ScPriceProgressFunc   progress,
                      gpointer              progress_data,
                      GError              **error)
{
  g_return_val_if_fail (SC_IS_PRICE_SOURCE (self), NULL);
  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (ticker != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return SC_PRICE_SOURCE_GET_IFACE (self)->load (self, db, ticker, flags, cancellable,
                                                 progress, progress_data, error);
}
