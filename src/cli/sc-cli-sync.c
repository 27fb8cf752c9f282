/* sc-cli-sync.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "sc-accounts.h"
#include "sc-cli-private.h"
#include "sc-sync.h"

/* stockcast sync --user NAME --password-stdin [--server URL] [--register]
 *                [--allow-insecure-http]
 *
 * The local password (one line on stdin) is also the server account's:
 * --register creates the server account with the local name, email and
 * password; later calls reuse the stored link and token, and sign in again
 * with the same password if the server no longer takes the token. */
int
_sc_cli_sync (int    argc,
              char **argv)
{
  g_autofree char *username = NULL;
  g_autofree char *server = NULL;
  g_autoptr(ScDb) db = NULL;
  g_autoptr(ScUser) user = NULL;
  g_autoptr(ScSyncLink) link = NULL;
  g_autoptr(GError) error = NULL;
  char *password = NULL;
  gboolean password_stdin = FALSE;
  gboolean do_register = FALSE;
  gboolean allow_insecure = FALSE;
  gboolean token_in_file = FALSE;
  gboolean linked_now = FALSE;
  ScSyncClientFlags flags;
  ScSyncReport report = { 0 };
  g_autoptr(ScService) service = NULL;
  int status = 0;
  const GOptionEntry entries[] = {
    { "user", 'u', 0, G_OPTION_ARG_STRING, &username, N_("Local account to sync"), N_("NAME") },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin, N_("Read the password from the first line of standard input"), NULL },
    { "server", 's', 0, G_OPTION_ARG_STRING, &server, N_("Sync server address (needed the first time)"), N_("URL") },
    { "register", 0, 0, G_OPTION_ARG_NONE, &do_register, N_("Create the account on the server first"), NULL },
    { "allow-insecure-http", 0, 0, G_OPTION_ARG_NONE, &allow_insecure, N_("Allow plain http:// to a server on another computer"), NULL },
    { NULL }
  };

  if (!_sc_cli_parse_options (NULL, _("Sends new predictions and deletions to the sync server and fetches the ones made elsewhere."),
                              entries, &argc, &argv))
    return 1;

  if (argc > 1)
    return _sc_cli_usage_error (_("Unexpected argument “%s”."), argv[1]);
  if (username == NULL)
    return _sc_cli_usage_error (_("Say which account to sync with --user NAME."));
  if (!password_stdin)
    return _sc_cli_usage_error (_("Give the password on standard input with --password-stdin."));

  db = _sc_cli_open_db (&error);
  if (db == NULL)
    return _sc_cli_fail (error);

  password = _sc_cli_read_secret_line (_("password"), &error);
  if (password == NULL)
    return _sc_cli_fail (error);

  user = _sc_cli_sign_in_with (db, username, password, &error);
  if (user == NULL)
    {
      g_autoptr(ScUser) known = NULL;

      /* The README's second computer: the server account exists, the
       * local one not yet. Say so, and what to do, rather than blame the
       * password. */
      if (g_error_matches (error, SC_ERROR, SC_ERROR_AUTH) &&
          (known = sc_accounts_lookup (db, username, NULL)) == NULL)
        {
          g_clear_error (&error);
          g_set_error (&error, SC_ERROR, SC_ERROR_AUTH,
                       _("There is no account “%s” on this computer yet; create it with “stockcast account register %s --email ADDRESS --password-stdin” using the same password, then sync again."),
                       username, username);
        }
      status = _sc_cli_fail (error);
      goto out;
    }

  link = sc_sync_get_link (db, user->id, &error);
  if (link == NULL && error != NULL)
    {
      status = _sc_cli_fail (error);
      goto out;
    }

  if (server == NULL && link == NULL)
    {
      status = _sc_cli_usage_error (_("%s is not linked to a sync server yet; give its address with --server URL."),
                                    user->username);
      goto out;
    }
  if (do_register && server == NULL)
    {
      status = _sc_cli_usage_error (_("--register needs the server’s address (--server URL)."));
      goto out;
    }

  flags = allow_insecure || (link != NULL && link->allow_insecure_http && server == NULL)
            ? SC_SYNC_CLIENT_ALLOW_INSECURE_HTTP : SC_SYNC_CLIENT_DEFAULT;

  /* Already linked there: keep the token; it is renewed only if refused. */
  if (server != NULL && link != NULL && !do_register)
    {
      g_autofree char *url = sc_sync_client_check_url (server, flags, NULL);

      if (g_strcmp0 (url, link->server_url) == 0 &&
          g_strcmp0 (link->server_username, user->username) == 0 &&
          link->state != SC_SYNC_STATE_SIGN_IN)
        g_clear_pointer (&server, g_free);
    }

  service = _sc_cli_new_online_service ();
  if (server != NULL)
    {
      if (!sc_service_link_sync (service, db, user->id, server,
                                 flags & SC_SYNC_CLIENT_ALLOW_INSECURE_HTTP, user->username, password,
                                 do_register ? user->email : NULL, &token_in_file, NULL, &error))
        {
          status = _sc_cli_fail (error);
          goto out;
        }
      linked_now = TRUE;
      g_clear_pointer (&link, sc_sync_link_free);
      link = sc_sync_get_link (db, user->id, NULL);
      g_assert (link != NULL);
    }

  if (!sc_service_sync (service, db, user->id, &report, NULL, &error))
    {
      /* We have the password: a token the server no longer takes is
       * replaced once. */
      if (!linked_now && g_error_matches (error, SC_ERROR, SC_ERROR_AUTH))
        {
          g_clear_error (&error);
          if (sc_service_link_sync (service, db, user->id, link->server_url,
                                    flags & SC_SYNC_CLIENT_ALLOW_INSECURE_HTTP, user->username,
                                    password, NULL, &token_in_file, NULL, &error))
            sc_service_sync (service, db, user->id, &report, NULL, &error);
        }

      if (error != NULL)
        {
          if (g_error_matches (error, SC_ERROR, SC_ERROR_NETWORK))
            fprintf (stderr, "%s\n", _("Nothing was lost: unsynced changes stay marked and go with the next sync."));
          status = _sc_cli_fail (error);
          goto out;
        }
    }

  if (token_in_file)
    {
      g_autofree char *path = sc_sync_token_file_path ();

      printf (_("No keyring is available: the sync token is kept in %s, readable only by you.\n"), path);
    }

  printf (_("Synced %s with %s: %u sent, %u deletions sent, %u received.\n"),
          user->username, link->server_url, report.pushed, report.deleted, report.pulled);
  printf (_("Watchlist: %u changes sent, %u received.\n"), report.watchlist_sent, report.watchlist_received);
  if (report.watchlist_unsent > 0)
    fprintf (stderr, _("%u watchlist entries could not be sent (the server refused them or its watchlist is full); they stay on this computer.\n"),
             report.watchlist_unsent);
  if (report.conflicts > 0 || report.rejected > 0)
    fprintf (stderr, _("%u predictions could not be sent (the server holds other content under their id, or refused them); they stay on this computer.\n"),
             report.conflicts + report.rejected);

out:
  sc_accounts_free_secret (password);
  return status;
}
