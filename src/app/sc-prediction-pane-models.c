/* sc-prediction-pane-models.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The prediction pane's model dropdown and horizons entry, filled from
 * the shipped models and the settings. */

#include "config.h"

#include <glib/gi18n.h>

#include "sc-app-format.h"
#include "sc-model.h"
#include "sc-prediction-pane-private.h"

/* --- model dropdown ------------------------------------------------------ */

/* One plain line per shipped model; a descriptor the app does not know
 * keeps its own description (ellipsized to one line). */
static const char *
model_plain_description (ScModelInfo *info)
{
  static const struct {
    const char *id;
    const char *text;
  } plain[] = {
    { "linear-regression", N_("Follows the price’s recent trend") },
    { "log-return", N_("Recent gains, losses and swings; cautious") },
    { "mlp", N_("Learns patterns in price and momentum") },
    { "naive", N_("The price stays as today: the yardstick") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (plain); i++)
    if (g_strcmp0 (info->id, plain[i].id) == 0)
      return _(plain[i].text);
  return info->description;
}

/* A hidden check still takes its room, so rows line up. */
static gboolean
selected_to_opacity (GBinding     *binding,
                     const GValue *from,
                     GValue       *to,
                     gpointer      user_data)
{
  g_value_set_double (to, g_value_get_boolean (from) ? 1.0 : 0.0);
  return TRUE;
}

static void
setup_model_item (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  with_description)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *tag = gtk_label_new (_("Recommended"));

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (tag, "caption");
  gtk_widget_add_css_class (tag, "accent");
  gtk_widget_set_valign (tag, GTK_ALIGN_BASELINE);
  gtk_box_append (GTK_BOX (top), name);
  gtk_box_append (GTK_BOX (top), tag);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (box, TRUE);
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (row), box);

  if (with_description)
    {
      GtkWidget *description = gtk_label_new (NULL);
      GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

      gtk_label_set_xalign (GTK_LABEL (description), 0);
      gtk_label_set_ellipsize (GTK_LABEL (description), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (description), 34);
      gtk_label_set_max_width_chars (GTK_LABEL (description), 34);
      gtk_widget_add_css_class (description, "caption");
      gtk_widget_add_css_class (description, "dim-label");
      gtk_box_append (GTK_BOX (box), description);
      /* The check on the current model. */
      g_object_bind_property_full (item, "selected", check, "opacity", G_BINDING_SYNC_CREATE,
                                   selected_to_opacity, NULL, NULL, NULL);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (row), check);
    }

  gtk_list_item_set_child (item, row);
}

static void
bind_model_item (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  with_description)
{
  GtkWidget *row = gtk_list_item_get_child (item);
  GtkWidget *box = gtk_widget_get_first_child (row);
  GtkWidget *top = gtk_widget_get_first_child (box);
  GtkWidget *name = gtk_widget_get_first_child (top);
  GtkWidget *tag = gtk_widget_get_next_sibling (name);
  GtkStringObject *id = gtk_list_item_get_item (item);
  g_autoptr(ScModelInfo) info = sc_models_lookup (gtk_string_object_get_string (id), NULL);

  gtk_label_set_label (GTK_LABEL (name), info ? info->name : gtk_string_object_get_string (id));
  gtk_widget_set_visible (tag, with_description && info != NULL && info->recommended);
  if (with_description)
    gtk_label_set_label (GTK_LABEL (gtk_widget_get_next_sibling (top)),
                         info ? model_plain_description (info) : "");
}

static GtkListItemFactory *
model_factory_new (gboolean with_description)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_model_item), GINT_TO_POINTER (with_description));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_model_item), GINT_TO_POINTER (with_description));

  return factory;
}

void
_sc_prediction_pane_load_models (ScPredictionPane *self)
{
  g_autoptr(GtkStringList) ids = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) factory = model_factory_new (FALSE);
  g_autoptr(GtkListItemFactory) list_factory = model_factory_new (TRUE);
  g_autofree char *wanted = g_settings_get_string (self->settings, "default-model");
  g_autoptr(ScModelInfo) recommended = sc_models_get_recommended ();
  GPtrArray *models = sc_models_get_all ();
  guint selected = 0;

  gboolean found = FALSE;

  for (guint i = 0; models != NULL && i < models->len; i++)
    {
      ScModelInfo *info = g_ptr_array_index (models, i);

      if (g_strcmp0 (info->id, wanted) == 0)
        {
          selected = i;
          found = TRUE;
        }
      gtk_string_list_append (ids, info->id);
    }
  /* No (known) choice saved: the recommended model. */
  for (guint i = 0; !found && recommended != NULL && models != NULL && i < models->len; i++)
    if (g_strcmp0 (((ScModelInfo *) g_ptr_array_index (models, i))->id, recommended->id) == 0)
      {
        selected = i;
        found = TRUE;
      }

  gtk_drop_down_set_factory (self->model_dropdown, factory);
  gtk_drop_down_set_list_factory (self->model_dropdown, list_factory);
  gtk_drop_down_set_model (self->model_dropdown, G_LIST_MODEL (ids));
  gtk_drop_down_set_selected (self->model_dropdown, selected);
}

void
_sc_prediction_pane_load_horizons (ScPredictionPane *self)
{
  g_autoptr(GVariant) value = g_settings_get_value (self->settings, "horizons");
  gsize n = 0;
  const gint32 *horizons = g_variant_get_fixed_array (value, &n, sizeof (gint32));
  g_autofree char *text = sc_format_horizons (horizons, n);

  gtk_editable_set_text (GTK_EDITABLE (self->horizons_entry), text);
}
