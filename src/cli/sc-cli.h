/* sc-cli.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when the arguments ask for the command line rather than the window. */
gboolean sc_cli_wants_cli (int    argc,
                           char **argv);
/* Runs a subcommand (or --version/--help) and returns the exit status. */
int      sc_cli_main      (int    argc,
                           char **argv);

G_END_DECLS
