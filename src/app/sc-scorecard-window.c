/* sc-scorecard-window.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sc-application.h"
#include "sc-scorecard-window.h"

struct _ScScorecardWindow
{
  AdwWindow     parent_instance;

  GtkLabel     *summary_label;
  GtkGrid      *table;

  char         *username;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (ScScorecardWindow, sc_scorecard_window, ADW_TYPE_WINDOW)

static char *
format_share (double value)
{
  /* Translators: a share in percent, e.g. "78%" */
  return isnan (value) ? g_strdup ("–") : g_strdup_printf (_("%.0f%%"), 100 * value);
}

static void
add_cell (ScScorecardWindow *self,
          const char        *text,
          int                column,
          int                row,
          gboolean           heading,
          gboolean           numeric)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0 : 0.0);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  gtk_grid_attach (self->table, label, column, row, 1, 1);
}

static void
add_row (ScScorecardWindow    *self,
         const ScScorecardRow *r,
         int                   row)
{
  g_autofree char *horizon = r->model ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", r->horizon), r->horizon)
                                      : g_strdup ("");
  g_autofree char *due = g_strdup_printf ("%u", r->due);
  g_autofree char *inside = format_share (r->coverage);
  g_autofree char *mase = isnan (r->mase) ? g_strdup ("–") : g_strdup_printf ("%.2f", r->mase);
  g_autofree char *direction = format_share (r->direction);
  const char *note = r->due == 0 ? _("none due yet")
                   : sc_scorecard_row_too_few (r) ? _("too few to judge") : "";
  gboolean total = r->model == NULL;

  add_cell (self, total ? _("All") : r->model, 0, row, total, FALSE);
  add_cell (self, horizon, 1, row, total, TRUE);
  add_cell (self, due, 2, row, total, TRUE);
  add_cell (self, inside, 3, row, total, TRUE);
  add_cell (self, mase, 4, row, total, TRUE);
  add_cell (self, direction, 5, row, total, TRUE);
  add_cell (self, note, 6, row, FALSE, FALSE);
}

void
sc_scorecard_window_show_card (ScScorecardWindow *self,
                               const ScScorecard *card)
{
  g_autofree char *summary = NULL;
  g_autofree char *title = NULL;
  GtkWidget *child;
  const char *headers[] = {
    N_("Model"), N_("Horizon"), N_("Due"), N_("Inside 80% range"), N_("MASE"), N_("Direction"),
  };

  g_return_if_fail (SC_IS_SCORECARD_WINDOW (self));
  g_return_if_fail (card != NULL);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->table))) != NULL)
    gtk_grid_remove (self->table, child);

  summary = sc_scorecard_row_describe (&card->overall);
  title = g_strdup_printf (_("%s’s predictions: %s"), self->username ? self->username : "", summary);
  gtk_label_set_label (self->summary_label, title);

  if (card->rows->len == 0)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    add_cell (self, _(headers[i]), i, 0, TRUE, i > 0);
  /* The expected share beside the observed one. */
  add_cell (self, _("expected 80%"), 3, 1, FALSE, TRUE);
  gtk_widget_add_css_class (gtk_grid_get_child_at (self->table, 3, 1), "dim-label");

  for (guint i = 0; i < card->rows->len; i++)
    add_row (self, &g_array_index (card->rows, ScScorecardRow, i), i + 2);
  add_row (self, &card->overall, card->rows->len + 2);
}

static void
scorecard_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ScScorecardWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScScorecard) card = sc_service_scorecard_finish (SC_SERVICE (source), result, &error);

  if (self->cancellable == NULL)  /* disposed meanwhile */
    return;
  if (card == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_label (self->summary_label, error->message);
      return;
    }
  sc_scorecard_window_show_card (self, card);
}

ScScorecardWindow *
sc_scorecard_window_new (GtkWindow  *parent,
                         gint64      user_id,
                         const char *username)
{
  ScScorecardWindow *self = g_object_new (SC_TYPE_SCORECARD_WINDOW,
                                          "transient-for", parent,
                                          NULL);

  self->username = g_strdup (username);
  if (user_id != 0)
    sc_service_scorecard_async (sc_application_get_default_service (), user_id,
                                self->cancellable, scorecard_cb, g_object_ref (self));
  return self;
}

static void
sc_scorecard_window_dispose (GObject *object)
{
  ScScorecardWindow *self = SC_SCORECARD_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->username, g_free);

  G_OBJECT_CLASS (sc_scorecard_window_parent_class)->dispose (object);
}

static void
sc_scorecard_window_class_init (ScScorecardWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sc_scorecard_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/stockcast/Stockcast/sc-scorecard-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ScScorecardWindow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, ScScorecardWindow, table);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sc_scorecard_window_init (ScScorecardWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  gtk_label_set_label (self->summary_label, _("Loading the scorecard…"));
}
