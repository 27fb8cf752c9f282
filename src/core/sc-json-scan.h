/* sc-json-scan.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A byte scanner run on JSON from outside (a request body, a sync server's
 * or a quote source's answer) before json-glib parses it. json-glib parses
 * recursively, so deep nesting would exhaust a thread's stack; it also cuts
 * strings at \u0000 and turns integers beyond 64 bits into other numbers
 * without a word. The scanner needs no JSON library: GLib only, so the app,
 * the CLI and stockcast-sync-server share it. It does not validate the
 * JSON otherwise; the parser does that afterwards. */

#define SC_JSON_MAX_DEPTH 64

typedef enum
{
  SC_JSON_SCAN_OK,
  SC_JSON_SCAN_TOO_DEEP,      /* objects and arrays nested deeper than allowed */
  SC_JSON_SCAN_NUL,           /* a string holds \u0000 */
  SC_JSON_SCAN_BIG_INTEGER,   /* an integer outside the signed 64-bit range */
  SC_JSON_SCAN_EMPTY,         /* no data at all */
} ScJsonScan;

ScJsonScan   sc_json_scan                (const char *data,
                                          gsize       length,
                                          guint       max_depth);
/* One English sentence for the server's error bodies and for logs. */
const char  *sc_json_scan_describe       (ScJsonScan  result);

/* json-glib (1.6) writes a double such as 1e30 as "1e+30.0", which no
 * JSON parser reads. Repairs such numbers in generated text in place
 * (outside strings only) and returns text. */
char        *sc_json_repair_numbers      (char       *text);

G_END_DECLS
