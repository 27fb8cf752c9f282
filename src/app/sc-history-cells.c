/* sc-history-cells.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The table's cells and columns, and the narrow list's two-line rows. */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sc-app-format.h"
#include "sc-currency.h"
#include "sc-history-item.h"
#include "sc-history-view-private.h"
#include "sc-model.h"

typedef enum
{
  COLUMN_DATE,
  COLUMN_TICKER,
  COLUMN_MODEL,
  COLUMN_PRICE,
  COLUMN_HORIZON,
  COLUMN_SYNC,
} ColumnKind;

typedef struct
{
  ColumnKind kind;
  int        horizon;
} ColumnSpec;

/* --- cells ---------------------------------------------------------------- */

static void
on_cell_pressed (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 GtkListItem     *list_item)
{
  GtkWidget *cell = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  ScHistoryView *self = SC_HISTORY_VIEW (gtk_widget_get_ancestor (cell, SC_TYPE_HISTORY_VIEW));
  graphene_point_t point;

  if (self == NULL || gtk_list_item_get_position (list_item) == GTK_INVALID_LIST_POSITION)
    return;

  gtk_single_selection_set_selected (self->selection, gtk_list_item_get_position (list_item));

  if (!gtk_widget_compute_point (cell, GTK_WIDGET (self),
                                 &GRAPHENE_POINT_INIT (x, y), &point))
    return;

  gtk_popover_set_pointing_to (GTK_POPOVER (self->row_popover),
                               &(GdkRectangle) { (int) point.x, (int) point.y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->row_popover));
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

/* Tooltips are looked up when asked for, not set at bind time: in GTK 4.8
 * gtk_widget_set_tooltip_text() on a visible widget asks the display where
 * the pointer is, a round trip to the X server per cell bound. Set at bind:
 * a static (translated) string, or NULL. */
#define TOOLTIP_KEY "sc-tooltip"

static gboolean
on_cell_query_tooltip (GtkWidget  *cell,
                       int         x,
                       int         y,
                       gboolean    keyboard_mode,
                       GtkTooltip *tooltip)
{
  const char *text = g_object_get_data (G_OBJECT (cell), TOOLTIP_KEY);

  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
set_cell_tooltip (GtkWidget  *cell,
                  const char *text)
{
  g_object_set_data (G_OBJECT (cell), TOOLTIP_KEY, (gpointer) text);
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            ColumnSpec               *spec)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *main_label = gtk_label_new (NULL);
  GtkGesture *gesture;

  gtk_label_set_xalign (GTK_LABEL (main_label), spec->kind >= COLUMN_PRICE ? 1 : 0);
  gtk_label_set_ellipsize (GTK_LABEL (main_label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), main_label);

  if (spec->kind == COLUMN_PRICE || spec->kind == COLUMN_HORIZON)
    {
      GtkWidget *sub_label = gtk_label_new (NULL);

      gtk_label_set_xalign (GTK_LABEL (sub_label), 1);
      gtk_widget_add_css_class (sub_label, "caption");
      gtk_widget_add_css_class (sub_label, "dim-label");
      gtk_widget_add_css_class (main_label, "numeric");
      gtk_widget_add_css_class (sub_label, "numeric");
      gtk_box_append (GTK_BOX (box), sub_label);
    }
  if (spec->kind == COLUMN_TICKER)
    gtk_widget_add_css_class (main_label, "heading");

  if (spec->kind == COLUMN_HORIZON || spec->kind == COLUMN_SYNC)
    {
      gtk_widget_set_has_tooltip (box, TRUE);
      g_signal_connect (box, "query-tooltip", G_CALLBACK (on_cell_query_tooltip), NULL);
    }

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_cell_pressed), list_item);
  gtk_widget_add_controller (box, GTK_EVENT_CONTROLLER (gesture));

  gtk_list_item_set_child (list_item, box);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           ColumnSpec               *spec)
{
  ScHistoryItem *item = gtk_list_item_get_item (list_item);
  ScResult *result = sc_history_item_get_result (item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkLabel *main_label = GTK_LABEL (gtk_widget_get_first_child (box));
  GtkWidget *sub = gtk_widget_get_next_sibling (GTK_WIDGET (main_label));
  GtkLabel *sub_label = sub ? GTK_LABEL (sub) : NULL;
  g_autofree char *text = NULL;
  g_autofree char *sub_text = NULL;

  set_cell_tooltip (box, NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (main_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (main_label), "error");
  if (sub_label != NULL)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (sub_label), "success");
      gtk_widget_remove_css_class (GTK_WIDGET (sub_label), "error");
    }

  switch (spec->kind)
    {
    case COLUMN_DATE:
      text = sc_format_created (result->created_at);
      break;

    case COLUMN_TICKER:
      text = g_strdup (result->ticker);
      break;

    case COLUMN_MODEL:
      {
        g_autoptr(ScModelInfo) info = sc_models_lookup (result->model, NULL);

        text = g_strdup (info ? info->name : result->model);
      }
      break;

    case COLUMN_PRICE:
      text = sc_currency_format (result->currency, result->last_close);
      sub_text = sc_format_day (result->as_of);
      break;

    case COLUMN_HORIZON:
      {
        const ScResultForecast *f = sc_history_item_get_forecast (item, spec->horizon);

        if (f == NULL)
          {
            text = g_strdup ("–");
            break;
          }

        text = sc_currency_format (result->currency, f->price);
        if (sc_result_forecast_has_actual (f))
          {
            g_autofree char *actual = sc_currency_format (result->currency, f->actual);
            double error = (f->price / f->actual - 1.0) * 100.0;
            gboolean better = fabs (f->price - f->actual) < fabs (result->last_close - f->actual);

            /* TRANSLATORS: the real close and the forecast's error in percent */
            sub_text = g_strdup_printf (_("actual %s, %+.1f%%"), actual, error);
            gtk_widget_add_css_class (GTK_WIDGET (sub_label), better ? "success" : "error");
            set_cell_tooltip (box, better ? _("Closer to the actual price than assuming no change")
                                          : _("Further from the actual price than assuming no change"));
          }
        else
          {
            g_autofree char *low = sc_currency_format (result->currency, f->low);
            g_autofree char *high = sc_currency_format (result->currency, f->high);

            sub_text = g_strdup_printf ("%s – %s", low, high);
            set_cell_tooltip (box, _("80% range; the actual price is not known yet"));
          }
      }
      break;

    case COLUMN_SYNC:
      text = g_strdup (result->synced ? _("Synced") : _("Local"));
      set_cell_tooltip (box, result->synced ? _("The sync server has this prediction")
                                            : _("Only on this computer so far"));
      break;

    default:
      g_assert_not_reached ();
    }

  gtk_label_set_label (main_label, text);
  if (sub_label != NULL)
    gtk_label_set_label (sub_label, sub_text ? sub_text : "");
}

/* --- narrow rows --------------------------------------------------------- */

static int *
history_horizons (gsize *n)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID_BASE);
  g_autoptr(GVariant) value = g_settings_get_value (settings, "horizons");
  const gint32 *horizons = g_variant_get_fixed_array (value, n, sizeof (gint32));
  int *copy = g_new0 (int, MAX (*n, 1));

  for (gsize i = 0; i < *n; i++)
    copy[i] = horizons[i];
  return copy;
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           ScHistoryView            *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *ticker = gtk_label_new (NULL);
  GtkWidget *model = gtk_label_new (NULL);
  GtkWidget *made = gtk_label_new (NULL);
  GtkWidget *grid = gtk_grid_new ();
  gsize n = 0;
  g_autofree int *horizons = history_horizons (&n);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_add_css_class (ticker, "heading");
  gtk_label_set_xalign (GTK_LABEL (model), 0);
  gtk_label_set_ellipsize (GTK_LABEL (model), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (model, TRUE);
  gtk_widget_add_css_class (model, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (made), 1);
  gtk_widget_add_css_class (made, "dim-label");
  gtk_widget_add_css_class (made, "caption");
  gtk_box_append (GTK_BOX (top), ticker);
  gtk_box_append (GTK_BOX (top), model);
  gtk_box_append (GTK_BOX (top), made);
  gtk_box_append (GTK_BOX (box), top);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *title = sc_format_horizon (horizons[i]);
      GtkWidget *caption = gtk_label_new (title);
      GtkWidget *price = gtk_label_new (NULL);

      gtk_label_set_xalign (GTK_LABEL (caption), 0);
      gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
      gtk_widget_set_valign (caption, GTK_ALIGN_END);
      gtk_widget_add_css_class (caption, "caption");
      gtk_widget_add_css_class (caption, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (price), 0);
      gtk_widget_add_css_class (price, "numeric");
      gtk_grid_attach (GTK_GRID (grid), caption, (int) i, 0, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), price, (int) i, 1, 1, 1);
    }
  gtk_box_append (GTK_BOX (box), grid);

  gtk_list_item_set_child (list_item, box);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          ScHistoryView            *self)
{
  ScHistoryItem *item = gtk_list_item_get_item (list_item);
  ScResult *result = sc_history_item_get_result (item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *top = gtk_widget_get_first_child (box);
  GtkWidget *ticker = gtk_widget_get_first_child (top);
  GtkWidget *model = gtk_widget_get_next_sibling (ticker);
  GtkWidget *made = gtk_widget_get_next_sibling (model);
  GtkGrid *grid = GTK_GRID (gtk_widget_get_next_sibling (top));
  g_autoptr(ScModelInfo) info = sc_models_lookup (result->model, NULL);
  g_autofree char *created = sc_format_created (result->created_at);
  gsize n = 0;
  g_autofree int *horizons = history_horizons (&n);

  gtk_label_set_label (GTK_LABEL (ticker), result->ticker);
  gtk_label_set_label (GTK_LABEL (model), info ? info->name : result->model);
  gtk_label_set_label (GTK_LABEL (made), created);

  for (gsize i = 0; i < n; i++)
    {
      GtkWidget *price = gtk_grid_get_child_at (grid, (int) i, 1);
      const ScResultForecast *f = sc_history_item_get_forecast (item, horizons[i]);
      g_autofree char *text = f ? sc_format_price (f->price) : g_strdup ("–");

      if (price != NULL)
        gtk_label_set_label (GTK_LABEL (price), text);
    }
}

void
_sc_history_view_setup_list (ScHistoryView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
}

static int
compare_horizon (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  ColumnSpec *spec = user_data;
  const ScResultForecast *fa = sc_history_item_get_forecast ((ScHistoryItem *) a, spec->horizon);
  const ScResultForecast *fb = sc_history_item_get_forecast ((ScHistoryItem *) b, spec->horizon);
  double va = fa ? fa->price / sc_history_item_get_result ((ScHistoryItem *) a)->last_close : -1;
  double vb = fb ? fb->price / sc_history_item_get_result ((ScHistoryItem *) b)->last_close : -1;

  /* By the forecast change, so different stocks compare sensibly. */
  return va < vb ? -1 : va > vb ? 1 : 0;
}

static GtkColumnViewColumn *
add_column (ScHistoryView *self,
            const char    *title,
            ColumnKind     kind,
            int            horizon,
            GtkSorter     *sorter)
{
  ColumnSpec *spec = g_new0 (ColumnSpec, 1);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  spec->kind = kind;
  spec->horizon = horizon;
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), spec);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), spec);
  g_object_set_data_full (G_OBJECT (factory), "sc-column-spec", spec, g_free);

  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (column, TRUE);
  if (sorter != NULL)
    gtk_column_view_column_set_sorter (column, sorter);
  if (kind == COLUMN_HORIZON || kind == COLUMN_MODEL)
    gtk_column_view_column_set_expand (column, TRUE);
  gtk_column_view_append_column (self->column_view, column);
  g_object_unref (column);
  g_clear_object (&sorter);

  return column;
}

static GtkSorter *
property_sorter (GType       value_type,
                 const char *property)
{
  GtkExpression *expression = gtk_property_expression_new (SC_TYPE_HISTORY_ITEM, NULL, property);

  if (value_type == G_TYPE_STRING)
    return GTK_SORTER (gtk_string_sorter_new (expression));
  return GTK_SORTER (gtk_numeric_sorter_new (expression));
}

void
_sc_history_view_build_columns (ScHistoryView *self)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID_BASE);
  g_autoptr(GVariant) value = g_settings_get_value (settings, "horizons");
  GtkColumnViewColumn *date_column;
  gsize n = 0;
  const gint32 *horizons = g_variant_get_fixed_array (value, &n, sizeof (gint32));

  date_column = add_column (self, _("Made"), COLUMN_DATE, 0,
                            property_sorter (G_TYPE_STRING, "created-at"));
  add_column (self, _("Ticker"), COLUMN_TICKER, 0, property_sorter (G_TYPE_STRING, "ticker"));
  add_column (self, _("Model"), COLUMN_MODEL, 0, property_sorter (G_TYPE_STRING, "model"));
  add_column (self, _("Price Then"), COLUMN_PRICE, 0, property_sorter (G_TYPE_DOUBLE, "last-close"));

  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *title = sc_format_horizon (horizons[i]);
      ColumnSpec *spec = g_new0 (ColumnSpec, 1);
      GtkSorter *sorter;

      spec->kind = COLUMN_HORIZON;
      spec->horizon = horizons[i];
      sorter = GTK_SORTER (gtk_custom_sorter_new (compare_horizon, spec, g_free));
      add_column (self, title, COLUMN_HORIZON, horizons[i], sorter);
    }

  add_column (self, _("Sync"), COLUMN_SYNC, 0, NULL);

  gtk_column_view_sort_by_column (self->column_view, date_column, GTK_SORT_DESCENDING);
}
