/* sc-modules.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gmodule.h>

G_BEGIN_DECLS

/* Stockcast's own loadable parts: "stockcast-gui" (the window, GTK and
 * libadwaita) and "stockcast-chart" (the chart renderer, cairo and pango).
 * The executable opens them only when it needs them, so that subcommands
 * start quickly. Returns the symbol, or NULL with an SC_ERROR_STORAGE error
 * naming the file. Modules stay loaded. */
gpointer sc_modules_lookup (const char  *module_name,
                            const char  *symbol,
                            GError     **error);

G_END_DECLS
