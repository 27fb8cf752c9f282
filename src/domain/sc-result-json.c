/* sc-result-json.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sc-error.h"
#include "sc-price-csv.h"
#include "sc-validate.h"
#include "sc-result-private.h"

/* DESIGN.md "Result JSON": json-glib and GLib only. */

static void
append_string (GString    *out,
               const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

void
sc_result_append_json (const ScResult     *self,
                       ScResultJsonFlags   flags,
                       GString            *out)
{
  char date[11];

  g_return_if_fail (self != NULL);
  g_return_if_fail (out != NULL);

  g_string_append (out, "{\"uuid\":");
  append_string (out, self->uuid);
  g_string_append (out, ",\"ticker\":");
  append_string (out, self->ticker);
  g_string_append (out, ",\"created_at\":");
  append_string (out, self->created_at);
  g_string_append (out, ",\"model\":");
  append_string (out, self->model);
  _sc_result_day_to_text (self->as_of, date);
  g_string_append_printf (out, ",\"as_of\":\"%s\",\"last_close\":", date);
  sc_double_append_shortest (out, self->last_close);
  g_string_append (out, ",\"forecasts\":[");
  for (guint i = 0; i < self->n_forecasts; i++)
    {
      const ScResultForecast *f = &self->forecasts[i];

      _sc_result_day_to_text (f->date, date);
      g_string_append_printf (out, "%s{\"horizon\":%d,\"date\":\"%s\",\"price\":",
                              i > 0 ? "," : "", f->horizon, date);
      sc_double_append_shortest (out, f->price);
      g_string_append (out, ",\"low\":");
      sc_double_append_shortest (out, f->low);
      g_string_append (out, ",\"high\":");
      sc_double_append_shortest (out, f->high);
      g_string_append (out, ",\"actual\":");
      sc_double_append_shortest (out, f->actual);   /* null until known */
      g_string_append_c (out, '}');
    }
  g_string_append_printf (out, "],\"deleted\":%s", self->deleted ? "true" : "false");
  if (flags & SC_RESULT_JSON_LOCAL)
    g_string_append_printf (out, ",\"synced\":%s", self->synced ? "true" : "false");
  g_string_append_c (out, '}');
}

char *
sc_result_to_json (const ScResult     *self,
                   ScResultJsonFlags   flags)
{
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_sized_new (256 + 96 * self->n_forecasts);
  sc_result_append_json (self, flags, out);
  return g_string_free (out, FALSE);
}

const char *
_sc_result_json_get_string (JsonObject *object,
                            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gboolean
get_number (JsonObject *object,
            const char *name,
            double     *out_value)
{
  JsonNode *node = json_object_get_member (object, name);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_DOUBLE)
    *out_value = json_node_get_double (node);
  else if (type == G_TYPE_INT64)
    *out_value = (double) json_node_get_int (node);
  else
    return FALSE;

  return isfinite (*out_value);
}

/* A price, interval end or actual close: no share trades anywhere near a
 * trillion, and the bound keeps every number in plain decimal form. */
#define MAX_PRICE 1e12

static gboolean
get_price (JsonObject *object,
           const char *name,
           double     *out_value)
{
  return get_number (object, name, out_value) && fabs (*out_value) <= MAX_PRICE;
}

static gboolean
json_invalid (GError     **error,
              const char  *field)
{
  g_set_error (error, SC_ERROR, SC_ERROR_DATA,
               _("The result JSON has no valid “%s”."), field);
  return FALSE;
}

static gboolean
parse_forecast (JsonNode          *node,
                ScResultForecast  *f,
                GError           **error)
{
  JsonObject *object;
  JsonNode *member;
  double horizon;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return json_invalid (error, "forecasts");
  object = json_node_get_object (node);

  if (!get_number (object, "horizon", &horizon) || horizon != floor (horizon) ||
      horizon <= 0 || horizon > 100000)
    return json_invalid (error, "horizon");
  f->horizon = (int) horizon;

  if (!_sc_result_day_from_text (_sc_result_json_get_string (object, "date"), &f->date))
    return json_invalid (error, "date");
  if (!get_price (object, "price", &f->price))
    return json_invalid (error, "price");
  if (!get_price (object, "low", &f->low))
    return json_invalid (error, "low");
  if (!get_price (object, "high", &f->high))
    return json_invalid (error, "high");

  f->actual = NAN;
  member = json_object_get_member (object, "actual");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member) &&
      !get_price (object, "actual", &f->actual))
    return json_invalid (error, "actual");

  return TRUE;
}

ScResult *
sc_result_new_from_json_node (JsonNode  *node,
                              GError   **error)
{
  g_autoptr(ScResult) result = NULL;
  JsonObject *object;
  JsonNode *member;
  JsonArray *array;
  const char *text;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA, _("A result must be a JSON object."));
      return NULL;
    }
  object = json_node_get_object (node);
  result = sc_result_new ();

  text = _sc_result_json_get_string (object, "uuid");
  if (text == NULL || !g_uuid_string_is_valid (text))
    return json_invalid (error, "uuid"), NULL;
  result->uuid = g_ascii_strdown (text, -1);

  text = _sc_result_json_get_string (object, "ticker");
  if (!sc_validate_ticker (text, NULL))
    return json_invalid (error, "ticker"), NULL;
  result->ticker = g_strdup (text);

  result->created_at = _sc_result_normalize_timestamp (_sc_result_json_get_string (object, "created_at"));
  if (result->created_at == NULL)
    return json_invalid (error, "created_at"), NULL;

  text = _sc_result_json_get_string (object, "model");
  if (!sc_validate_model_id (text, NULL))
    return json_invalid (error, "model"), NULL;
  result->model = g_strdup (text);

  if (!_sc_result_day_from_text (_sc_result_json_get_string (object, "as_of"), &result->as_of))
    return json_invalid (error, "as_of"), NULL;

  if (!get_price (object, "last_close", &result->last_close))
    return json_invalid (error, "last_close"), NULL;

  member = json_object_get_member (object, "forecasts");
  if (member == NULL || !JSON_NODE_HOLDS_ARRAY (member))
    return json_invalid (error, "forecasts"), NULL;
  array = json_node_get_array (member);
  if (json_array_get_length (array) == 0 || json_array_get_length (array) > SC_RESULT_MAX_FORECASTS)
    return json_invalid (error, "forecasts"), NULL;

  result->n_forecasts = json_array_get_length (array);
  result->forecasts = g_new0 (ScResultForecast, result->n_forecasts);
  for (guint i = 0; i < result->n_forecasts; i++)
    if (!parse_forecast (json_array_get_element (array, i), &result->forecasts[i], error))
      return NULL;
  qsort (result->forecasts, result->n_forecasts, sizeof (ScResultForecast), _sc_result_compare_forecasts);
  if (!_sc_result_check_forecasts (result->forecasts, result->n_forecasts, error))
    return NULL;

  member = json_object_get_member (object, "deleted");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_BOOLEAN)
        return json_invalid (error, "deleted"), NULL;
      result->deleted = json_node_get_boolean (member);
    }

  return g_steal_pointer (&result);
}

ScResult *
sc_result_new_from_json (const char  *data,
                         gssize       length,
                         GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (data != NULL, NULL);

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("The result is not valid JSON (%s)."), local_error->message);
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA, _("A result must be a JSON object."));
      return NULL;
    }

  return sc_result_new_from_json_node (json_parser_get_root (parser), error);
}
