/* sc-result-card.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sc-app-format.h"
#include "sc-currency.h"
#include "sc-model.h"
#include "sc-result-card.h"

struct _ScResultCard
{
  AdwBin      parent_instance;

  GtkLabel   *ticker_label;
  GtkLabel   *model_label;
  GtkLabel   *last_close_label;
  GtkGrid    *forecast_grid;
  GtkWidget  *quality_title;
  GtkBox     *quality_box;
  GtkWidget  *source_box;
  GtkImage   *source_icon;
  GtkLabel   *source_label;
  GtkWidget  *range_note;

  char       *currency;    /* of the prices shown (sc_currency_format) */
};

G_DEFINE_FINAL_TYPE (ScResultCard, sc_result_card, ADW_TYPE_BIN)

static void
remove_children (GtkWidget *parent)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (parent)) != NULL)
    {
      if (GTK_IS_GRID (parent))
        gtk_grid_remove (GTK_GRID (parent), child);
      else
        gtk_box_remove (GTK_BOX (parent), child);
    }
}

static GtkWidget *
make_label (const char *text,
            float       xalign,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static void
set_header (ScResultCard *self,
            const char   *ticker,
            const char   *model_id,
            ScDay         as_of,
            double        last_close)
{
  g_autoptr(ScModelInfo) info = sc_models_lookup (model_id, NULL);
  g_autofree char *price = sc_currency_format (self->currency, last_close);
  g_autofree char *day = sc_format_day (as_of);
  g_autofree char *markup = NULL;

  gtk_label_set_label (self->ticker_label, ticker);
  gtk_label_set_label (self->model_label, info ? info->name : model_id);
  /* TRANSLATORS: "Last close <b>309.42</b> on Fri, 1 Apr 2022" */
  markup = g_markup_printf_escaped (_("Last close <b>%s</b> on %s"), price, day);
  gtk_label_set_markup (self->last_close_label, markup);
}

static void
add_forecast_row (ScResultCard *self,
                  int           row,
                  int           horizon,
                  ScDay         date,
                  double        last_close,
                  double        price,
                  double        low,
                  double        high,
                  double        actual)
{
  g_autofree char *title = NULL;
  g_autofree char *day = sc_format_day (date);
  g_autofree char *price_text = sc_currency_format (self->currency, price);
  g_autofree char *low_text = sc_currency_format (self->currency, low);
  g_autofree char *high_text = sc_currency_format (self->currency, high);
  g_autofree char *change = sc_format_change (last_close, price);
  g_autofree char *range = NULL;
  GtkWidget *label;

  title = sc_format_horizon (horizon);
  label = make_label (title, 0, "heading");
  /* Narrow windows: the words wrap rather than push the card wider. */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_grid_attach (self->forecast_grid, label, 0, row * 3, 1, 1);

  label = make_label (price_text, 1, "forecast-price");
  gtk_widget_add_css_class (label, "title-3");
  gtk_grid_attach (self->forecast_grid, label, 1, row * 3, 1, 1);

  label = make_label (change, 1, "forecast-change");
  /* No move (the "no change" baseline) is not good news: no colour. */
  if (fabs (price / last_close - 1.0) < 0.0005)
    gtk_widget_add_css_class (label, "dim-label");
  else
    gtk_widget_add_css_class (label, price >= last_close ? "success" : "warning");
  gtk_grid_attach (self->forecast_grid, label, 2, row * 3, 1, 1);

  label = make_label (day, 0, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_grid_attach (self->forecast_grid, label, 0, row * 3 + 1, 1, 1);

  if (isfinite (actual))
    {
      g_autofree char *actual_text = sc_currency_format (self->currency, actual);
      /* TRANSLATORS: the close that really happened on the forecast's date */
      range = g_strdup_printf (_("actual %s · 80%% range %s – %s"), actual_text, low_text, high_text);
    }
  else
    {
      /* TRANSLATORS: the 80% interval around a forecast */
      range = g_strdup_printf (_("80%% range %s – %s"), low_text, high_text);
    }
  label = make_label (range, 1, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "forecast-price");
  gtk_grid_attach (self->forecast_grid, label, 1, row * 3 + 1, 2, 1);

  /* A year ahead has only a few independent outcomes behind its test. */
  if (horizon >= 250)
    {
      label = make_label (_("Few independent years stand behind this far a forecast: take it as a rough guide."), 0, "caption");
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "forecast-caveat");
      gtk_grid_attach (self->forecast_grid, label, 0, row * 3 + 2, 3, 1);
    }
}

void
sc_result_card_set_prediction (ScResultCard *self,
                               ScPrediction *prediction)
{
  g_autofree char *source = NULL;
  g_autoptr(ScModelInfo) info = NULL;
  gboolean baseline;

  g_return_if_fail (SC_IS_RESULT_CARD (self));
  g_return_if_fail (prediction != NULL);

  g_free (self->currency);
  self->currency = g_strdup (prediction->currency);
  set_header (self, prediction->ticker, prediction->model_id,
              prediction->as_of, prediction->last_close);

  remove_children (GTK_WIDGET (self->forecast_grid));
  for (guint i = 0; i < prediction->n_forecasts; i++)
    {
      const ScForecast *f = &prediction->forecasts[i];

      add_forecast_row (self, i, f->horizon, f->date, prediction->last_close,
                        f->price, f->low, f->high, NAN);
    }

  remove_children (GTK_WIDGET (self->quality_box));
  info = sc_models_lookup (prediction->model_id, NULL);
  baseline = info != NULL && info->kind == SC_MODEL_KIND_NAIVE;
  if (baseline && prediction->n_metrics > 0)
    {
      GtkWidget *label = make_label (_("This is “no change” itself: the yardstick every other model is measured against."), 0, NULL);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_box_append (self->quality_box, label);
    }
  for (guint i = 0; i < prediction->n_metrics; i++)
    {
      g_autofree char *quality = sc_format_quality (&prediction->metrics[i]);
      g_autofree char *detail = sc_format_quality_detail (&prediction->metrics[i], baseline);
      GtkWidget *label;

      if (!baseline)
        {
          label = make_label (quality, 0, NULL);
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          switch (sc_quality_verdict (&prediction->metrics[i]))
            {
            case SC_QUALITY_BETTER:
              gtk_widget_add_css_class (label, "success");
              break;
            case SC_QUALITY_WORSE:
              gtk_widget_add_css_class (label, "warning");
              break;
            default:
              gtk_widget_add_css_class (label, "dim-label");
              break;
            }
          gtk_box_append (self->quality_box, label);
        }
      else if (*detail)
        {
          g_autofree char *title = sc_format_horizon (prediction->metrics[i].horizon);

          gtk_box_append (self->quality_box, make_label (title, 0, NULL));
        }
      if (*detail)
        {
          label = make_label (detail, 0, "caption");
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_widget_add_css_class (label, "dim-label");
          gtk_box_append (self->quality_box, label);
        }
    }
  gtk_widget_set_visible (self->quality_title, prediction->n_metrics > 0);

  source = sc_format_source (prediction->source, prediction->as_of, sc_day_today ());
  gtk_label_set_label (self->source_label, source);
  if (g_strcmp0 (prediction->source, "sample") == 0)
    {
      gtk_image_set_from_icon_name (self->source_icon, "dialog-warning-symbolic");
      gtk_widget_add_css_class (self->source_box, "warning");
    }
  else
    {
      gtk_image_set_from_icon_name (self->source_icon, "folder-download-symbolic");
      gtk_widget_remove_css_class (self->source_box, "warning");
    }
  gtk_widget_set_visible (self->source_box, TRUE);
}

void
sc_result_card_set_result (ScResultCard *self,
                           ScResult     *result)
{
  g_autofree char *created = NULL;
  g_autoptr(GDateTime) when = NULL;

  g_return_if_fail (SC_IS_RESULT_CARD (self));
  g_return_if_fail (result != NULL);

  g_free (self->currency);
  self->currency = g_strdup (result->currency);
  set_header (self, result->ticker, result->model, result->as_of, result->last_close);

  remove_children (GTK_WIDGET (self->forecast_grid));
  for (guint i = 0; i < result->n_forecasts; i++)
    {
      const ScResultForecast *f = &result->forecasts[i];

      add_forecast_row (self, i, f->horizon, f->date, result->last_close,
                        f->price, f->low, f->high, f->actual);
    }

  remove_children (GTK_WIDGET (self->quality_box));
  gtk_widget_set_visible (self->quality_title, FALSE);

  when = g_date_time_new_from_iso8601 (result->created_at, NULL);
  if (when != NULL)
    {
      g_autofree char *date = sc_format_created (result->created_at);

      /* TRANSLATORS: %s is a date and time, "5 Dec 2026, 07:58" */
      created = g_strdup_printf (_("Saved prediction made on %s"), date);
    }
  else
    {
      created = g_strdup (_("Saved prediction"));
    }
  gtk_label_set_label (self->source_label, created);
  gtk_image_set_from_icon_name (self->source_icon, "document-open-recent-symbolic");
  gtk_widget_remove_css_class (self->source_box, "warning");
  gtk_widget_set_visible (self->source_box, TRUE);
}

static void
append_text (GString   *text,
             GtkWidget *widget)
{
  GtkWidget *child;

  if (!gtk_widget_get_visible (widget))
    return;

  if (GTK_IS_LABEL (widget))
    {
      g_string_append (text, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (text, '\n');
      return;
    }

  for (child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    append_text (text, child);
}

char *
sc_result_card_dup_text (ScResultCard *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (SC_IS_RESULT_CARD (self), NULL);

  append_text (text, GTK_WIDGET (self));
  return g_string_free (text, FALSE);
}

static void
sc_result_card_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SC_TYPE_RESULT_CARD);
  g_clear_pointer (&SC_RESULT_CARD (object)->currency, g_free);

  G_OBJECT_CLASS (sc_result_card_parent_class)->dispose (object);
}

static void
sc_result_card_class_init (ScResultCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sc_result_card_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/stockcast/Stockcast/sc-result-card.ui");
  gtk_widget_class_bind_template_child (widget_class, ScResultCard, ticker_label);
  gtk_widget_class_bind_template_child (widget_class, ScResultCard, model_label);
  gtk_widget_class_bind_template_child (widget_class, ScResultCard, last_close_label);
  gtk_widget_class_bind_template_child (widget_class, ScResultCard, forecast_grid);
  gtk_widget_class_bind_template_child (widget_class, ScResultCard, quality_title);
  gtk_widget_class_bind_template_child (widget_class, ScResultCard, quality_box);
  gtk_widget_class_bind_template_child (widget_class, ScResultCard, source_box);
  gtk_widget_class_bind_template_child (widget_class, ScResultCard, source_icon);
  gtk_widget_class_bind_template_child (widget_class, ScResultCard, source_label);
  gtk_widget_class_bind_template_child (widget_class, ScResultCard, range_note);
}

static void
sc_result_card_init (ScResultCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
