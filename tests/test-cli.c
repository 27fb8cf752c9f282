/* test-cli.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sc-cli-private.h"
#include "sc-test-util.h"

static void
test_version (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  status = sc_test_run_cli (NULL, &out, &err, "--version", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_str_has_prefix (out, "Stockcast "));
  g_assert_true (g_str_has_suffix (out, PACKAGE_VERSION "\n"));
}

static void
test_help (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  status = sc_test_run_cli (NULL, &out, &err, "--help", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "stockcast predict TICKER"));
  g_assert_cmpstr (err, ==, "");
}

static void
test_unknown_command (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  status = sc_test_run_cli (NULL, &out, &err, "frobnicate", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "unknown command “frobnicate”"));
  g_assert_nonnull (strstr (err, "Usage:"));
  g_assert_cmpstr (out, ==, "");
}

static void
test_unknown_option (void)
{
  g_autofree char *err = NULL;
  int status;

  status = sc_test_run_cli (NULL, NULL, &err, "--frobnicate", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "unknown option"));
}

/* A subcommand's bad option or value: one line naming it and --help, not
 * the whole help. */
static void
test_option_errors (void)
{
  const char *cases[][3] = {
    { "predict", "--years", "abc" },
    { "predict", "--bogus", NULL },
    { "chart", "--size", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      const char *newline;

      g_assert_cmpint (sc_test_run_cli (NULL, &out, &err, cases[i][0], "MSFT", cases[i][1], cases[i][2], NULL),
                       ==, 1);
      g_assert_true (g_str_has_prefix (err, "stockcast: "));
      g_assert_nonnull (strstr (err, cases[i][1]));
      g_assert_nonnull (strstr (err, "--help"));
      newline = strchr (err, '\n');
      g_assert_nonnull (newline);
      g_assert_cmpstr (newline + 1, ==, "");
      g_assert_null (strstr (err, "Usage:"));
      g_assert_cmpstr (out, ==, "");
    }
}

/* The options of one subcommand's --help ("Application Options"). */
static GHashTable *
help_options (const char *command)
{
  g_autoptr(GRegex) regex = g_regex_new ("^\\s+(?:-\\w, )?(--[a-z][a-z-]*)", G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  GHashTable *options = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *out = NULL;
  const char *app;

  g_assert_cmpint (sc_test_run_cli (NULL, &out, NULL, command, "--help", NULL), ==, 0);
  app = strstr (out, "Application Options:");
  if (app == NULL)
    return options;
  g_regex_match (regex, app, 0, &match);
  while (g_match_info_matches (match))
    {
      g_hash_table_add (options, g_match_info_fetch (match, 1));
      g_match_info_next (match, NULL);
    }
  return options;
}

/* The README's synopsis names exactly the options each --help lists. */
static void
test_readme_synopsis (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("STOCKCAST_SOURCE_ROOT"), "README.md", NULL);
  g_autofree char *readme = NULL;
  g_autoptr(GHashTable) synopsis = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          (GDestroyNotify) g_hash_table_unref);
  g_autoptr(GRegex) option = g_regex_new ("--[a-z][a-z-]*", 0, 0, NULL);
  g_auto(GStrv) lines = NULL;
  const char *block, *end;
  GHashTable *current = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_assert_true (g_file_get_contents (path, &readme, NULL, NULL));
  block = strstr (readme, "## Command line");
  g_assert_nonnull (block);
  block = strstr (block, "```\n");
  g_assert_nonnull (block);
  block += 4;
  end = strstr (block, "```");
  g_assert_nonnull (end);
  {
    g_autofree char *text = g_strndup (block, end - block);
    lines = g_strsplit (text, "\n", -1);
  }

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GMatchInfo) match = NULL;
      g_autofree char *line = g_strdup (lines[i]);
      char *comment = strchr (line, '#');

      if (comment != NULL)
        *comment = '\0';
      if (g_str_has_prefix (line, "stockcast "))
        {
          g_auto(GStrv) words = g_strsplit (line, " ", 3);

          current = NULL;
          if (!g_str_has_prefix (words[1], "-"))
            {
              current = g_hash_table_lookup (synopsis, words[1]);
              if (current == NULL)
                {
                  current = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
                  g_hash_table_insert (synopsis, g_strdup (words[1]), current);
                }
            }
        }
      else if (!g_str_has_prefix (line, " "))
        current = NULL;
      if (current == NULL)
        continue;
      g_regex_match (option, line, 0, &match);
      while (g_match_info_matches (match))
        {
          g_hash_table_add (current, g_match_info_fetch (match, 0));
          g_match_info_next (match, NULL);
        }
    }

  g_assert_cmpuint (g_hash_table_size (synopsis), >=, 8);
  g_hash_table_iter_init (&iter, synopsis);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(GHashTable) help = help_options (key);
      GHashTableIter options;
      gpointer name;

      g_hash_table_iter_init (&options, value);
      while (g_hash_table_iter_next (&options, &name, NULL))
        if (!g_hash_table_contains (help, name))
          g_error ("README names %s %s, which its --help does not list", (char *) key, (char *) name);
      g_hash_table_iter_init (&options, help);
      while (g_hash_table_iter_next (&options, &name, NULL))
        if (!g_hash_table_contains (value, name))
          g_error ("%s --help lists %s, which the README's synopsis lacks", (char *) key, (char *) name);
    }
}

/* Table cells line up by terminal columns, not bytes: a Chinese character
 * takes two, an en dash one. */
static void
test_table_row (void)
{
  static const int widths[] = { -6, 8, 6 };
  const char *ascii[] = { "10 d", "216.15", "82%" };
  const char *chinese[] = { "預測期", "預測", "覆蓋率" };
  const char *dash[] = { "60 d", "1 – 2", "–" };
  const char *wider[] = { "horizon", "123456789", "x" };
  g_autofree char *a = _sc_cli_format_row (ascii, widths, 3);
  g_autofree char *c = _sc_cli_format_row (chinese, widths, 3);
  g_autofree char *d = _sc_cli_format_row (dash, widths, 3);
  g_autofree char *w = _sc_cli_format_row (wider, widths, 3);

  g_assert_cmpstr (a, ==, "10 d     216.15    82%");
  g_assert_cmpstr (c, ==, "預測期     預測 覆蓋率");
  g_assert_cmpstr (d, ==, "60 d      1 – 2      –");
  /* Too long for its column: printed whole, the rest shifts. */
  g_assert_cmpstr (w, ==, "horizon 123456789      x");
}

int
main (int   argc,
      char *argv[])
{
  sc_test_init (&argc, &argv);

  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/table-row", test_table_row);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/unknown-command", test_unknown_command);
  g_test_add_func ("/cli/unknown-option", test_unknown_option);
  g_test_add_func ("/cli/option-errors", test_option_errors);
  g_test_add_func ("/cli/readme-synopsis", test_readme_synopsis);

  return g_test_run ();
}
