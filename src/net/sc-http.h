/* sc-http.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Bytes received so far and the announced total (0 when unknown). Called on
 * the thread that runs the request. */
typedef void (*ScHttpProgressFunc) (goffset  received,
                                    goffset  total,
                                    gpointer user_data);

typedef struct
{
  const char          *url;
  const char * const  *headers;          /* extra "Name: value" lines, NULL-terminated; nullable */
  const char          *service_name;     /* for messages: "Yahoo Finance" */
  guint                connect_timeout;  /* seconds; 0: 10 */
  guint                total_timeout;    /* seconds; 0: 30 */
  guint                max_retries;      /* retries after the first attempt on 429/5xx/refused connections */
  guint                backoff_ms;       /* delay before the first retry, doubled each time; 0: 500 */
  guint                max_retry_after;  /* longest Retry-After honoured, seconds; 0: 60 */
  gsize                max_size;         /* body size cap in bytes; 0: 16 MiB */
  GCancellable        *cancellable;
  ScHttpProgressFunc   progress;
  gpointer             progress_data;
} ScHttpRequest;

typedef struct
{
  long    status;      /* HTTP status of the final attempt */
  GBytes *body;
  char   *content_type;
  guint   attempts;    /* how many requests were sent */
} ScHttpResponse;

/* Sends GET requests until an answer other than 429/5xx arrives or the
 * retries are used up, waiting between attempts (Retry-After when the server
 * gives one, else exponential backoff with jitter) and rotating the
 * User-Agent after a 429. Any final status but 429/5xx is returned for the
 * caller to interpret; 429/5xx after the last retry, transport failures,
 * timeouts and oversized bodies are SC_ERROR_NETWORK; cancellation is
 * G_IO_ERROR_CANCELLED. Blocking: run it in a worker thread. */
ScHttpResponse *sc_http_get           (const ScHttpRequest  *request,
                                       GError              **error);
void            sc_http_response_free (ScHttpResponse       *response);

/* Parses a Retry-After value (delta seconds or an HTTP date) relative to
 * now_unix; -1 if it cannot be read. */
gint64          sc_http_parse_retry_after (const char *value,
                                           gint64      now_unix);

/* A GTask for requests run in a worker thread (g_task_run_in_thread()):
 * progress (nullable) is replayed on the main context that is the
 * thread-default one now, at most every 50 ms, until the task is finished
 * with sc_http_task_propagate_pointer(). */
GTask              *sc_http_task_new               (gpointer              source_tag,
                                                    GCancellable         *cancellable,
                                                    ScHttpProgressFunc    progress,
                                                    gpointer              progress_data,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
/* In the worker thread: the progress function to give the requests, with
 * its data in *progress_data; NULL if the task has none. */
ScHttpProgressFunc  sc_http_task_get_progress      (GTask                *task,
                                                    gpointer             *progress_data);
/* The result of a task made by sc_http_task_new() with source_tag; no more
 * progress calls after this, even for progress already on its way. */
gpointer            sc_http_task_propagate_pointer (GAsyncResult         *result,
                                                    gpointer              source_tag,
                                                    GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScHttpResponse, sc_http_response_free)

G_END_DECLS
