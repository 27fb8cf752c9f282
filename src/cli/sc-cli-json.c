/* sc-cli-json.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdio.h>

#include "sc-cli-private.h"
#include "sc-prediction.h"
#include "sc-prices.h"

void
_sc_cli_print_json (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = json_to_string (root, FALSE);

  printf ("%s\n", text);
}

void
_sc_cli_json_add_number (JsonBuilder *builder,
                         const char  *name,
                         double       value)
{
  json_builder_set_member_name (builder, name);
  if (isfinite (value))
    json_builder_add_double_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
_sc_cli_json_add_forecasts (JsonBuilder        *builder,
                            const ScPrediction *prediction,
                            gboolean            model_price)
{
  json_builder_set_member_name (builder, "forecasts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < prediction->n_forecasts; i++)
    {
      const ScForecast *f = &prediction->forecasts[i];
      g_autofree char *date = sc_day_format (f->date);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "horizon");
      json_builder_add_int_value (builder, f->horizon);
      json_builder_set_member_name (builder, "date");
      json_builder_add_string_value (builder, date);
      _sc_cli_json_add_number (builder, "price", f->price);
      _sc_cli_json_add_number (builder, "low", f->low);
      _sc_cli_json_add_number (builder, "high", f->high);
      if (model_price)
        _sc_cli_json_add_number (builder, "model_price", f->model_price);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}
