/* sc-accounts-rules.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sc-accounts-private.h"
#include "sc-error.h"

/* What usernames, email addresses and passwords must look like, and the
 * keys they are compared by: GLib only, no database. */

gboolean
sc_accounts_check_username (const char  *username,
                            GError     **error)
{
  glong n_chars;
  const char *p;

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

  n_chars = g_utf8_strlen (username, -1);
  if (n_chars > SC_ACCOUNTS_USERNAME_MAX_CHARS)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("A username can have at most %d characters."),
                   SC_ACCOUNTS_USERNAME_MAX_CHARS);
      return FALSE;
    }

  for (p = username; *p != '\0'; p = g_utf8_next_char (p))
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

static gboolean
is_label_char (gunichar c)
{
  return g_unichar_isalnum (c) || c == '-' || (c > 0x7f && g_unichar_isalpha (c));
}

gboolean
sc_accounts_check_email (const char  *email,
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

  if (!g_utf8_validate (email, -1, NULL) || strlen (email) > 254)
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

gboolean
sc_accounts_check_password (const char  *password,
                            GError     **error)
{
  if (password == NULL || password[0] == '\0')
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA, _("Enter a password."));
      return FALSE;
    }

  if (strlen (password) > SC_ACCOUNTS_PASSWORD_MAX_BYTES)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("A password can be at most %d bytes long."),
                   SC_ACCOUNTS_PASSWORD_MAX_BYTES);
      return FALSE;
    }

  if (!g_utf8_validate (password, -1, NULL))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("A password must be valid UTF-8 text."));
      return FALSE;
    }

  if (g_utf8_strlen (password, -1) < SC_ACCOUNTS_PASSWORD_MIN_CHARS)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("A password needs at least %d characters."),
                   SC_ACCOUNTS_PASSWORD_MIN_CHARS);
      return FALSE;
    }

  return TRUE;
}

char *
_sc_accounts_username_key (const char *username)
{
  g_autofree char *folded = g_utf8_casefold (username, -1);

  return g_utf8_normalize (folded, -1, G_NORMALIZE_ALL_COMPOSE);
}

char *
_sc_accounts_email_key (const char *email)
{
  g_autofree char *normal = g_utf8_normalize (email, -1, G_NORMALIZE_DEFAULT_COMPOSE);

  return g_utf8_casefold (normal, -1);
}
