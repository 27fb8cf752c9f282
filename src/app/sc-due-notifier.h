/* sc-due-notifier.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Called on the main thread when outcomes were filled in. */
typedef void (*ScDueFilledFunc) (GtkWidget *widget);

/* Catches up the due predictions of user_id in the background (see
 * sc_service_fill_due_async()) and, when the GSettings key "notify-due" of settings
 * allows, sends one GNotification for the whole batch through widget's
 * application. filled is called on widget if it still exists and
 * cancellable was not cancelled. */
void sc_due_notifier_run (GtkWidget       *widget,
                          GSettings       *settings,
                          gint64           user_id,
                          GCancellable    *cancellable,
                          ScDueFilledFunc  filled);

G_END_DECLS
