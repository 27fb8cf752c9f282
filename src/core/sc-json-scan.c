/* sc-json-scan.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sc-json-scan.h"

static gboolean
is_number_char (char c)
{
  return g_ascii_isdigit (c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

/* An integer token (no fraction, no exponent) that int64 cannot hold. */
static gboolean
integer_too_big (const char *token,
                 gsize       length)
{
  gboolean negative = FALSE;
  gsize digits;

  for (gsize i = 0; i < length; i++)
    if (token[i] == '.' || token[i] == 'e' || token[i] == 'E')
      return FALSE;

  if (length > 0 && token[0] == '-')
    {
      negative = TRUE;
      token++;
      length--;
    }
  while (length > 1 && token[0] == '0')
    {
      token++;
      length--;
    }

  digits = length;
  if (digits != 19)
    return digits > 19;

  return memcmp (token, negative ? "9223372036854775808" : "9223372036854775807", 19) > 0;
}

ScJsonScan
sc_json_scan (const char *data,
              gsize       length,
              guint       max_depth)
{
  guint depth = 0;
  gsize i = 0;

  if (data == NULL || length == 0)
    return SC_JSON_SCAN_EMPTY;

  while (i < length)
    {
      char c = data[i];

      if (c == '"')
        {
          /* A string: skip it, looking only at its escapes. */
          for (i++; i < length && data[i] != '"'; i++)
            {
              if (data[i] != '\\')
                continue;
              if (i + 1 < length && data[i + 1] == 'u' && i + 5 < length &&
                  memcmp (data + i + 2, "0000", 4) == 0)
                return SC_JSON_SCAN_NUL;
              i++;   /* the escaped character */
            }
          i++;   /* the closing quote */
        }
      else if (c == '[' || c == '{')
        {
          if (++depth > max_depth)
            return SC_JSON_SCAN_TOO_DEEP;
          i++;
        }
      else if (c == ']' || c == '}')
        {
          if (depth > 0)
            depth--;
          i++;
        }
      else if (c == '-' || g_ascii_isdigit (c))
        {
          gsize start = i;

          while (i < length && is_number_char (data[i]))
            i++;
          if (integer_too_big (data + start, i - start))
            return SC_JSON_SCAN_BIG_INTEGER;
        }
      else
        i++;
    }

  return SC_JSON_SCAN_OK;
}

const char *
sc_json_scan_describe (ScJsonScan result)
{
  switch (result)
    {
    case SC_JSON_SCAN_OK:
      return "The JSON is acceptable.";
    case SC_JSON_SCAN_TOO_DEEP:
      return "The JSON is nested too deeply.";
    case SC_JSON_SCAN_NUL:
      return "The JSON holds a NUL character (\\u0000) in a string.";
    case SC_JSON_SCAN_BIG_INTEGER:
      return "The JSON holds an integer too large to store.";
    case SC_JSON_SCAN_EMPTY:
    default:
      return "The JSON is empty.";
    }
}

char *
sc_json_repair_numbers (char *text)
{
  char *in, *out;

  if (text == NULL)
    return NULL;

  for (in = out = text; *in != '\0';)
    {
      if (*in == '"')
        {
          *out++ = *in++;
          while (*in != '\0' && *in != '"')
            {
              if (*in == '\\' && in[1] != '\0')
                *out++ = *in++;
              *out++ = *in++;
            }
          if (*in == '"')
            *out++ = *in++;
        }
      else if (*in == '-' || g_ascii_isdigit (*in))
        {
          gboolean exponent = FALSE;

          while (is_number_char (*in))
            {
              if (*in == 'e' || *in == 'E')
                exponent = TRUE;
              else if (*in == '.' && exponent)
                {
                  /* "1e+30.0": drop the fraction written after the exponent. */
                  in++;
                  while (g_ascii_isdigit (*in))
                    in++;
                  continue;
                }
              *out++ = *in++;
            }
        }
      else
        *out++ = *in++;
    }
  *out = '\0';

  return text;
}
