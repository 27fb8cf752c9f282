/* sc-cli-online.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Prices from the cache or the network, for the CLI. In the stockcast-net
 * module with the net layer (see src/meson.build). */

#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "sc-cli-private.h"
#include "sc-db.h"
#include "sc-price-loader.h"
#include "sc-prices.h"

/* The user's quote settings (Tiingo key, order of sources), if the schema
 * is installed: an uninstalled binary without GSETTINGS_SCHEMA_DIR has none. */
static void
apply_settings (ScQuoteClient *client)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (source == NULL)
    return;
  schema = g_settings_schema_source_lookup (source, APP_ID_BASE, TRUE);
  if (schema == NULL)
    return;

  settings = g_settings_new_full (schema, NULL, NULL);
  if (g_settings_schema_has_key (schema, "tiingo-token"))
    {
      g_autofree char *token = g_settings_get_string (settings, "tiingo-token");

      sc_quote_client_set_tiingo_token (client, token);
    }
  if (g_settings_schema_has_key (schema, "quote-sources"))
    {
      g_auto(GStrv) order = g_settings_get_strv (settings, "quote-sources");

      sc_quote_client_set_source_order (client, (const char * const *) order);
    }
}

typedef struct
{
  const char *ticker;
  gboolean    shown;
  goffset     last;
} Progress;

/* On a terminal, how much of the answer has arrived. */
static void
show_progress (goffset  received,
               goffset  total,
               gpointer user_data)
{
  Progress *progress = user_data;
  g_autofree char *size = NULL;

  if (received <= 0 || received == progress->last)
    return;
  progress->last = received;

  size = g_format_size (received);
  fputc ('\r', stderr);
  fprintf (stderr, _("stockcast: downloading prices of %s… %s"), progress->ticker, size);
  fprintf (stderr, "\033[K");
  fflush (stderr);
  progress->shown = TRUE;
}

/* Cache, refreshed from the network unless offline, else sample data (see
 * sc-price-loader.h). A failed refresh with a cache is a warning. */
ScPriceLoad *
_sc_cli_load_price_series (const char  *ticker,
                           gboolean     offline,
                           GError     **error)
{
  g_autoptr(ScQuoteClient) client = sc_quote_client_new ();
  g_autoptr(ScPriceLoad) load = NULL;
  g_autoptr(ScDb) db = NULL;
  Progress progress = { ticker, FALSE, 0 };

  db = _sc_cli_open_db (error);
  if (db == NULL)
    return NULL;

  if (!offline)
    apply_settings (client);

  load = sc_price_loader_load (db, client, ticker,
                               offline ? SC_PRICE_LOAD_OFFLINE : SC_PRICE_LOAD_DEFAULT,
                               NULL,
                               isatty (STDERR_FILENO) ? show_progress : NULL, &progress,
                               error);
  if (progress.shown)
    fprintf (stderr, "\r\033[K");

  /* Like the window: with the network unusable and nothing cached, the
   * bundled sample data, saying why. */
  if (load == NULL && !offline && error != NULL &&
      g_error_matches (*error, SC_ERROR, SC_ERROR_NETWORK))
    {
      g_autoptr(ScPriceLoad) sample = sc_price_loader_load (db, NULL, ticker, SC_PRICE_LOAD_OFFLINE,
                                                            NULL, NULL, NULL, NULL);

      if (sample != NULL)
        {
          fprintf (stderr, "stockcast: %s\n", (*error)->message);
          g_clear_error (error);
          load = g_steal_pointer (&sample);
        }
    }
  if (load == NULL)
    return NULL;

  if (load->warning != NULL)
    fprintf (stderr, "stockcast: %s\n", load->warning);

  return g_steal_pointer (&load);
}

ScPriceSeries *
_sc_cli_load_cached_prices (const char  *ticker,
                            gboolean     offline,
                            char       **out_source,
                            GError     **error)
{
  g_autoptr(ScPriceLoad) load = _sc_cli_load_price_series (ticker, offline, error);

  if (load == NULL)
    return NULL;
  if (out_source != NULL)
    *out_source = g_strdup (load->source);

  return sc_price_series_ref (load->series);
}
