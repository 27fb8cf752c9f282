/* sc-history-jobs.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The history read a page at a time and deletions with their undo toast,
 * both through the service (sc-service.h). */

#include "config.h"

#include <glib/gi18n.h>

#include "sc-application.h"
#include "sc-history-item.h"
#include "sc-history-view-private.h"

/* The history is read a page at a time, newest first: the first page is on
 * screen within milliseconds, and the rest follows page by page without
 * ever holding up the main loop. The first page is a tall window's worth of
 * rows: building and binding their widgets before it shows costs more than
 * reading them. */
#define FIRST_PAGE_SIZE 50
#define PAGE_SIZE       1000

/* --- pending deletions --------------------------------------------------- */

struct _PendingDelete
{
  gatomicrefcount  ref_count;
  ScHistoryView   *self;      /* weak */
  ScHistoryItem   *item;
  gint64           user_id;
  guint            position;  /* in the store, for Undo */
  gboolean         done;      /* undone or committed */
};

static PendingDelete *
pending_delete_ref (PendingDelete *pending)
{
  g_atomic_ref_count_inc (&pending->ref_count);
  return pending;
}

void
_sc_history_view_pending_delete_unref (gpointer data)
{
  PendingDelete *pending = data;

  if (g_atomic_ref_count_dec (&pending->ref_count))
    {
      g_clear_weak_pointer (&pending->self);
      g_clear_object (&pending->item);
      g_free (pending);
    }
}

static void
pending_delete_closure_notify (gpointer  data,
                               GClosure *closure)
{
  _sc_history_view_pending_delete_unref (data);
}

static void
pending_delete_commit (PendingDelete *pending)
{
  if (pending->done)
    return;
  pending->done = TRUE;

  /* Not tied to the view: the deletion must happen even if it goes away. */
  sc_service_delete_result_async (sc_application_get_default_service (), pending->user_id,
                                  sc_history_item_get_uuid (pending->item),
                                  NULL, NULL, NULL);

  if (pending->self != NULL)
    g_ptr_array_remove (pending->self->pending, pending);
}

static void
on_undo_clicked (AdwToast      *toast,
                 PendingDelete *pending)
{
  ScHistoryView *self = pending->self;

  if (pending->done || self == NULL)
    return;
  pending->done = TRUE;

  g_list_store_insert (self->store,
                       MIN (pending->position, g_list_model_get_n_items (G_LIST_MODEL (self->store))),
                       pending->item);
  g_ptr_array_remove (self->pending, pending);
  _sc_history_view_actions_update (self);
}

static void
on_toast_dismissed (AdwToast      *toast,
                    PendingDelete *pending)
{
  pending_delete_commit (pending);
}

void
sc_history_view_flush_deletions (ScHistoryView *self)
{
  g_return_if_fail (SC_IS_HISTORY_VIEW (self));

  while (self->pending->len > 0)
    pending_delete_commit (g_ptr_array_index (self->pending, 0));
}

void
sc_history_view_delete_selected (ScHistoryView *self)
{
  ScHistoryItem *item;
  PendingDelete *pending;
  AdwToast *toast;
  g_autofree char *title = NULL;
  guint position;

  g_return_if_fail (SC_IS_HISTORY_VIEW (self));

  item = gtk_single_selection_get_selected_item (self->selection);
  if (item == NULL || self->user == NULL)
    return;
  if (!g_list_store_find (self->store, item, &position))
    return;

  pending = g_new0 (PendingDelete, 1);
  g_atomic_ref_count_init (&pending->ref_count);
  g_set_weak_pointer (&pending->self, self);
  pending->item = g_object_ref (item);
  pending->user_id = self->user->id;
  pending->position = position;
  g_ptr_array_add (self->pending, pending);

  {
    guint shown_position = gtk_single_selection_get_selected (self->selection);
    guint n;

    /* The card and chart show the selected row: they move with the
     * selection to the row that takes its place, or are cleared. */
    g_signal_handlers_block_by_func (self->selection, _sc_history_view_on_selection_changed, self);
    g_list_store_remove (self->store, position);
    g_signal_handlers_unblock_by_func (self->selection, _sc_history_view_on_selection_changed, self);
    n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
    if (n > 0)
      gtk_single_selection_set_selected (self->selection, MIN (shown_position, n - 1));
    else
      g_signal_emit (self, _sc_history_view_signals[CLEARED], 0);
  }

  /* TRANSLATORS: a toast; %s is a ticker such as MSFT */
  title = g_strdup_printf (_("Prediction for %s deleted"), sc_history_item_get_ticker (item));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked),
                         pending_delete_ref (pending), pending_delete_closure_notify, 0);
  g_signal_connect_data (toast, "dismissed", G_CALLBACK (on_toast_dismissed),
                         pending_delete_ref (pending), pending_delete_closure_notify, 0);
  g_signal_emit (self, _sc_history_view_signals[TOAST], 0, toast);

  _sc_history_view_actions_update (self);
}

/* --- loading ------------------------------------------------------------- */

typedef struct
{
  ScHistoryView   *self;
  ScHistoryCursor *cursor;
  gboolean         first;
} PageRequest;

static void page_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data);

static void
sc_history_view_load_page (ScHistoryView   *self,
                           ScHistoryCursor *cursor,
                           gboolean         first)
{
  PageRequest *request = g_new0 (PageRequest, 1);

  request->self = g_object_ref (self);
  request->cursor = sc_history_cursor_ref (cursor);
  request->first = first;
  sc_service_read_history_async (sc_application_get_default_service (), cursor,
                                 first ? FIRST_PAGE_SIZE : PAGE_SIZE, self->cancellable,
                                 page_cb, request);
}

static void
page_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autofree PageRequest *request = user_data;
  g_autoptr(ScHistoryView) self = request->self;
  g_autoptr(ScHistoryCursor) cursor = request->cursor;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  gboolean first = request->first;
  gboolean more;

  results = sc_service_read_history_finish (SC_SERVICE (object), result, &error);
  /* A page for an earlier user, or for a view reloaded since. */
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;

  if (results == NULL)
    {
      g_clear_object (&self->cancellable);
      g_clear_pointer (&self->added, g_hash_table_unref);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_signal_emit (self, _sc_history_view_signals[TOAST], 0, adw_toast_new (error->message));
      _sc_history_view_actions_update (self);
      return;
    }

  /* The next page is read while this one goes into the table. */
  more = !sc_history_cursor_is_done (cursor);
  if (more)
    sc_history_view_load_page (self, cursor, FALSE);

  items = g_ptr_array_new_full (results->len, g_object_unref);
  for (guint i = 0; i < results->len; i++)
    {
      ScResult *r = g_ptr_array_index (results, i);

      /* Saved and added after the load began, but read in a page too. */
      if (self->added == NULL || !g_hash_table_contains (self->added, r->uuid))
        g_ptr_array_add (items, sc_history_item_new (r));
    }

  g_list_store_splice (self->store, g_list_model_get_n_items (G_LIST_MODEL (self->store)), 0,
                       items->pdata, items->len);
  /* After signing in, the newest prediction is the one shown, unless one
   * was made (and selected) while the page was read. */
  if (first && gtk_single_selection_get_selected_item (self->selection) == NULL &&
      g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    {
      gtk_single_selection_set_selected (self->selection, 0);
      sc_history_view_scroll_to (self, 0);
    }

  if (!more)
    {
      g_debug ("History of user %" G_GINT64_FORMAT " loaded: %u results",
               self->user ? self->user->id : 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)));
      g_clear_object (&self->cancellable);
      g_clear_pointer (&self->added, g_hash_table_unref);
    }

  _sc_history_view_actions_update (self);
}

static void
release_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  g_object_unref (task_data);
  g_task_return_boolean (task, TRUE);
}

/* Emptying the store of a long history held up the main loop (135 ms for
 * 100,000 rows, half of it freeing them), so the old store is swapped for
 * an empty one and let go of on a worker thread: once the filter model has
 * dropped it, its items are only held by atomic refs (a pending deletion, a
 * result shown in the pane). */
static void
sc_history_view_clear (ScHistoryView *self)
{
  g_autoptr(GTask) task = NULL;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->store)) == 0)
    return;

  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_source_tag (task, sc_history_view_clear);
  g_task_set_task_data (task, g_steal_pointer (&self->store), NULL);
  self->store = g_list_store_new (SC_TYPE_HISTORY_ITEM);
  gtk_filter_list_model_set_model (self->filter_model, G_LIST_MODEL (self->store));
  g_task_run_in_thread (task, release_thread);
}

void
sc_history_view_set_user (ScHistoryView *self,
                          ScUser        *user)
{
  g_return_if_fail (SC_IS_HISTORY_VIEW (self));

  sc_history_view_flush_deletions (self);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->added, g_hash_table_unref);
  g_clear_pointer (&self->user, sc_user_unref);
  sc_history_view_clear (self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");

  if (user != NULL)
    {
      g_autoptr(ScHistoryCursor) cursor = sc_history_cursor_new (user->id);

      self->user = sc_user_ref (user);
      self->cancellable = g_cancellable_new ();
      self->added = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      sc_history_view_load_page (self, cursor, TRUE);
    }

  _sc_history_view_actions_update (self);
}

gboolean
sc_history_view_get_loading (ScHistoryView *self)
{
  g_return_val_if_fail (SC_IS_HISTORY_VIEW (self), FALSE);

  return self->cancellable != NULL;
}
