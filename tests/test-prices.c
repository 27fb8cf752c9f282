/* test-prices.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "sc-error.h"
#include "sc-prediction.h"
#include "sc-prices.h"
#include "sc-test-util.h"

static ScPriceSeries *
parse (const char  *text,
       GError     **error)
{
  return sc_price_series_parse_csv ("TEST", text, strlen (text), error);
}

static void
test_day_roundtrip (void)
{
  ScDay day;
  g_autofree char *s = NULL;

  g_assert_true (sc_day_parse ("1970-01-01", &day));
  g_assert_cmpint (day, ==, 0);
  g_assert_cmpint (sc_day_weekday (day), ==, 4);    /* Thursday */

  g_assert_true (sc_day_parse ("2020-12-11", &day));
  g_assert_cmpint (day, ==, 18607);
  g_assert_cmpint (sc_day_weekday (day), ==, 5);    /* Friday */
  s = sc_day_format (day);
  g_assert_cmpstr (s, ==, "2020-12-11");

  g_assert_true (sc_day_parse ("1969-12-31", &day));
  g_assert_cmpint (day, ==, -1);
  g_assert_cmpint (sc_day_weekday (day), ==, 3);

  g_assert_true (sc_day_parse ("20000229", &day));
  g_assert_cmpint (day, ==, sc_day_from_ymd (2000, 2, 29));
  g_assert_true (sc_day_parse ("2021-03-01T00:00:00Z", &day));
  g_assert_cmpint (day, ==, sc_day_from_ymd (2021, 3, 1));

  /* Every day of four centuries survives a round trip. */
  for (ScDay d = sc_day_from_ymd (1800, 1, 1); d < sc_day_from_ymd (2200, 1, 1); d++)
    {
      g_autofree char *text = sc_day_format (d);
      ScDay back;

      g_assert_true (sc_day_parse (text, &back));
      g_assert_cmpint (back, ==, d);
    }
}

static void
test_day_invalid (void)
{
  const char *bad[] = { "", "2020", "2020-13-01", "2021-02-29", "2020-00-10", "2020-01-32",
                        "2020/01/02", "20-01-2020", "2020-01-02x", "abcd-ef-gh", "0999-01-01" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (sc_day_parse (bad[i], NULL));
  g_assert_true (sc_day_parse ("2020-02-29", NULL));
}

static void
test_csv_yahoo (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScPriceSeries) s = NULL;

  s = parse ("Date,Open,High,Low,Close,Adj Close,Volume\n"
             "2020-01-02,1,2,0.5,1.5,1.4,100\n"
             "2020-01-03,1.5,2.5,1,2,1.9,200\n", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (s->n_rows, ==, 2);
  g_assert_cmpstr (s->ticker, ==, "TEST");
  g_assert_cmpint (s->date[0], ==, sc_day_from_ymd (2020, 1, 2));
  g_assert_cmpfloat (s->open[1], ==, 1.5);
  g_assert_cmpfloat (s->high[1], ==, 2.5);
  g_assert_cmpfloat (s->low[1], ==, 1);
  g_assert_cmpfloat (s->close[1], ==, 2);
  g_assert_cmpfloat (s->adj_close[1], ==, 1.9);
  g_assert_cmpfloat (s->volume[1], ==, 200);
  g_assert_cmpuint (sc_price_series_n_dropped (s), ==, 0);
}

static void
test_csv_any_order_crlf_no_newline (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScPriceSeries) s = NULL;

  /* Columns in another order, mixed case, CRLF, no final newline, no Adj Close. */
  s = parse ("VOLUME,close,Date,LOW,high,Open\r\n"
             "10,5.5,2020-01-06,5,6,5.2\r\n"
             "20,6.5,2020-01-07,6,7,6.1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (s->n_rows, ==, 2);
  g_assert_cmpfloat (s->close[0], ==, 5.5);
  g_assert_cmpfloat (s->close[1], ==, 6.5);
  g_assert_cmpfloat (s->open[1], ==, 6.1);
  g_assert_cmpfloat (s->volume[1], ==, 20);
  g_assert_true (isnan (s->adj_close[0]));
}

static void
test_csv_stooq (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScPriceSeries) s = NULL;

  s = parse ("Date,Open,High,Low,Close,Volume\n"
             "2020-01-02,10,11,9,10.5,1000\n", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (s->n_rows, ==, 1);
  g_assert_cmpfloat (s->close[0], ==, 10.5);
  g_assert_true (isnan (s->adj_close[0]));
}

static void
test_csv_gspc_headers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScPriceSeries) s = NULL;
  g_autofree char *path = sc_test_fixture_path ("GSPC-2000.csv");

  s = sc_price_series_load_csv ("^GSPC", path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (s->n_rows, ==, 20);
  g_assert_cmpfloat (s->close[0], ==, 1455.219971);
  g_assert_cmpfloat (s->adj_close[0], ==, 1455.219971);
  g_assert_cmpfloat (s->volume[0], ==, 931800000);
}

static void
test_csv_null_row (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScPriceSeries) s = NULL;
  g_autofree char *path = sc_test_fixture_path ("AAPL-1981.csv");
  ScDay null_day = sc_day_from_ymd (1981, 8, 10);

  /* A real excerpt: 16 rows, one of them all "null", no final newline. */
  s = sc_price_series_load_csv ("AAPL", path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (s->n_rows, ==, 15);
  g_assert_cmpuint (s->dropped_missing_close, ==, 1);
  g_assert_cmpuint (s->dropped_duplicate, ==, 0);
  g_assert_cmpuint (s->dropped_nonpositive, ==, 0);
  for (guint i = 0; i < s->n_rows; i++)
    g_assert_cmpint (s->date[i], !=, null_day);
  g_assert_cmpfloat (s->close[s->n_rows - 1], ==, 0.096540);
}

static void
test_csv_missing_values (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScPriceSeries) s = NULL;

  s = parse ("Date,Open,High,Low,Close,Adj Close,Volume\n"
             "2020-01-02,,2,1,1.5,null,\n"
             "2020-01-03,1,2,1,,1,5\n"
             "2020-01-06,1,2,1,null,1,5\n"
             "2020-01-07,1,2,1,0,1,5\n"
             "2020-01-08,1,2,1,-3,1,5\n"
             "2020-01-09,1,2,1,2.5,1,5\n", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (s->n_rows, ==, 2);
  g_assert_true (isnan (s->open[0]));
  g_assert_true (isnan (s->adj_close[0]));
  g_assert_true (isnan (s->volume[0]));
  g_assert_cmpuint (s->dropped_missing_close, ==, 2);
  g_assert_cmpuint (s->dropped_nonpositive, ==, 2);
  g_assert_cmpuint (sc_price_series_n_dropped (s), ==, 4);
}

static void
test_csv_sort_dedupe (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScPriceSeries) s = NULL;

  s = parse ("Date,Close\n"
             "2020-01-07,7\n"
             "2020-01-02,2\n"
             "2020-01-03,3\n"
             "2020-01-02,22\n"
             "\n"
             "2020-01-06,6\n"
             "2020-01-02,222\n"
             "2020-01-06,null\n", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (s->n_rows, ==, 4);
  g_assert_cmpfloat (s->close[0], ==, 222);   /* last wins */
  g_assert_cmpfloat (s->close[1], ==, 3);
  g_assert_cmpfloat (s->close[2], ==, 6);     /* a later missing close erases nothing */
  g_assert_cmpfloat (s->close[3], ==, 7);
  g_assert_cmpuint (s->dropped_duplicate, ==, 2);
  g_assert_cmpuint (s->dropped_missing_close, ==, 1);
  for (guint i = 1; i < s->n_rows; i++)
    g_assert_cmpint (s->date[i - 1], <, s->date[i]);
}

static void
test_csv_quotes_bom_blanks (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScPriceSeries) s = NULL;

  s = parse ("\xEF\xBB\xBF\"Date\", \"Close\" \n"
             " 2020-01-02 , \"4.25\"\n", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (s->n_rows, ==, 1);
  g_assert_cmpfloat (s->close[0], ==, 4.25);
}

static void
expect_error (const char *text,
              const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScPriceSeries) s = NULL;

  s = parse (text, &error);
  g_assert_null (s);
  g_assert_error (error, SC_ERROR, SC_ERROR_DATA);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” lacks “%s”", error->message, fragment);
  g_assert_true (g_str_has_suffix (error->message, "."));
  g_assert_null (strchr (error->message, '\n'));
}

static void
test_csv_errors (void)
{
  expect_error ("", "empty");
  expect_error ("\n\r\n", "empty");
  expect_error ("Date,Close\n", "no rows");
  expect_error ("Date,Close\n2020-01-02,null\n", "no rows");
  expect_error ("Date,Open,High\n2020-01-02,1,2\n", "Date and Close");
  expect_error ("Close,Open\n1,2\n", "Date and Close");
  expect_error ("Date,Close\n2020-01-02,1\n02/01/2020,2\n", "Line 3: “02/01/2020” is not a date");
  expect_error ("Date,Close\n2020-01-02,abc\n", "“abc” is not a number");
  expect_error ("Date,Close\n2020-01-02,1e999\n", "is not a number");
  expect_error ("Date,Open,Close\n2020-01-02,1\n", "expected at least 3 fields");
  expect_error ("Date,Close,close\n2020-01-02,1,1\n", "appears twice");
}

static void
test_csv_embedded_nul (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScPriceSeries) s = NULL;
  const char data[] = "Date,Close\n2020-01-02,1\n\0002020-01-03,2\n";

  s = sc_price_series_parse_csv ("TEST", data, sizeof data - 1, &error);
  g_assert_null (s);
  g_assert_error (error, SC_ERROR, SC_ERROR_DATA);
}

static void
test_load_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScPriceSeries) s = NULL;
  g_autofree char *missing = g_build_filename (sc_test_get_tmpdir (), "missing.csv", NULL);

  s = sc_price_series_load_csv ("X", missing, &error);
  g_assert_null (s);
  g_assert_error (error, SC_ERROR, SC_ERROR_DATA);
  g_assert_nonnull (strstr (error->message, "missing.csv does not exist."));
  g_clear_error (&error);

  s = sc_price_series_load_csv ("X", sc_test_get_tmpdir (), &error);
  g_assert_null (s);
  g_assert_error (error, SC_ERROR, SC_ERROR_DATA);
  g_assert_nonnull (strstr (error->message, "is a folder"));
}

static void
test_load_error_names_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScPriceSeries) s = NULL;
  g_autofree char *path = g_build_filename (sc_test_get_tmpdir (), "bad.csv", NULL);

  g_assert_true (g_file_set_contents (path, "Date,Close\n2020-01-02,1\n2020-01-03,x\n", -1, NULL));
  s = sc_price_series_load_csv ("X", path, &error);
  g_assert_null (s);
  g_assert_error (error, SC_ERROR, SC_ERROR_DATA);
  g_assert_nonnull (strstr (error->message, "bad.csv, line 3: “x” is not a number."));
}

static void
test_slice_and_append (void)
{
  g_autoptr(ScPriceSeries) s = sc_price_series_new ("T");
  g_autoptr(ScPriceSeries) slice = NULL;

  for (int i = 0; i < 1000; i++)
    sc_price_series_append (s, 1000 - i, NAN, NAN, NAN, i + 1.0, NAN, NAN);
  sc_price_series_normalize (s);
  g_assert_cmpuint (s->n_rows, ==, 1000);
  g_assert_cmpint (s->date[0], ==, 1);
  g_assert_cmpfloat (s->close[0], ==, 1000);

  slice = sc_price_series_slice (s, 990, 10);
  g_assert_cmpuint (slice->n_rows, ==, 10);
  g_assert_cmpint (slice->date[0], ==, 991);
  g_assert_cmpfloat (slice->close[9], ==, 1);

  g_clear_pointer (&slice, sc_price_series_unref);
  slice = sc_price_series_slice (s, 1000, 0);
  g_assert_cmpuint (slice->n_rows, ==, 0);

  g_assert_true (sc_price_series_ref (s) == s);
  sc_price_series_unref (s);
}

/* Numbers are read exactly as strtod() reads them (the parser has a fast
 * path for plain decimals). */
static void
test_csv_numbers_exact (void)
{
  g_autoptr(GString) csv = g_string_new ("Date,Close\n");
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ScPriceSeries) s = NULL;
  g_autoptr(GError) error = NULL;
  GRand *rand = g_rand_new_with_seed (42);
  const char *fixed[] = { "213.259995", "0.090239", "1e3", "1.5E-2", "007.50", "5.", ".25",
                          "123456789012345678", "0.1234567890123456789", "+4.5", "3" };

  for (guint i = 0; i < 3000; i++)
    {
      char *text;

      if (i < G_N_ELEMENTS (fixed))
        text = g_strdup (fixed[i]);
      else
        text = g_strdup_printf ("%u.%0*u", g_rand_int_range (rand, 0, 100000),
                                g_rand_int_range (rand, 1, 10), g_rand_int_range (rand, 0, 999999999));
      g_ptr_array_add (texts, text);
    }
  g_rand_free (rand);

  for (guint i = 0; i < texts->len; i++)
    {
      g_autofree char *date = sc_day_format (sc_day_from_ymd (2000, 1, 1) + i);
      g_string_append_printf (csv, "%s,%s\n", date, (char *) g_ptr_array_index (texts, i));
    }

  s = sc_price_series_parse_csv ("T", csv->str, csv->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (s->n_rows, ==, texts->len);
  for (guint i = 0; i < texts->len; i++)
    {
      double expected = g_ascii_strtod (g_ptr_array_index (texts, i), NULL);

      if (s->close[i] != expected)
        g_error ("“%s” read as %.17g, strtod gives %.17g", (char *) g_ptr_array_index (texts, i),
                 s->close[i], expected);
    }
}

static void
test_prediction_refcount (void)
{
  ScPrediction *p = sc_prediction_new ();

  p->ticker = g_strdup ("MSFT");
  p->n_forecasts = 2;
  p->forecasts = g_new0 (ScForecast, 2);
  p->forecasts[0].horizon = 10;
  p->forecasts[1].horizon = 60;
  p->n_metrics = 1;
  p->metrics = g_new0 (ScHorizonMetrics, 1);
  p->metrics[0].horizon = 60;

  g_assert_true (sc_prediction_ref (p) == p);
  sc_prediction_unref (p);
  g_assert_true (sc_prediction_get_forecast (p, 60) == &p->forecasts[1]);
  g_assert_null (sc_prediction_get_forecast (p, 365));
  g_assert_true (sc_prediction_get_metrics (p, 60) == &p->metrics[0]);
  g_assert_null (sc_prediction_get_metrics (p, 10));
  sc_prediction_unref (p);
}

int
main (int   argc,
      char *argv[])
{
  sc_test_init (&argc, &argv);

  g_test_add_func ("/core/day/roundtrip", test_day_roundtrip);
  g_test_add_func ("/core/day/invalid", test_day_invalid);
  g_test_add_func ("/core/prices/csv/yahoo", test_csv_yahoo);
  g_test_add_func ("/core/prices/csv/any-order-crlf-no-newline", test_csv_any_order_crlf_no_newline);
  g_test_add_func ("/core/prices/csv/stooq", test_csv_stooq);
  g_test_add_func ("/core/prices/csv/gspc-headers", test_csv_gspc_headers);
  g_test_add_func ("/core/prices/csv/null-row", test_csv_null_row);
  g_test_add_func ("/core/prices/csv/missing-values", test_csv_missing_values);
  g_test_add_func ("/core/prices/csv/sort-dedupe", test_csv_sort_dedupe);
  g_test_add_func ("/core/prices/csv/quotes-bom-blanks", test_csv_quotes_bom_blanks);
  g_test_add_func ("/core/prices/csv/errors", test_csv_errors);
  g_test_add_func ("/core/prices/csv/embedded-nul", test_csv_embedded_nul);
  g_test_add_func ("/core/prices/load/errors", test_load_errors);
  g_test_add_func ("/core/prices/load/error-names-file", test_load_error_names_file);
  g_test_add_func ("/core/prices/slice-append", test_slice_and_append);
  g_test_add_func ("/core/prices/csv/numbers-exact", test_csv_numbers_exact);
  g_test_add_func ("/core/prediction/refcount", test_prediction_refcount);

  return g_test_run ();
}
