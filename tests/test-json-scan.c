/* test-json-scan.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sc-json-scan.h"
#include "sc-test-util.h"

static ScJsonScan
scan (const char *text)
{
  return sc_json_scan (text, strlen (text), SC_JSON_MAX_DEPTH);
}

static void
test_depth (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);

  g_assert_cmpint (scan ("{\"a\":[1,2,{\"b\":null}]}"), ==, SC_JSON_SCAN_OK);
  for (guint i = 0; i < SC_JSON_MAX_DEPTH; i++)
    g_string_append_c (deep, '[');
  g_assert_cmpint (scan (deep->str), ==, SC_JSON_SCAN_OK);
  g_string_append_c (deep, '{');
  g_assert_cmpint (scan (deep->str), ==, SC_JSON_SCAN_TOO_DEEP);

  /* Brackets inside strings do not count, escaped quotes do not end them. */
  g_assert_cmpint (scan ("{\"a\":\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"}"),
                   ==, SC_JSON_SCAN_OK);
  g_assert_cmpint (scan ("[\"\\\"[\"]"), ==, SC_JSON_SCAN_OK);
  g_assert_cmpint (scan (""), ==, SC_JSON_SCAN_EMPTY);
}

static void
test_nul_and_integers (void)
{
  g_assert_cmpint (scan ("{\"u\":\"a\\u0000b\"}"), ==, SC_JSON_SCAN_NUL);
  g_assert_cmpint (scan ("{\"u\":\"a\\\\u0000b\"}"), ==, SC_JSON_SCAN_OK);   /* an escaped backslash */
  g_assert_cmpint (scan ("{\"u\":\"\\u0041\"}"), ==, SC_JSON_SCAN_OK);

  g_assert_cmpint (scan ("[9223372036854775807,-9223372036854775808]"), ==, SC_JSON_SCAN_OK);
  g_assert_cmpint (scan ("[9223372036854775808]"), ==, SC_JSON_SCAN_BIG_INTEGER);
  g_assert_cmpint (scan ("[-9223372036854775809]"), ==, SC_JSON_SCAN_BIG_INTEGER);
  g_assert_cmpint (scan ("[123456789012345678901234567890]"), ==, SC_JSON_SCAN_BIG_INTEGER);
  /* Not integers: doubles may be large (range checks come later). */
  g_assert_cmpint (scan ("[1e30,123456789012345678901234567890.5]"), ==, SC_JSON_SCAN_OK);
  g_assert_cmpint (scan ("{\"n\":\"123456789012345678901234567890\"}"), ==, SC_JSON_SCAN_OK);
}

static void
test_repair_numbers (void)
{
  struct { const char *in, *out; } cases[] = {
    { "{\"a\":1e+30.0}", "{\"a\":1e+30}" },
    { "[1e-10.0,2.5,-3e+17.0,4]", "[1e-10,2.5,-3e+17,4]" },
    { "{\"s\":\"1e+30.0\",\"n\":1.5e+20}", "{\"s\":\"1e+30.0\",\"n\":1.5e+20}" },
    { "[\"\\\"\",7e5.0]", "[\"\\\"\",7e5]" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup (cases[i].in);

      g_assert_cmpstr (sc_json_repair_numbers (text), ==, cases[i].out);
    }
}

int
main (int   argc,
      char *argv[])
{
  sc_test_init (&argc, &argv);

  g_test_add_func ("/core/json-scan/depth", test_depth);
  g_test_add_func ("/core/json-scan/nul-and-integers", test_nul_and_integers);
  g_test_add_func ("/core/json-scan/repair-numbers", test_repair_numbers);

  return g_test_run ();
}
