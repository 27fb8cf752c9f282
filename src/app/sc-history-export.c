/* sc-history-export.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Export: the history as CSV, and Export Prices… for the selected row's
 * ticker. */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sc-application.h"
#include "sc-history-item.h"
#include "sc-history-view-private.h"
#include "sc-price-csv.h"

/* --- export -------------------------------------------------------------- */

static void
append_csv_field (GString    *line,
                  const char *value)
{
  if (strpbrk (value, ",\"\n\r") == NULL)
    {
      g_string_append (line, value);
      return;
    }

  g_string_append_c (line, '"');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

static void
append_number (GString *line,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isfinite (value))
    g_string_append (line, g_ascii_formatd (buffer, sizeof buffer, "%.6g", value));
}

static GBytes *
sc_history_view_build_csv (ScHistoryView *self)
{
  GListModel *model = G_LIST_MODEL (self->sort_model);
  GString *csv = g_string_new ("uuid,created_at,ticker,model,as_of,last_close,horizon,target_date,price,low,high,actual\n");

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ScHistoryItem) item = g_list_model_get_item (model, i);
      ScResult *result = sc_history_item_get_result (item);
      g_autofree char *as_of = sc_day_format (result->as_of);

      for (guint j = 0; j < result->n_forecasts; j++)
        {
          const ScResultForecast *f = &result->forecasts[j];
          g_autofree char *date = sc_day_format (f->date);

          append_csv_field (csv, result->uuid);
          g_string_append_c (csv, ',');
          append_csv_field (csv, result->created_at);
          g_string_append_c (csv, ',');
          append_csv_field (csv, result->ticker);
          g_string_append_c (csv, ',');
          append_csv_field (csv, result->model);
          g_string_append_c (csv, ',');
          g_string_append (csv, as_of);
          g_string_append_c (csv, ',');
          append_number (csv, result->last_close);
          g_string_append_printf (csv, ",%d,%s,", f->horizon, date);
          append_number (csv, f->price);
          g_string_append_c (csv, ',');
          append_number (csv, f->low);
          g_string_append_c (csv, ',');
          append_number (csv, f->high);
          g_string_append_c (csv, ',');
          if (sc_result_forecast_has_actual (f))
            append_number (csv, f->actual);
          g_string_append_c (csv, '\n');
        }
    }

  return g_string_free_to_bytes (csv);
}

static void
replace_contents_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      g_autofree char *name = g_file_get_parse_name (G_FILE (object));

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("Could not write “%s”: %s"), name, error->message);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/* Written to a temporary file and renamed: never half a file. The task
 * returns TRUE, or why the file could not be written. */
static void
write_csv (GTask  *task,
           GFile  *file,
           GBytes *bytes)
{
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION,
                                       g_task_get_cancellable (task),
                                       replace_contents_cb, task);
}

void
sc_history_view_export_async (ScHistoryView       *self,
                              GFile               *file,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GBytes) bytes = NULL;
  GTask *task;

  g_return_if_fail (SC_IS_HISTORY_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sc_history_view_export_async);
  bytes = sc_history_view_build_csv (self);
  write_csv (task, file, bytes);
}

gboolean
sc_history_view_export_finish (ScHistoryView  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Export Prices…: the cached daily prices of the selected row's ticker, as
 * `stockcast prices TICKER --csv` writes them. Read from the cache only,
 * through the service; the file is written whole or not at all. */

static void
prices_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GFile *file = g_task_get_task_data (task);
  g_autoptr(ScPriceLoad) load = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  load = sc_service_load_prices_finish (SC_SERVICE (object), result, &error);
  if (load == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  bytes = sc_price_series_to_csv (load->series);
  write_csv (g_steal_pointer (&task), file, bytes);
}

void
sc_history_view_export_prices_async (ScHistoryView       *self,
                                     const char          *ticker,
                                     GFile               *file,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (SC_IS_HISTORY_VIEW (self));
  g_return_if_fail (ticker != NULL);
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sc_history_view_export_prices_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  sc_service_load_prices_async (sc_application_get_default_service (), ticker,
                                SC_PRICE_LOAD_OFFLINE, cancellable, prices_loaded_cb, task);
}

gboolean
sc_history_view_export_prices_finish (ScHistoryView  *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- the file chooser ------------------------------------------------------ */

/* Shows a toast once the history (tagged sc_history_view_export_async) or a
 * ticker's prices are written. */
static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ScHistoryView *self = SC_HISTORY_VIEW (object);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *message = NULL;

  if (g_async_result_is_tagged (result, sc_history_view_export_async))
    {
      if (sc_history_view_export_finish (self, result, &error))
        /* TRANSLATORS: a toast after exporting the history */
        message = g_strdup_printf (_("History exported to “%s”"), name);
    }
  else if (sc_history_view_export_prices_finish (self, result, &error))
    {
      /* TRANSLATORS: a toast after exporting a ticker's prices */
      message = g_strdup_printf (_("Prices exported to “%s”"), name);
    }

  if (message == NULL)
    message = g_strdup (error->message);

  g_signal_emit (self, _sc_history_view_signals[TOAST], 0, adw_toast_new (message));
}

static void
on_export_response (GtkNativeDialog *dialog,
                    int              response,
                    ScHistoryView   *self)
{
  const char *ticker = g_object_get_data (G_OBJECT (dialog), "ticker");
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  if (file != NULL && ticker != NULL)
    sc_history_view_export_prices_async (self, ticker, file, NULL, export_done_cb, g_object_ref (file));
  else if (file != NULL)
    sc_history_view_export_async (self, file, NULL, export_done_cb, g_object_ref (file));

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

/* Asks where to save a CSV file: the history's, or (ticker not NULL) the
 * prices of ticker. */
static void
choose_export_file (ScHistoryView *self,
                    const char    *title,
                    const char    *file_name,
                    const char    *ticker)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (title,
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), file_name);
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_set_data_full (G_OBJECT (chooser), "ticker", g_strdup (ticker), g_free);

  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
_sc_history_view_export_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  choose_export_file (SC_HISTORY_VIEW (widget), _("Export History"),
                      _("stockcast-history.csv"), NULL);
}

void
_sc_history_view_export_prices_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  ScHistoryView *self = SC_HISTORY_VIEW (widget);
  ScHistoryItem *item = gtk_single_selection_get_selected_item (self->selection);
  g_autofree char *name = NULL;
  const char *ticker;

  if (item == NULL)
    return;
  ticker = sc_history_item_get_result (item)->ticker;

  /* TRANSLATORS: the suggested file name of a ticker's exported prices */
  name = g_strdup_printf (_("%s-prices.csv"), ticker);
  choose_export_file (self, _("Export Prices"), name, ticker);
}
