/* sc-cli-online.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The service's price source and sync engine for the CLI: the cache, the
 * network, the sync server. In the stockcast-net module with the net layer
 * (see src/meson.build). */

#include "config.h"

#include <gio/gio.h>

#include "sc-cli-private.h"
#include "sc-net-prices.h"
#include "sc-net-sync.h"

/* With the user's quote settings (Tiingo key, order of sources), if the
 * schema is installed: an uninstalled binary without GSETTINGS_SCHEMA_DIR
 * has none. */
static ScPriceSource *
new_price_source (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(ScNetPrices) prices = sc_net_prices_new ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID_BASE, TRUE);
  if (schema == NULL)
    return SC_PRICE_SOURCE (g_steal_pointer (&prices));

  settings = g_settings_new_full (schema, NULL, NULL);
  if (g_settings_schema_has_key (schema, "tiingo-token"))
    {
      g_autofree char *token = g_settings_get_string (settings, "tiingo-token");

      sc_net_prices_set_tiingo_token (prices, token);
    }
  if (g_settings_schema_has_key (schema, "quote-sources"))
    {
      g_auto(GStrv) order = g_settings_get_strv (settings, "quote-sources");

      sc_net_prices_set_source_order (prices, (const char * const *) order);
    }

  return SC_PRICE_SOURCE (g_steal_pointer (&prices));
}

ScService *
_sc_cli_new_online_service (void)
{
  g_autoptr(ScPriceSource) prices = new_price_source ();
  g_autoptr(ScNetSync) sync = sc_net_sync_new ();
  ScService *service = sc_service_new (NULL, prices);

  sc_service_set_sync_engine (service, SC_SYNC_ENGINE (sync));
  return service;
}
