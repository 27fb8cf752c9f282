/* sc-history-view.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sc-history-item.h"
#include "sc-history-view-private.h"

G_DEFINE_FINAL_TYPE (ScHistoryView, sc_history_view, ADW_TYPE_BIN)

guint _sc_history_view_signals[N_SIGNALS];

/* --- model, filter, selection -------------------------------------------- */

static gboolean
filter_item (gpointer item,
             gpointer user_data)
{
  ScHistoryView *self = user_data;
  g_autofree char *ticker = NULL;

  if (self->filter_text == NULL || *self->filter_text == '\0')
    return TRUE;

  ticker = g_utf8_strup (sc_history_item_get_ticker (item), -1);
  return strstr (ticker, self->filter_text) != NULL;
}

static void
sc_history_view_update_count (ScHistoryView *self)
{
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  g_autofree char *text = NULL;

  if (shown == total)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u prediction", "%u predictions", total), total);
  else
    /* TRANSLATORS: "3 of 12 predictions", while filtering */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u prediction", "%u of %u predictions", total),
                            shown, total);
  gtk_label_set_label (self->count_label, total ? text : "");

  if (total == 0)
    {
      adw_status_page_set_title (self->empty_page, _("No Predictions Yet"));
      adw_status_page_set_description (self->empty_page,
                                       _("Type a ticker above and press Enter. Each prediction you make is saved here, and scored once its dates have come."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  else if (shown == 0)
    {
      adw_status_page_set_title (self->empty_page, _("No Matching Predictions"));
      adw_status_page_set_description (self->empty_page, _("No saved prediction is for a ticker like that."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  else
    {
      gtk_stack_set_visible_child_name (self->stack, "list");
    }
}

void
_sc_history_view_actions_update (ScHistoryView *self)
{
  gboolean selected = gtk_single_selection_get_selected_item (self->selection) != NULL;
  gboolean any = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.delete", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.show", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.export-prices", selected);
  /* A file is the whole history shown, not the pages that came in so far. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.export", any && self->cancellable == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.find", self->user != NULL);
  sc_history_view_update_count (self);
}

static void
on_search_changed (ScHistoryView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_free (self->filter_text);
  self->filter_text = g_utf8_strup (stripped, -1);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_stop_search (ScHistoryView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
on_items_changed (ScHistoryView *self)
{
  _sc_history_view_actions_update (self);
}

static void
emit_activated (ScHistoryView *self,
                ScHistoryItem *item)
{
  if (item != NULL)
    g_signal_emit (self, _sc_history_view_signals[RESULT_ACTIVATED], 0, sc_history_item_get_result (item));
}

void
_sc_history_view_on_selection_changed (ScHistoryView *self)
{
  _sc_history_view_actions_update (self);
  emit_activated (self, gtk_single_selection_get_selected_item (self->selection));
}

static void
on_row_activated (ScHistoryView *self,
                  guint          position)
{
  g_autoptr(ScHistoryItem) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  emit_activated (self, item);
}

/* GTK 4.8 has no gtk_column_view_scroll_to(): the list inside the column
 * view (and the narrow list) have the list.scroll-to-item action. */
static GtkWidget *
find_list_view (GtkWidget *widget)
{
  if (GTK_IS_LIST_VIEW (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_list_view (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

void
sc_history_view_scroll_to (ScHistoryView *self,
                           guint          position)
{
  GtkWidget *list;

  g_return_if_fail (SC_IS_HISTORY_VIEW (self));

  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->selection)))
    return;

  list = self->narrow ? GTK_WIDGET (self->list_view) : find_list_view (GTK_WIDGET (self->column_view));
  if (list != NULL)
    gtk_widget_activate_action (list, "list.scroll-to-item", "u", position);
}

static gboolean
select_item (ScHistoryView *self,
             ScHistoryItem *item)
{
  GListModel *rows = G_LIST_MODEL (self->selection);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(ScHistoryItem) row = g_list_model_get_item (rows, i);

      if (row == item)
        {
          gtk_single_selection_set_selected (self->selection, i);
          sc_history_view_scroll_to (self, i);
          return TRUE;
        }
    }

  return FALSE;
}

void
sc_history_view_add (ScHistoryView *self,
                     ScResult      *result)
{
  g_autoptr(ScHistoryItem) item = NULL;

  g_return_if_fail (SC_IS_HISTORY_VIEW (self));
  g_return_if_fail (result != NULL);

  /* Pages still to come may hold it too. */
  if (self->added != NULL)
    g_hash_table_add (self->added, g_strdup (result->uuid));

  item = sc_history_item_new (result);
  g_signal_handlers_block_by_func (self->selection, _sc_history_view_on_selection_changed, self);
  g_list_store_insert (self->store, 0, item);
  /* The new row is the one the card shows: selected and scrolled to,
   * wherever the sort puts it (a filter that hides it is cleared). */
  if (!select_item (self, item))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      g_free (self->filter_text);
      self->filter_text = NULL;
      gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_LESS_STRICT);
      select_item (self, item);
    }
  g_signal_handlers_unblock_by_func (self->selection, _sc_history_view_on_selection_changed, self);
  _sc_history_view_actions_update (self);
}

const char *
sc_history_view_get_selected_uuid (ScHistoryView *self)
{
  ScHistoryItem *item;

  g_return_val_if_fail (SC_IS_HISTORY_VIEW (self), NULL);

  item = gtk_single_selection_get_selected_item (self->selection);
  return item ? sc_history_item_get_uuid (item) : NULL;
}

gboolean
sc_history_view_get_narrow (ScHistoryView *self)
{
  g_return_val_if_fail (SC_IS_HISTORY_VIEW (self), FALSE);

  return self->narrow;
}

/* Narrow: a list of two-line rows instead of the table; the filter entry
 * shrinks. Both views share one selection. */
void
sc_history_view_set_narrow (ScHistoryView *self,
                            gboolean       narrow)
{
  guint selected;

  g_return_if_fail (SC_IS_HISTORY_VIEW (self));

  narrow = !!narrow;
  if (self->narrow == narrow)
    return;
  self->narrow = narrow;

  gtk_widget_set_visible (GTK_WIDGET (self->table_scroller), !narrow);
  gtk_widget_set_visible (GTK_WIDGET (self->list_scroller), narrow);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->search_entry), narrow ? 6 : 18);
  gtk_widget_set_hexpand (GTK_WIDGET (self->search_entry), narrow);
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), !narrow);
  gtk_widget_set_margin_start (self->toolbar, narrow ? 12 : 18);
  gtk_widget_set_margin_end (self->toolbar, narrow ? 12 : 18);

  selected = gtk_single_selection_get_selected (self->selection);
  if (selected != GTK_INVALID_LIST_POSITION)
    sc_history_view_scroll_to (self, selected);
}

GListModel *
sc_history_view_get_model (ScHistoryView *self)
{
  g_return_val_if_fail (SC_IS_HISTORY_VIEW (self), NULL);

  return G_LIST_MODEL (self->sort_model);
}

GtkSelectionModel *
sc_history_view_get_selection (ScHistoryView *self)
{
  g_return_val_if_fail (SC_IS_HISTORY_VIEW (self), NULL);

  return GTK_SELECTION_MODEL (self->selection);
}

void
sc_history_view_focus_filter (ScHistoryView *self)
{
  g_return_if_fail (SC_IS_HISTORY_VIEW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* --- actions ------------------------------------------------------------- */

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  sc_history_view_delete_selected (SC_HISTORY_VIEW (widget));
}

static void
show_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ScHistoryView *self = SC_HISTORY_VIEW (widget);

  emit_activated (self, gtk_single_selection_get_selected_item (self->selection));
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  sc_history_view_focus_filter (SC_HISTORY_VIEW (widget));
}

/* --- GObject ------------------------------------------------------------- */

static void
sc_history_view_dispose (GObject *object)
{
  ScHistoryView *self = SC_HISTORY_VIEW (object);

  if (self->pending != NULL)
    sc_history_view_flush_deletions (self);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->added, g_hash_table_unref);
  g_clear_pointer (&self->user, sc_user_unref);
  g_clear_pointer (&self->row_popover, gtk_widget_unparent);

  gtk_widget_dispose_template (GTK_WIDGET (self), SC_TYPE_HISTORY_VIEW);

  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sc_history_view_parent_class)->dispose (object);
}

static void
sc_history_view_finalize (GObject *object)
{
  ScHistoryView *self = SC_HISTORY_VIEW (object);

  g_free (self->filter_text);

  G_OBJECT_CLASS (sc_history_view_parent_class)->finalize (object);
}

static void
sc_history_view_class_init (ScHistoryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sc_history_view_dispose;
  object_class->finalize = sc_history_view_finalize;

  _sc_history_view_signals[RESULT_ACTIVATED] =
    g_signal_new ("result-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SC_TYPE_RESULT);
  _sc_history_view_signals[CLEARED] =
    g_signal_new ("cleared", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  _sc_history_view_signals[TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/stockcast/Stockcast/sc-history-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ScHistoryView, toolbar);
  gtk_widget_class_bind_template_child (widget_class, ScHistoryView, table_scroller);
  gtk_widget_class_bind_template_child (widget_class, ScHistoryView, list_view);
  gtk_widget_class_bind_template_child (widget_class, ScHistoryView, list_scroller);
  gtk_widget_class_bind_template_child (widget_class, ScHistoryView, count_label);
  gtk_widget_class_bind_template_child (widget_class, ScHistoryView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ScHistoryView, stack);
  gtk_widget_class_bind_template_child (widget_class, ScHistoryView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, ScHistoryView, column_view);
  gtk_widget_class_bind_template_child (widget_class, ScHistoryView, row_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);

  gtk_widget_class_install_action (widget_class, "history.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "history.show", NULL, show_action);
  gtk_widget_class_install_action (widget_class, "history.export", NULL, _sc_history_view_export_action);
  gtk_widget_class_install_action (widget_class, "history.export-prices", NULL, _sc_history_view_export_prices_action);
  gtk_widget_class_install_action (widget_class, "history.find", NULL, find_action);
}

static void
sc_history_view_init (ScHistoryView *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->pending = g_ptr_array_new_with_free_func (_sc_history_view_pending_delete_unref);
  self->store = g_list_store_new (SC_TYPE_HISTORY_ITEM);
  self->filter = gtk_custom_filter_new (filter_item, self, NULL);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->store)),
                                                  GTK_FILTER (self->filter));
  self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)),
                                              g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (_sc_history_view_on_selection_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (on_items_changed), self, G_CONNECT_SWAPPED);

  _sc_history_view_build_columns (self);
  _sc_history_view_setup_list (self);
  g_signal_connect_object (self->list_view, "activate", G_CALLBACK (on_row_activated),
                           self, G_CONNECT_SWAPPED);

  self->row_popover = gtk_popover_menu_new_from_model (self->row_menu);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->row_popover), FALSE);
  gtk_widget_set_halign (self->row_popover, GTK_ALIGN_START);
  gtk_widget_set_parent (self->row_popover, GTK_WIDGET (self));

  /* Delete and the context-menu key work on the table. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                          gtk_named_action_new ("history.delete")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_KP_Delete, 0),
                                                          gtk_named_action_new ("history.delete")));
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), shortcuts);
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                          gtk_named_action_new ("history.delete")));
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), shortcuts);

  _sc_history_view_actions_update (self);
}
