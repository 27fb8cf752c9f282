/* sc-json-util.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "sc-json-scan.h"
#include "sc-json-util.h"
#include "sc-prices.h"

JsonParser *
sc_json_parse (const char *data,
               gsize       length)
{
  g_autoptr(JsonParser) parser = NULL;

  if (data == NULL || length == 0 || length > G_MAXSSIZE ||
      sc_json_scan (data, length, SC_JSON_MAX_DEPTH) != SC_JSON_SCAN_OK)
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, NULL))
    return NULL;

  return g_steal_pointer (&parser);
}

JsonObject *
sc_json_get_object (JsonObject *object,
                    const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
sc_json_get_array (JsonObject *object,
                   const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

const char *
sc_json_get_string (JsonObject *object,
                    const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static double
node_number (JsonNode *node)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NAN;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    return (double) json_node_get_int (node);
  if (type == G_TYPE_DOUBLE)
    return json_node_get_double (node);

  return NAN;
}

double
sc_json_get_number (JsonObject *object,
                    const char *member)
{
  return node_number (object ? json_object_get_member (object, member) : NULL);
}

JsonObject *
sc_json_array_get_object (JsonArray *array,
                          guint      index)
{
  JsonNode *node;

  if (array == NULL || index >= json_array_get_length (array))
    return NULL;

  node = json_array_get_element (array, index);
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

double
sc_json_array_get_number (JsonArray *array,
                          guint      index)
{
  if (array == NULL || index >= json_array_get_length (array))
    return NAN;
  if (json_array_get_null_element (array, index))
    return NAN;

  return node_number (json_array_get_element (array, index));
}

char *
sc_json_printable (const char *text,
                   guint       max_chars)
{
  g_autofree char *valid = NULL;
  GString *out;
  guint n = 0;

  if (text == NULL)
    return NULL;

  valid = g_utf8_make_valid (text, -1);
  out = g_string_new (NULL);
  for (const char *p = valid; *p != '\0' && n < max_chars; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c))
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }
  if (*g_utf8_offset_to_pointer (valid, MIN ((glong) n, g_utf8_strlen (valid, -1))) != '\0')
    g_string_append (out, "…");

  return g_string_free (out, FALSE);
}

int
sc_json_compare_days (gconstpointer a,
                      gconstpointer b)
{
  ScDay x = *(const ScDay *) a;
  ScDay y = *(const ScDay *) b;

  return (x > y) - (x < y);
}

char *
sc_json_builder_to_data (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}
