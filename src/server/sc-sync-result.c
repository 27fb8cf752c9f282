/* sc-sync-result.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <sodium.h>

#include "sc-json-scan.h"
#include "sc-result-private.h"
#include "sc-sync-result.h"

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

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_day (JsonBuilder *builder,
         const char  *name,
         ScDay        day)
{
  char text[11];

  _sc_result_day_to_text (day, text);
  add_string (builder, name, text);
}

static void
add_double (JsonBuilder *builder,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, value);
}

/* The canonical form: the known fields in a fixed order, written by
 * json-glib (the digests of stored results depend on it). */
static void
add_result (JsonBuilder    *builder,
            const ScResult *result,
            gboolean        with_actuals)
{
  json_builder_begin_object (builder);
  add_string (builder, "uuid", result->uuid);
  add_string (builder, "ticker", result->ticker);
  add_string (builder, "created_at", result->created_at);
  add_string (builder, "model", result->model);
  add_day (builder, "as_of", result->as_of);
  add_double (builder, "last_close", result->last_close);
  json_builder_set_member_name (builder, "forecasts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->n_forecasts; i++)
    {
      const ScResultForecast *f = &result->forecasts[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "horizon");
      json_builder_add_int_value (builder, f->horizon);
      add_day (builder, "date", f->date);
      add_double (builder, "price", f->price);
      add_double (builder, "low", f->low);
      add_double (builder, "high", f->high);
      if (with_actuals)
        {
          json_builder_set_member_name (builder, "actual");
          if (sc_result_forecast_has_actual (f))
            json_builder_add_double_value (builder, f->actual);
          else
            json_builder_add_null_value (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static char *
to_string (const ScResult *result,
           gboolean        with_actuals)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  add_result (builder, result, with_actuals);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return sc_json_repair_numbers (json_generator_to_data (generator, NULL));
}

static void
copy_member (JsonObject *object,
             const char *name,
             JsonNode   *node,
             gpointer    copy)
{
  json_object_set_member (copy, name, json_node_ref (node));
}

gboolean
sc_sync_result_canonicalize (JsonNode    *root,
                             const char  *uuid,
                             char       **out_body,
                             char       **out_digest,
                             gboolean    *out_deleted,
                             GError     **error)
{
  g_autoptr(JsonNode) with_uuid = NULL;
  g_autoptr(ScResult) result = NULL;
  g_autofree char *identity = NULL;
  guchar hash[crypto_generichash_BYTES];
  JsonObject *object;
  JsonNode *body_uuid;

  g_return_val_if_fail (root != NULL && JSON_NODE_HOLDS_OBJECT (root), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  /* The uuid may be left out of the body (the address names the result);
   * the parsed body is immutable, so it is added to a copy. */
  object = json_node_get_object (root);
  body_uuid = json_object_get_member (object, "uuid");
  if (body_uuid == NULL)
    {
      g_autoptr(JsonObject) copy = json_object_new ();

      json_object_foreach_member (object, copy_member, copy);
      json_object_set_string_member (copy, "uuid", uuid);
      root = with_uuid = json_node_init_object (json_node_alloc (), copy);
    }
  else if (!JSON_NODE_HOLDS_VALUE (body_uuid) ||
           json_node_get_value_type (body_uuid) != G_TYPE_STRING ||
           g_ascii_strcasecmp (json_node_get_string (body_uuid), uuid) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "The uuid in the body differs from the one in the address.");
      return FALSE;
    }

  /* The client's own codec, so both sides accept the same results. */
  result = sc_result_new_from_json_node (root, error);
  if (result == NULL)
    return FALSE;

  identity = to_string (result, FALSE);
  crypto_generichash (hash, sizeof hash, (const guchar *) identity, strlen (identity), NULL, 0);

  *out_body = to_string (result, TRUE);
  *out_digest = g_malloc (sizeof hash * 2 + 1);
  sodium_bin2hex (*out_digest, sizeof hash * 2 + 1, hash, sizeof hash);
  *out_deleted = result->deleted;

  return TRUE;
}
