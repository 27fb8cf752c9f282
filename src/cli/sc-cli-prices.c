/* sc-cli-prices.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "sc-cli-private.h"

ScService *
_sc_cli_new_service (gboolean   online,
                     GError   **error)
{
  __typeof__ (_sc_cli_new_online_service) *new_online_service = NULL;

  if (!online)
    return sc_service_new (NULL, NULL);

  new_online_service = _SC_CLI_NET (_sc_cli_new_online_service, error);
  return new_online_service != NULL ? new_online_service () : NULL;
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

ScPriceLoad *
_sc_cli_load_prices (const char  *ticker,
                     const char  *csv_path,
                     gboolean     offline,
                     GError     **error)
{
  g_autoptr(ScService) service = NULL;
  g_autoptr(ScPriceLoad) load = NULL;
  Progress progress = { ticker, FALSE, 0 };

  g_return_val_if_fail (ticker != NULL, NULL);

  /* A file needs neither the cache nor the network. */
  service = _sc_cli_new_service (csv_path == NULL, error);
  if (service == NULL)
    return NULL;

  load = sc_service_load_prices (service, NULL, ticker, csv_path,
                                 offline ? SC_PRICE_LOAD_OFFLINE : SC_PRICE_LOAD_SAMPLE_FALLBACK, 0,
                                 NULL, isatty (STDERR_FILENO) ? show_progress : NULL, &progress,
                                 error);
  if (progress.shown)
    fprintf (stderr, "\r\033[K");
  if (load != NULL && load->warning != NULL)
    fprintf (stderr, "stockcast: %s\n", load->warning);

  return g_steal_pointer (&load);
}
