/* sc-application.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sc-application.h"
#include "sc-net-prices.h"
#include "sc-window.h"
#include "stockcast-resources.h"

struct _ScApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  ScService      *service;
};

G_DEFINE_FINAL_TYPE (ScApplication, sc_application, ADW_TYPE_APPLICATION)

ScApplication *
sc_application_new (void)
{
  return g_object_new (SC_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", "/io/github/stockcast/Stockcast",
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

GSettings *
sc_application_get_settings (ScApplication *self)
{
  g_return_val_if_fail (SC_IS_APPLICATION (self), NULL);

  return self->settings;
}

ScService *
sc_application_get_service (ScApplication *self)
{
  g_return_val_if_fail (SC_IS_APPLICATION (self), NULL);

  return self->service;
}

ScService *
sc_application_get_default_service (void)
{
  static ScService *process_service;
  GApplication *app = g_application_get_default ();

  if (SC_IS_APPLICATION (app))
    return SC_APPLICATION (app)->service;

  if (g_once_init_enter (&process_service))
    {
      g_autoptr(GSettings) settings = g_settings_new (APP_ID_BASE);

      g_once_init_leave (&process_service, sc_net_service_new (settings));
    }
  return process_service;
}

static void
apply_color_scheme (ScApplication *self)
{
  static const AdwColorScheme schemes[] = {
    ADW_COLOR_SCHEME_DEFAULT,
    ADW_COLOR_SCHEME_FORCE_LIGHT,
    ADW_COLOR_SCHEME_FORCE_DARK,
  };
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  guint scheme = (guint) g_settings_get_enum (self->settings, "color-scheme");

  if (scheme >= G_N_ELEMENTS (schemes))
    scheme = 0;
  adw_style_manager_set_color_scheme (style_manager, schemes[scheme]);
}

static void
sc_application_activate (GApplication *app)
{
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    {
      ScWindow *main_window = sc_window_new (SC_APPLICATION (app));

      gtk_window_present (GTK_WINDOW (main_window));
      sc_window_start_session (main_window);
      return;
    }

  gtk_window_present (window);
}

static void
sc_application_startup (GApplication *app)
{
  ScApplication *self = SC_APPLICATION (app);

  G_APPLICATION_CLASS (sc_application_parent_class)->startup (app);

  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (apply_color_scheme), self,
                           G_CONNECT_SWAPPED);
  apply_color_scheme (self);
}

static void
sc_application_dispose (GObject *object)
{
  ScApplication *self = SC_APPLICATION (object);

  g_clear_object (&self->service);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sc_application_parent_class)->dispose (object);
}

static void
sc_application_class_init (ScApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  /* The resources live in a static library, so nothing would pull in an
   * automatic constructor: register them explicitly, once. */
  stockcast_register_resource ();

  object_class->dispose = sc_application_dispose;

  app_class->activate = sc_application_activate;
  app_class->startup = sc_application_startup;
}

static void
sc_application_about_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  static const char *developers[] = { "The Stockcast authors", NULL };
  ScApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  adw_show_about_window (window,
                         "application-name", _("Stockcast"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Stockcast authors"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Predict a stock’s closing price 10, 60 and 365 trading days ahead, with honest error bars."),
                         "website", "https://github.com/stockcast/stockcast",
                         "issue-url", "https://github.com/stockcast/stockcast/issues",
                         "developers", developers,
                         "copyright", "© 2026 The Stockcast authors",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
sc_application_quit_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows;

  /* Close windows properly so they save their state and cancel their work.
   * Closing one can destroy others (a dialog goes with its main window), so
   * hold them all while closing. */
  windows = g_list_copy (gtk_application_get_windows (app));
  for (GList *l = windows; l != NULL; l = l->next)
    g_object_ref (l->data);
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free_full (windows, g_object_unref);

  g_application_quit (G_APPLICATION (app));
}

static const GActionEntry app_actions[] = {
  { "quit", sc_application_quit_action },
  { "about", sc_application_about_action },
};

static void
sc_application_init (ScApplication *self)
{
  static const char *quit_accels[] = { "<primary>q", NULL };

  self->settings = g_settings_new (APP_ID_BASE);
  /* Downloads follow the quote settings as they change. */
  self->service = sc_net_service_new (self->settings);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions,
                                   G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
}
