/* sc-adaptive-bin.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SC_TYPE_ADAPTIVE_BIN (sc_adaptive_bin_get_type ())

G_DECLARE_FINAL_TYPE (ScAdaptiveBin, sc_adaptive_bin, SC, ADAPTIVE_BIN, GtkWidget)

/* A bin that tells its owner when it is narrower than a threshold, as
 * libadwaita 1.2 has no AdwBreakpoint. It asks for no more width than
 * SC_ADAPTIVE_BIN_MIN_WIDTH whatever its child wants, so a window can
 * always be made narrow; below the threshold :narrow turns TRUE during
 * allocation, the owner switches its children to their narrow layout in
 * its notify::narrow handler, and the child is measured again and
 * allocated in the same frame. */
#define SC_ADAPTIVE_BIN_MIN_WIDTH 340

GtkWidget *sc_adaptive_bin_new           (void);
GtkWidget *sc_adaptive_bin_get_child     (ScAdaptiveBin *self);
void       sc_adaptive_bin_set_child     (ScAdaptiveBin *self,
                                          GtkWidget     *child);
int        sc_adaptive_bin_get_threshold (ScAdaptiveBin *self);
void       sc_adaptive_bin_set_threshold (ScAdaptiveBin *self,
                                          int            threshold);
gboolean   sc_adaptive_bin_get_narrow    (ScAdaptiveBin *self);

G_END_DECLS
