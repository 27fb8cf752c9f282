/* sc-cli-scorecard.c
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
#include "sc-modules.h"
#include "sc-due.h"
#include "sc-prices.h"
#include "sc-results.h"
#include "sc-scorecard.h"

static void
add_share (JsonBuilder *builder,
           const char  *name,
           double       value)
{
  json_builder_set_member_name (builder, name);
  if (isnan (value))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, value);
}

static void
add_row (JsonBuilder          *builder,
         const ScScorecardRow *row)
{
  json_builder_begin_object (builder);
  if (row->model != NULL)
    {
      json_builder_set_member_name (builder, "model");
      json_builder_add_string_value (builder, row->model);
      json_builder_set_member_name (builder, "horizon");
      json_builder_add_int_value (builder, row->horizon);
    }
  json_builder_set_member_name (builder, "due");
  json_builder_add_int_value (builder, row->due);
  json_builder_set_member_name (builder, "inside");
  json_builder_add_int_value (builder, row->inside);
  add_share (builder, "coverage", row->coverage);
  add_share (builder, "mase", row->mase);
  add_share (builder, "direction", row->direction);
  json_builder_end_object (builder);
}

char *
_sc_cli_scorecard_to_json (const char        *username,
                           const ScScorecard *card)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "user");
  json_builder_add_string_value (builder, username);
  json_builder_set_member_name (builder, "overall");
  add_row (builder, &card->overall);
  json_builder_set_member_name (builder, "by_model");
  json_builder_begin_array (builder);
  for (guint i = 0; i < card->rows->len; i++)
    add_row (builder, &g_array_index (card->rows, ScScorecardRow, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static char *
format_share (double value)
{
  return isnan (value) ? g_strdup ("–") : g_strdup_printf ("%.0f%%", 100 * value);
}

static void
print_row (const ScScorecardRow *row,
           const int            *widths)
{
  g_autofree char *horizon = row->model ? g_strdup_printf (_("%d d"), row->horizon) : g_strdup ("");
  g_autofree char *due = g_strdup_printf ("%u", row->due);
  g_autofree char *inside = format_share (row->coverage);
  g_autofree char *mase = isnan (row->mase) ? g_strdup ("–") : g_strdup_printf ("%.2f", row->mase);
  g_autofree char *direction = format_share (row->direction);
  g_autofree char *note = sc_scorecard_row_too_few (row) && row->due > 0 ? g_strdup (_("too few to judge")) : g_strdup ("");
  const char *cells[] = {
    row->model ? row->model : _("All"), horizon, due, inside, mase, direction, note,
  };

  _sc_cli_print_row (cells, widths, G_N_ELEMENTS (cells));
}

static void
print_scorecard (const char        *username,
                 const ScScorecard *card)
{
  g_autofree char *summary = sc_scorecard_row_describe (&card->overall);
  const int widths[] = { -20, 7, 5, 24, 6, 10, -16 };
  const char *header[] = {
    _("Model"), _("Horizon"), _("Due"), _("Inside range (expect 80%)"), _("MASE"), _("Direction"), "",
  };

  printf (_("Scorecard of %s: %s.\n"), username, summary);
  if (card->overall.due == 0)
    return;

  printf ("\n");
  _sc_cli_print_row (header, widths, G_N_ELEMENTS (widths));
  for (guint i = 0; i < card->rows->len; i++)
    print_row (&g_array_index (card->rows, ScScorecardRow, i), widths);
  print_row (&card->overall, widths);
  printf ("\n%s\n", _("An honest 80% range holds the close about 80% of the time; MASE below 1 beats “no change” from the same day."));
}

int
_sc_cli_scorecard (int    argc,
                   char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScDb) db = NULL;
  g_autoptr(ScUser) user = NULL;
  g_autoptr(ScScorecard) card = NULL;
  g_autofree char *username = NULL;
  g_autofree char *chart = NULL;
  g_autofree char *size = NULL;
  gboolean password_stdin = FALSE;
  gboolean json = FALSE;
  int width = 1200, height = 600;
  const GOptionEntry entries[] = {
    { "user", 0, 0, G_OPTION_ARG_STRING, &username, N_("Whose predictions"), N_("NAME") },
    { "chart", 0, 0, G_OPTION_ARG_FILENAME, &chart, N_("Also draw the calibration chart: .png, .svg or .pdf"), N_("FILE") },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size, N_("Chart size in pixels (default 1200x600)"), N_("WxH") },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin, N_("Read the password from the first line of standard input"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!_sc_cli_parse_options (NULL,
                              _("How a user's saved predictions turned out: share inside the 80% range, MASE and direction, per model and horizon."),
                              entries, &argc, &argv))
    return 1;

  if (argc > 1)
    return _sc_cli_usage_error (_("Unexpected argument “%s”."), argv[1]);
  if (!_sc_cli_check_user_options (username, password_stdin, _("Say whose scorecard with --user NAME.")))
    return 1;
  if (size != NULL && (sscanf (size, "%dx%d", &width, &height) != 2 || width < 300 || height < 200 ||
                       width > 10000 || height > 10000))
    return _sc_cli_usage_error (_("--size takes WIDTHxHEIGHT between 300x200 and 10000x10000, not “%s”."), size);

  user = _sc_cli_sign_in (username, &db, &error);
  if (user == NULL)
    return _sc_cli_fail (error);

  if (chart != NULL)
    {
      typedef gboolean (*ExportFunc) (const char *, int, int, gconstpointer, guint, GError **);
      g_autoptr(GArray) forecasts = sc_due_user_forecasts (db, user->id, &error);
      ExportFunc export;

      if (forecasts == NULL)
        return _sc_cli_fail (error);
      /* The chart lives in the stockcast-chart module with cairo and pango. */
      export = (ExportFunc) sc_modules_lookup ("stockcast-chart", "sc_calibration_chart_export", &error);
      if (export == NULL ||
          !export (chart, width, height, forecasts->data, forecasts->len, &error))
        return _sc_cli_fail (error);
    }

  card = sc_due_user_scorecard (db, user->id, &error);
  if (card == NULL)
    return _sc_cli_fail (error);

  if (json)
    {
      g_autofree char *text = _sc_cli_scorecard_to_json (user->username, card);

      printf ("%s\n", text);
    }
  else
    {
      print_scorecard (user->username, card);
    }

  return 0;
}

/* --- refresh -------------------------------------------------------------- */

int
_sc_cli_refresh (int    argc,
                 char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScService) service = NULL;
  g_autoptr(GArray) filled = NULL;
  g_autoptr(GPtrArray) ticker_errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(GArray) outcomes = g_array_new (FALSE, FALSE, sizeof (ScDueOutcome));
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  gboolean offline = FALSE;
  guint n_pending = 0;
  const GOptionEntry entries[] = {
    { "offline", 0, 0, G_OPTION_ARG_NONE, &offline, N_("Use only cached prices"), NULL },
    { NULL }
  };

  if (!_sc_cli_parse_options (NULL,
                              _("Fetch the prices of tickers with predictions that came due, fill in their actual closes and say how they turned out (for cron or a systemd timer)."),
                              entries, &argc, &argv))
    return 1;
  if (argc > 1)
    return _sc_cli_usage_error (_("Unexpected argument “%s”."), argv[1]);

  service = _sc_cli_new_service (TRUE, &error);
  if (service == NULL)
    return _sc_cli_fail (error);

  filled = sc_service_fill_due (service, NULL, 0,
                                offline ? SC_PRICE_LOAD_OFFLINE : SC_PRICE_LOAD_DEFAULT,
                                NULL, &n_pending, ticker_errors, &error);
  if (filled == NULL)
    return _sc_cli_fail (error);

  if (n_pending == 0)
    {
      printf ("%s\n", _("No prediction is waiting for its actual close."));
      return 0;
    }

  /* A ticker that failed left the others to go on. */
  for (guint i = 0; i < ticker_errors->len; i++)
    fprintf (stderr, "stockcast: %s\n", ((GError *) g_ptr_array_index (ticker_errors, i))->message);

  for (guint i = 0; i < filled->len; i++)
    {
      const ScDueForecast *f = &g_array_index (filled, ScDueForecast, i);
      ScDueOutcome o = { f->ticker, f->horizon, f->price, f->low, f->high, f->actual };

      g_array_append_val (outcomes, o);
    }

  if (sc_due_outcomes_notice ((ScDueOutcome *) outcomes->data, outcomes->len, 10, &title, &body))
    printf ("%s\n%s\n", title, body);

  if (n_pending > outcomes->len)
    printf (g_dngettext (GETTEXT_PACKAGE,
                         "%u prediction is still waiting for its actual close.\n",
                         "%u predictions are still waiting for their actual close.\n",
                         n_pending - outcomes->len),
            n_pending - outcomes->len);

  /* Already said above; the status tells cron something went wrong. */
  if (ticker_errors->len > 0)
    return sc_error_exit_code (g_ptr_array_index (ticker_errors, ticker_errors->len - 1));
  return 0;
}
