/* sc-cli.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sc-cli.h"
#include "sc-cli-private.h"
#include "sc-modules.h"

/* `stockcast chart` lives in the stockcast-chart module, with the renderer
 * and the cairo and pango it needs. */
static int
run_chart (int    argc,
           char **argv)
{
  g_autoptr(GError) error = NULL;
  ScCliCommandFunc chart = sc_modules_lookup ("stockcast-chart", "_sc_cli_chart", &error);

  if (chart == NULL)
    return _sc_cli_fail (error);

  return chart (argc, argv);
}

/* Commands that go online live in the stockcast-net module. */
#define NET_COMMAND(name, func)                           \
  static int                                               \
  name (int    argc,                                       \
        char **argv)                                       \
  {                                                        \
    g_autoptr(GError) error = NULL;                        \
    ScCliCommandFunc command = _SC_CLI_NET (func, &error); \
                                                           \
    if (command == NULL)                                   \
      return _sc_cli_fail (error);                         \
    return command (argc, argv);                           \
  }

NET_COMMAND (run_import_csv, _sc_cli_import_csv)
NET_COMMAND (run_prices, _sc_cli_prices)
NET_COMMAND (run_sync, _sc_cli_sync)

typedef struct
{
  const char       *name;
  ScCliCommandFunc  func;
  const char       *summary;
} ScCliCommand;

static const ScCliCommand commands[] = {
  /* core */
  { "models", _sc_cli_models, N_("List the prediction models") },
  { "predict", _sc_cli_predict, N_("Predict a stock’s closing price") },
  { "backtest", _sc_cli_backtest, N_("Score a model on past prices") },

  /* prices */
  { "import-csv", run_import_csv, N_("Put prices from a CSV file into the local cache") },
  { "prices", run_prices, N_("Print the cached daily prices of a ticker") },

  /* accounts and history */
  { "account", _sc_cli_account, N_("Register, sign in, change or reset a password, delete an account") },
  { "history", _sc_cli_history, N_("List or delete saved predictions") },

  /* chart */
  { "chart", run_chart, N_("Draw prices and forecast to PNG, SVG or PDF") },

  /* sync */
  { "sync", run_sync, N_("Send and fetch predictions through a sync server") },

  /* scorecard and watchlist */
  { "scorecard", _sc_cli_scorecard, N_("Show how a user’s predictions turned out") },
  { "watchlist", _sc_cli_watchlist, N_("Add, remove or list the tickers a user follows") },
  { "refresh", _sc_cli_refresh, N_("Fetch prices for predictions that came due and fill in their outcomes") },

  { NULL, NULL, NULL }
};

static const char *usage_lines[] = {
  N_("stockcast                      Open the window"),
  N_("stockcast models [--json]"),
  N_("stockcast predict TICKER [--model ID] [--horizons 10,60,365] [--years 10] [--csv FILE] [--offline] [--save --user NAME --password-stdin] [--json]"),
  N_("stockcast predict TICKER TICKER … [--model ID] [--horizons 10,60,365] [--years 10] [--offline] [--json]"),
  N_("stockcast backtest TICKER [--model ID] [--csv FILE] [--offline] [--protocol walk-forward|seed] [--json]"),
  N_("stockcast chart TICKER [--model ID] [--csv FILE] [--range 1m|6m|1y|5y|10y|all] [--size WxH] --output FILE.png|.svg|.pdf"),
  N_("stockcast import-csv TICKER FILE"),
  N_("stockcast prices TICKER [--csv | --json] [--offline]"),
  N_("stockcast account register NAME --email ADDRESS --password-stdin"),
  N_("stockcast account login|delete NAME --password-stdin"),
  N_("stockcast account passwd NAME --password-stdin"),
  N_("stockcast account reset NAME --recovery-code CODE --password-stdin"),
  N_("stockcast history [delete UUID] --user NAME --password-stdin [--json]"),
  N_("stockcast sync --user NAME --password-stdin [--server URL] [--register]"),
  N_("stockcast scorecard --user NAME --password-stdin [--json] [--chart FILE.png|.svg|.pdf [--size WxH]]"),
  N_("stockcast refresh [--offline]"),
  N_("stockcast watchlist add|remove TICKER… | list --user NAME --password-stdin [--json]"),
};

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n", _("Usage:"));
  for (guint i = 0; i < G_N_ELEMENTS (usage_lines); i++)
    fprintf (stream, "  %s\n", _(usage_lines[i]));
  fprintf (stream, "\n%s\n", _("Run “stockcast COMMAND --help” for the options of a command."));
  fprintf (stream, "%s\n", _("Exit status: 0 success, 1 usage error, 2 data error, 3 network error, 4 authentication failed."));
}

static const ScCliCommand *
find_command (const char *name)
{
  for (guint i = 0; commands[i].name != NULL; i++)
    if (g_strcmp0 (commands[i].name, name) == 0)
      return &commands[i];

  return NULL;
}

gboolean
sc_cli_wants_cli (int    argc,
                  char **argv)
{
  if (argc < 2)
    return FALSE;

  /* Options GApplication itself handles when D-Bus activates us. */
  if (g_str_has_prefix (argv[1], "--gapplication-"))
    return FALSE;

  return TRUE;
}

int
sc_cli_main (int    argc,
             char **argv)
{
  const ScCliCommand *command;
  const char *name;

  g_return_val_if_fail (argc >= 2, 1);

  name = argv[1];

  if (g_str_equal (name, "--version") || g_str_equal (name, "-v"))
    {
      printf ("Stockcast %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_str_equal (name, "--help") || g_str_equal (name, "-h") || g_str_equal (name, "help"))
    {
      print_usage (stdout);
      return 0;
    }

  command = find_command (name);
  if (command == NULL)
    {
      if (name[0] == '-')
        fprintf (stderr, _("stockcast: unknown option “%s”.\n"), name);
      else
        fprintf (stderr, _("stockcast: unknown command “%s”.\n"), name);
      print_usage (stderr);
      return 1;
    }

  return command->func (argc - 1, argv + 1);
}

gboolean
_sc_cli_parse_options (const char          *parameter_string,
                       const char          *summary,
                       const GOptionEntry  *entries,
                       int                 *argc,
                       char              ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = NULL;

  prgname = g_strdup_printf ("stockcast %s", (*argv)[0]);
  context = g_option_context_new (parameter_string);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (summary != NULL)
    g_option_context_set_summary (context, summary);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  g_set_prgname (prgname);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_autofree char *message = g_strdup (error->message);

      /* One sentence and where the help is, not the whole help. */
      if (g_str_has_suffix (message, "."))
        message[strlen (message) - 1] = '\0';
      fprintf (stderr, _("stockcast: %s; see “%s --help”.\n"), message, prgname);
      return FALSE;
    }

  return TRUE;
}

/* Terminal columns text takes. */
static guint
display_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }

  return width;
}

char *
_sc_cli_format_row (const char * const *cells,
                    const int          *widths,
                    guint               n_cells)
{
  GString *line = g_string_new (NULL);

  for (guint i = 0; i < n_cells; i++)
    {
      guint want = (guint) ABS (widths[i]);
      guint have = display_width (cells[i]);
      guint pad = have < want ? want - have : 0;

      if (i > 0)
        g_string_append_c (line, ' ');
      if (widths[i] > 0)
        {
          for (guint j = 0; j < pad; j++)
            g_string_append_c (line, ' ');
          g_string_append (line, cells[i]);
        }
      else
        {
          g_string_append (line, cells[i]);
          for (guint j = 0; j < pad; j++)
            g_string_append_c (line, ' ');
        }
    }

  while (line->len > 0 && line->str[line->len - 1] == ' ')
    g_string_truncate (line, line->len - 1);
  return g_string_free (line, FALSE);
}

void
_sc_cli_print_row (const char * const *cells,
                   const int          *widths,
                   guint               n_cells)
{
  g_autofree char *line = _sc_cli_format_row (cells, widths, n_cells);

  printf ("%s\n", line);
}

int
_sc_cli_fail (const GError *error)
{
  g_return_val_if_fail (error != NULL, 2);

  fprintf (stderr, "stockcast: %s\n", error->message);
  return sc_error_exit_code (error);
}

int
_sc_cli_usage_error (const char *format,
                     ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "stockcast: %s\n", message);
  fprintf (stderr, "%s\n", _("Run “stockcast --help” for usage."));
  return 1;
}
