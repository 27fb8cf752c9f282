/* test-currency.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "sc-currency.h"
#include "sc-test-util.h"

static void
test_format (void)
{
  struct { const char *code; double value; const char *text; } cases[] = {
    { "JPY", 4015, "¥4,015" },
    { "JPY", 4015.4, "¥4,015" },
    { "TWD", 96.0, "NT$96.00" },
    { "USD", 213.26, "$213.26" },
    { "USD", 3257.850098, "$3,257.85" },
    { "USD", 1234567.891, "$1,234,567.89" },
    { "HKD", 478.79998779296875, "HK$478.80" },
    { "CNY", 6.510000228881836, "CN¥6.51" },
    { "GBp", 1259.5, "1,259.50p" },
    { "GBP", 12.5, "£12.50" },
    { "EUR", 0.5, "€0.5000" },
    { "KRW", 71300, "₩71,300" },
    { "SEK", 12.3, "SEK 12.30" },
    { "usd", 1, "USD 1.00" },
    { NULL, 309.42, "309.42" },
    { "", 0.1234, "0.1234" },
    { "<b>", 5, "5.00" },
    { "USD", -1.5, "−$1.50" },
    { "USD", NAN, "–" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = sc_currency_format (cases[i].code, cases[i].value);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_parts (void)
{
  g_assert_cmpstr (sc_currency_prefix ("TWD"), ==, "NT$");
  g_assert_cmpstr (sc_currency_prefix ("GBp"), ==, "");
  g_assert_cmpstr (sc_currency_suffix ("GBp"), ==, "p");
  g_assert_cmpstr (sc_currency_prefix (NULL), ==, "");
  g_assert_cmpstr (sc_currency_prefix ("CHF"), ==, "CHF ");
  /* The same pointer each time: callers need not free it. */
  g_assert_true (sc_currency_prefix ("CHF") == sc_currency_prefix ("CHF"));
  g_assert_cmpint (sc_currency_decimals ("JPY"), ==, 0);
  g_assert_cmpint (sc_currency_decimals ("XYZ"), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  sc_test_init (&argc, &argv);

  g_test_add_func ("/core/currency/format", test_format);
  g_test_add_func ("/core/currency/parts", test_parts);

  return g_test_run ();
}
