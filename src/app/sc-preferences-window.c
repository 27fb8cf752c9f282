/* sc-preferences-window.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sc-app-format.h"
#include "sc-model.h"
#include "sc-preferences-window.h"

struct _ScPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  GtkSwitch            *notify_switch;
  GtkStringList        *model_ids;

  AdwComboRow          *model_row;
  AdwEntryRow          *horizons_row;
  GtkSpinButton        *years_spin;
  AdwComboRow          *sources_row;
  AdwPasswordEntryRow  *tiingo_row;
  AdwComboRow          *style_row;
  AdwEntryRow          *server_row;
};

G_DEFINE_FINAL_TYPE (ScPreferencesWindow, sc_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The source orders offered, in the order of the combo row. */
static const char * const source_orders[][3] = {
  { "yahoo", "tiingo", NULL },
  { "tiingo", "yahoo", NULL },
  { "yahoo", NULL, NULL },
  { "tiingo", NULL, NULL },
};

ScPreferencesWindow *
sc_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (SC_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
}

static void
on_horizons_apply (ScPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) horizons = NULL;
  g_autofree char *text = NULL;

  horizons = sc_parse_horizons (gtk_editable_get_text (GTK_EDITABLE (self->horizons_row)), &error);
  if (horizons == NULL)
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
      gtk_widget_add_css_class (GTK_WIDGET (self->horizons_row), "error");
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->horizons_row), "error");
  g_settings_set_value (self->settings, "horizons",
                        g_variant_new_fixed_array (G_VARIANT_TYPE_INT32, horizons->data,
                                                   horizons->len, sizeof (int)));
  text = sc_format_horizons ((const int *) (gpointer) horizons->data, horizons->len);
  gtk_editable_set_text (GTK_EDITABLE (self->horizons_row), text);
}

static void
on_server_apply (ScPreferencesWindow *self)
{
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->server_row))));

  if (*url != '\0' && !g_str_has_prefix (url, "https://") && !g_str_has_prefix (url, "http://"))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("The address must start with https:// or http://.")));
      gtk_widget_add_css_class (GTK_WIDGET (self->server_row), "error");
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->server_row), "error");
  g_settings_set_string (self->settings, "sync-server", url);
}

static void
on_model_selected (ScPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->model_row);

  if (selected != GTK_INVALID_LIST_POSITION)
    g_settings_set_string (self->settings, "default-model",
                           gtk_string_list_get_string (self->model_ids, selected));
}

static void
on_sources_selected (ScPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->sources_row);

  if (selected < G_N_ELEMENTS (source_orders))
    g_settings_set_strv (self->settings, "quote-sources", source_orders[selected]);
}

static void
on_style_selected (ScPreferencesWindow *self)
{
  g_settings_set_enum (self->settings, "color-scheme", (int) adw_combo_row_get_selected (self->style_row));
}

static char *
model_name (GtkStringObject *item)
{
  g_autoptr(ScModelInfo) info = sc_models_lookup (gtk_string_object_get_string (item), NULL);

  return g_strdup (info ? info->name : gtk_string_object_get_string (item));
}

static void
sc_preferences_window_load (ScPreferencesWindow *self)
{
  g_autofree char *model = g_settings_get_string (self->settings, "default-model");
  g_auto(GStrv) sources = g_settings_get_strv (self->settings, "quote-sources");
  g_autoptr(GVariant) value = g_settings_get_value (self->settings, "horizons");
  g_autofree char *horizons_text = NULL;
  GPtrArray *models = sc_models_get_all ();
  gsize n = 0;
  const gint32 *horizons = g_variant_get_fixed_array (value, &n, sizeof (gint32));

  self->model_ids = gtk_string_list_new (NULL);
  for (guint i = 0; models != NULL && i < models->len; i++)
    {
      ScModelInfo *info = g_ptr_array_index (models, i);

      gtk_string_list_append (self->model_ids, info->id);
    }
  adw_combo_row_set_expression (self->model_row,
                                gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                             G_CALLBACK (model_name), NULL, NULL));
  adw_combo_row_set_model (self->model_row, G_LIST_MODEL (self->model_ids));
  if (model[0] == '\0')
    {
      /* No choice of the user's yet: the recommended model is the default. */
      g_autoptr(ScModelInfo) recommended = sc_models_get_recommended ();

      if (recommended != NULL)
        {
          g_free (model);
          model = g_strdup (recommended->id);
        }
    }
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->model_ids)); i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->model_ids, i), model) == 0)
      adw_combo_row_set_selected (self->model_row, i);

  horizons_text = sc_format_horizons (horizons, n);
  gtk_editable_set_text (GTK_EDITABLE (self->horizons_row), horizons_text);

  for (guint i = 0; i < G_N_ELEMENTS (source_orders); i++)
    {
      gboolean same = TRUE;

      for (guint j = 0; j < 3 && same; j++)
        same = g_strcmp0 (source_orders[i][j], sources[j]) == 0 &&
               (sources[j] != NULL || source_orders[i][j] == NULL);
      if (same)
        adw_combo_row_set_selected (self->sources_row, i);
      if (same || sources[0] == NULL)
        break;
    }

  adw_combo_row_set_selected (self->style_row, (guint) g_settings_get_enum (self->settings, "color-scheme"));

  g_settings_bind (self->settings, "training-years", self->years_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "tiingo-token", self->tiingo_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "notify-due", self->notify_switch, "active", G_SETTINGS_BIND_DEFAULT);
  {
    g_autofree char *server = g_settings_get_string (self->settings, "sync-server");

    gtk_editable_set_text (GTK_EDITABLE (self->server_row), server);
  }

  g_signal_connect_object (self->model_row, "notify::selected", G_CALLBACK (on_model_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sources_row, "notify::selected", G_CALLBACK (on_sources_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->style_row, "notify::selected", G_CALLBACK (on_style_selected), self, G_CONNECT_SWAPPED);
}

static void
sc_preferences_window_dispose (GObject *object)
{
  ScPreferencesWindow *self = SC_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SC_TYPE_PREFERENCES_WINDOW);

  g_clear_object (&self->model_ids);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sc_preferences_window_parent_class)->dispose (object);
}

static void
sc_preferences_window_class_init (ScPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sc_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/stockcast/Stockcast/sc-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ScPreferencesWindow, model_row);
  gtk_widget_class_bind_template_child (widget_class, ScPreferencesWindow, horizons_row);
  gtk_widget_class_bind_template_child (widget_class, ScPreferencesWindow, years_spin);
  gtk_widget_class_bind_template_child (widget_class, ScPreferencesWindow, notify_switch);
  gtk_widget_class_bind_template_child (widget_class, ScPreferencesWindow, sources_row);
  gtk_widget_class_bind_template_child (widget_class, ScPreferencesWindow, tiingo_row);
  gtk_widget_class_bind_template_child (widget_class, ScPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, ScPreferencesWindow, server_row);
  gtk_widget_class_bind_template_callback (widget_class, on_horizons_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_server_apply);
}

static void
sc_preferences_window_init (ScPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID_BASE);
  sc_preferences_window_load (self);
}
