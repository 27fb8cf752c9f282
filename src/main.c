/* main.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>
#include <gmodule.h>

#include "sc-cli.h"

typedef int (*ScGuiMain) (int argc, char **argv);

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

/* Where the window's module is: $STOCKCAST_GUI_MODULE when set; beside
 * the executable when it is there (the build tree, and Windows installs);
 * else the configured GUI_MODULE_DIR. */
static char *
find_gui_module (void)
{
  const char *env = g_getenv ("STOCKCAST_GUI_MODULE");
  g_autofree char *name = g_strconcat ("stockcast-gui.", G_MODULE_SUFFIX, NULL);
  g_autofree char *exe_dir = NULL;
  g_autofree char *beside = NULL;

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);

#ifdef G_OS_WIN32
  {
    g_autofree char *root = g_win32_get_package_installation_directory_of_module (NULL);

    exe_dir = g_build_filename (root, "bin", NULL);
  }
#else
  {
    g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

    if (exe != NULL)
      exe_dir = g_path_get_dirname (exe);
  }
#endif

  if (exe_dir != NULL)
    {
      beside = g_build_filename (exe_dir, name, NULL);
      if (g_file_test (beside, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&beside);
    }

  return g_build_filename (GUI_MODULE_DIR, name, NULL);
}

/* Loads the GTK application and runs it. GTK and libadwaita are loaded
 * only here, so subcommands start quickly. */
static int
run_gui (int    argc,
         char **argv)
{
  g_autofree char *path = find_gui_module ();
  GModule *module;
  ScGuiMain gui_main;

  module = g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL)
    {
      /* TRANSLATORS: %s is the loader's own explanation. */
      g_printerr (_("Cannot open the Stockcast window: %s\n"), g_module_error ());
      return 1;
    }

  if (!g_module_symbol (module, "sc_gui_main", (gpointer *) &gui_main))
    {
      g_printerr (_("Cannot open the Stockcast window: %s\n"), g_module_error ());
      g_module_close (module);
      return 1;
    }

  /* Types it registers cannot be unregistered: never unload it. */
  g_module_make_resident (module);
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
