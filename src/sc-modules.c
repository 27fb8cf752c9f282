/* sc-modules.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sc-error.h"
#include "sc-modules.h"

/* Where a module is: $STOCKCAST_MODULE_DIR when set; beside the executable
 * when it is there (the build tree, and Windows installs); else the
 * configured MODULE_DIR. */
static char *
find_module (const char *module_name)
{
  const char *env = g_getenv ("STOCKCAST_MODULE_DIR");
  g_autofree char *name = g_strconcat (module_name, ".", G_MODULE_SUFFIX, NULL);
  g_autofree char *exe_dir = NULL;

  if (env != NULL && env[0] != '\0')
    return g_build_filename (env, name, NULL);

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
      g_autofree char *beside = g_build_filename (exe_dir, name, NULL);

      if (g_file_test (beside, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&beside);
    }

  return g_build_filename (MODULE_DIR, name, NULL);
}

gpointer
sc_modules_lookup (const char  *module_name,
                   const char  *symbol,
                   GError     **error)
{
  g_autofree char *path = find_module (module_name);
  GModule *module;
  gpointer address = NULL;

  module = g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL)
    {
      /* TRANSLATORS: %s is the loader's own explanation, with the file name. */
      g_set_error (error, SC_ERROR, SC_ERROR_STORAGE,
                   _("Stockcast is not installed completely: %s"), g_module_error ());
      return NULL;
    }

  if (!g_module_symbol (module, symbol, &address))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_STORAGE,
                   _("Stockcast is not installed completely: %s"), g_module_error ());
      g_module_close (module);
      return NULL;
    }

  /* The types a module registers cannot be unregistered: keep it. */
  g_module_make_resident (module);
  return address;
}
