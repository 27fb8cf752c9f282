/* sc-cli-history.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sc-cli-private.h"
#include "sc-prediction.h"

char *
_sc_cli_save_prediction (const char    *username,
                         ScPrediction  *prediction,
                         GError       **error)
{
  /* Replaced by the accounts layer (issue: local accounts and history). */
  g_set_error (error, SC_ERROR, SC_ERROR_USAGE,
               _("Saving predictions needs local accounts, which this build lacks."));
  return NULL;
}
