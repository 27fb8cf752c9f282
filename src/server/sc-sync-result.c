/* sc-sync-result.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <gio/gio.h>
#include <sodium.h>

#include "sc-json-scan.h"
#include "sc-sync-result.h"
#include "sc-validate.h"

#define MAX_FORECASTS 64
/* Prices, interval ends and actual closes: no share trades anywhere near a
 * trillion, and the bound keeps every number in plain decimal form. */
#define MAX_PRICE     1e12

gboolean
sc_sync_result_is_uuid (const char *text)
{
  if (text == NULL || strlen (text) != 36)
    return FALSE;

  for (guint i = 0; i < 36; i++)
    {
      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (text[i] != '-')
            return FALSE;
        }
      else if (!g_ascii_isxdigit (text[i]))
        return FALSE;
    }

  return TRUE;
}

static gboolean
invalid (GError     **error,
         const char  *field)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               "The field “%s” is missing or invalid.", field);
  return FALSE;
}

static const char *
get_string (JsonObject *object,
            const char *name,
            gsize       max_length)
{
  JsonNode *node = json_object_get_member (object, name);
  const char *value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  value = json_node_get_string (node);
  if (value[0] == '\0' || strlen (value) > max_length || !g_utf8_validate (value, -1, NULL))
    return NULL;

  return value;
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
  if (type != G_TYPE_DOUBLE && type != G_TYPE_INT64)
    return FALSE;

  *out_value = json_node_get_double (node);
  return isfinite (*out_value);
}

/* A price-like number: finite and within what a price can mean. */
static gboolean
get_price (JsonObject *object,
           const char *name,
           double     *out_value)
{
  return get_number (object, name, out_value) && fabs (*out_value) <= MAX_PRICE;
}

static char *
to_string (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  json_generator_set_root (generator, root);
  return sc_json_repair_numbers (json_generator_to_data (generator, NULL));
}

gboolean
sc_sync_result_canonicalize (JsonNode    *root,
                             const char  *uuid,
                             char       **out_body,
                             char       **out_digest,
                             gboolean    *out_deleted,
                             GError     **error)
{
  g_autoptr(JsonBuilder) full = json_builder_new ();
  g_autoptr(JsonBuilder) identity = json_builder_new ();
  g_autofree char *identity_text = NULL;
  g_autofree char *uuid_lower = g_ascii_strdown (uuid, -1);
  JsonBuilder *builders[] = { full, identity };
  JsonObject *object;
  JsonArray *forecasts;
  JsonNode *node;
  const char *ticker, *created_at, *model, *as_of, *body_uuid;
  guchar hash[crypto_generichash_BYTES];
  double last_close;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "The body must be a JSON object.");
      return FALSE;
    }
  object = json_node_get_object (root);

  if (json_object_has_member (object, "uuid"))
    {
      body_uuid = get_string (object, "uuid", 36);
      if (body_uuid == NULL || g_ascii_strcasecmp (body_uuid, uuid) != 0)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               "The uuid in the body differs from the one in the address.");
          return FALSE;
        }
    }

  if ((ticker = get_string (object, "ticker", SC_TICKER_MAX_BYTES)) == NULL ||
      !sc_validate_ticker (ticker, NULL))
    return invalid (error, "ticker");
  if ((created_at = get_string (object, "created_at", 64)) == NULL)
    return invalid (error, "created_at");
  if ((model = get_string (object, "model", SC_MODEL_ID_MAX_BYTES)) == NULL ||
      !sc_validate_model_id (model, NULL))
    return invalid (error, "model");
  if ((as_of = get_string (object, "as_of", 32)) == NULL)
    return invalid (error, "as_of");
  if (!get_price (object, "last_close", &last_close))
    return invalid (error, "last_close");

  node = json_object_get_member (object, "forecasts");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (json_node_get_array (node)) > MAX_FORECASTS)
    return invalid (error, "forecasts");
  forecasts = json_node_get_array (node);

  *out_deleted = FALSE;
  node = json_object_get_member (object, "deleted");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        return invalid (error, "deleted");
      *out_deleted = json_node_get_boolean (node);
    }

  for (guint b = 0; b < G_N_ELEMENTS (builders); b++)
    {
      JsonBuilder *builder = builders[b];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "uuid");
      json_builder_add_string_value (builder, uuid_lower);
      json_builder_set_member_name (builder, "ticker");
      json_builder_add_string_value (builder, ticker);
      json_builder_set_member_name (builder, "created_at");
      json_builder_add_string_value (builder, created_at);
      json_builder_set_member_name (builder, "model");
      json_builder_add_string_value (builder, model);
      json_builder_set_member_name (builder, "as_of");
      json_builder_add_string_value (builder, as_of);
      json_builder_set_member_name (builder, "last_close");
      json_builder_add_double_value (builder, last_close);
      json_builder_set_member_name (builder, "forecasts");
      json_builder_begin_array (builder);
    }

  for (guint i = 0; i < json_array_get_length (forecasts); i++)
    {
      JsonNode *element = json_array_get_element (forecasts, i);
      JsonObject *forecast;
      JsonNode *actual_node;
      const char *date;
      double horizon, price, low, high, actual = 0;
      gboolean has_actual = FALSE;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return invalid (error, "forecasts");
      forecast = json_node_get_object (element);

      if (!get_number (forecast, "horizon", &horizon) || horizon < 1 || horizon > 100000 ||
          horizon != (double) (gint64) horizon)
        return invalid (error, "forecasts.horizon");
      if ((date = get_string (forecast, "date", 32)) == NULL)
        return invalid (error, "forecasts.date");
      if (!get_price (forecast, "price", &price))
        return invalid (error, "forecasts.price");
      if (!get_price (forecast, "low", &low))
        return invalid (error, "forecasts.low");
      if (!get_price (forecast, "high", &high))
        return invalid (error, "forecasts.high");

      actual_node = json_object_get_member (forecast, "actual");
      if (actual_node != NULL && !JSON_NODE_HOLDS_NULL (actual_node))
        {
          if (!get_price (forecast, "actual", &actual))
            return invalid (error, "forecasts.actual");
          has_actual = TRUE;
        }

      for (guint b = 0; b < G_N_ELEMENTS (builders); b++)
        {
          JsonBuilder *builder = builders[b];

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "horizon");
          json_builder_add_int_value (builder, (gint64) horizon);
          json_builder_set_member_name (builder, "date");
          json_builder_add_string_value (builder, date);
          json_builder_set_member_name (builder, "price");
          json_builder_add_double_value (builder, price);
          json_builder_set_member_name (builder, "low");
          json_builder_add_double_value (builder, low);
          json_builder_set_member_name (builder, "high");
          json_builder_add_double_value (builder, high);
          if (builder == full)
            {
              json_builder_set_member_name (builder, "actual");
              if (has_actual)
                json_builder_add_double_value (builder, actual);
              else
                json_builder_add_null_value (builder);
            }
          json_builder_end_object (builder);
        }
    }

  for (guint b = 0; b < G_N_ELEMENTS (builders); b++)
    {
      json_builder_end_array (builders[b]);
      json_builder_end_object (builders[b]);
    }

  identity_text = to_string (identity);
  crypto_generichash (hash, sizeof hash, (const guchar *) identity_text, strlen (identity_text), NULL, 0);

  *out_body = to_string (full);
  *out_digest = g_malloc (sizeof hash * 2 + 1);
  sodium_bin2hex (*out_digest, sizeof hash * 2 + 1, hash, sizeof hash);

  return TRUE;
}
