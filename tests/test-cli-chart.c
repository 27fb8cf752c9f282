/* test-cli-chart.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <cairo.h>
#include <glib/gstdio.h>

#include "sc-test-util.h"

static char *
tmp_path (const char *name)
{
  return g_build_filename (sc_test_get_tmpdir (), name, NULL);
}

/* The fixture has three years: enough for the 10- and 60-day horizons. */
static int
run_chart (const char *output,
           char      **out_stderr,
           ...)
{
  g_autofree char *csv = sc_test_fixture_path ("MSFT-2018-2020.csv");
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *stdout_text = NULL;
  const char *arg;
  va_list ap;
  int status;

  g_ptr_array_add (args, (char *) "chart");
  g_ptr_array_add (args, (char *) "MSFT");
  g_ptr_array_add (args, (char *) "--csv");
  g_ptr_array_add (args, csv);
  g_ptr_array_add (args, (char *) "--horizons");
  g_ptr_array_add (args, (char *) "10,60");
  if (output != NULL)
    {
      g_ptr_array_add (args, (char *) "--output");
      g_ptr_array_add (args, (char *) output);
    }
  va_start (ap, out_stderr);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);

  /* sc_test_run_cli takes varargs: pass up to 16. */
  while (args->len < 17)
    g_ptr_array_add (args, NULL);

  status = sc_test_run_cli (NULL, &stdout_text, out_stderr,
                            args->pdata[0], args->pdata[1], args->pdata[2], args->pdata[3],
                            args->pdata[4], args->pdata[5], args->pdata[6], args->pdata[7],
                            args->pdata[8], args->pdata[9], args->pdata[10], args->pdata[11],
                            args->pdata[12], args->pdata[13], args->pdata[14], args->pdata[15],
                            NULL);
  return status;
}

static void
test_png_default_size (void)
{
  g_autofree char *path = tmp_path ("msft.png");
  g_autofree char *err = NULL;
  cairo_surface_t *surface;

  g_assert_cmpint (run_chart (path, &err, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");

  surface = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1200);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 700);
  cairo_surface_destroy (surface);
}

static void
test_svg_and_pdf (void)
{
  g_autofree char *svg = tmp_path ("msft.svg");
  g_autofree char *pdf = tmp_path ("msft.pdf");
  g_autofree char *err = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_assert_cmpint (run_chart (svg, &err, "--size", "800x450", "--range", "1y", "--log", "--ema", "--rsi", NULL), ==, 0);
  g_assert_true (g_file_get_contents (svg, &data, &length, NULL));
  g_assert_nonnull (strstr (data, "width=\"800px\""));
  g_assert_nonnull (strstr (data, "height=\"450px\""));
  g_clear_pointer (&data, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_chart (pdf, &err, "--size", "640×480", "--range", "all", NULL), ==, 0);
  g_assert_true (g_file_get_contents (pdf, &data, &length, NULL));
  g_assert_true (g_str_has_prefix (data, "%PDF-"));
  g_assert_cmpuint (length, >, 2000);
}

static void
test_errors (void)
{
  g_autofree char *png = tmp_path ("bad.png");
  g_autofree char *missing_dir = tmp_path ("no/such/dir/x.png");
  struct {
    const char *output;
    const char *option;
    const char *value;
    int         status;
    const char *message;
  } cases[] = {
    { NULL, NULL, NULL, 1, "--output" },
    { "chart.gif", NULL, NULL, 1, ".png, .svg or .pdf" },
    { png, "--size", "50x50", 1, "--size" },
    { png, "--size", "wide", 1, "--size" },
    { png, "--range", "2w", 1, "--range" },
    { png, "--model", "no-such-model", 1, "no-such-model" },
    /* Names the folder, not a temporary "x.png.ABC123". */
    { missing_dir, NULL, NULL, 2, "no/such/dir” does not exist" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *err = NULL;
      int status = run_chart (cases[i].output, &err, cases[i].option, cases[i].value, NULL);

      g_test_message ("case %u: %d %s", i, status, err);
      g_assert_cmpint (status, ==, cases[i].status);
      g_assert_true (g_str_has_prefix (err, "stockcast: "));
      if (cases[i].message != NULL)
        g_assert_nonnull (strstr (err, cases[i].message));
      g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
    }

  /* Too little history for a 365-day forecast: a data error, no file. */
  {
    g_autofree char *csv = sc_test_fixture_path ("MSFT-2018-2020.csv");
    g_autofree char *err = NULL;

    g_assert_cmpint (sc_test_run_cli (NULL, NULL, &err, "chart", "MSFT", "--csv", csv,
                                      "--output", png, NULL), ==, 2);
    g_assert_nonnull (strstr (err, "365"));
    g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
  }
}

/* No network (the quote URL is a closed local port) and nothing cached:
 * the chart comes from the bundled sample, saying so, exit 0. */
static void
test_network_fallback (void)
{
  g_autofree char *png = tmp_path ("fallback.png");
  g_autofree char *data_home = tmp_path ("fallback-data");
  g_autofree char *err = NULL;

  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_assert_cmpint (sc_test_run_cli (NULL, NULL, &err, "chart", "MSFT", "--output", png, NULL), ==, 0);
  g_assert_nonnull (strstr (err, "Cannot reach"));
  g_assert_nonnull (strstr (err, "bundled sample"));
  g_assert_true (g_file_test (png, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  sc_test_init (&argc, &argv);

  g_test_add_func ("/cli/chart/png", test_png_default_size);
  g_test_add_func ("/cli/chart/svg-pdf", test_svg_and_pdf);
  g_test_add_func ("/cli/chart/errors", test_errors);
  g_test_add_func ("/cli/chart/network-fallback", test_network_fallback);

  return g_test_run ();
}
