/* sc-gui-module.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gmodule.h>

#include "sc-application.h"

/* The entry point of the stockcast-gui module, which main.c loads when
 * Stockcast opens a window. */
G_MODULE_EXPORT int sc_gui_main (int    argc,
                                 char **argv);

int
sc_gui_main (int    argc,
             char **argv)
{
  g_autoptr(ScApplication) app = sc_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
