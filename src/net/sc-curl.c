/* sc-curl.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <gmodule.h>

#include "sc-curl.h"
#include "sc-error.h"

static ScCurl curl_api;
static char *load_error;

static const struct
{
  const char *name;
  gsize       offset;
} symbols[] = {
  { "curl_easy_init", G_STRUCT_OFFSET (ScCurl, easy_init) },
  { "curl_easy_setopt", G_STRUCT_OFFSET (ScCurl, easy_setopt) },
  { "curl_easy_perform", G_STRUCT_OFFSET (ScCurl, easy_perform) },
  { "curl_easy_getinfo", G_STRUCT_OFFSET (ScCurl, easy_getinfo) },
  { "curl_easy_reset", G_STRUCT_OFFSET (ScCurl, easy_reset) },
  { "curl_easy_cleanup", G_STRUCT_OFFSET (ScCurl, easy_cleanup) },
  { "curl_easy_strerror", G_STRUCT_OFFSET (ScCurl, easy_strerror) },
  { "curl_slist_append", G_STRUCT_OFFSET (ScCurl, slist_append) },
  { "curl_slist_free_all", G_STRUCT_OFFSET (ScCurl, slist_free_all) },
  { "curl_getdate", G_STRUCT_OFFSET (ScCurl, getdate) },
};

static gpointer
load_curl (gpointer data)
{
  CURLcode (*global_init) (long flags);
  GModule *module;

  /* CURL_LIBRARY is the file name of libcurl's ABI 4 (config.h). */
  module = g_module_open (CURL_LIBRARY, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL)
    {
      load_error = g_strdup (g_module_error ());
      return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
    if (!g_module_symbol (module, symbols[i].name,
                          (gpointer *) G_STRUCT_MEMBER_P (&curl_api, symbols[i].offset)))
      {
        load_error = g_strdup (g_module_error ());
        g_module_close (module);
        return NULL;
      }

  if (!g_module_symbol (module, "curl_global_init", (gpointer *) &global_init) ||
      global_init (CURL_GLOBAL_DEFAULT) != CURLE_OK)
    {
      load_error = g_strdup ("curl_global_init");
      g_module_close (module);
      return NULL;
    }

  g_module_make_resident (module);
  return &curl_api;
}

const ScCurl *
sc_curl_get (GError **error)
{
  static GOnce once = G_ONCE_INIT;
  const ScCurl *api = g_once (&once, load_curl, NULL);

  if (api == NULL)
    /* TRANSLATORS: %s is the system's explanation. */
    g_set_error (error, SC_ERROR, SC_ERROR_NETWORK,
                 _("Cannot load libcurl, which Stockcast needs to go online: %s"), load_error);

  return api;
}
