/* sc-cli-history.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdio.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "sc-accounts.h"
#include "sc-cli-private.h"
#include "sc-results.h"

static void
print_result (const ScResult *result)
{
  g_autofree char *as_of = sc_day_format (result->as_of);

  printf ("%s  %s  %s  %s %s  %s %.2f\n",
          result->created_at, result->ticker, result->model,
          _("as of"), as_of, _("close"), result->last_close);
  printf ("    %s%s\n", result->uuid, result->synced ? _("  (synced)") : "");

  for (guint i = 0; i < result->n_forecasts; i++)
    {
      const ScResultForecast *f = &result->forecasts[i];
      g_autofree char *date = sc_day_format (f->date);
      g_autofree char *days = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", f->horizon),
                                               f->horizon);

      printf ("    %-9s %s  %10.2f  (%.2f–%.2f)", days, date, f->price, f->low, f->high);
      if (sc_result_forecast_has_actual (f))
        printf (_("  actual %.2f, forecast off by %+.1f%%"), f->actual,
                100.0 * (f->price - f->actual) / f->actual);
      else
        printf ("  %s", _("actual not known yet"));
      printf ("\n");
    }
}

static int
history_list (ScDb        *db,
              ScUser      *user,
              gboolean     json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(ScService) service = NULL;
  g_autoptr(ScHistoryCursor) cursor = NULL;

  /* Outcomes normally arrive with each price refresh; this catches prices
   * that came in some other way. */
  if (sc_results_fill_actuals (db, NULL, &error) < 0)
    {
      g_warning ("%s", error->message);
      g_clear_error (&error);
    }

  service = sc_service_new (NULL, NULL);
  cursor = sc_history_cursor_new (user->id);
  results = sc_service_read_history (service, db, cursor, 0, &error);
  if (results == NULL)
    return _sc_cli_fail (error);

  if (json)
    {
      g_autoptr(GString) text = g_string_new ("{\"user\":");
      g_autoptr(JsonNode) name = json_node_new (JSON_NODE_VALUE);
      g_autofree char *quoted = NULL;

      json_node_set_string (name, user->username);
      quoted = json_to_string (name, FALSE);
      g_string_append (text, quoted);
      g_string_append (text, ",\"results\":[");
      for (guint i = 0; i < results->len; i++)
        {
          if (i > 0)
            g_string_append_c (text, ',');
          sc_result_append_json (g_ptr_array_index (results, i), SC_RESULT_JSON_LOCAL, text);
        }
      g_string_append (text, "]}");

      printf ("%s\n", text->str);
      return 0;
    }

  if (results->len == 0)
    {
      printf (_("“%s” has no saved predictions.\n"), user->username);
      return 0;
    }

  for (guint i = 0; i < results->len; i++)
    {
      if (i > 0)
        printf ("\n");
      print_result (g_ptr_array_index (results, i));
    }

  return 0;
}

int
_sc_cli_history (int    argc,
                 char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScDb) db = NULL;
  g_autoptr(ScUser) user = NULL;
  g_autofree char *username = NULL;
  gboolean password_stdin = FALSE;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "user", 0, 0, G_OPTION_ARG_STRING, &username, N_("Whose history"), N_("NAME") },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin, N_("Read the password from the first line of standard input"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!_sc_cli_parse_options (_("[delete UUID]"),
                              _("List a user's saved predictions, newest first, with the actual closes once known, or delete one."),
                              entries, &argc, &argv))
    return 1;

  if (argc > 1 && !g_str_equal (argv[1], "delete"))
    return _sc_cli_usage_error (_("Unknown history action “%s”; use “delete UUID” or nothing."), argv[1]);
  if (argc == 2)
    return _sc_cli_usage_error (_("Say which prediction to delete: history delete UUID."));
  if (argc > 3)
    return _sc_cli_usage_error (_("Unexpected argument “%s”."), argv[3]);
  if (!_sc_cli_check_user_options (username, password_stdin, _("Say whose history with --user NAME.")))
    return 1;

  if (argc == 3 && !g_uuid_string_is_valid (argv[2]))
    {
      g_set_error (&error, SC_ERROR, SC_ERROR_DATA,
                   _("“%s” is not a result id (a UUID)."), argv[2]);
      return _sc_cli_fail (error);
    }

  user = _sc_cli_sign_in (username, &db, &error);
  if (user == NULL)
    return _sc_cli_fail (error);

  if (argc == 3)
    {
      if (!sc_results_delete (db, user->id, argv[2], &error))
        return _sc_cli_fail (error);

      if (json)
        printf ("{\"deleted\":\"%s\"}\n", argv[2]);
      else
        printf (_("Deleted the prediction %s.\n"), argv[2]);
      return 0;
    }

  return history_list (db, user, json);
}
