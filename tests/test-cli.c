/* test-cli.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

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

int
main (int   argc,
      char *argv[])
{
  sc_test_init (&argc, &argv);

  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/unknown-command", test_unknown_command);
  g_test_add_func ("/cli/unknown-option", test_unknown_option);

  return g_test_run ();
}
