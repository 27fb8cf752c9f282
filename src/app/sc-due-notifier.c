/* sc-due-notifier.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sc-application.h"
#include "sc-due-notifier.h"
#include "sc-due.h"
#include "sc-scorecard.h"

#define NOTIFICATION_ID "due-predictions"
#define MAX_LINES 5

typedef struct
{
  GtkWidget       *widget;   /* weak */
  GSettings       *settings;
  ScDueFilledFunc  filled;
} Run;

static void
run_free (Run *run)
{
  g_clear_weak_pointer (&run->widget);
  g_clear_object (&run->settings);
  g_free (run);
}

static void
due_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;
  GArray *filled = sc_service_fill_due_finish (SC_SERVICE (source), result, &error);
  g_autoptr(GArray) outcomes = g_array_new (FALSE, FALSE, sizeof (ScDueOutcome));
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  GtkRoot *root;
  GApplication *app = NULL;

  if (filled == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Catching up due predictions: %s", error->message);
      run_free (run);
      return;
    }

  for (guint i = 0; i < filled->len; i++)
    {
      const ScDueForecast *f = &g_array_index (filled, ScDueForecast, i);
      ScDueOutcome o = { f->ticker, f->horizon, f->price, f->low, f->high, f->actual };

      g_array_append_val (outcomes, o);
    }

  if (run->widget != NULL && filled->len > 0)
    {
      root = gtk_widget_get_root (run->widget);
      if (GTK_IS_WINDOW (root))
        app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (root)));

      if (app != NULL && g_settings_get_boolean (run->settings, "notify-due") &&
          sc_due_outcomes_notice ((ScDueOutcome *) (gpointer) outcomes->data, outcomes->len, MAX_LINES,
                                  &title, &body))
        {
          g_autoptr(GNotification) notification = g_notification_new (title);

          g_notification_set_body (notification, body);
          g_application_send_notification (app, NOTIFICATION_ID, notification);
        }
      if (run->filled != NULL)
        run->filled (run->widget);
    }

  sc_due_forecasts_free (filled);
  run_free (run);
}

void
sc_due_notifier_run (GtkWidget       *widget,
                     GSettings       *settings,
                     gint64           user_id,
                     GCancellable    *cancellable,
                     ScDueFilledFunc  filled)
{
  Run *run;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (G_IS_SETTINGS (settings));

  run = g_new0 (Run, 1);
  g_set_weak_pointer (&run->widget, widget);
  run->settings = g_object_ref (settings);
  run->filled = filled;
  sc_service_fill_due_async (sc_application_get_default_service (), user_id,
                             SC_PRICE_LOAD_DEFAULT, cancellable, due_cb, run);
}
