/* sc-quote-client.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sc-error.h"
#include "sc-quote-client.h"
#include "sc-tiingo.h"
#include "sc-validate.h"
#include "sc-yahoo.h"

struct _ScQuoteClient
{
  gint    ref_count;
  char  **yahoo_hosts;
  char   *tiingo_host;
  char   *tiingo_token;
  guint   connect_timeout;
  guint   total_timeout;
  guint   max_retries;
  guint   backoff_ms;
  ScQuoteSource order[2];
  guint   n_order;
  gint64  now;           /* 0: the real time */
};

const char *
sc_quote_source_to_string (ScQuoteSource source)
{
  return source == SC_QUOTE_SOURCE_TIINGO ? "tiingo" : "yahoo";
}

ScQuoteClient *
sc_quote_client_new (void)
{
  ScQuoteClient *self = g_new0 (ScQuoteClient, 1);
  const char *base = g_getenv ("STOCKCAST_QUOTES_URL");
  const char *tiingo = g_getenv ("STOCKCAST_TIINGO_URL");
  const char *token = g_getenv ("STOCKCAST_TIINGO_TOKEN");

  self->ref_count = 1;
  if (base != NULL && *base != '\0')
    {
      /* Several base URLs may be given, separated by spaces, to be tried
       * in turn like query2 and query1. */
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) parts = g_strsplit_set (base, " \t\n", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        if (*parts[i] != '\0')
          g_strv_builder_add (builder, parts[i]);
      self->yahoo_hosts = g_strv_builder_end (builder);
    }
  if (self->yahoo_hosts == NULL || self->yahoo_hosts[0] == NULL)
    {
      const char *hosts[] = { SC_YAHOO_DEFAULT_HOST, SC_YAHOO_SECOND_HOST, NULL };
      self->yahoo_hosts = g_strdupv ((char **) hosts);
    }
  self->tiingo_host = g_strdup (tiingo && *tiingo ? tiingo : SC_TIINGO_DEFAULT_HOST);
  self->tiingo_token = token && *token ? g_strstrip (g_strdup (token)) : NULL;
  self->connect_timeout = 10;
  self->total_timeout = 30;
  self->max_retries = 3;
  self->backoff_ms = 500;
  sc_quote_client_set_source_order (self, NULL);

  return self;
}

ScQuoteClient *
sc_quote_client_ref (ScQuoteClient *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
sc_quote_client_unref (ScQuoteClient *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;

  g_strfreev (self->yahoo_hosts);
  g_free (self->tiingo_host);
  g_free (self->tiingo_token);
  g_free (self);
}

void
sc_quote_client_set_tiingo_token (ScQuoteClient *self,
                                  const char    *token)
{
  g_return_if_fail (self != NULL);

  if (token == NULL || *token == '\0')
    return;

  g_free (self->tiingo_token);
  self->tiingo_token = g_strstrip (g_strdup (token));
}

gboolean
sc_quote_client_has_tiingo_token (ScQuoteClient *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->tiingo_token != NULL && *self->tiingo_token != '\0';
}

void
sc_quote_client_set_source_order (ScQuoteClient      *self,
                                  const char * const *names)
{
  g_return_if_fail (self != NULL);

  self->n_order = 0;
  for (guint i = 0; names != NULL && names[i] != NULL && self->n_order < G_N_ELEMENTS (self->order); i++)
    {
      ScQuoteSource source;
      gboolean seen = FALSE;

      if (g_str_equal (names[i], "yahoo"))
        source = SC_QUOTE_SOURCE_YAHOO;
      else if (g_str_equal (names[i], "tiingo"))
        source = SC_QUOTE_SOURCE_TIINGO;
      else
        continue;

      for (guint j = 0; j < self->n_order; j++)
        seen |= self->order[j] == source;
      if (!seen)
        self->order[self->n_order++] = source;
    }

  if (self->n_order == 0)
    {
      self->order[0] = SC_QUOTE_SOURCE_YAHOO;
      self->order[1] = SC_QUOTE_SOURCE_TIINGO;
      self->n_order = 2;
    }
}

const ScQuoteSource *
sc_quote_client_get_source_order (ScQuoteClient *self,
                                  guint         *n_sources)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_sources != NULL, NULL);

  *n_sources = self->n_order;
  return self->order;
}

void
sc_quote_client_set_timeouts (ScQuoteClient *self,
                              guint          connect_timeout,
                              guint          total_timeout)
{
  g_return_if_fail (self != NULL);

  self->connect_timeout = connect_timeout;
  self->total_timeout = total_timeout;
}

void
sc_quote_client_set_retries (ScQuoteClient *self,
                             guint          max_retries,
                             guint          backoff_ms)
{
  g_return_if_fail (self != NULL);

  self->max_retries = max_retries;
  self->backoff_ms = backoff_ms;
}

void
sc_quote_client_set_now (ScQuoteClient *self,
                         gint64         now_unix)
{
  g_return_if_fail (self != NULL);

  self->now = now_unix;
}

gint64
sc_quote_client_get_now (ScQuoteClient *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->now != 0 ? self->now : g_get_real_time () / G_USEC_PER_SEC;
}

static void
fill_request (ScQuoteClient       *self,
              ScHttpRequest       *request,
              GCancellable        *cancellable,
              ScHttpProgressFunc   progress,
              gpointer             progress_data)
{
  request->connect_timeout = self->connect_timeout;
  request->total_timeout = self->total_timeout;
  request->max_retries = self->max_retries;
  request->backoff_ms = self->backoff_ms;
  request->max_size = 32 * 1024 * 1024;
  request->cancellable = cancellable;
  request->progress = progress;
  request->progress_data = progress_data;
}

static ScQuotes *
fetch_yahoo (ScQuoteClient       *self,
             const char          *symbol,
             ScDay                first,
             GCancellable        *cancellable,
             ScHttpProgressFunc   progress,
             gpointer             progress_data,
             GError             **error)
{
  gint64 now = sc_quote_client_get_now (self);
  gint64 period1;
  g_autoptr(GError) last_error = NULL;

  /* A session opens on the previous UTC day in Asia and Oceania: start a
   * day early; the overlap is harmless. */
  period1 = first == G_MININT32 ? SC_YAHOO_PERIOD_ALL : sc_quotes_day_to_unix (first) - 86400;

  for (guint i = 0; self->yahoo_hosts[i] != NULL; i++)
    {
      g_autofree char *url = sc_yahoo_build_url (self->yahoo_hosts[i], symbol, period1, now);
      g_autoptr(ScHttpResponse) response = NULL;
      ScHttpRequest request = { 0 };
      const char *data;
      gsize length;

      request.url = url;
      request.service_name = "Yahoo Finance";
      fill_request (self, &request, cancellable, progress, progress_data);

      g_clear_error (&last_error);
      response = sc_http_get (&request, &last_error);
      if (response == NULL)
        {
          if (!g_error_matches (last_error, SC_ERROR, SC_ERROR_NETWORK))
            break;
          g_debug ("Yahoo host %s failed: %s", self->yahoo_hosts[i], last_error->message);
          continue;
        }

      data = g_bytes_get_data (response->body, &length);
      return sc_yahoo_parse_chart (symbol, response->status, data, length, now, error);
    }

  g_propagate_error (error, g_steal_pointer (&last_error));
  return NULL;
}

static ScQuotes *
fetch_tiingo (ScQuoteClient       *self,
              const char          *symbol,
              ScDay                first,
              GCancellable        *cancellable,
              ScHttpProgressFunc   progress,
              gpointer             progress_data,
              GError             **error)
{
  g_autofree char *url = NULL;
  g_autofree char *auth = NULL;
  g_autoptr(ScHttpResponse) response = NULL;
  const char *headers[2] = { NULL, NULL };
  ScHttpRequest request = { 0 };
  const char *data;
  gsize length;

  if (!sc_quote_client_has_tiingo_token (self))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_NETWORK,
                   _("Tiingo needs your API key; set it in Preferences or STOCKCAST_TIINGO_TOKEN."));
      return NULL;
    }

  /* Tiingo's daily history starts in 1962 at the earliest. */
  if (first == G_MININT32)
    first = -2922;  /* 1962-01-01 */
  url = sc_tiingo_build_url (self->tiingo_host, symbol, first, sc_day_today () + 1);
  auth = g_strdup_printf ("Authorization: Token %s", self->tiingo_token);
  headers[0] = auth;

  request.url = url;
  request.headers = headers;
  request.service_name = "Tiingo";
  fill_request (self, &request, cancellable, progress, progress_data);

  response = sc_http_get (&request, error);
  if (response == NULL)
    return NULL;

  data = g_bytes_get_data (response->body, &length);
  return sc_tiingo_parse (symbol, response->status, data, length, error);
}

ScQuotes *
sc_quote_client_fetch (ScQuoteClient       *self,
                       ScQuoteSource        source,
                       const char          *symbol,
                       ScDay                first,
                       GCancellable        *cancellable,
                       ScHttpProgressFunc   progress,
                       gpointer             progress_data,
                       GError             **error)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (!sc_validate_ticker (symbol, error))
    return NULL;

  if (source == SC_QUOTE_SOURCE_TIINGO)
    return fetch_tiingo (self, symbol, first, cancellable, progress, progress_data, error);

  return fetch_yahoo (self, symbol, first, cancellable, progress, progress_data, error);
}

typedef struct
{
  ScQuoteClient *client;
  ScQuoteSource  source;
  char          *symbol;
  ScDay          first;
} FetchData;

static void
fetch_data_free (gpointer user_data)
{
  FetchData *fetch = user_data;

  sc_quote_client_unref (fetch->client);
  g_free (fetch->symbol);
  g_free (fetch);
}

static void
fetch_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  FetchData *fetch = task_data;
  g_autoptr(GError) error = NULL;
  ScHttpProgressFunc progress;
  gpointer progress_data;
  ScQuotes *quotes;

  progress = sc_http_task_get_progress (task, &progress_data);
  quotes = sc_quote_client_fetch (fetch->client, fetch->source, fetch->symbol, fetch->first,
                                  cancellable, progress, progress_data, &error);
  if (quotes == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, quotes, (GDestroyNotify) sc_quotes_free);
}

void
sc_quote_client_fetch_async (ScQuoteClient       *self,
                             ScQuoteSource        source,
                             const char          *symbol,
                             ScDay                first,
                             GCancellable        *cancellable,
                             ScHttpProgressFunc   progress,
                             gpointer             progress_data,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  FetchData *fetch;

  g_return_if_fail (self != NULL);
  g_return_if_fail (symbol != NULL);

  task = sc_http_task_new (sc_quote_client_fetch_async, cancellable, progress, progress_data,
                           callback, user_data);
  fetch = g_new0 (FetchData, 1);
  fetch->client = sc_quote_client_ref (self);
  fetch->source = source;
  fetch->symbol = g_strdup (symbol);
  fetch->first = first;
  g_task_set_task_data (task, fetch, fetch_data_free);
  g_task_run_in_thread (task, fetch_thread);
}

ScQuotes *
sc_quote_client_fetch_finish (ScQuoteClient  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  return sc_http_task_propagate_pointer (result, sc_quote_client_fetch_async, error);
}
