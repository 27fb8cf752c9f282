/* sc-error.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SC_ERROR (sc_error_quark ())

/* Every layer reports failures in this domain; the CLI maps the code to its
 * exit status (see sc_error_exit_code()) and the window to a message. */
typedef enum
{
  SC_ERROR_USAGE = 1,     /* bad option or argument: exit 1 */
  SC_ERROR_DATA,          /* unknown ticker, too little data, bad file, invalid input: exit 2 */
  SC_ERROR_NETWORK,       /* quote source or sync server unreachable or unusable: exit 3 */
  SC_ERROR_AUTH,          /* wrong credentials or throttled: exit 4 */
  SC_ERROR_STORAGE,       /* the local database failed: exit 2 */
} ScErrorCode;

/* A cancelled operation fails with G_IO_ERROR_CANCELLED, as in GIO. */

GQuark sc_error_quark      (void);
int    sc_error_exit_code  (const GError *error);

G_END_DECLS
