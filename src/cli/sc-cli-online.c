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

/* With the user's quote settings (Tiingo key, order of sources), if the
 * schema is installed: an uninstalled binary without GSETTINGS_SCHEMA_DIR
 * has none. */
ScService *
_sc_cli_new_online_service (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID_BASE, TRUE);
  if (schema != NULL)
    settings = g_settings_new_full (schema, NULL, NULL);

  return sc_net_service_new (settings);
}
