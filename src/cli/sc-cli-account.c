/* sc-cli-account.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <sodium.h>

#include "sc-accounts.h"
#include "sc-cli-private.h"
#include "sc-validate.h"

/* Room for the longest password allowed, its newline and one byte more to
 * tell "too long" apart. */
#define LINE_MAX_BYTES (SC_PASSWORD_MAX_BYTES + 2)

char *
_sc_cli_read_secret_line (const char  *what,
                          GError     **error)
{
  static gboolean unbuffered = FALSE;
  char *line;
  gsize len = 0;
  gboolean too_long = FALSE;
  gboolean got_any = FALSE;
  int c;

  /* No stdio buffer keeps a copy of the secret that we cannot wipe. */
  if (!unbuffered)
    {
      setvbuf (stdin, NULL, _IONBF, 0);
      unbuffered = TRUE;
    }

  line = g_malloc0 (LINE_MAX_BYTES + 1);
  while ((c = getc (stdin)) != EOF)
    {
      got_any = TRUE;
      if (c == '\n')
        break;
      if (len < LINE_MAX_BYTES)
        line[len++] = (char) c;
      else
        too_long = TRUE;
    }

  if (len > 0 && line[len - 1] == '\r')
    line[--len] = '\0';

  if (!got_any)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("Standard input ended before the %s."), what);
      sc_accounts_free_secret (line);
      return NULL;
    }

  if (too_long || len > SC_PASSWORD_MAX_BYTES)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("The %s on standard input is longer than %d bytes."),
                   what, SC_PASSWORD_MAX_BYTES);
      sodium_memzero (line, LINE_MAX_BYTES + 1);
      g_free (line);
      return NULL;
    }

  if (memchr (line, '\0', len) != NULL)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("The %s on standard input contains a zero byte."), what);
      sodium_memzero (line, LINE_MAX_BYTES + 1);
      g_free (line);
      return NULL;
    }

  return line;
}

static char *
read_password (GError **error)
{
  return _sc_cli_read_secret_line (_("password"), error);
}

ScDb *
_sc_cli_open_db (GError **error)
{
  return sc_db_open (NULL, error);
}

/* What the window's dialogs do, through the same service function. */
static gboolean
run_account (ScDb                    *db,
             const ScAccountRequest  *request,
             ScUser                 **out_user,
             char                   **out_code,
             GError                 **error)
{
  g_autoptr(ScService) service = sc_service_new (NULL, NULL);

  return sc_service_account (service, db, request, out_user, out_code, error);
}

ScUser *
_sc_cli_sign_in_with (ScDb        *db,
                      const char  *username,
                      const char  *password,
                      GError     **error)
{
  ScUser *user = NULL;

  run_account (db, &(ScAccountRequest) { .kind = SC_ACCOUNT_JOB_SIGN_IN, .username = username,
                                          .password = password },
               &user, NULL, error);
  return user;
}

ScUser *
_sc_cli_sign_in (const char  *username,
                 ScDb       **out_db,
                 GError     **error)
{
  g_autoptr(ScDb) db = NULL;
  ScUser *user = NULL;
  char *password;

  db = _sc_cli_open_db (error);
  if (db == NULL)
    return NULL;

  if (!sc_validate_username (username, error))
    return NULL;

  password = read_password (error);
  if (password == NULL)
    return NULL;

  user = _sc_cli_sign_in_with (db, username, password, error);
  sc_accounts_free_secret (password);
  if (user != NULL)
    *out_db = g_steal_pointer (&db);
  return user;
}

static int
need_password_stdin (void)
{
  return _sc_cli_usage_error (_("Give the password on standard input and add --password-stdin."));
}

gboolean
_sc_cli_check_user_options (const char *username,
                            gboolean    password_stdin,
                            const char *no_user)
{
  if (username == NULL)
    {
      _sc_cli_usage_error ("%s", no_user);
      return FALSE;
    }
  if (!password_stdin)
    {
      need_password_stdin ();
      return FALSE;
    }

  return TRUE;
}

static int
account_register (const char *username,
                  const char *email)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScDb) db = NULL;
  g_autoptr(ScUser) user = NULL;
  char *password = NULL;
  char *code = NULL;

  if (email == NULL)
    return _sc_cli_usage_error (_("A new account needs an email address: add --email ADDRESS."));

  if (!sc_validate_username (username, &error) ||
      !sc_validate_email (email, &error))
    return _sc_cli_fail (error);

  password = read_password (&error);
  if (password == NULL)
    return _sc_cli_fail (error);

  if (!sc_validate_password (password, &error) ||
      (db = _sc_cli_open_db (&error)) == NULL)
    {
      sc_accounts_free_secret (password);
      return _sc_cli_fail (error);
    }

  run_account (db, &(ScAccountRequest) { .kind = SC_ACCOUNT_JOB_REGISTER, .username = username,
                                          .email = email, .password = password },
               &user, &code, &error);
  sc_accounts_free_secret (password);
  if (code == NULL)
    return _sc_cli_fail (error);

  printf (_("Created the account “%s”.\n"), user->username);
  printf (_("Recovery code: %s\n"), code);
  printf ("%s\n", _("Keep this code somewhere safe: it is shown only once, and it is the only way to reset a forgotten password."));
  sc_accounts_free_secret (code);
  return 0;
}

static int
account_login (const char *username)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScDb) db = NULL;
  g_autoptr(ScUser) user = NULL;

  if (!sc_validate_username (username, &error) ||
      (user = _sc_cli_sign_in (username, &db, &error)) == NULL)
    return _sc_cli_fail (error);

  printf (_("Signed in as “%s”.\n"), user->username);
  return 0;
}

static int
account_passwd (const char *username)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScDb) db = NULL;
  char *old_password = NULL;
  char *new_password = NULL;
  gboolean ok = FALSE;

  if (!sc_validate_username (username, &error))
    return _sc_cli_fail (error);

  old_password = _sc_cli_read_secret_line (_("current password"), &error);
  if (old_password != NULL)
    new_password = _sc_cli_read_secret_line (_("new password (the second line)"), &error);
  if (new_password != NULL &&
      sc_validate_password (new_password, &error) &&
      (db = _sc_cli_open_db (&error)) != NULL)
    ok = run_account (db, &(ScAccountRequest) { .kind = SC_ACCOUNT_JOB_CHANGE_PASSWORD,
                                                .username = username, .password = old_password,
                                                .new_password = new_password },
                      NULL, NULL, &error);

  /* The sync server's account shares the password: change it there too,
   * which signs the other computers out. Offline this only warns. */
  if (ok)
    {
      g_autoptr(ScUser) user = sc_accounts_lookup (db, username, NULL);
      g_autoptr(GError) sync_error = NULL;
      g_autoptr(ScService) service = _sc_cli_new_service (TRUE, &sync_error);

      if (user != NULL &&
          (service == NULL ||
           !sc_service_change_sync_password (service, db, user->id, old_password, new_password,
                                             NULL, &sync_error)))
        fprintf (stderr, _("stockcast: The password changed on this computer but not on the sync server: %s\n"),
                 sync_error->message);
    }

  sc_accounts_free_secret (old_password);
  sc_accounts_free_secret (new_password);
  if (!ok)
    return _sc_cli_fail (error);

  printf (_("Changed the password of “%s”.\n"), username);
  return 0;
}

static int
account_reset (const char *username,
               const char *recovery_code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScDb) db = NULL;
  char *password = NULL;
  char *code = NULL;

  if (recovery_code == NULL)
    return _sc_cli_usage_error (_("Resetting a password needs the recovery code: add --recovery-code CODE."));

  if (!sc_validate_username (username, &error) ||
      !sc_accounts_check_recovery_code (recovery_code, &error))
    return _sc_cli_fail (error);

  password = read_password (&error);
  if (password != NULL &&
      sc_validate_password (password, &error) &&
      (db = _sc_cli_open_db (&error)) != NULL)
    run_account (db, &(ScAccountRequest) { .kind = SC_ACCOUNT_JOB_RESET, .username = username,
                                            .recovery_code = recovery_code, .new_password = password },
                 NULL, &code, &error);

  sc_accounts_free_secret (password);
  if (code == NULL)
    return _sc_cli_fail (error);

  printf (_("Changed the password of “%s”.\n"), username);
  printf (_("Recovery code: %s\n"), code);
  printf ("%s\n", _("The old recovery code no longer works. Keep this new one somewhere safe: it is shown only once."));
  sc_accounts_free_secret (code);
  return 0;
}

static int
account_delete (const char *username)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScDb) db = NULL;
  char *password = NULL;
  gboolean ok = FALSE;

  if (!sc_validate_username (username, &error))
    return _sc_cli_fail (error);

  password = read_password (&error);
  if (password != NULL && (db = _sc_cli_open_db (&error)) != NULL)
    {
      g_autoptr(ScUser) user = _sc_cli_sign_in_with (db, username, password, &error);
      g_autoptr(ScService) service = NULL;

      /* A sync token must not outlive its account: revoke it on the server
       * (best effort, offline too) and forget it, before the account goes. */
      ok = user != NULL &&
           (service = _sc_cli_new_service (TRUE, &error)) != NULL &&
           sc_service_unlink_sync (service, db, user->id, NULL, &error) &&
           sc_accounts_delete_user (db, username, password, &error);
    }
  sc_accounts_free_secret (password);
  if (!ok)
    return _sc_cli_fail (error);

  printf (_("Deleted the account “%s” and its saved predictions.\n"), username);
  return 0;
}

int
_sc_cli_account (int    argc,
                 char **argv)
{
  g_autofree char *email = NULL;
  g_autofree char *recovery_code = NULL;
  gboolean password_stdin = FALSE;
  const GOptionEntry entries[] = {
    { "email", 0, 0, G_OPTION_ARG_STRING, &email, N_("Email address of the new account"), N_("ADDRESS") },
    { "recovery-code", 0, 0, G_OPTION_ARG_STRING, &recovery_code, N_("Recovery code shown when the account was created or last reset"), N_("CODE") },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin, N_("Read the password from the first line of standard input (passwd: old, then new)"), NULL },
    { NULL }
  };
  const char *action;
  const char *username;

  if (!_sc_cli_parse_options (_("register|login|passwd|reset|delete NAME"),
                              _("Manage the local accounts. Passwords are read from standard input, never from the command line."),
                              entries, &argc, &argv))
    return 1;

  if (argc < 3)
    return _sc_cli_usage_error (_("Say what to do and with which account, e.g. “stockcast account login NAME --password-stdin”."));
  if (argc > 3)
    return _sc_cli_usage_error (_("Unexpected argument “%s”."), argv[3]);

  action = argv[1];
  username = argv[2];

  if (!g_str_equal (action, "register") && !g_str_equal (action, "login") &&
      !g_str_equal (action, "passwd") && !g_str_equal (action, "reset") &&
      !g_str_equal (action, "delete"))
    return _sc_cli_usage_error (_("Unknown account action “%s”; use register, login, passwd, reset or delete."), action);

  if (!password_stdin)
    return need_password_stdin ();

  if (g_str_equal (action, "register"))
    return account_register (username, email);
  if (g_str_equal (action, "login"))
    return account_login (username);
  if (g_str_equal (action, "passwd"))
    return account_passwd (username);
  if (g_str_equal (action, "reset"))
    return account_reset (username, recovery_code);
  return account_delete (username);
}
