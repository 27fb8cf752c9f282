/* sc-cli-predict-many.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "sc-batch.h"
#include "sc-calendar.h"
#include "sc-cli-private.h"
#include "sc-quotes.h"
#include "sc-validate.h"

static void
show_progress (guint    done,
               guint    total,
               guint    index,
               gpointer user_data)
{
  if (!isatty (STDERR_FILENO))
    return;
  fputc ('\r', stderr);
  fprintf (stderr, _("stockcast: predicted %u of %u…"), done, total);
  fprintf (stderr, "\033[K");
  if (done == total)
    fprintf (stderr, "\r\033[K");
  fflush (stderr);
}

int
_sc_cli_predict_many (ScPredictor  *predictor,
                      char        **tickers,
                      guint         n_tickers,
                      gboolean      offline,
                      gboolean      json)
{
  g_autoptr(GPtrArray) series = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_price_series_unref);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  GArray *items;
  int worst = 0;

  for (guint i = 0; i < n_tickers; i++)
    {
      if (!sc_validate_ticker (tickers[i], &error))
        return _sc_cli_fail (error);
      for (guint j = 0; j < names->len; j++)
        if (g_ascii_strcasecmp (g_ptr_array_index (names, j), tickers[i]) == 0)
          return _sc_cli_usage_error (_("“%s” is named twice."), tickers[i]);
      g_ptr_array_add (names, sc_ticker_normalize (tickers[i]));
    }

  /* Prices one after the other (one database, polite to the quote
   * service); the CPU work in parallel. */
  for (guint i = 0; i < names->len; )
    {
      g_autoptr(ScPriceLoad) load = _sc_cli_load_prices (g_ptr_array_index (names, i), NULL,
                                                         offline, &error);

      /* One ticker without prices leaves the others to go on. */
      if (load == NULL)
        {
          int code = _sc_cli_fail (error);

          worst = MAX (worst, code);
          g_clear_error (&error);
          g_ptr_array_remove_index (names, i);
          continue;
        }
      g_ptr_array_add (series, sc_price_series_ref (load->series));
      g_ptr_array_add (sources, g_strdup (load->source));
      i++;
    }

  items = sc_batch_predict (predictor, (ScPriceSeries **) series->pdata, series->len, 0,
                            show_progress, NULL, NULL);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "predictions");
      json_builder_begin_array (builder);
      for (guint i = 0; i < items->len; i++)
        {
          const ScBatchItem *item = &g_array_index (items, ScBatchItem, i);
          const ScPrediction *p = item->prediction;

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "ticker");
          json_builder_add_string_value (builder, g_ptr_array_index (names, i));
          if (p == NULL)
            {
              json_builder_set_member_name (builder, "error");
              json_builder_add_string_value (builder, item->error->message);
            }
          else
            {
              g_autofree char *as_of = sc_day_format (p->as_of);

              json_builder_set_member_name (builder, "model");
              json_builder_add_string_value (builder, p->model_id);
              json_builder_set_member_name (builder, "as_of");
              json_builder_add_string_value (builder, as_of);
              _sc_cli_json_add_number (builder, "last_close", p->last_close);
              json_builder_set_member_name (builder, "source");
              json_builder_add_string_value (builder, g_ptr_array_index (sources, i));
              _sc_cli_json_add_forecasts (builder, p, FALSE);
            }
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      _sc_cli_print_json (builder);
    }

  for (guint i = 0; i < items->len; i++)
    {
      const ScBatchItem *item = &g_array_index (items, ScBatchItem, i);
      const ScPrediction *p = item->prediction;

      if (p == NULL)
        {
          int code = sc_error_exit_code (item->error);

          fprintf (stderr, "stockcast: %s: %s\n", (char *) g_ptr_array_index (names, i),
                   item->error->message);
          worst = MAX (worst, code);
          continue;
        }
      if (json)
        continue;

      printf ("%-8s %10.2f", (char *) g_ptr_array_index (names, i), p->last_close);
      for (guint k = 0; k < p->n_forecasts; k++)
        {
          const ScForecast *f = &p->forecasts[k];
          g_autofree char *days = g_strdup_printf (_("%d d"), f->horizon);

          printf ("   %s %.2f (%.2f–%.2f)", days, f->price, f->low, f->high);
        }
      printf ("\n");
    }

  sc_batch_items_free (items);
  return worst;
}
