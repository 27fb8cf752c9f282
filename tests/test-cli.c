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

  return g_test_run ();
}
