/* sc-curl.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <curl/curl.h>

#include <glib.h>

G_BEGIN_DECLS

/* libcurl's global initialisation, done once, the first time Stockcast
 * goes online: curl_global_init() is not thread-safe in every libcurl
 * Stockcast supports. FALSE with an SC_ERROR_NETWORK error when it fails.
 * Thread-safe. */
gboolean sc_curl_init (GError **error);

G_END_DECLS
