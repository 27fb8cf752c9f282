/* sc-curl.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sc-curl.h"
#include "sc-error.h"

static gpointer
init_curl (gpointer data)
{
  return GINT_TO_POINTER (curl_global_init (CURL_GLOBAL_DEFAULT));
}

gboolean
sc_curl_init (GError **error)
{
  static GOnce once = G_ONCE_INIT;
  CURLcode code = GPOINTER_TO_INT (g_once (&once, init_curl, NULL));

  if (code != CURLE_OK)
    {
      /* TRANSLATORS: %s is libcurl's explanation. */
      g_set_error (error, SC_ERROR, SC_ERROR_NETWORK,
                   _("Cannot start libcurl, which Stockcast needs to go online: %s"),
                   curl_easy_strerror (code));
      return FALSE;
    }

  return TRUE;
}
