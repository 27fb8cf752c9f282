/* sc-result-private.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sc-result.h"

G_BEGIN_DECLS

/* The rules and text forms a result is checked and stored with, shared by
 * the codec (sc-result-json.c), the store's queries and the sync server's
 * canonical form (src/server/sc-sync-result.c). */

#define SC_RESULT_MAX_FORECASTS    64

/* "YYYY-MM-DD"; day_from_text accepts exactly that form. */
void      _sc_result_day_to_text         (ScDay        day,
                                          char         out[11]);
gboolean  _sc_result_day_from_text       (const char  *text,
                                          ScDay       *out_day);
/* An ISO 8601 timestamp as "YYYY-MM-DDTHH:MM:SSZ" (UTC); NULL if invalid. */
char     *_sc_result_normalize_timestamp (const char  *text);
char     *_sc_result_now_timestamp       (void);

/* qsort/g_array_sort order of ScResultForecast: by horizon. */
int       _sc_result_compare_forecasts   (gconstpointer a,
                                          gconstpointer b);
gboolean  _sc_result_check_forecasts     (const ScResultForecast *forecasts,
                                          guint                   n_forecasts,
                                          GError                **error);
/* Every field of a result from outside (the sync server). */
gboolean  _sc_result_check               (const ScResult *result,
                                          GError        **error);

/* The string member name of object, or NULL if it is missing or not a
 * string: how the codec reads a member, for the server's watchlist too. */
const char *_sc_result_json_get_string   (JsonObject    *object,
                                          const char    *name);

G_END_DECLS
