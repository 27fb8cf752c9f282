/* sc-app-test-util.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sc-application.h"

G_BEGIN_DECLS

/* Runs the main context until cond holds; fails the test after 60 s. */
#define SC_WAIT_UNTIL(cond)                                                      \
  G_STMT_START {                                                                 \
    gint64 sc_wait_end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;          \
    while (!(cond))                                                              \
      {                                                                          \
        if (g_get_monotonic_time () > sc_wait_end)                               \
          g_error ("Timed out waiting for %s", #cond);                           \
        if (!g_main_context_iteration (NULL, FALSE))                             \
          g_usleep (2000);                                                       \
      }                                                                          \
  } G_STMT_END

/* A registered, non-unique application, as the window needs one. */
ScApplication *sc_app_test_new_application (void);
/* Runs the main context for about ms milliseconds. */
void           sc_app_test_spin            (guint        ms);
/* Saves a PNG of widget into build/meson-logs/screenshots/NAME.png and
 * returns its path. */
char          *sc_app_test_screenshot      (GtkWidget   *widget,
                                            const char  *name);
/* The first toplevel window of type, or NULL. */
GtkWindow     *sc_app_test_find_window     (GType        type);
/* A template child of widget (declared by type). */
#define SC_CHILD(widget, type, name) \
  ((gpointer) gtk_widget_get_template_child (GTK_WIDGET (widget), type, name))

G_END_DECLS
