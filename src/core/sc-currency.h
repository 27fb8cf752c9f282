/* sc-currency.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The one rule for showing a price in the currency of its series, shared by
 * the result card, the chart, the history and the command line. code is the
 * ISO 4217 code the quote source gives ("USD", "JPY", "TWD"), including
 * Yahoo's minor units "GBp" (pence) and "ZAc" (cents); NULL or "" when the
 * currency is not known (imported CSV files), which shows the bare number.
 *
 *   sc_currency_format ("JPY", 4015)     → "¥4,015"
 *   sc_currency_format ("TWD", 96)       → "NT$96.00"
 *   sc_currency_format ("USD", 213.26)   → "$213.26"
 *   sc_currency_format ("GBp", 1259.5)   → "1,259.50p"
 *   sc_currency_format ("SEK", 12.3)     → "SEK 12.30"
 *   sc_currency_format (NULL, 0.1234)    → "0.1234"
 *
 * Thousands are grouped with commas; currencies without minor units (JPY,
 * KRW, …) show whole numbers; prices under 1 keep four decimals. */
char       *sc_currency_format   (const char *code,
                                  double      value);
/* The rule's number: VALUE with DECIMALS decimals and commas between the
 * thousands, after a minus sign "−" (unless it rounds to zero) and PREFIX,
 * before SUFFIX; PREFIX and SUFFIX may be NULL. */
char       *sc_currency_format_number (double      value,
                                       int         decimals,
                                       const char *prefix,
                                       const char *suffix);
/* What goes before the number ("$", "¥", "NT$", "SEK "); "" for none. */
const char *sc_currency_prefix   (const char *code);
/* What goes after it ("p" for pence, "c" for cents); "" for none. */
const char *sc_currency_suffix   (const char *code);
/* Decimals a price in code is shown with (above 1): 0 or 2. */
int         sc_currency_decimals (const char *code);

G_END_DECLS
