/* sc-prediction-pane.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sc-app-format.h"
#include "sc-application.h"
#include "sc-chart.h"
#include "sc-error.h"
#include "sc-prediction-pane-private.h"
#include "sc-result-card.h"

G_DEFINE_FINAL_TYPE (ScPredictionPane, sc_prediction_pane, ADW_TYPE_BIN)

static void sc_prediction_pane_set_stale (ScPredictionPane *self,
                                          gboolean          stale);
static void on_page_size_changed (GtkAdjustment    *adjustment,
                                  GParamSpec       *pspec,
                                  ScPredictionPane *self);

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SAVED,
  TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void sc_prediction_pane_refresh_tickers (ScPredictionPane *self);

gboolean
sc_prediction_pane_get_busy (ScPredictionPane *self)
{
  g_return_val_if_fail (SC_IS_PREDICTION_PANE (self), FALSE);

  return self->cancellable != NULL;
}

static const char *
sc_prediction_pane_get_model_id (ScPredictionPane *self)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (self->model_dropdown);

  return item ? gtk_string_object_get_string (item) : NULL;
}

static void
sc_prediction_pane_actions_update (ScPredictionPane *self)
{
  gboolean busy = sc_prediction_pane_get_busy (self);
  const char *ticker = gtk_editable_get_text (GTK_EDITABLE (self->ticker_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (ticker));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pane.predict",
                                 !busy && self->user != NULL && *stripped != '\0' &&
                                 sc_prediction_pane_get_model_id (self) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pane.cancel", busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pane.dismiss-message",
                                 gtk_revealer_get_reveal_child (self->message_revealer));
}

/* A folded revealer still takes the box's spacing: hide it once folded. */
static void
on_child_revealed (GtkRevealer *revealer)
{
  if (!gtk_revealer_get_reveal_child (revealer) && !gtk_revealer_get_child_revealed (revealer))
    gtk_widget_set_visible (GTK_WIDGET (revealer), FALSE);
}

static void
reveal (GtkRevealer *revealer,
        gboolean     shown)
{
  if (shown)
    gtk_widget_set_visible (GTK_WIDGET (revealer), TRUE);
  gtk_revealer_set_reveal_child (revealer, shown);
}

static void
sc_prediction_pane_show_message (ScPredictionPane *self,
                                 const char       *message,
                                 gboolean          is_error)
{
  if (message == NULL)
    {
      reveal (self->message_revealer, FALSE);
    }
  else
    {
      gtk_label_set_label (self->message_label, message);
      gtk_image_set_from_icon_name (self->message_icon,
                                    is_error ? "dialog-error-symbolic" : "dialog-information-symbolic");
      if (is_error)
        gtk_widget_add_css_class (self->message_box, "error");
      else
        gtk_widget_remove_css_class (self->message_box, "error");
      reveal (self->message_revealer, TRUE);
    }
  sc_prediction_pane_actions_update (self);
}

static void
sc_prediction_pane_set_busy (ScPredictionPane *self,
                             GCancellable     *cancellable)
{
  if (cancellable == self->cancellable)
    return;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_set_object (&self->cancellable, cancellable);

  reveal (self->progress_revealer, cancellable != NULL);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, _("Starting…"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->model_dropdown), cancellable == NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->horizons_entry), cancellable == NULL);
  sc_prediction_pane_actions_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

typedef struct
{
  ScPredictionPane *self;     /* weak */
  GCancellable     *cancellable;
} ProgressData;

static void
progress_data_free (gpointer data)
{
  ProgressData *progress = data;

  g_clear_weak_pointer (&progress->self);
  g_clear_object (&progress->cancellable);
  g_free (progress);
}

static void
progress_cb (ScPredictStep  step,
             double         fraction,
             const char    *text,
             gpointer       user_data)
{
  ProgressData *progress = user_data;
  ScPredictionPane *self = progress->self;

  if (self == NULL || self->cancellable != progress->cancellable)
    return;

  if (fraction >= 0)
    gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  else
    gtk_progress_bar_pulse (self->progress_bar);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

typedef struct
{
  ScPredictionPane *self;
  GCancellable     *cancellable;
} RunData;

static void
sc_prediction_pane_scroll_to_top (ScPredictionPane *self)
{
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->page_scroller), 0);
}

static void
sc_prediction_pane_set_stale (ScPredictionPane *self,
                              gboolean          stale)
{
  if (stale)
    gtk_widget_add_css_class (GTK_WIDGET (self->result_box), "stale");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->result_box), "stale");
}

gboolean
sc_prediction_pane_get_stale (ScPredictionPane *self)
{
  g_return_val_if_fail (SC_IS_PREDICTION_PANE (self), FALSE);

  return gtk_widget_has_css_class (GTK_WIDGET (self->result_box), "stale");
}

const char *
sc_prediction_pane_get_shown_uuid (ScPredictionPane *self)
{
  g_return_val_if_fail (SC_IS_PREDICTION_PANE (self), NULL);

  return self->shown_uuid;
}

ScChart *
sc_prediction_pane_get_chart (ScPredictionPane *self)
{
  g_return_val_if_fail (SC_IS_PREDICTION_PANE (self), NULL);

  return self->chart;
}

void
sc_prediction_pane_clear_result (ScPredictionPane *self)
{
  g_return_if_fail (SC_IS_PREDICTION_PANE (self));

  g_clear_pointer (&self->shown_uuid, g_free);
  if (self->chart_cancellable != NULL)
    g_cancellable_cancel (self->chart_cancellable);
  g_clear_object (&self->chart_cancellable);
  sc_chart_set_prediction (self->chart, NULL);
  sc_chart_set_prices (self->chart, NULL);
  sc_chart_set_past_predictions (self->chart, NULL, 0);
  sc_prediction_pane_set_stale (self, FALSE);
  gtk_stack_set_visible_child_name (self->content_stack, "empty");
}

gboolean
sc_prediction_pane_get_narrow (ScPredictionPane *self)
{
  g_return_val_if_fail (SC_IS_PREDICTION_PANE (self), FALSE);

  return self->narrow;
}

static void
grid_place (GtkGrid   *grid,
            GtkWidget *child,
            int        column,
            int        row)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (grid));
  GtkGridLayoutChild *cell = GTK_GRID_LAYOUT_CHILD (gtk_layout_manager_get_layout_child (layout, child));

  gtk_grid_layout_child_set_column (cell, column);
  gtk_grid_layout_child_set_row (cell, row);
}

/* Narrow: the form in two rows, the card above the chart, both as wide as
 * the window; the page scrolls as a whole. */
void
sc_prediction_pane_set_narrow (ScPredictionPane *self,
                               gboolean          narrow)
{
  int margin;

  g_return_if_fail (SC_IS_PREDICTION_PANE (self));

  narrow = !!narrow;
  if (self->narrow == narrow)
    return;
  self->narrow = narrow;
  margin = narrow ? 12 : 18;

  grid_place (self->form_grid, GTK_WIDGET (self->ticker_entry), 0, 0);
  grid_place (self->form_grid, GTK_WIDGET (self->model_dropdown), narrow ? 0 : 1, narrow ? 1 : 0);
  grid_place (self->form_grid, self->horizons_box, narrow ? 1 : 2, narrow ? 1 : 0);
  grid_place (self->form_grid, self->predict_button, narrow ? 1 : 3, 0);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->ticker_entry), narrow ? 6 : 12);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->horizons_entry), narrow ? 6 : 9);
  gtk_widget_set_size_request (GTK_WIDGET (self->model_dropdown), narrow ? 120 : 230, -1);
  gtk_widget_set_hexpand (GTK_WIDGET (self->model_dropdown), narrow);
  gtk_widget_set_visible (GTK_WIDGET (self->horizons_label), !narrow);

  gtk_widget_set_margin_start (GTK_WIDGET (self->form_grid), margin);
  gtk_widget_set_margin_end (GTK_WIDGET (self->form_grid), margin);
  gtk_widget_set_margin_start (GTK_WIDGET (self->content_stack), margin);
  gtk_widget_set_margin_end (GTK_WIDGET (self->content_stack), margin);
  gtk_widget_set_margin_start (GTK_WIDGET (self->progress_revealer), margin);
  gtk_widget_set_margin_end (GTK_WIDGET (self->progress_revealer), margin);
  gtk_widget_set_margin_start (GTK_WIDGET (self->message_revealer), margin);
  gtk_widget_set_margin_end (GTK_WIDGET (self->message_revealer), margin);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->result_box),
                                  narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  gtk_box_set_spacing (self->result_box, narrow ? 12 : 18);
  gtk_widget_set_size_request (self->card_frame, narrow ? -1 : 320, -1);
  on_page_size_changed (gtk_scrolled_window_get_vadjustment (self->page_scroller), NULL, self);
  gtk_button_set_label (GTK_BUTTON (self->log_button), narrow ? _("_Log") : _("_Log Scale"));
}

static void
predict_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autofree RunData *run = user_data;
  g_autoptr(ScPredictionPane) self = run->self;
  g_autoptr(GCancellable) cancellable = run->cancellable;
  g_autoptr(ScPredictOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;

  outcome = sc_service_predict_finish (SC_SERVICE (object), result, &error);

  /* A newer prediction, a cancel or signing out replaced this one. */
  if (cancellable != self->cancellable || g_cancellable_is_cancelled (cancellable))
    return;

  sc_prediction_pane_set_busy (self, NULL);

  if (outcome == NULL)
    {
      /* What is below is no answer to this: dimmed, and the banner says so. */
      if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "result") == 0)
        {
          g_autofree char *text = g_strdup_printf ("%s\n%s", error->message,
                                                   _("The result below is the previous one."));

          sc_prediction_pane_set_stale (self, TRUE);
          sc_prediction_pane_show_message (self, text, TRUE);
        }
      else
        {
          sc_prediction_pane_show_message (self, error->message, TRUE);
        }
      gtk_widget_grab_focus (GTK_WIDGET (self->ticker_entry));
      return;
    }

  sc_prediction_pane_set_stale (self, FALSE);
  sc_result_card_set_prediction (self->result_card, outcome->prediction);
  sc_chart_set_prices (self->chart, outcome->series);
  sc_chart_set_prediction (self->chart, outcome->prediction);
  gtk_stack_set_visible_child_name (self->content_stack, "result");
  sc_prediction_pane_scroll_to_top (self);
  sc_prediction_pane_show_message (self, outcome->notice, FALSE);
  g_clear_pointer (&self->shown_uuid, g_free);

  if (outcome->result != NULL)
    {
      self->shown_uuid = g_strdup (outcome->result->uuid);
      g_signal_emit (self, signals[SAVED], 0, outcome->result);
      sc_prediction_pane_refresh_tickers (self);
    }
}

static void
predict_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ScPredictionPane *self = SC_PREDICTION_PANE (widget);
  g_autoptr(ScPredictRequest) request = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GArray) horizons = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ticker = NULL;
  ProgressData *progress;
  RunData *run;

  if (sc_prediction_pane_get_busy (self) || self->user == NULL)
    return;

  ticker = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->ticker_entry))));
  if (*ticker == '\0')
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->ticker_entry));
      return;
    }

  horizons = sc_parse_horizons (gtk_editable_get_text (GTK_EDITABLE (self->horizons_entry)), &error);
  if (horizons == NULL)
    {
      sc_prediction_pane_show_message (self, error->message, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->horizons_entry));
      return;
    }

  request = sc_predict_request_new (ticker, sc_prediction_pane_get_model_id (self));
  g_array_append_vals (request->horizons, horizons->data, horizons->len);
  request->years = g_settings_get_int (self->settings, "training-years");
  request->user_id = self->user->id;

  sc_prediction_pane_show_message (self, NULL, FALSE);
  cancellable = g_cancellable_new ();
  sc_prediction_pane_set_busy (self, cancellable);

  progress = g_new0 (ProgressData, 1);
  g_set_weak_pointer (&progress->self, self);
  progress->cancellable = g_object_ref (cancellable);

  run = g_new0 (RunData, 1);
  run->self = g_object_ref (self);
  run->cancellable = g_object_ref (cancellable);

  sc_service_predict_async (sc_application_get_default_service (), request, cancellable,
                            progress_cb, progress, progress_data_free,
                            predict_cb, run);
}

void
sc_prediction_pane_cancel (ScPredictionPane *self)
{
  g_return_if_fail (SC_IS_PREDICTION_PANE (self));

  if (!sc_prediction_pane_get_busy (self))
    return;

  sc_prediction_pane_set_busy (self, NULL);
  g_signal_emit (self, signals[TOAST], 0, adw_toast_new (_("Prediction cancelled")));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  sc_prediction_pane_cancel (SC_PREDICTION_PANE (widget));
}

static void
dismiss_message_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  sc_prediction_pane_show_message (SC_PREDICTION_PANE (widget), NULL, FALSE);
}

static void
on_ticker_activate (ScPredictionPane *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "pane.predict", NULL);
}

/* Tickers are upper case: show them so while they are typed. */
static void
on_ticker_insert_text (GtkEditable *editable,
                       const char  *text,
                       int          length,
                       int         *position,
                       gpointer     user_data)
{
  g_autofree char *given = length < 0 ? g_strdup (text) : g_strndup (text, length);
  g_autofree char *upper = g_utf8_strup (given, -1);

  if (strcmp (upper, given) == 0)
    return;

  g_signal_handlers_block_by_func (editable, on_ticker_insert_text, user_data);
  gtk_editable_insert_text (editable, upper, -1, position);
  g_signal_handlers_unblock_by_func (editable, on_ticker_insert_text, user_data);
  g_signal_stop_emission_by_name (editable, "insert-text");
}

static void
on_form_changed (ScPredictionPane *self)
{
  sc_prediction_pane_actions_update (self);
}

void
sc_prediction_pane_focus_ticker (ScPredictionPane *self)
{
  g_return_if_fail (SC_IS_PREDICTION_PANE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->ticker_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->ticker_entry), 0, -1);
}

static ScPrediction *
prediction_from_result (ScResult *result)
{
  ScPrediction *prediction = sc_prediction_new ();

  prediction->ticker = g_strdup (result->ticker);
  prediction->model_id = g_strdup (result->model);
  prediction->as_of = result->as_of;
  prediction->last_close = result->last_close;
  prediction->currency = g_strdup (result->currency);
  prediction->n_forecasts = result->n_forecasts;
  prediction->forecasts = g_new0 (ScForecast, MAX (result->n_forecasts, 1));
  for (guint i = 0; i < result->n_forecasts; i++)
    {
      prediction->forecasts[i].horizon = result->forecasts[i].horizon;
      prediction->forecasts[i].date = result->forecasts[i].date;
      prediction->forecasts[i].price = result->forecasts[i].price;
      prediction->forecasts[i].low = result->forecasts[i].low;
      prediction->forecasts[i].high = result->forecasts[i].high;
    }

  return prediction;
}

static void
saved_prices_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ScPredictionPane) self = user_data;
  g_autoptr(ScPriceLoad) load = NULL;
  g_autoptr(GError) error = NULL;

  load = sc_service_load_prices_finish (SC_SERVICE (object), result, &error);
  if (g_task_get_cancellable (G_TASK (result)) != self->chart_cancellable)
    return;
  g_clear_object (&self->chart_cancellable);

  if (load != NULL)
    sc_chart_set_prices (self->chart, load->series);
  else
    g_debug ("No prices for the saved result: %s", error->message);
}

void
sc_prediction_pane_show_result (ScPredictionPane *self,
                                ScResult         *result)
{
  g_autoptr(ScPrediction) prediction = NULL;

  g_return_if_fail (SC_IS_PREDICTION_PANE (self));
  g_return_if_fail (result != NULL);

  sc_result_card_set_result (self->result_card, result);
  g_free (self->shown_uuid);
  self->shown_uuid = g_strdup (result->uuid);
  sc_prediction_pane_set_stale (self, FALSE);
  sc_prediction_pane_scroll_to_top (self);

  prediction = prediction_from_result (result);
  sc_chart_set_prices (self->chart, NULL);
  sc_chart_set_prediction (self->chart, prediction);
  if (self->chart_cancellable != NULL)
    g_cancellable_cancel (self->chart_cancellable);
  g_clear_object (&self->chart_cancellable);
  self->chart_cancellable = g_cancellable_new ();
  /* Never the network: a saved result is shown with what is at hand. */
  sc_service_load_prices_async (sc_application_get_default_service (), result->ticker,
                                SC_PRICE_LOAD_OFFLINE, self->chart_cancellable,
                                saved_prices_cb, g_object_ref (self));

  gtk_stack_set_visible_child_name (self->content_stack, "result");
  sc_prediction_pane_show_message (self, NULL, FALSE);
}

void
sc_prediction_pane_set_past_results (ScPredictionPane *self,
                                     GPtrArray        *results)
{
  g_autoptr(GArray) items = g_array_new (FALSE, TRUE, sizeof (ScChartPastPrediction));

  g_return_if_fail (SC_IS_PREDICTION_PANE (self));

  for (guint i = 0; results != NULL && i < results->len; i++)
    {
      ScResult *result = g_ptr_array_index (results, i);

      for (guint j = 0; j < result->n_forecasts; j++)
        {
          const ScResultForecast *f = &result->forecasts[j];
          ScChartPastPrediction item = {
            .made_on = result->as_of,
            .date = f->date,
            .horizon = f->horizon,
            .price = f->price,
            .low = f->low,
            .high = f->high,
            .actual = f->actual,
          };

          g_array_append_val (items, item);
        }
    }

  sc_chart_set_past_predictions (self->chart, (const ScChartPastPrediction *) (gpointer) items->data, items->len);
}

void
sc_prediction_pane_reset (ScPredictionPane *self)
{
  g_return_if_fail (SC_IS_PREDICTION_PANE (self));

  sc_prediction_pane_set_busy (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->ticker_entry), "");
  sc_prediction_pane_clear_result (self);
  sc_prediction_pane_show_message (self, NULL, FALSE);
}

/* --- ticker completion --------------------------------------------------- */

static void
list_tickers_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ScPredictionPane) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) tickers = NULL;

  tickers = sc_service_list_tickers_finish (SC_SERVICE (object), result, &error);
  if (tickers == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No ticker completion: %s", error->message);
      return;
    }

  gtk_list_store_clear (self->tickers);
  for (guint i = 0; tickers[i] != NULL; i++)
    gtk_list_store_insert_with_values (self->tickers, NULL, -1, 0, tickers[i], -1);
}

static void
sc_prediction_pane_refresh_tickers (ScPredictionPane *self)
{
  g_cancellable_cancel (self->tickers_cancellable);
  g_clear_object (&self->tickers_cancellable);
  self->tickers_cancellable = g_cancellable_new ();
  sc_service_list_tickers_async (sc_application_get_default_service (),
                                 self->user ? self->user->id : 0, self->tickers_cancellable,
                                 list_tickers_cb, g_object_ref (self));
}

void
sc_prediction_pane_set_user (ScPredictionPane *self,
                             ScUser           *user)
{
  g_return_if_fail (SC_IS_PREDICTION_PANE (self));

  if (user == self->user)
    return;

  sc_prediction_pane_reset (self);
  g_clear_pointer (&self->user, sc_user_unref);
  if (user != NULL)
    {
      self->user = sc_user_ref (user);
      sc_prediction_pane_refresh_tickers (self);
    }
  sc_prediction_pane_actions_update (self);
}

/* --- chart --------------------------------------------------------------- */

static const struct {
  const char   *label;
  const char   *tooltip;
  ScChartRange  range;
} chart_ranges[] = {
  { N_("1M"), N_("Last month"), SC_CHART_RANGE_1M },
  { N_("6M"), N_("Last six months"), SC_CHART_RANGE_6M },
  { N_("1Y"), N_("Last year"), SC_CHART_RANGE_1Y },
  { N_("5Y"), N_("Last five years"), SC_CHART_RANGE_5Y },
  { N_("10Y"), N_("Last ten years"), SC_CHART_RANGE_10Y },
  { N_("All"), N_("All prices"), SC_CHART_RANGE_ALL },
};

/* The range buttons, the chart and the chart-range setting follow each
 * other: a click changes the chart, the chart's range is saved, and a
 * setting changed elsewhere (another window, gsettings) moves the chart. */
G_STATIC_ASSERT (G_N_ELEMENTS (chart_ranges) == SC_CHART_RANGE_ALL + 1);

static void
on_range_toggled (GtkToggleButton  *button,
                  ScPredictionPane *self)
{
  guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "sc-range"));

  if (gtk_toggle_button_get_active (button))
    sc_chart_set_range (self->chart, chart_ranges[i].range);
}

static void
on_chart_range_changed (ScPredictionPane *self)
{
  ScChartRange range = sc_chart_get_range (self->chart);
  const char *name = sc_chart_range_to_string (range);
  g_autofree char *saved = g_settings_get_string (self->settings, "chart-range");

  gtk_toggle_button_set_active (self->range_buttons[range], TRUE);
  if (g_strcmp0 (saved, name) != 0)
    g_settings_set_string (self->settings, "chart-range", name);
}

static void
on_range_setting_changed (ScPredictionPane *self)
{
  g_autofree char *saved = g_settings_get_string (self->settings, "chart-range");
  ScChartRange range;

  if (sc_chart_range_parse (saved, &range) && range != sc_chart_get_range (self->chart))
    sc_chart_set_range (self->chart, range);
}

static void
sc_prediction_pane_setup_chart (ScPredictionPane *self)
{
  g_autofree char *saved = g_settings_get_string (self->settings, "chart-range");
  GtkToggleButton *group = NULL;
  ScChartRange range = SC_CHART_RANGE_1Y;

  sc_chart_range_parse (saved, &range);

  self->chart = SC_CHART (sc_chart_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->chart), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->chart), TRUE);
  adw_bin_set_child (self->chart_slot, GTK_WIDGET (self->chart));
  sc_chart_set_range (self->chart, range);

  for (guint i = 0; i < G_N_ELEMENTS (chart_ranges); i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (_(chart_ranges[i].label));

      gtk_widget_set_tooltip_text (button, _(chart_ranges[i].tooltip));
      g_object_set_data (G_OBJECT (button), "sc-range", GUINT_TO_POINTER (i));
      if (group != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
      else
        group = GTK_TOGGLE_BUTTON (button);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), chart_ranges[i].range == range);
      g_signal_connect_object (button, "toggled", G_CALLBACK (on_range_toggled), self, 0);
      gtk_box_append (self->range_box, button);
      self->range_buttons[chart_ranges[i].range] = GTK_TOGGLE_BUTTON (button);
    }
  g_signal_connect_object (self->chart, "notify::range", G_CALLBACK (on_chart_range_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::chart-range",
                           G_CALLBACK (on_range_setting_changed), self, G_CONNECT_SWAPPED);

  /* The log scale: setting, chart (whose chart.log-scale action may flip
   * it too) and button stay one. */
  g_settings_bind (self->settings, "chart-log-scale", self->chart, "log-scale", G_SETTINGS_BIND_DEFAULT);
  g_object_bind_property (self->chart, "log-scale", self->log_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
}

/* --- GObject ------------------------------------------------------------- */

/* The chart fills the visible page beside the card (which may be taller:
 * the page then scrolls, chart and card together). The page size changes
 * during allocation, so the new height is set once that is over. */
static gboolean
update_chart_height (gpointer data)
{
  ScPredictionPane *self = data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->page_scroller);
  int page = MAX ((int) gtk_adjustment_get_page_size (adjustment), 0);
  int height = self->narrow ? 260 : MAX (300, page - 12 - 46);
  int current;

  self->chart_height_idle = 0;
  g_debug ("Page %d px high (scroller %d): chart %d", page,
           gtk_widget_get_height (GTK_WIDGET (self->page_scroller)), height);
  gtk_widget_get_size_request (GTK_WIDGET (self->chart_slot), NULL, &current);
  if (height != current)
    gtk_widget_set_size_request (GTK_WIDGET (self->chart_slot), -1, height);

  return G_SOURCE_REMOVE;
}

static void
on_page_size_changed (GtkAdjustment    *adjustment,
                      GParamSpec       *pspec,
                      ScPredictionPane *self)
{
  if (self->chart_height_idle == 0)
    self->chart_height_idle = g_idle_add (update_chart_height, self);
}

static void
on_page_changed (ScPredictionPane *self)
{
  on_page_size_changed (NULL, NULL, self);
}

static void
sc_prediction_pane_dispose (GObject *object)
{
  ScPredictionPane *self = SC_PREDICTION_PANE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->tickers_cancellable);
  g_clear_object (&self->tickers_cancellable);
  g_cancellable_cancel (self->chart_cancellable);
  g_clear_object (&self->chart_cancellable);
  g_clear_pointer (&self->user, sc_user_unref);
  g_clear_pointer (&self->shown_uuid, g_free);
  g_clear_handle_id (&self->chart_height_idle, g_source_remove);
  g_clear_object (&self->tickers);
  g_clear_object (&self->settings);

  gtk_widget_dispose_template (GTK_WIDGET (self), SC_TYPE_PREDICTION_PANE);

  G_OBJECT_CLASS (sc_prediction_pane_parent_class)->dispose (object);
}

static void
sc_prediction_pane_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ScPredictionPane *self = SC_PREDICTION_PANE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, sc_prediction_pane_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sc_prediction_pane_class_init (ScPredictionPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sc_prediction_pane_dispose;
  object_class->get_property = sc_prediction_pane_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SC_TYPE_RESULT);
  signals[TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  g_type_ensure (SC_TYPE_RESULT_CARD);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/stockcast/Stockcast/sc-prediction-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, ScPredictionPane, ticker_entry);
  gtk_widget_class_bind_template_child (widget_class, ScPredictionPane, model_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ScPredictionPane, horizons_entry);
  gtk_widget_class_bind_template_child (widget_class, ScPredictionPane, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, ScPredictionPane, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ScPredictionPane, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, ScPredictionPane, message_box);
  gtk_widget_class_bind_template_child (widget_class, ScPredictionPane, message_icon);
  gtk_widget_class_bind_template_child (widget_class, ScPredictionPane, message_label);
  gtk_widget_class_bind_template_child (widget_class, ScPredictionPane, content_stack);
  gtk_widget_class_bind_template_child (widget_class, ScPredictionPane, result_card);
  gtk_widget_class_bind_template_child (widget_class, ScPredictionPane, chart_slot);
  gtk_widget_class_bind_template_child (widget_class, ScPredictionPane, range_box);
  gtk_widget_class_bind_template_child (widget_class, ScPredictionPane, log_button);
  gtk_widget_class_bind_template_child (widget_class, ScPredictionPane, horizons_label);
  gtk_widget_class_bind_template_child (widget_class, ScPredictionPane, form_grid);
  gtk_widget_class_bind_template_child (widget_class, ScPredictionPane, horizons_box);
  gtk_widget_class_bind_template_child (widget_class, ScPredictionPane, predict_button);
  gtk_widget_class_bind_template_child (widget_class, ScPredictionPane, page_scroller);
  gtk_widget_class_bind_template_child (widget_class, ScPredictionPane, result_box);
  gtk_widget_class_bind_template_child (widget_class, ScPredictionPane, card_frame);
  gtk_widget_class_bind_template_callback (widget_class, on_ticker_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed);

  gtk_widget_class_install_action (widget_class, "pane.predict", NULL, predict_action);
  gtk_widget_class_install_action (widget_class, "pane.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "pane.dismiss-message", NULL, dismiss_message_action);
}

static void
sc_prediction_pane_init (ScPredictionPane *self)
{
  g_autoptr(GtkEntryCompletion) completion = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID_BASE);

  self->tickers = gtk_list_store_new (1, G_TYPE_STRING);
  completion = gtk_entry_completion_new ();
  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (self->tickers));
  gtk_entry_completion_set_text_column (completion, 0);
  gtk_entry_completion_set_inline_completion (completion, FALSE);
  gtk_entry_completion_set_popup_single_match (completion, FALSE);
  gtk_entry_set_completion (self->ticker_entry, completion);

  _sc_prediction_pane_load_models (self);
  _sc_prediction_pane_load_horizons (self);
  sc_prediction_pane_setup_chart (self);
  g_signal_connect (gtk_editable_get_delegate (GTK_EDITABLE (self->ticker_entry)), "insert-text",
                    G_CALLBACK (on_ticker_insert_text), NULL);

  g_signal_connect (self->progress_revealer, "notify::child-revealed", G_CALLBACK (on_child_revealed), NULL);
  g_signal_connect (self->message_revealer, "notify::child-revealed", G_CALLBACK (on_child_revealed), NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_revealer), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->message_revealer), FALSE);
  g_signal_connect_object (self->model_dropdown, "notify::selected",
                           G_CALLBACK (sc_prediction_pane_actions_update), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->page_scroller), "notify::page-size",
                           G_CALLBACK (on_page_size_changed), self, 0);
  /* gtk_adjustment_configure() says so with ::changed. */
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->page_scroller), "changed",
                           G_CALLBACK (on_page_changed), self, G_CONNECT_SWAPPED);

  sc_prediction_pane_actions_update (self);
}
