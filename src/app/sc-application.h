/* sc-application.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sc-service.h"

G_BEGIN_DECLS

#define SC_TYPE_APPLICATION (sc_application_get_type ())

G_DECLARE_FINAL_TYPE (ScApplication, sc_application, SC, APPLICATION, AdwApplication)

ScApplication *sc_application_new          (void);
GSettings     *sc_application_get_settings (ScApplication *self);
/* What the window does goes through this (sc-service.h): prices,
 * predictions, the watchlist, the scorecard. */
ScService     *sc_application_get_service  (ScApplication *self);

/* The service of the running ScApplication; in a process without one (a
 * test that shows a single widget), one service for the process, with the
 * quote settings as they were at the first call. */
ScService     *sc_application_get_default_service (void);

G_END_DECLS
