/* sc-history-view-private.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The history view spans several files (view, cells, jobs, export); they
 * share its struct and these internals. */

#pragma once

#include "sc-history-view.h"

G_BEGIN_DECLS

typedef struct _PendingDelete PendingDelete;

struct _ScHistoryView
{
  AdwBin              parent_instance;

  ScUser             *user;
  GCancellable       *cancellable;     /* loading the user's results */
  GHashTable         *added;           /* uuids added while loading */
  GListStore         *store;
  GtkFilterListModel *filter_model;
  GtkCustomFilter    *filter;
  GtkSortListModel   *sort_model;
  GtkSingleSelection *selection;
  GPtrArray          *pending;         /* PendingDelete waiting for their toast */
  GtkWidget          *row_popover;
  char               *filter_text;

  GtkLabel           *count_label;
  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  AdwStatusPage      *empty_page;
  GtkColumnView      *column_view;
  GtkScrolledWindow  *table_scroller;
  GtkListView        *list_view;
  GtkScrolledWindow  *list_scroller;
  GMenuModel         *row_menu;
  GtkWidget          *toolbar;
  gboolean            narrow;
};

enum {
  RESULT_ACTIVATED,
  CLEARED,
  TOAST,
  N_SIGNALS
};

extern guint _sc_history_view_signals[N_SIGNALS];

void
_sc_history_view_actions_update (ScHistoryView *self);

void
_sc_history_view_on_selection_changed (ScHistoryView *self);

void
_sc_history_view_pending_delete_unref (gpointer data);

void
_sc_history_view_setup_list (ScHistoryView *self);

void
_sc_history_view_build_columns (ScHistoryView *self);

void
_sc_history_view_export_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter);

void
_sc_history_view_export_prices_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter);

G_END_DECLS
