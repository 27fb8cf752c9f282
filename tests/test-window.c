/* test-window.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "sc-application.h"
#include "sc-window.h"
#include "sc-test-util.h"

static void
test_window_opens_and_closes (void)
{
  g_autoptr(ScApplication) app = sc_application_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID_BASE);
  ScWindow *window;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  window = sc_window_new (app);
  g_object_ref_sink (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "Stockcast"));

  /* Closing saves the size for the next start. */
  gtk_window_close (GTK_WINDOW (window));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_quit_accel (void)
{
  g_autoptr(ScApplication) app = sc_application_new ();
  g_auto(GStrv) accels = NULL;

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");
  g_assert_cmpuint (g_strv_length (accels), ==, 1);
  g_assert_cmpstr (accels[0], ==, "<Control>q");
}

int
main (int   argc,
      char *argv[])
{
  sc_test_init (&argc, &argv);
  gtk_init ();
  adw_init ();

  g_test_add_func ("/app/window/open-close", test_window_opens_and_closes);
  g_test_add_func ("/app/quit-accel", test_quit_accel);

  return g_test_run ();
}
