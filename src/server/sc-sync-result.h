/* sc-sync-result.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* TRUE for a uuid written as 8-4-4-4-12 hex digits. */
gboolean sc_sync_result_is_uuid      (const char  *text);

/* Checks a result (the Result JSON of DESIGN.md, a JSON object) sent for
 * uuid with the domain's codec (sc_result_new_from_json_node(), which
 * client and server share; the uuid may be left out of the body) and
 * rewrites it in a canonical form: known fields only, in a fixed order.
 * The digest covers what identifies a result, that is everything but
 * "actual" (filled in later, when the price becomes known) and "deleted".
 * Sets a one-sentence message on failure. */
gboolean sc_sync_result_canonicalize (JsonNode    *root,
                                      const char  *uuid,
                                      char       **out_body,
                                      char       **out_digest,
                                      gboolean    *out_deleted,
                                      GError     **error);

G_END_DECLS
