/* sc-cli-watchlist.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "sc-accounts.h"
#include "sc-cli-private.h"
#include "sc-validate.h"
#include "sc-watchlist.h"

int
_sc_cli_watchlist (int    argc,
                   char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScDb) db = NULL;
  g_autoptr(ScUser) user = NULL;
  g_autoptr(GPtrArray) tickers = NULL;
  g_autofree char *username = NULL;
  gboolean password_stdin = FALSE;
  gboolean json = FALSE;
  const char *action;
  const GOptionEntry entries[] = {
    { "user", 0, 0, G_OPTION_ARG_STRING, &username, N_("Whose watchlist"), N_("NAME") },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin, N_("Read the password from the first line of standard input"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON (list)"), NULL },
    { NULL }
  };

  if (!_sc_cli_parse_options (_("add|remove|list [TICKER…]"),
                              _("Follow tickers: add them to a user's watchlist, remove them, or list them (one a line, for “stockcast predict $(…)”)."),
                              entries, &argc, &argv))
    return 1;

  if (argc < 2)
    return _sc_cli_usage_error (_("Say what to do: watchlist add|remove TICKER… or watchlist list."));
  action = argv[1];
  if (!g_str_equal (action, "add") && !g_str_equal (action, "remove") && !g_str_equal (action, "list"))
    return _sc_cli_usage_error (_("Unknown watchlist action “%s”; use add, remove or list."), action);
  if (g_str_equal (action, "list") && argc > 2)
    return _sc_cli_usage_error (_("Unexpected argument “%s”."), argv[2]);
  if (!g_str_equal (action, "list") && argc < 3)
    return _sc_cli_usage_error (_("Say which tickers: watchlist %s TICKER…"), action);
  if (!_sc_cli_check_user_options (username, password_stdin, _("Say whose watchlist with --user NAME.")))
    return 1;

  /* Every ticker is checked before anything is written. */
  for (int i = 2; i < argc; i++)
    if (!sc_validate_ticker (argv[i], &error))
      return _sc_cli_fail (error);

  user = _sc_cli_sign_in (username, &db, &error);
  if (user == NULL)
    return _sc_cli_fail (error);

  for (int i = 2; i < argc; i++)
    {
      g_autofree char *ticker = sc_ticker_normalize (argv[i]);
      gboolean added = FALSE;

      if (g_str_equal (action, "add"))
        {
          if (!sc_watchlist_add (db, user->id, ticker, &added, &error))
            return _sc_cli_fail (error);
          if (added)
            printf (_("Added %s to the watchlist.\n"), ticker);
          else
            printf (_("%s was already on the watchlist.\n"), ticker);
        }
      else
        {
          if (!sc_watchlist_remove (db, user->id, ticker, &error))
            return _sc_cli_fail (error);
          printf (_("Removed %s from the watchlist.\n"), ticker);
        }
    }
  if (!g_str_equal (action, "list"))
    return 0;

  tickers = sc_watchlist_list (db, user->id, &error);
  if (tickers == NULL)
    return _sc_cli_fail (error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "user");
      json_builder_add_string_value (builder, user->username);
      json_builder_set_member_name (builder, "tickers");
      json_builder_begin_array (builder);
      for (guint i = 0; i < tickers->len; i++)
        json_builder_add_string_value (builder, g_ptr_array_index (tickers, i));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      _sc_cli_print_json (builder);
    }
  else
    {
      for (guint i = 0; i < tickers->len; i++)
        printf ("%s\n", (char *) g_ptr_array_index (tickers, i));
    }

  return 0;
}
