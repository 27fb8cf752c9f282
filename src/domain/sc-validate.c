/* sc-validate.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sc-error.h"
#include "sc-validate.h"

/* --- tickers ------------------------------------------------------------ */

gboolean
sc_validate_ticker (const char  *ticker,
                    GError     **error)
{
  gsize len;

  if (ticker == NULL || *ticker == '\0')
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA, _("The ticker is empty."));
      return FALSE;
    }

  len = strlen (ticker);
  for (gsize i = 0; i < len; i++)
    {
      char c = ticker[i];

      if (!(g_ascii_isalnum (c) || strchr ("^=.&_-", c) != NULL) || i >= SC_TICKER_MAX_BYTES)
        {
          g_autofree char *shown = g_utf8_make_valid (ticker, MIN (len, 40));

          /* The number in the message is SC_TICKER_MAX_BYTES. */
          g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                       _("“%s” is not a valid ticker: use up to 32 letters, digits and ^ = . & _ -."),
                       shown);
          return FALSE;
        }
    }

  return TRUE;
}

char *
sc_ticker_normalize (const char *ticker)
{
  g_return_val_if_fail (ticker != NULL, NULL);

  return g_ascii_strup (ticker, -1);
}

/* --- usernames ---------------------------------------------------------- */

gboolean
sc_validate_username (const char  *username,
                      GError     **error)
{
  if (username == NULL || username[0] == '\0')
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA, _("Choose a username."));
      return FALSE;
    }

  if (!g_utf8_validate (username, -1, NULL))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("A username must be valid UTF-8 text."));
      return FALSE;
    }

  if (g_utf8_strlen (username, -1) > SC_USERNAME_MAX_CHARS)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("A username can have at most %d characters."),
                   SC_USERNAME_MAX_CHARS);
      return FALSE;
    }

  for (const char *p = username; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        {
          g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                       _("A username cannot contain control characters."));
          return FALSE;
        }
    }

  if (g_unichar_isspace (g_utf8_get_char (username)) ||
      g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (username + strlen (username)))))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("A username cannot start or end with a space."));
      return FALSE;
    }

  return TRUE;
}

char *
sc_username_key (const char *username)
{
  g_autofree char *compatible = NULL;
  g_autofree char *folded = NULL;

  if (username == NULL || username[0] == '\0' || !g_utf8_validate (username, -1, NULL))
    return NULL;

  /* Folding case can undo a normalisation and normalising can make new
   * case pairs, so normalise on both sides of the fold; the result is the
   * same whatever form the name was typed in. */
  compatible = g_utf8_normalize (username, -1, G_NORMALIZE_NFKC);
  if (compatible == NULL)
    return NULL;
  folded = g_utf8_casefold (compatible, -1);
  return g_utf8_normalize (folded, -1, G_NORMALIZE_NFKC);
}

/* --- email addresses ---------------------------------------------------- */

static gboolean
is_label_char (gunichar c)
{
  return g_unichar_isalnum (c) || c == '-' || (c > 0x7f && g_unichar_isalpha (c));
}

gboolean
sc_validate_email (const char  *email,
                   GError     **error)
{
  const char *at;
  g_auto(GStrv) labels = NULL;
  guint n_labels;

  if (email == NULL || email[0] == '\0')
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA, _("Enter an email address."));
      return FALSE;
    }

  if (!g_utf8_validate (email, -1, NULL) || strlen (email) > SC_EMAIL_MAX_BYTES)
    goto invalid;

  at = strrchr (email, '@');
  if (at == NULL || at == email || at - email > 64 || strchr (email, '@') != at)
    goto invalid;

  for (const char *p = email; p < at; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c) || c == '"' || c == '(' ||
          c == ')' || c == ',' || c == ':' || c == ';' || c == '<' || c == '>' ||
          c == '[' || c == ']' || c == '\\')
        goto invalid;
    }
  if (email[0] == '.' || at[-1] == '.' || strstr (email, "..") != NULL)
    goto invalid;

  labels = g_strsplit (at + 1, ".", -1);
  n_labels = g_strv_length (labels);
  if (n_labels < 2)
    goto invalid;

  for (guint i = 0; i < n_labels; i++)
    {
      const char *label = labels[i];
      gsize len = strlen (label);

      if (len == 0 || len > 63 || label[0] == '-' || label[len - 1] == '-')
        goto invalid;

      for (const char *p = label; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (!is_label_char (c))
            goto invalid;
          /* The top-level domain is letters only. */
          if (i == n_labels - 1 && !g_unichar_isalpha (c))
            goto invalid;
        }

      if (i == n_labels - 1 && g_utf8_strlen (label, -1) < 2)
        goto invalid;
    }

  return TRUE;

invalid:
  g_set_error (error, SC_ERROR, SC_ERROR_DATA,
               _("Enter an email address like name@example.org."));
  return FALSE;
}

/* --- passwords ---------------------------------------------------------- */

gboolean
sc_validate_password (const char  *password,
                      GError     **error)
{
  if (password == NULL || password[0] == '\0')
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA, _("Enter a password."));
      return FALSE;
    }

  if (strlen (password) > SC_PASSWORD_MAX_BYTES)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("A password can be at most %d bytes long."),
                   SC_PASSWORD_MAX_BYTES);
      return FALSE;
    }

  if (!g_utf8_validate (password, -1, NULL))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("A password must be valid UTF-8 text."));
      return FALSE;
    }

  if (g_utf8_strlen (password, -1) < SC_PASSWORD_MIN_CHARS)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("A password needs at least %d characters."),
                   SC_PASSWORD_MIN_CHARS);
      return FALSE;
    }

  return TRUE;
}

/* --- model ids ---------------------------------------------------------- */

gboolean
sc_validate_model_id (const char  *model_id,
                      GError     **error)
{
  gsize len = model_id != NULL ? strlen (model_id) : 0;
  gboolean ok = len >= 1 && len <= SC_MODEL_ID_MAX_BYTES;

  for (gsize i = 0; ok && i < len; i++)
    ok = g_ascii_isalnum (model_id[i]) || strchr ("-_.", model_id[i]) != NULL;

  if (!ok)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("A model id has 1 to %d letters, digits, “-”, “_” or “.”."),
                   SC_MODEL_ID_MAX_BYTES);
      return FALSE;
    }

  return TRUE;
}
