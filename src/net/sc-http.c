/* sc-http.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sc-curl.h"
#include "sc-error.h"
#include "sc-http.h"

#define DEFAULT_CONNECT_TIMEOUT 10
#define DEFAULT_TOTAL_TIMEOUT   30
#define DEFAULT_BACKOFF_MS      500
#define DEFAULT_MAX_RETRY_AFTER 60
#define DEFAULT_MAX_SIZE        (16 * 1024 * 1024)

/* Quote services answer scripts that do not look like a browser with 401 or
 * 429; a short list to rotate through when one gets throttled. */
static const char *user_agents[] = {
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
  "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0",
};

typedef struct
{
  const ScHttpRequest *request;
  GByteArray          *body;
  gsize                max_size;
  gboolean             too_large;
  gboolean             cancelled;
  char                *retry_after;
  char                *content_type;
} Transfer;

static size_t
write_cb (char   *ptr,
          size_t  size,
          size_t  nmemb,
          void   *user_data)
{
  Transfer *transfer = user_data;
  gsize n = size * nmemb;

  if (transfer->body->len + n > transfer->max_size)
    {
      transfer->too_large = TRUE;
      return 0;
    }

  g_byte_array_append (transfer->body, (const guint8 *) ptr, n);
  return n;
}

static size_t
header_cb (char   *buffer,
           size_t  size,
           size_t  nitems,
           void   *user_data)
{
  Transfer *transfer = user_data;
  gsize n = size * nitems;
  g_autofree char *line = g_strndup (buffer, n);
  char *colon;

  /* A new status line starts a new set of headers (redirects, 100-continue). */
  if (g_str_has_prefix (line, "HTTP/"))
    {
      g_clear_pointer (&transfer->retry_after, g_free);
      g_clear_pointer (&transfer->content_type, g_free);
      return n;
    }

  colon = strchr (line, ':');
  if (colon == NULL)
    return n;
  *colon = '\0';

  if (g_ascii_strcasecmp (line, "Retry-After") == 0)
    {
      g_free (transfer->retry_after);
      transfer->retry_after = g_strstrip (g_strdup (colon + 1));
    }
  else if (g_ascii_strcasecmp (line, "Content-Type") == 0)
    {
      g_free (transfer->content_type);
      transfer->content_type = g_strstrip (g_strdup (colon + 1));
    }

  return n;
}

static int
progress_cb (void       *user_data,
             curl_off_t  dltotal,
             curl_off_t  dlnow,
             curl_off_t  ultotal,
             curl_off_t  ulnow)
{
  Transfer *transfer = user_data;

  if (g_cancellable_is_cancelled (transfer->request->cancellable))
    {
      transfer->cancelled = TRUE;
      return 1;
    }

  if (transfer->request->progress != NULL)
    transfer->request->progress (dlnow, dltotal, transfer->request->progress_data);

  return 0;
}

gint64
sc_http_parse_retry_after (const char *value,
                           gint64      now_unix)
{
  const char *p;
  time_t when;

  if (value == NULL || *value == '\0')
    return -1;

  for (p = value; g_ascii_isdigit (*p); p++)
    ;
  if (*p == '\0' && p - value <= 9)
    return g_ascii_strtoll (value, NULL, 10);

  /* An HTTP date, which libcurl parses. */
  when = curl_getdate (value, NULL);
  if (when == (time_t) -1)
    return -1;

  return MAX ((gint64) when - now_unix, 0);
}

/* Sleeps ms milliseconds unless cancelled first; FALSE if cancelled. */
static gboolean
wait_cancellable (guint         ms,
                  GCancellable *cancellable)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      if (g_cancellable_is_cancelled (cancellable))
        return FALSE;
      g_usleep (MIN (50000, end - g_get_monotonic_time () > 0 ? end - g_get_monotonic_time () : 0));
    }

  return !g_cancellable_is_cancelled (cancellable);
}

/* Progress from the worker thread, replayed on the caller's main context
 * at most every 50 ms; kept on the task under PROGRESS_RELAY_KEY. */
#define PROGRESS_RELAY_KEY "sc-http-progress-relay"

typedef struct
{
  gint                ref_count;
  GMainContext       *context;
  ScHttpProgressFunc  func;
  gpointer            data;
  gint                finished;
  gint64              last_post;
} ScHttpProgressRelay;

typedef struct
{
  ScHttpProgressRelay *relay;
  goffset              received;
  goffset              total;
} ProgressEvent;

static ScHttpProgressRelay *
progress_relay_ref (ScHttpProgressRelay *relay)
{
  g_atomic_int_inc (&relay->ref_count);
  return relay;
}

static void
progress_relay_unref (ScHttpProgressRelay *relay)
{
  if (g_atomic_int_dec_and_test (&relay->ref_count))
    {
      g_main_context_unref (relay->context);
      g_free (relay);
    }
}

static gboolean
progress_event_dispatch (gpointer user_data)
{
  ProgressEvent *event = user_data;

  if (!g_atomic_int_get (&event->relay->finished))
    event->relay->func (event->received, event->total, event->relay->data);

  return G_SOURCE_REMOVE;
}

static void
progress_event_free (gpointer user_data)
{
  ProgressEvent *event = user_data;

  progress_relay_unref (event->relay);
  g_free (event);
}

static void
progress_relay_post (goffset  received,
                     goffset  total,
                     gpointer user_data)
{
  ScHttpProgressRelay *relay = user_data;
  gint64 now = g_get_monotonic_time ();
  ProgressEvent *event;

  if (now - relay->last_post < 50000 && (total == 0 || received < total))
    return;
  relay->last_post = now;

  event = g_new0 (ProgressEvent, 1);
  event->relay = progress_relay_ref (relay);
  event->received = received;
  event->total = total;
  g_main_context_invoke_full (relay->context, G_PRIORITY_DEFAULT,
                              progress_event_dispatch, event, progress_event_free);
}

static void
progress_relay_free (gpointer data)
{
  ScHttpProgressRelay *relay = data;

  g_atomic_int_set (&relay->finished, 1);
  progress_relay_unref (relay);
}

GTask *
sc_http_task_new (gpointer             source_tag,
                  GCancellable        *cancellable,
                  ScHttpProgressFunc   progress,
                  gpointer             progress_data,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  if (progress != NULL)
    {
      ScHttpProgressRelay *relay = g_new0 (ScHttpProgressRelay, 1);

      relay->ref_count = 1;
      relay->context = g_main_context_ref_thread_default ();
      relay->func = progress;
      relay->data = progress_data;
      g_object_set_data_full (G_OBJECT (task), PROGRESS_RELAY_KEY, relay, progress_relay_free);
    }
  return task;
}

ScHttpProgressFunc
sc_http_task_get_progress (GTask    *task,
                           gpointer *progress_data)
{
  *progress_data = g_object_get_data (G_OBJECT (task), PROGRESS_RELAY_KEY);
  return *progress_data != NULL ? progress_relay_post : NULL;
}

gpointer
sc_http_task_propagate_pointer (GAsyncResult  *result,
                                gpointer       source_tag,
                                GError       **error)
{
  ScHttpProgressRelay *relay;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  relay = g_object_get_data (G_OBJECT (result), PROGRESS_RELAY_KEY);
  if (relay != NULL)
    g_atomic_int_set (&relay->finished, 1);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
sc_http_response_free (ScHttpResponse *response)
{
  if (response == NULL)
    return;

  g_clear_pointer (&response->body, g_bytes_unref);
  g_free (response->content_type);
  g_free (response);
}

static gboolean
is_retryable_status (long status)
{
  return status == 429 || (status >= 500 && status <= 599);
}

static gboolean
is_retryable_curl (CURLcode code)
{
  /* Refused or reset connections are often transient; a timeout is not
   * retried, since it would multiply the user's wait. */
  return code == CURLE_COULDNT_CONNECT ||
         code == CURLE_GOT_NOTHING ||
         code == CURLE_RECV_ERROR ||
         code == CURLE_SEND_ERROR ||
         code == CURLE_PARTIAL_FILE;
}

ScHttpResponse *
sc_http_get (const ScHttpRequest  *request,
             GError              **error)
{
  const char *service;
  guint agent = 0;
  guint backoff;
  long last_status = 0;

  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (request->url != NULL, NULL);

  if (!sc_curl_init (error))
    return NULL;

  service = request->service_name ? request->service_name : _("The quote service");
  backoff = request->backoff_ms ? request->backoff_ms : DEFAULT_BACKOFF_MS;

  for (guint attempt = 0; ; attempt++)
    {
      g_autoptr(GByteArray) body = g_byte_array_new ();
      struct curl_slist *headers = NULL;
      char curl_error[CURL_ERROR_SIZE] = "";
      Transfer transfer = { 0 };
      CURL *curl;
      CURLcode code;
      long status = 0;
      gint64 wait_ms = -1;
      gboolean retry = FALSE;

      if (g_cancellable_set_error_if_cancelled (request->cancellable, error))
        return NULL;

      transfer.request = request;
      transfer.body = body;
      transfer.max_size = request->max_size ? request->max_size : DEFAULT_MAX_SIZE;

      curl = curl_easy_init ();
      if (curl == NULL)
        {
          g_set_error (error, SC_ERROR, SC_ERROR_NETWORK, _("Cannot start a network request."));
          return NULL;
        }

      headers = curl_slist_append (headers, "Accept: application/json,text/plain;q=0.9,*/*;q=0.8");
      headers = curl_slist_append (headers, "Accept-Language: en-US,en;q=0.9");
      for (guint i = 0; request->headers != NULL && request->headers[i] != NULL; i++)
        headers = curl_slist_append (headers, request->headers[i]);

      curl_easy_setopt (curl, CURLOPT_URL, request->url);
      curl_easy_setopt (curl, CURLOPT_HTTPHEADER, headers);
      curl_easy_setopt (curl, CURLOPT_USERAGENT, user_agents[agent % G_N_ELEMENTS (user_agents)]);
      curl_easy_setopt (curl, CURLOPT_ACCEPT_ENCODING, "");
      curl_easy_setopt (curl, CURLOPT_HTTP_VERSION, (long) CURL_HTTP_VERSION_2TLS);
      curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
      curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT, (long) (request->connect_timeout ? request->connect_timeout : DEFAULT_CONNECT_TIMEOUT));
      curl_easy_setopt (curl, CURLOPT_TIMEOUT, (long) (request->total_timeout ? request->total_timeout : DEFAULT_TOTAL_TIMEOUT));
      curl_easy_setopt (curl, CURLOPT_FOLLOWLOCATION, 1L);
      curl_easy_setopt (curl, CURLOPT_MAXREDIRS, 5L);
#if LIBCURL_VERSION_NUM >= 0x075500
      curl_easy_setopt (curl, CURLOPT_PROTOCOLS_STR, "http,https");
      curl_easy_setopt (curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
      curl_easy_setopt (curl, CURLOPT_PROTOCOLS, (long) (CURLPROTO_HTTP | CURLPROTO_HTTPS));
      curl_easy_setopt (curl, CURLOPT_REDIR_PROTOCOLS, (long) (CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
      curl_easy_setopt (curl, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t) transfer.max_size);
      curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, write_cb);
      curl_easy_setopt (curl, CURLOPT_WRITEDATA, &transfer);
      curl_easy_setopt (curl, CURLOPT_HEADERFUNCTION, header_cb);
      curl_easy_setopt (curl, CURLOPT_HEADERDATA, &transfer);
      curl_easy_setopt (curl, CURLOPT_XFERINFOFUNCTION, progress_cb);
      curl_easy_setopt (curl, CURLOPT_XFERINFODATA, &transfer);
      curl_easy_setopt (curl, CURLOPT_NOPROGRESS, 0L);
      curl_easy_setopt (curl, CURLOPT_ERRORBUFFER, curl_error);

      g_debug ("GET %s (attempt %u)", request->url, attempt + 1);
      code = curl_easy_perform (curl);
      curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &status);
      curl_easy_cleanup (curl);
      curl_slist_free_all (headers);

      if (transfer.cancelled || g_cancellable_is_cancelled (request->cancellable))
        {
          g_free (transfer.retry_after);
          g_free (transfer.content_type);
          g_cancellable_set_error_if_cancelled (request->cancellable, error);
          if (error != NULL && *error == NULL)
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled."));
          return NULL;
        }

      if (code == CURLE_OK && !is_retryable_status (status))
        {
          ScHttpResponse *response = g_new0 (ScHttpResponse, 1);

          response->status = status;
          response->body = g_byte_array_free_to_bytes (g_steal_pointer (&body));
          response->content_type = g_steal_pointer (&transfer.content_type);
          response->attempts = attempt + 1;
          g_free (transfer.retry_after);
          return response;
        }

      if (transfer.too_large || code == CURLE_FILESIZE_EXCEEDED)
        {
          g_autofree char *limit = g_format_size_full (transfer.max_size, G_FORMAT_SIZE_IEC_UNITS);

          g_free (transfer.retry_after);
          g_free (transfer.content_type);
          g_set_error (error, SC_ERROR, SC_ERROR_NETWORK,
                       _("%s sent an answer larger than %s."), service, limit);
          return NULL;
        }

      if (code == CURLE_OK)
        {
          gint64 retry_after = sc_http_parse_retry_after (transfer.retry_after, g_get_real_time () / G_USEC_PER_SEC);
          guint max_retry_after = request->max_retry_after ? request->max_retry_after : DEFAULT_MAX_RETRY_AFTER;

          last_status = status;
          retry = attempt < request->max_retries;
          if (retry_after >= 0)
            {
              if (retry_after > max_retry_after)
                retry = FALSE;
              else
                wait_ms = retry_after * 1000;
            }
          if (status == 429)
            agent++;
        }
      else if (is_retryable_curl (code) && attempt < request->max_retries)
        {
          retry = TRUE;
        }

      g_free (transfer.retry_after);
      g_free (transfer.content_type);

      if (!retry)
        {
          if (code == CURLE_OPERATION_TIMEDOUT)
            g_set_error (error, SC_ERROR, SC_ERROR_NETWORK,
                         _("%s did not answer in time."), service);
          else if (code != CURLE_OK)
            {
              /* Plain words for people; libcurl's for G_MESSAGES_DEBUG. */
              g_debug ("%s: %s", service, curl_error[0] ? curl_error : curl_easy_strerror (code));
              g_set_error (error, SC_ERROR, SC_ERROR_NETWORK,
                           _("Cannot reach %s: check the network connection."), service);
            }
          else if (last_status == 429)
            g_set_error (error, SC_ERROR, SC_ERROR_NETWORK,
                         _("%s is rate limiting requests; try again later."), service);
          else
            g_set_error (error, SC_ERROR, SC_ERROR_NETWORK,
                         _("%s is unavailable (HTTP %ld); try again later."), service, last_status);
          return NULL;
        }

      if (wait_ms < 0)
        {
          /* Exponential backoff with ±25 % jitter, so clients that failed
           * together do not come back together. */
          wait_ms = (gint64) backoff << MIN (attempt, 6);
          wait_ms += g_random_int_range (-(gint32) (wait_ms / 4), (gint32) (wait_ms / 4) + 1);
        }
      g_debug ("Retrying %s in %" G_GINT64_FORMAT " ms (HTTP %ld, curl %d)",
               request->url, wait_ms, status, code);
      if (!wait_cancellable ((guint) wait_ms, request->cancellable))
        {
          if (!g_cancellable_set_error_if_cancelled (request->cancellable, error))
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled."));
          return NULL;
        }
    }
}
