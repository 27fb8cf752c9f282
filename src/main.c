/* main.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "sc-cli.h"
#include "sc-modules.h"

/* sc_gui_main() in the stockcast-gui module (app/sc-gui-module.c). */
typedef int (*ScGuiMain) (int    argc,
                          char **argv);

/* Where the translations are: $STOCKCAST_LOCALEDIR when set (build-aux/run
 * and the tests point it at build/po, so the uninstalled binary speaks the
 * user's language), else next to the executable on Windows (the install
 * folder may move), else the configured LOCALEDIR. */
static char *
find_localedir (void)
{
  const char *env = g_getenv ("STOCKCAST_LOCALEDIR");

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);

#ifdef G_OS_WIN32
  {
    g_autofree char *root = g_win32_get_package_installation_directory_of_module (NULL);

    return g_build_filename (root, "share", "locale", NULL);
  }
#else
  return g_strdup (LOCALEDIR);
#endif
}

/* Opens the window. GTK and libadwaita are loaded only here, with the
 * stockcast-gui module, so subcommands start quickly. */
static int
run_gui (int    argc,
         char **argv)
{
  g_autoptr(GError) error = NULL;
  ScGuiMain gui_main = sc_modules_lookup ("stockcast-gui", "sc_gui_main", &error);

  if (gui_main == NULL)
    {
      g_printerr ("stockcast: %s\n", error->message);
      return 1;
    }

  return gui_main (argc, argv);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *localedir = NULL;

  setlocale (LC_ALL, "");
  localedir = find_localedir ();
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Subcommands never open a display, so they run on headless machines. */
  if (sc_cli_wants_cli (argc, argv))
    return sc_cli_main (argc, argv);

  return run_gui (argc, argv);
}
