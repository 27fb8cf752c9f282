/* sc-prediction-pane-private.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The prediction pane spans two files (pane, models); they share its
 * struct and these internals. */

#pragma once

#include "sc-chart.h"
#include "sc-prediction-pane.h"
#include "sc-result-card.h"

G_BEGIN_DECLS

struct _ScPredictionPane
{
  AdwBin              parent_instance;

  GSettings          *settings;
  ScUser             *user;
  GCancellable       *cancellable;      /* the running prediction's */
  GCancellable       *tickers_cancellable;
  GtkListStore       *tickers;          /* completion of cached tickers */

  GtkEntry           *ticker_entry;
  GtkDropDown        *model_dropdown;
  GtkEntry           *horizons_entry;
  GtkWidget          *horizons_label;
  GtkRevealer        *progress_revealer;
  GtkProgressBar     *progress_bar;
  GtkRevealer        *message_revealer;
  GtkWidget          *message_box;
  GtkImage           *message_icon;
  GtkLabel           *message_label;
  GtkStack           *content_stack;
  ScResultCard       *result_card;
  AdwBin             *chart_slot;
  GtkBox             *range_box;
  GtkToggleButton    *range_buttons[SC_CHART_RANGE_ALL + 1]; /* by ScChartRange */
  GtkToggleButton    *log_button;
  ScChart            *chart;
  GCancellable       *chart_cancellable; /* prices for a saved result */

  GtkGrid            *form_grid;
  GtkWidget          *horizons_box;
  GtkWidget          *predict_button;
  GtkScrolledWindow  *page_scroller;
  GtkBox             *result_box;
  GtkWidget          *card_frame;
  char               *shown_uuid;        /* saved result shown, or NULL */
  guint               chart_height_idle;
  gboolean            narrow;
};

void
_sc_prediction_pane_load_models   (ScPredictionPane *self);
void
_sc_prediction_pane_load_horizons (ScPredictionPane *self);

G_END_DECLS
