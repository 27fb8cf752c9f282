/* sc-watchlist-window.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sc-application.h"
#include "sc-model.h"
#include "sc-watchlist-window.h"

/* Predict All runs this many tickers at a time: the window stays
 * responsive on a two-core machine. */
#define MAX_PARALLEL 2

struct _ScWatchlistWindow
{
  AdwWindow       parent_instance;

  GtkWidget      *progress_box;
  GtkProgressBar *progress_bar;
  GtkEntry       *ticker_entry;
  GtkLabel       *message_label;
  GtkListBox     *list_box;

  gint64          user_id;
  char           *model_id;
  GPtrArray      *rows;          /* ScWatchRow */
  GCancellable   *cancellable;   /* of the window: cancelled on dispose */
  GCancellable   *predicting;    /* of the running Predict All, else NULL */
};

G_DEFINE_FINAL_TYPE (ScWatchlistWindow, sc_watchlist_window, ADW_TYPE_WINDOW)

static void
sc_watchlist_window_actions_update (ScWatchlistWindow *self)
{
  gboolean busy = self->predicting != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "watchlist.predict-all",
                                 !busy && self->rows != NULL && self->rows->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "watchlist.cancel", busy);
  gtk_widget_set_visible (self->progress_box, busy);
}

static void
show_message (ScWatchlistWindow *self,
              const char        *text)
{
  gtk_label_set_label (self->message_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), text != NULL);
}

static void
draw_sparkline (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  GArray *closes = user_data;
  GdkRGBA color;
  double lo = INFINITY, hi = -INFINITY;

  if (closes == NULL || closes->len < 2)
    return;

  for (guint i = 0; i < closes->len; i++)
    {
      double v = g_array_index (closes, double, i);

      lo = MIN (lo, v);
      hi = MAX (hi, v);
    }
  if (hi <= lo)
    hi = lo + 1;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_set_line_width (cr, 1.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < closes->len; i++)
    {
      double x = 1 + (width - 2) * (double) i / (closes->len - 1);
      double y = 2 + (height - 4) * (1 - (g_array_index (closes, double, i) - lo) / (hi - lo));

      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  cairo_stroke (cr);
}

static char *
describe_forecasts (const ScWatchRow *row)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (row->error != NULL)
    return g_strdup (row->error);
  if (row->prediction == NULL)
    return isnan (row->last_close) ? g_strdup (_("No prices cached yet: Predict All fetches them"))
                                   : g_strdup_printf (_("Last close %.2f on %s"), row->last_close, row->last_date);

  for (guint i = 0; i < row->prediction->n_forecasts; i++)
    {
      const ScForecast *f = &row->prediction->forecasts[i];
      g_autoptr(GString) one = g_string_new (NULL);

      if (i > 0)
        g_string_append (text, "  ·  ");
      /* Translators: "10 d: 216.15 (204.52–232.10)" */
      g_string_append_printf (one, _("%d d: %.2f (%.2f–%.2f)"), f->horizon, f->price, f->low, f->high);
      /* One horizon never breaks across lines: only between horizons. */
      g_string_replace (one, " ", "\u00a0", 0);
      g_string_append (text, one->str);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void remove_clicked (GtkButton *button, ScWatchlistWindow *self);

static void
rebuild (ScWatchlistWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);

  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    {
      ScWatchRow *row = g_ptr_array_index (self->rows, i);
      g_autofree char *subtitle = describe_forecasts (row);
      g_autofree char *close = isnan (row->last_close) ? g_strdup ("–") : g_strdup_printf ("%.2f", row->last_close);
      g_autofree char *remove_label = g_strdup_printf (_("Stop following %s"), row->ticker);
      GtkWidget *action_row = adw_action_row_new ();
      GtkWidget *spark = gtk_drawing_area_new ();
      GtkWidget *price = gtk_label_new (close);
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), row->ticker);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (action_row), subtitle);
      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (spark), 120);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (spark), 32);
      gtk_widget_set_valign (spark, GTK_ALIGN_CENTER);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (spark), draw_sparkline,
                                      g_array_ref (row->closes), (GDestroyNotify) g_array_unref);
      gtk_accessible_update_property (GTK_ACCESSIBLE (spark), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Closing prices of the last six months"), -1);
      gtk_widget_add_css_class (price, "numeric");
      gtk_widget_set_size_request (price, 80, -1);
      gtk_label_set_xalign (GTK_LABEL (price), 1.0);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, remove_label);
      g_object_set_data_full (G_OBJECT (remove), "ticker", g_strdup (row->ticker), g_free);
      g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_clicked), self, 0);

      adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), spark);
      adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), price);
      adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), remove);
      gtk_list_box_append (self->list_box, action_row);
    }

  if (self->rows != NULL && self->rows->len == 0)
    show_message (self, _("Follow a ticker to see it here."));
  sc_watchlist_window_actions_update (self);
}

/* New rows from the service: the message cleared, the list rebuilt. */
static void
show_rows (ScWatchlistWindow *self,
           GPtrArray         *rows)
{
  show_message (self, NULL);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  self->rows = rows;
  rebuild (self);
}

static void
list_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(ScWatchlistWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = sc_service_watchlist_finish (SC_SERVICE (source), result, &error);

  if (rows == NULL)
    {
      if (self->cancellable != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, error->message);
      return;
    }
  if (self->cancellable == NULL)
    {
      g_ptr_array_unref (rows);
      return;
    }
  show_rows (self, rows);
}

static void
change (ScWatchlistWindow *self,
        const char        *ticker,
        gboolean           add)
{
  if (self->user_id == 0)
    return;
  sc_service_watchlist_async (sc_application_get_default_service (), self->user_id, ticker, add,
                              self->cancellable, list_cb, g_object_ref (self));
}

static void
on_ticker_activate (ScWatchlistWindow *self)
{
  g_autofree char *ticker = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->ticker_entry))));

  if (*ticker == '\0' || self->predicting != NULL)
    return;
  change (self, ticker, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->ticker_entry), "");
}

static void
remove_clicked (GtkButton         *button,
                ScWatchlistWindow *self)
{
  if (self->predicting != NULL)
    return;
  change (self, g_object_get_data (G_OBJECT (button), "ticker"), FALSE);
}

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  ScWatchlistWindow *self = user_data;
  guint n = self->rows ? self->rows->len : 0;
  g_autofree char *text = NULL;

  gtk_progress_bar_set_fraction (self->progress_bar, total ? (double) done / total : 0);
  if (done < n)
    text = g_strdup_printf (_("Loading prices: %u of %u"), done, n);
  else
    text = g_strdup_printf (_("Predicted %u of %u"), done - n, n);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
predict_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(ScWatchlistWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = sc_service_predict_watchlist_finish (SC_SERVICE (source), result, &error);

  /* A window being closed (disposed: no cancellable left) cancelled this;
   * leave it alone. */
  if (self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    {
      g_clear_pointer (&rows, g_ptr_array_unref);
      return;
    }

  g_clear_object (&self->predicting);
  if (rows == NULL)
    {
      show_message (self, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                          ? _("Predict All was cancelled.") : error->message);
      sc_watchlist_window_actions_update (self);
      return;
    }

  show_rows (self, rows);
}

static void
predict_all_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ScWatchlistWindow *self = SC_WATCHLIST_WINDOW (widget);
  g_autoptr(GPtrArray) tickers = g_ptr_array_new ();

  if (self->predicting != NULL || self->rows == NULL || self->rows->len == 0)
    return;

  for (guint i = 0; i < self->rows->len; i++)
    g_ptr_array_add (tickers, ((ScWatchRow *) g_ptr_array_index (self->rows, i))->ticker);

  self->predicting = g_cancellable_new ();
  /* Cancelling the window cancels the run too. */
  g_signal_connect_object (self->cancellable, "cancelled", G_CALLBACK (g_cancellable_cancel),
                           self->predicting, G_CONNECT_SWAPPED);
  show_message (self, NULL);
  progress_cb (0, 2 * tickers->len, self);
  sc_watchlist_window_actions_update (self);
  sc_service_predict_watchlist_async (sc_application_get_default_service (), tickers,
                                      self->model_id, FALSE, MAX_PARALLEL, self->predicting,
                                      progress_cb, self, predict_cb, g_object_ref (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ScWatchlistWindow *self = SC_WATCHLIST_WINDOW (widget);

  if (self->predicting != NULL)
    g_cancellable_cancel (self->predicting);
}

gboolean
sc_watchlist_window_get_busy (ScWatchlistWindow *self)
{
  g_return_val_if_fail (SC_IS_WATCHLIST_WINDOW (self), FALSE);

  return self->predicting != NULL;
}

ScWatchlistWindow *
sc_watchlist_window_new (GtkWindow  *parent,
                         gint64      user_id,
                         const char *model_id)
{
  ScWatchlistWindow *self = g_object_new (SC_TYPE_WATCHLIST_WINDOW,
                                          "transient-for", parent,
                                          NULL);

  self->user_id = user_id;
  /* No choice saved (an empty default-model): the recommended model. */
  if (model_id == NULL || model_id[0] == '\0')
    {
      g_autoptr(ScModelInfo) recommended = sc_models_get_recommended ();

      self->model_id = g_strdup (recommended ? recommended->id : "naive");
    }
  else
    self->model_id = g_strdup (model_id);
  change (self, NULL, TRUE);
  return self;
}

static void
sc_watchlist_window_dispose (GObject *object)
{
  ScWatchlistWindow *self = SC_WATCHLIST_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->predicting);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->model_id, g_free);

  G_OBJECT_CLASS (sc_watchlist_window_parent_class)->dispose (object);
}

static void
sc_watchlist_window_class_init (ScWatchlistWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sc_watchlist_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/stockcast/Stockcast/sc-watchlist-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ScWatchlistWindow, progress_box);
  gtk_widget_class_bind_template_child (widget_class, ScWatchlistWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ScWatchlistWindow, ticker_entry);
  gtk_widget_class_bind_template_child (widget_class, ScWatchlistWindow, message_label);
  gtk_widget_class_bind_template_child (widget_class, ScWatchlistWindow, list_box);
  gtk_widget_class_bind_template_callback (widget_class, on_ticker_activate);

  gtk_widget_class_install_action (widget_class, "watchlist.predict-all", NULL, predict_all_action);
  gtk_widget_class_install_action (widget_class, "watchlist.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "watchlist.predict-all", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "watchlist.cancel", NULL);
}

static void
sc_watchlist_window_init (ScWatchlistWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  sc_watchlist_window_actions_update (self);
}
