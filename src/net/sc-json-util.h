/* sc-json-util.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Defensive readers for answers from the network: each checks the node's
 * type before reading, so wrong or missing members give NULL or NAN instead
 * of a critical warning. */

/* NULL if data is not JSON or nests deeper than 64 levels. */
JsonParser *sc_json_parse            (const char *data,
                                      gsize       length);
JsonObject *sc_json_get_object       (JsonObject *object,
                                      const char *member);
JsonArray  *sc_json_get_array        (JsonObject *object,
                                      const char *member);
const char *sc_json_get_string       (JsonObject *object,
                                      const char *member);
/* Integers and doubles; NAN for null, missing or other types. */
double      sc_json_get_number       (JsonObject *object,
                                      const char *member);
JsonObject *sc_json_array_get_object (JsonArray  *array,
                                      guint       index);
/* array may be NULL; NAN when index is past its end. */
double      sc_json_array_get_number (JsonArray  *array,
                                      guint       index);
/* At most max_chars characters of text with control characters dropped,
 * for quoting a server's words in a message. */
char       *sc_json_printable        (const char *text,
                                      guint       max_chars);
int         sc_json_compare_days     (gconstpointer a,
                                      gconstpointer b);

/* The compact text of what builder built, for a request's body. */
char       *sc_json_builder_to_data  (JsonBuilder *builder);

G_END_DECLS
