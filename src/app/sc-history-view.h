/* sc-history-view.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sc-accounts.h"
#include "sc-results.h"

G_BEGIN_DECLS

#define SC_TYPE_HISTORY_VIEW (sc_history_view_get_type ())

G_DECLARE_FINAL_TYPE (ScHistoryView, sc_history_view, SC, HISTORY_VIEW, AdwBin)

/* The signed-in user's saved predictions in a sortable, filterable table.
 * Emits ::result-activated (ScResult) when a row is selected or activated,
 * ::cleared when the row shown was deleted and no row is left,
 * ::toast (AdwToast) for the window to show (deletions offer Undo).
 * Actions: history.delete, history.show, history.export, history.export-prices,
 * history.find. */
void        sc_history_view_set_user       (ScHistoryView       *self,
                                            ScUser              *user);
/* Adds a result just saved, selects it and scrolls it into view (without
 * ::result-activated: the pane shows it already). */
void        sc_history_view_add            (ScHistoryView       *self,
                                            ScResult            *result);
const char *sc_history_view_get_selected_uuid (ScHistoryView    *self);
void        sc_history_view_scroll_to      (ScHistoryView       *self,
                                            guint                position);
/* Narrow windows: a list of two-line rows instead of the table. */
gboolean    sc_history_view_get_narrow     (ScHistoryView       *self);
void        sc_history_view_set_narrow     (ScHistoryView       *self,
                                            gboolean             narrow);
/* Rows shown (after the filter), in display order. */
GListModel *sc_history_view_get_model      (ScHistoryView       *self);
GtkSelectionModel *sc_history_view_get_selection (ScHistoryView *self);
gboolean    sc_history_view_get_loading    (ScHistoryView       *self);
void        sc_history_view_focus_filter   (ScHistoryView       *self);
/* Deletes the selected row (with an Undo toast). */
void        sc_history_view_delete_selected (ScHistoryView      *self);
/* Writes the rows shown as CSV, one line per forecast, replacing file
 * atomically. */
void        sc_history_view_export_async   (ScHistoryView       *self,
                                            GFile               *file,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean    sc_history_view_export_finish  (ScHistoryView       *self,
                                            GAsyncResult        *result,
                                            GError             **error);
/* Writes the cached daily prices of ticker to file as CSV (the layout of
 * `stockcast prices --csv`; nothing is downloaded). */
void        sc_history_view_export_prices_async  (ScHistoryView       *self,
                                                  const char          *ticker,
                                                  GFile               *file,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean    sc_history_view_export_prices_finish (ScHistoryView       *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
/* Deletes now what is waiting for its Undo toast to go away. */
void        sc_history_view_flush_deletions (ScHistoryView      *self);

G_END_DECLS
