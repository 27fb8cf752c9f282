/* sc-currency.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "sc-currency.h"

typedef struct
{
  const char *code;
  const char *prefix;
  const char *suffix;
  int         decimals;
} Currency;

/* Symbols as CLDR's English short forms write them, where they are not
 * ambiguous beside the dollar: NT$, HK$, CN¥. Yahoo quotes London and
 * Johannesburg prices in pence and cents. */
static const Currency currencies[] = {
  { "USD", "$", "", 2 },
  { "EUR", "€", "", 2 },
  { "GBP", "£", "", 2 },
  { "GBp", "", "p", 2 },
  { "GBX", "", "p", 2 },
  { "JPY", "¥", "", 0 },
  { "TWD", "NT$", "", 2 },
  { "HKD", "HK$", "", 2 },
  { "CNY", "CN¥", "", 2 },
  { "KRW", "₩", "", 0 },
  { "INR", "₹", "", 2 },
  { "CAD", "CA$", "", 2 },
  { "AUD", "A$", "", 2 },
  { "NZD", "NZ$", "", 2 },
  { "SGD", "S$", "", 2 },
  { "MXN", "MX$", "", 2 },
  { "BRL", "R$", "", 2 },
  { "ILS", "₪", "", 2 },
  { "ZAc", "", "c", 2 },
  { "IDR", "Rp", "", 0 },
  { "VND", "₫", "", 0 },
  { "ISK", "ISK ", "", 0 },
  { "CLP", "CLP ", "", 0 },
};

static const Currency *
lookup (const char *code)
{
  if (code == NULL || *code == '\0')
    return NULL;

  /* Case matters: "GBp" is pence, "GBP" pounds. */
  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    if (strcmp (currencies[i].code, code) == 0)
      return &currencies[i];

  return NULL;
}

/* An unknown but well-formed code is written out: "SEK 12.30". */
static gboolean
is_plain_code (const char *code)
{
  gsize len = code ? strlen (code) : 0;

  if (len < 2 || len > 4)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalpha (code[i]))
      return FALSE;
  return TRUE;
}

const char *
sc_currency_prefix (const char *code)
{
  const Currency *c = lookup (code);
  static GHashTable *unknown;
  static GMutex lock;
  const char *prefix;

  if (c != NULL)
    return c->prefix;
  if (!is_plain_code (code))
    return "";

  /* Kept for the life of the program: a handful of codes at most. */
  g_mutex_lock (&lock);
  if (unknown == NULL)
    unknown = g_hash_table_new (g_str_hash, g_str_equal);
  prefix = g_hash_table_lookup (unknown, code);
  if (prefix == NULL)
    {
      char *key = g_ascii_strup (code, -1);
      char *value = g_strconcat (key, " ", NULL);

      g_free (key);
      key = g_strdup (code);
      g_hash_table_insert (unknown, key, value);
      prefix = value;
    }
  g_mutex_unlock (&lock);

  return prefix;
}

const char *
sc_currency_suffix (const char *code)
{
  const Currency *c = lookup (code);

  return c != NULL ? c->suffix : "";
}

int
sc_currency_decimals (const char *code)
{
  const Currency *c = lookup (code);

  return c != NULL ? c->decimals : 2;
}

char *
sc_currency_format_number (double      value,
                           int         decimals,
                           const char *prefix,
                           const char *suffix)
{
  g_autofree char *digits = g_strdup_printf ("%.*f", decimals, fabs (value));
  GString *out = g_string_new (NULL);
  const char *dot = strchr (digits, '.');
  gsize int_len = dot != NULL ? (gsize) (dot - digits) : strlen (digits);

  if (value < 0 && g_strtod (digits, NULL) != 0)
    g_string_append (out, "−");
  if (prefix != NULL)
    g_string_append (out, prefix);
  for (gsize i = 0; i < int_len; i++)
    {
      if (i > 0 && (int_len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  if (dot != NULL)
    g_string_append (out, dot);
  if (suffix != NULL)
    g_string_append (out, suffix);

  return g_string_free (out, FALSE);
}

char *
sc_currency_format (const char *code,
                    double      value)
{
  int decimals;

  if (!isfinite (value))
    return g_strdup ("–");

  decimals = fabs (value) < 1.0 ? 4 : sc_currency_decimals (code);
  return sc_currency_format_number (value, decimals, sc_currency_prefix (code),
                                    sc_currency_suffix (code));
}
