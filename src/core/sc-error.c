/* sc-error.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "sc-error.h"

G_DEFINE_QUARK (sc-error-quark, sc_error)

int
sc_error_exit_code (const GError *error)
{
  if (error == NULL)
    return 0;

  if (error->domain == SC_ERROR)
    {
      switch ((ScErrorCode) error->code)
        {
        case SC_ERROR_USAGE:
          return 1;
        case SC_ERROR_DATA:
        case SC_ERROR_STORAGE:
          return 2;
        case SC_ERROR_NETWORK:
          return 3;
        case SC_ERROR_AUTH:
          return 4;
        default:
          return 2;
        }
    }

  if (error->domain == G_IO_ERROR || error->domain == G_FILE_ERROR)
    return 2;

  return 2;
}
