/* sc-curl.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* Calls go through function pointers, which curl's type-checking macros
 * cannot follow. */
#define CURL_DISABLE_TYPECHECK 1
#include <curl/curl.h>

#include <glib.h>

G_BEGIN_DECLS

/* libcurl, opened the first time Stockcast goes online rather than when
 * it starts: libcurl and the TLS, HTTP/2 and authentication libraries it
 * brings cost more start-up time than the rest of a `stockcast predict`
 * on a file does (see README.md, "Speed"). */
typedef struct
{
  CURL              *(*easy_init)      (void);
  CURLcode           (*easy_setopt)    (CURL *handle, CURLoption option, ...);
  CURLcode           (*easy_perform)   (CURL *handle);
  CURLcode           (*easy_getinfo)   (CURL *handle, CURLINFO info, ...);
  void               (*easy_reset)     (CURL *handle);
  void               (*easy_cleanup)   (CURL *handle);
  const char        *(*easy_strerror)  (CURLcode code);
  struct curl_slist *(*slist_append)   (struct curl_slist *list, const char *text);
  void               (*slist_free_all) (struct curl_slist *list);
  time_t             (*getdate)        (const char *text, const time_t *unused);
} ScCurl;

/* The loaded library, initialised; NULL with an SC_ERROR_NETWORK error when
 * it cannot be opened. Thread-safe. */
const ScCurl *sc_curl_get (GError **error);

G_END_DECLS
