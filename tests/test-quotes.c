/* test-quotes.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "sc-error.h"
#include "sc-http.h"
#include "sc-quote-client.h"
#include "sc-quote-server.h"
#include "sc-test-util.h"
#include "sc-tiingo.h"
#include "sc-yahoo.h"

static ScQuoteServer *server;

static ScDay
day (const char *text)
{
  ScDay d = 0;

  g_assert_true (sc_day_parse (text, &d));
  return d;
}

/* --- pure parts ------------------------------------------------------- */

static void
test_yahoo_url (void)
{
  struct { const char *symbol, *path; } cases[] = {
    { "^GSPC", "/v8/finance/chart/%5EGSPC?" },
    { "EURUSD=X", "/v8/finance/chart/EURUSD%3DX?" },
    { "M&M.NS", "/v8/finance/chart/M%26M.NS?" },
    { "BRK-B", "/v8/finance/chart/BRK-B?" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = sc_yahoo_build_url ("https://example.com/", cases[i].symbol, 10, 20);
      g_autofree char *expected = g_strconcat ("https://example.com", cases[i].path,
                                               "period1=10&period2=20&interval=1d&events=div%2Csplits&includeAdjustedClose=true",
                                               NULL);
      g_assert_cmpstr (url, ==, expected);
    }
}

static ScQuotes *
parse (long        status,
       const char *json,
       gint64      period2,
       GError    **error)
{
  return sc_yahoo_parse_chart ("TEST", status, json, strlen (json), period2, error);
}

static void
test_yahoo_parse_values (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScQuotes) quotes = NULL;
  /* 2020-12-07 … 12-11 at 09:30 New York (14:30 UTC); bar 3 is all null,
   * bar 4 has an integer close and a null open, bar 5 is a second bar of
   * 12-10 (its values win, bar 4's fill its gaps), bar 6 is at period2. */
  const char *json =
    "{\"chart\":{\"result\":[{\"meta\":{\"exchangeTimezoneName\":\"America/New_York\",\"gmtoffset\":-18000},"
    "\"timestamp\":[1607351400,1607437800,1607524200,1607610600,1607628600,1607697000],"
    "\"indicators\":{\"quote\":[{\"open\":[1.5,2.5,null,null,9,6],\"high\":[2,3,null,5,9,7],"
    "\"low\":[1,2,null,3,9,5],\"close\":[1.75,2.75,null,4,99,6.5],\"volume\":[100,200,null,400,1,600]}],"
    "\"adjclose\":[{\"adjclose\":[1.7,2.7,null,3.9,99]}]},"
    "\"events\":{\"splits\":{\"1607437800\":{\"date\":1607437800,\"numerator\":2,\"denominator\":1}}}}],"
    "\"error\":null}}";

  quotes = parse (200, json, 1607697000, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (quotes->timezone, ==, "America/New_York");
  g_assert_cmpuint (quotes->series->n_rows, ==, 3);
  g_assert_cmpint (quotes->series->date[0], ==, day ("2020-12-07"));
  g_assert_cmpint (quotes->series->date[1], ==, day ("2020-12-08"));
  g_assert_cmpint (quotes->series->date[2], ==, day ("2020-12-10"));
  g_assert_cmpfloat (quotes->series->close[0], ==, 1.75);
  g_assert_cmpfloat (quotes->series->close[2], ==, 99.0);      /* the later bar's, an integer */
  g_assert_cmpfloat (quotes->series->open[2], ==, 9.0);        /* null in bar 4, 9 in bar 5 */
  g_assert_cmpfloat (quotes->series->adj_close[2], ==, 99.0);
  g_assert_cmpfloat (quotes->series->volume[1], ==, 200);
  g_assert_cmpuint (quotes->dropped, ==, 2);                     /* all-null, period2 */
  g_assert_cmpuint (quotes->merged, ==, 1);
  g_assert_false (quotes->knows_session);
  g_assert_cmpuint (quotes->live->n_rows, ==, 0);
  g_assert_cmpuint (quotes->splits->len, ==, 1);
  g_assert_cmpint (g_array_index (quotes->splits, ScDay, 0), ==, day ("2020-12-08"));
}

static void
test_yahoo_parse_timezones (void)
{
  /* Tokyo opens 09:00 JST = 00:00 UTC; Sydney 10:00 AEDT = 23:00 UTC the
   * day before: the bar's date is the exchange's, not UTC's. */
  const char *tokyo =
    "{\"chart\":{\"result\":[{\"meta\":{\"exchangeTimezoneName\":\"Asia/Tokyo\",\"gmtoffset\":32400},"
    "\"timestamp\":[1607644800],\"indicators\":{\"quote\":[{\"close\":[10]}]}}],\"error\":null}}";
  const char *sydney =
    "{\"chart\":{\"result\":[{\"meta\":{\"exchangeTimezoneName\":\"Australia/Sydney\",\"gmtoffset\":39600},"
    "\"timestamp\":[1607637600],\"indicators\":{\"quote\":[{\"close\":[10]}]}}],\"error\":null}}";
  const char *offset_only =
    "{\"chart\":{\"result\":[{\"meta\":{\"exchangeTimezoneName\":\"Nowhere/Special\",\"gmtoffset\":39600},"
    "\"timestamp\":[1607637600],\"indicators\":{\"quote\":[{\"close\":[10]}]}}],\"error\":null}}";
  g_autoptr(ScQuotes) a = parse (200, tokyo, 0, NULL);
  g_autoptr(ScQuotes) b = parse (200, sydney, 0, NULL);
  g_autoptr(ScQuotes) c = parse (200, offset_only, 0, NULL);

  g_assert_cmpint (a->series->date[0], ==, day ("2020-12-11"));
  g_assert_cmpint (b->series->date[0], ==, day ("2020-12-11"));
  g_assert_cmpint (c->series->date[0], ==, day ("2020-12-11"));
  g_assert_null (c->timezone);
}

static void
test_yahoo_parse_errors (void)
{
  struct { long status; const char *body; int code; } cases[] = {
    { 404, "{\"chart\":{\"result\":null,\"error\":{\"code\":\"Not Found\",\"description\":\"No data found, symbol may be delisted\"}}}", SC_ERROR_DATA },
    { 404, "Not Found", SC_ERROR_DATA },
    { 200, "<!DOCTYPE html><html><body>Will be right back</body></html>", SC_ERROR_NETWORK },
    { 200, "{\"chart\":{\"result\":[{\"meta\":{}", SC_ERROR_NETWORK },
    { 200, "", SC_ERROR_NETWORK },
    { 200, "[1,2,3]", SC_ERROR_NETWORK },
    { 200, "{\"chart\":{\"result\":[{\"timestamp\":[1]}],\"error\":null}}", SC_ERROR_NETWORK },
    { 200, "{\"chart\":{\"result\":[7],\"error\":null}}", SC_ERROR_NETWORK },
    { 502, "Bad gateway", SC_ERROR_NETWORK },
    { 422, "{\"chart\":{\"result\":null,\"error\":{\"code\":\"Unprocessable Entity\",\"description\":\"Invalid\\u0007 range\"}}}", SC_ERROR_NETWORK },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ScQuotes) quotes = parse (cases[i].status, cases[i].body, 0, &error);

      g_assert_null (quotes);
      g_assert_error (error, SC_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, "TEST"));
      g_assert_null (strchr (error->message, '\007'));
      g_assert_null (strchr (error->message, '\n'));
    }
}

static void
test_yahoo_parse_no_data (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScQuotes) a = parse (400, "{\"chart\":{\"result\":null,\"error\":{\"code\":\"Bad Request\","
                                      "\"description\":\"Data doesn't exist for startDate = 1607644800, endDate = 1607731200\"}}}",
                                 0, &error);
  g_autoptr(ScQuotes) b = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (a->series->n_rows, ==, 0);

  b = parse (200, "{\"chart\":{\"result\":[{\"meta\":{\"exchangeTimezoneName\":\"America/New_York\"},"
                  "\"indicators\":{\"quote\":[{}]}}],\"error\":null}}", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (b->series->n_rows, ==, 0);
}

/* --- the corpus of captured answers (tests/fixtures/yahoo) ------------ */

static ScQuotes *
parse_fixture (const char  *name,
               long         status,
               gint64       now,
               GError     **error)
{
  g_autofree char *file = g_strconcat ("yahoo/", name, NULL);
  g_autofree char *path = sc_test_fixture_path (file);
  g_autofree char *data = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  return sc_yahoo_parse_chart ("TEST", status, data, length, now, error);
}

typedef struct
{
  const char *name;
  guint       rows;
  const char *first, *last;
  double      last_close;
  const char *currency;
  const char *timezone;
  guint       dropped, merged, splits;
} CorpusCase;

/* What each captured answer holds, read by hand from the files. */
static const CorpusCase corpus_cases[] = {
  { "AAPL-split-dst.json", 49, "2020-08-31", "2020-11-06", 118.69000244140625, "USD", "America/New_York", 0, 0, 1 },
  { "QQQ-etf.json", 1, "2020-01-02", "2020-01-02", 216.16000366210938, "USD", "America/New_York", 0, 0, 0 },
  { "GSPC-index.json", 10, "2020-03-02", "2020-03-13", 2711.02002, "USD", "America/New_York", 0, 0, 0 },
  { "OCDO.L-london.json", 1, "2020-01-02", "2020-01-02", 1259.5, "GBp", "Europe/London", 0, 0, 0 },
  { "1301.T-tokyo.json", 23, "2024-11-06", "2024-12-06", 4015, "JPY", "Asia/Tokyo", 0, 0, 0 },
  { "0700.HK-hongkong.json", 5, "2026-08-03", "2026-08-07", 478.79998779296875, "HKD", "Asia/Hong_Kong", 0, 0, 0 },
  { "600497.SS-shanghai.json", 8, "2017-11-16", "2017-11-27", 6.510000228881836, "CNY", "Asia/Shanghai", 1, 0, 0 },
  { "2344.TW-same-day.json", 4, "2026-03-23", "2026-03-26", 96.0, "TWD", "Asia/Taipei", 0, 1, 0 },
};

static void
test_yahoo_corpus (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (corpus_cases); i++)
    {
      const CorpusCase *c = &corpus_cases[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(ScQuotes) quotes = parse_fixture (c->name, 200, 0, &error);
      ScPriceSeries *s;

      g_test_message ("%s", c->name);
      g_assert_no_error (error);
      s = quotes->series;
      g_assert_cmpuint (s->n_rows, ==, c->rows);
      g_assert_cmpint (s->date[0], ==, day (c->first));
      g_assert_cmpint (s->date[s->n_rows - 1], ==, day (c->last));
      g_assert_cmpfloat (s->close[s->n_rows - 1], ==, c->last_close);
      g_assert_cmpstr (quotes->currency, ==, c->currency);
      g_assert_cmpstr (quotes->timezone, ==, c->timezone);
      g_assert_cmpuint (quotes->dropped, ==, c->dropped);
      g_assert_cmpuint (quotes->merged, ==, c->merged);
      g_assert_cmpuint (quotes->splits->len, ==, c->splits);
      g_assert_cmpuint (quotes->live->n_rows, ==, 0);
      /* Every date is a weekday of the exchange, whatever the offset to UTC. */
      for (guint r = 0; r < s->n_rows; r++)
        g_assert_cmpint (sc_day_weekday (s->date[r]), <=, 5);
    }
}

static void
test_yahoo_corpus_dst (void)
{
  g_autoptr(ScQuotes) aapl = parse_fixture ("AAPL-split-dst.json", 200, 0, NULL);
  g_autoptr(ScQuotes) gspc = parse_fixture ("GSPC-index.json", 200, 0, NULL);
  ScDay oct30 = day ("2020-10-30"), mar6 = day ("2020-03-06");

  /* New York leaves summer time on 2020-11-01 and enters it on 2020-03-08:
   * the session still opens at 09:30 local, one hour later or earlier in
   * UTC, and no day is skipped or doubled. */
  for (guint r = 0; r + 1 < aapl->series->n_rows; r++)
    if (aapl->series->date[r] == oct30)
      g_assert_cmpint (aapl->series->date[r + 1], ==, day ("2020-11-02"));
  for (guint r = 0; r + 1 < gspc->series->n_rows; r++)
    if (gspc->series->date[r] == mar6)
      g_assert_cmpint (gspc->series->date[r + 1], ==, day ("2020-03-09"));
  /* The 4:1 split of 2020-08-31 is dated on its session. */
  g_assert_cmpint (g_array_index (aapl->splits, ScDay, 0), ==, day ("2020-08-31"));
  g_assert_cmpstr (aapl->exchange, ==, "NMS");
}

static void
test_yahoo_corpus_same_day (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScQuotes) closed = parse_fixture ("2344.TW-same-day.json", 200, 0, &error);
  g_autoptr(ScQuotes) live = NULL;
  g_autoptr(ScQuotes) late = NULL;
  ScPriceSeries *s;

  /* 09:00 bar: open 94.6, no close; 13:30:01 bar: close 96.0, no open. */
  g_assert_no_error (error);
  s = closed->series;
  g_assert_cmpint (s->date[3], ==, day ("2026-03-26"));
  g_assert_cmpfloat (s->close[3], ==, 96.0);
  g_assert_cmpfloat (s->open[3], ==, 94.6);
  g_assert_cmpfloat (s->high[3], ==, 96.5);
  g_assert_cmpfloat (s->volume[3], ==, 61480000);
  g_assert_cmpfloat (s->adj_close[3], ==, 96.0);
  g_assert_true (closed->knows_session);

  /* Made at 11:02 during the session: 03-26 is live, not final, however
   * the request's time is given. */
  live = parse_fixture ("2344.TW-live.json", 200, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (live->series->n_rows, ==, 3);
  g_assert_cmpint (live->series->date[2], ==, day ("2026-03-25"));
  g_assert_cmpuint (live->live->n_rows, ==, 1);
  g_assert_cmpint (live->live->date[0], ==, day ("2026-03-26"));
  g_assert_cmpfloat (live->live->close[0], ==, 95.5);
  g_assert_cmpint (live->live_time, ==, 1774494120);
  g_clear_pointer (&live, sc_quotes_free);
  live = parse_fixture ("2344.TW-live.json", 200, 1774494300, &error);
  g_assert_cmpuint (live->live->n_rows, ==, 1);

  /* The same answer replayed long after the close (a stale copy): the
   * session is over by the clock, so its bar is final. */
  late = parse_fixture ("2344.TW-live.json", 200, 1774504800 + 3600, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (late->series->n_rows, ==, 4);
  g_assert_cmpuint (late->live->n_rows, ==, 0);
}

static void
test_yahoo_corpus_errors (void)
{
  struct { const char *name; long status; int code; const char *words; } cases[] = {
    { "delisted-404.json", 404, SC_ERROR_DATA, "knows no ticker" },
    { "429-edge-429.txt", 429, SC_ERROR_NETWORK, "HTTP 429" },
    { "429-page-429.html", 429, SC_ERROR_NETWORK, "HTTP 429" },
    { "429-page-429.html", 200, SC_ERROR_NETWORK, "web page" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ScQuotes) quotes = parse_fixture (cases[i].name, cases[i].status, 0, &error);

      g_assert_null (quotes);
      g_assert_error (error, SC_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].words));
    }
}

static void
test_tiingo_parse (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScQuotes) quotes = NULL;
  /* A 4:1 split on 2020-08-31: earlier bars are divided by 4. */
  const char *json =
    "[{\"date\":\"2020-08-27T00:00:00.000Z\",\"open\":500,\"high\":510,\"low\":490,\"close\":500.0,\"volume\":100,\"adjClose\":124,\"splitFactor\":1.0},"
    " {\"date\":\"2020-08-28T00:00:00.000Z\",\"open\":504,\"high\":508,\"low\":496,\"close\":499.2,\"volume\":100,\"adjClose\":124.5,\"splitFactor\":1.0},"
    " {\"date\":\"2020-08-31T00:00:00.000Z\",\"open\":127,\"high\":131,\"low\":126,\"close\":129.04,\"volume\":400,\"adjClose\":128.8,\"splitFactor\":4.0},"
    " {\"date\":\"bogus\"}]";
  g_autofree char *url = sc_tiingo_build_url ("https://api.tiingo.com/", "BRK-B", day ("2020-01-02"), day ("2020-02-03"));

  g_assert_cmpstr (url, ==, "https://api.tiingo.com/tiingo/daily/brk-b/prices?startDate=2020-01-02&endDate=2020-02-03&format=json");

  quotes = sc_tiingo_parse ("AAPL", 200, json, strlen (json), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (quotes->series->n_rows, ==, 3);
  g_assert_cmpfloat_with_epsilon (quotes->series->close[1], 124.8, 1e-9);
  g_assert_cmpfloat_with_epsilon (quotes->series->volume[1], 400, 1e-9);
  g_assert_cmpfloat (quotes->series->close[2], ==, 129.04);
  g_assert_cmpfloat (quotes->series->adj_close[0], ==, 124);
  g_assert_cmpuint (quotes->splits->len, ==, 1);
  g_assert_cmpuint (quotes->dropped, ==, 1);

  g_clear_pointer (&quotes, sc_quotes_free);
  quotes = sc_tiingo_parse ("AAPL", 401, "{\"detail\":\"Invalid token.\"}", 27, &error);
  g_assert_null (quotes);
  g_assert_error (error, SC_ERROR, SC_ERROR_AUTH);
  g_clear_error (&error);
  quotes = sc_tiingo_parse ("NOPE", 404, "{}", 2, &error);
  g_assert_error (error, SC_ERROR, SC_ERROR_DATA);
  g_clear_error (&error);
  quotes = sc_tiingo_parse ("AAPL", 200, "{\"detail\":\"x\"}", 14, &error);
  g_assert_error (error, SC_ERROR, SC_ERROR_NETWORK);
}

static void
test_retry_after (void)
{
  g_assert_cmpint (sc_http_parse_retry_after ("5", 0), ==, 5);
  g_assert_cmpint (sc_http_parse_retry_after ("0", 0), ==, 0);
  g_assert_cmpint (sc_http_parse_retry_after ("Wed, 21 Oct 2015 07:28:00 GMT", 1445412470), ==, 10);
  g_assert_cmpint (sc_http_parse_retry_after ("Wed, 21 Oct 2015 07:28:00 GMT", 1445412490), ==, 0);
  g_assert_cmpint (sc_http_parse_retry_after ("soon", 0), ==, -1);
  g_assert_cmpint (sc_http_parse_retry_after ("", 0), ==, -1);
  g_assert_cmpint (sc_http_parse_retry_after (NULL, 0), ==, -1);
}

static void
test_last_session (void)
{
  /* 2026-11-25 is a Wednesday. */
  gint64 wed_noon_ny = 1795626000;    /* 2026-11-25 17:00 UTC = 12:00 New York */
  gint64 wed_evening_ny = 1795647600; /* 23:00 UTC = 18:00 New York */
  gint64 sun = 1795370400;            /* 2026-11-22, a Sunday, 18:00 UTC */

  g_assert_cmpint (sc_quotes_last_completed_session (NULL, wed_noon_ny), ==, day ("2026-11-24"));
  g_assert_cmpint (sc_quotes_last_completed_session ("America/New_York", wed_evening_ny), ==, day ("2026-11-25"));
  g_assert_cmpint (sc_quotes_last_completed_session (NULL, sun), ==, day ("2026-11-20"));
  /* Already the 26th in Tokyo at 17:00 UTC on the 25th: 02:00 JST, before the close. */
  g_assert_cmpint (sc_quotes_last_completed_session ("Asia/Tokyo", wed_noon_ny), ==, day ("2026-11-25"));
}

/* --- against the fixture server --------------------------------------- */

static ScQuoteClient *
client_for (const char *scenario)
{
  g_autofree char *url = sc_quote_server_get_url (server, scenario);
  ScQuoteClient *client;

  g_setenv ("STOCKCAST_QUOTES_URL", url, TRUE);
  g_setenv ("STOCKCAST_TIINGO_URL", url, TRUE);
  client = sc_quote_client_new ();
  sc_quote_client_set_retries (client, 3, 50);
  sc_quote_client_set_timeouts (client, 5, 10);
  return client;
}

static guint
csv_rows (const char *name,
          const char *from)
{
  g_autofree char *path = sc_test_fixture_path (name);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    if (*lines[i] != '\0' && strcmp (lines[i], from) >= 0)
      n++;

  return n;
}

static ScQuotes *
fetch (const char  *scenario,
       const char  *symbol,
       const char  *first,
       GError     **error)
{
  g_autoptr(ScQuoteClient) client = client_for (scenario);

  return sc_quote_client_fetch (client, SC_QUOTE_SOURCE_YAHOO, symbol,
                                first ? day (first) : G_MININT32, NULL, NULL, NULL, error);
}

static void
test_fetch_ok (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScQuotes) quotes = fetch ("ok", "KO", NULL, &error);
  g_autoptr(GPtrArray) requests = sc_quote_server_get_requests (server, "ok");
  JsonObject *request;

  g_assert_no_error (error);
  g_assert_cmpuint (quotes->series->n_rows, ==, csv_rows ("quotes/KO.csv", ""));
  g_assert_cmpint (quotes->series->date[0], ==, day ("2019-07-01"));
  g_assert_cmpint (quotes->series->date[quotes->series->n_rows - 1], ==, day ("2020-12-11"));
  g_assert_cmpfloat (quotes->series->close[quotes->series->n_rows - 1], ==, 53.349998);
  g_assert_cmpfloat (quotes->series->adj_close[quotes->series->n_rows - 1], ==, 53.349998);
  g_assert_cmpfloat (quotes->series->volume[quotes->series->n_rows - 1], ==, 10636700);

  g_assert_cmpuint (requests->len, ==, 1);
  request = g_ptr_array_index (requests, 0);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (request, "user_agent"), "Mozilla/5.0"));
  g_assert_nonnull (strstr (json_object_get_string_member (request, "accept_encoding"), "gzip"));
  g_assert_nonnull (strstr (json_object_get_string_member (request, "accept"), "application/json"));
  g_assert_cmpstr (json_object_get_string_member (request, "symbol"), ==, "KO");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (request, "query"), "period1"),
                   ==, "-2208994789");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (request, "query"), "interval"),
                   ==, "1d");
}

static void
test_fetch_escaped_symbol (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScQuotes) quotes = fetch ("escaped", "^GSPC", NULL, &error);
  g_autoptr(GPtrArray) requests = sc_quote_server_get_requests (server, "escaped");

  g_assert_no_error (error);
  g_assert_cmpuint (quotes->series->n_rows, ==, csv_rows ("quotes/GSPC.csv", ""));
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (requests, 0), "symbol"), ==, "^GSPC");
}

static void
test_fetch_range (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScQuotes) quotes = fetch ("range", "KO", "2020-12-01", &error);

  g_assert_no_error (error);
  /* period1 starts a day early; bars from 2020-11-30 on. */
  g_assert_cmpuint (quotes->series->n_rows, ==, csv_rows ("quotes/KO.csv", "2020-11-30"));
}

static void
test_fetch_retries (void)
{
  struct { const char *scenario; guint requests; double min_seconds; } cases[] = {
    { "t429/429", 2, 0.0 },
    { "t429ra/429ra", 2, 0.9 },
    { "t500/500x2", 3, 0.0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ScQuotes) quotes = NULL;
      g_autoptr(GPtrArray) requests = NULL;
      gint64 start = g_get_monotonic_time ();

      quotes = fetch (cases[i].scenario, "KO", NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (quotes->series->n_rows, ==, csv_rows ("quotes/KO.csv", ""));
      g_assert_cmpfloat ((g_get_monotonic_time () - start) / 1e6, >=, cases[i].min_seconds);
      requests = sc_quote_server_get_requests (server, cases[i].scenario);
      g_assert_cmpuint (requests->len, ==, cases[i].requests);
      if (g_str_has_prefix (cases[i].scenario, "t429"))
        g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (requests, 0), "user_agent"), !=,
                         json_object_get_string_member (g_ptr_array_index (requests, 1), "user_agent"));
    }
}

static void
test_fetch_faults (void)
{
  struct { const char *scenario; int code; const char *words; guint requests; } cases[] = {
    { "f404/404", SC_ERROR_DATA, "KO", 1 },
    { "fhtml/html", SC_ERROR_NETWORK, "web page", 1 },
    { "ftrunc/truncated", SC_ERROR_NETWORK, "unreadable", 1 },
    { "f429/429always", SC_ERROR_NETWORK, "rate limiting", 4 },
    { "f500/500always", SC_ERROR_NETWORK, "unavailable", 4 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ScQuotes) quotes = fetch (cases[i].scenario, "KO", NULL, &error);
      g_autoptr(GPtrArray) requests = sc_quote_server_get_requests (server, cases[i].scenario);

      g_assert_null (quotes);
      g_assert_error (error, SC_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].words));
      g_assert_true (g_str_has_suffix (error->message, "."));
      g_assert_cmpuint (requests->len, ==, cases[i].requests);
    }
}

static void
test_fetch_unknown_symbol (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScQuotes) quotes = fetch ("unknown", "NOSUCH", NULL, &error);

  g_assert_null (quotes);
  g_assert_error (error, SC_ERROR, SC_ERROR_DATA);
  g_assert_nonnull (strstr (error->message, "NOSUCH"));
}

static void
test_fetch_invalid_symbol (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScQuotes) quotes = fetch ("invalid", "../../etc/passwd", NULL, &error);
  g_autoptr(GPtrArray) requests = sc_quote_server_get_requests (server, "invalid");

  g_assert_null (quotes);
  g_assert_error (error, SC_ERROR, SC_ERROR_DATA);
  g_assert_cmpuint (requests->len, ==, 0);
}

static void
test_fetch_no_data (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScQuotes) a = fetch ("n400/400", "KO", "2020-12-20", &error);
  g_autoptr(ScQuotes) b = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (a->series->n_rows, ==, 0);
  b = fetch ("nempty/empty", "KO", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (b->series->n_rows, ==, 0);
}

static void
test_fetch_odd_answers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScQuotes) nulls = fetch ("onull/nulls", "KO", NULL, &error);
  g_autoptr(ScQuotes) ints = NULL;
  g_autoptr(ScQuotes) live = NULL;
  g_autoptr(ScQuotes) after = NULL;
  g_autoptr(ScQuotes) noadj = NULL;
  guint n = csv_rows ("quotes/KO.csv", "");

  g_assert_no_error (error);
  /* The bar without a close and the all-null bar are gone. */
  g_assert_cmpuint (nulls->series->n_rows, ==, n - 2);
  g_assert_cmpuint (nulls->dropped, ==, 1);
  g_assert_cmpuint (nulls->series->dropped_missing_close, ==, 1);
  g_assert_true (isnan (nulls->series->open[1]));
  g_assert_true (isnan (nulls->series->volume[2]));

  ints = fetch ("oint/int", "KO", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ints->series->n_rows, ==, n);
  g_assert_cmpfloat (ints->series->close[n - 1], ==, 53.0);

  /* Asked at 14:35 New York time on 2020-12-11, during the session: the
   * day's two bars are one live bar, not a final one. */
  {
    g_autoptr(ScQuoteClient) client = client_for ("olive/live");

    sc_quote_client_set_now (client, 1607715300);
    live = sc_quote_client_fetch (client, SC_QUOTE_SOURCE_YAHOO, "KO", G_MININT32,
                                  NULL, NULL, NULL, &error);
  }
  g_assert_no_error (error);
  g_assert_true (live->knows_session);
  g_assert_cmpuint (live->series->n_rows, ==, n - 1);
  g_assert_cmpint (live->series->date[n - 2], ==, day ("2020-12-10"));
  g_assert_cmpuint (live->live->n_rows, ==, 1);
  g_assert_cmpint (live->live->date[0], ==, day ("2020-12-11"));
  g_assert_cmpfloat_with_epsilon (live->live->close[0], 53.349998 * 1.5, 1e-6);
  g_assert_cmpint (live->live_time, ==, 1607715000);

  after = fetch ("oafter/after", "KO", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->series->n_rows, ==, n);
  g_assert_cmpint (after->series->date[n - 1], ==, day ("2020-12-11"));

  noadj = fetch ("onoadj/noadj", "KO", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (noadj->series->n_rows, ==, n);
  g_assert_true (isnan (noadj->series->adj_close[0]));
}

static void
test_fetch_timeout (void)
{
  g_autoptr(ScQuoteClient) client = client_for ("slow/slow4");
  g_autoptr(GError) error = NULL;
  g_autoptr(ScQuotes) quotes = NULL;
  gint64 start = g_get_monotonic_time ();

  sc_quote_client_set_timeouts (client, 1, 1);
  quotes = sc_quote_client_fetch (client, SC_QUOTE_SOURCE_YAHOO, "KO", G_MININT32, NULL, NULL, NULL, &error);
  g_assert_null (quotes);
  g_assert_error (error, SC_ERROR, SC_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "in time"));
  g_assert_cmpfloat ((g_get_monotonic_time () - start) / 1e6, <, 3.0);
}

static void
test_fetch_unreachable (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScQuoteClient) client = NULL;
  g_autoptr(ScQuotes) quotes = NULL;

  g_setenv ("STOCKCAST_QUOTES_URL", "http://127.0.0.1:9/", TRUE);
  client = sc_quote_client_new ();
  sc_quote_client_set_retries (client, 1, 10);
  quotes = sc_quote_client_fetch (client, SC_QUOTE_SOURCE_YAHOO, "KO", G_MININT32, NULL, NULL, NULL, &error);
  g_assert_null (quotes);
  g_assert_error (error, SC_ERROR, SC_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "Cannot reach Yahoo Finance"));
}

/* Cancels once the request is under way (its first progress report, on
 * this thread): the event, not a delay. */
static void
cancel_on_progress (goffset  received,
                    goffset  total,
                    gpointer data)
{
  g_cancellable_cancel (data);
}

static void
on_fetched (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
on_progress (goffset  received,
             goffset  total,
             gpointer user_data)
{
  goffset *last = user_data;

  g_assert_cmpint (received, >=, *last);
  *last = received;
}

static void
test_fetch_async (void)
{
  g_autoptr(ScQuoteClient) client = client_for ("async");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScQuotes) quotes = NULL;
  goffset received = 0;

  sc_quote_client_fetch_async (client, SC_QUOTE_SOURCE_YAHOO, "MSFT", G_MININT32, NULL,
                               on_progress, &received, on_fetched, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  quotes = sc_quote_client_fetch_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (quotes->series->n_rows, ==, 2518);
  g_assert_cmpint (received, >, 1000);
}

static void
test_fetch_cancel (void)
{
  g_autoptr(ScQuoteClient) client = client_for ("cancel/slow5");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScQuotes) quotes = NULL;

  /* The server waits 5 s before it answers: only the cancellation ends the
   * request before that. */
  sc_quote_client_fetch_async (client, SC_QUOTE_SOURCE_YAHOO, "KO", G_MININT32, cancellable,
                               cancel_on_progress, cancellable, on_fetched, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  quotes = sc_quote_client_fetch_finish (client, result, &error);
  g_assert_null (quotes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_tiingo_fetch (void)
{
  g_autoptr(ScQuoteClient) client = client_for ("tiingo");
  g_autoptr(GError) error = NULL;
  g_autoptr(ScQuotes) quotes = NULL;
  g_autoptr(GPtrArray) requests = NULL;

  quotes = sc_quote_client_fetch (client, SC_QUOTE_SOURCE_TIINGO, "KO", G_MININT32, NULL, NULL, NULL, &error);
  g_assert_null (quotes);
  g_assert_error (error, SC_ERROR, SC_ERROR_NETWORK);   /* no key */
  g_clear_error (&error);

  sc_quote_client_set_tiingo_token (client, "wrong");
  quotes = sc_quote_client_fetch (client, SC_QUOTE_SOURCE_TIINGO, "KO", G_MININT32, NULL, NULL, NULL, &error);
  g_assert_error (error, SC_ERROR, SC_ERROR_AUTH);
  g_clear_error (&error);

  sc_quote_client_set_tiingo_token (client, "fixture-token");
  quotes = sc_quote_client_fetch (client, SC_QUOTE_SOURCE_TIINGO, "KO", day ("2020-12-01"), NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (quotes->source, ==, "tiingo");
  g_assert_cmpuint (quotes->series->n_rows, ==, csv_rows ("quotes/KO.csv", "2020-12-01"));

  requests = sc_quote_server_get_requests (server, "tiingo");
  g_assert_cmpuint (requests->len, ==, 2);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (requests, 1), "authorization"), ==,
                   "Token fixture-token");
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (requests, 1), "symbol"), ==, "ko");
}

static void
test_http_size_cap (void)
{
  g_autofree char *base = sc_quote_server_get_url (server, "cap");
  g_autofree char *url = sc_yahoo_build_url (base, "KO", SC_YAHOO_PERIOD_ALL, 1900000000);
  g_autoptr(ScHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  ScHttpRequest request = { 0 };

  request.url = url;
  request.service_name = "Fixture";
  request.max_size = 4096;   /* the KO answer is about 40 kB unpacked */
  response = sc_http_get (&request, &error);
  g_assert_null (response);
  g_assert_error (error, SC_ERROR, SC_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "larger than 4.0"));
  g_assert_nonnull (strstr (error->message, "KiB."));

  g_clear_error (&error);
  request.max_size = 0;
  response = sc_http_get (&request, &error);
  g_assert_no_error (error);
  g_assert_cmpint (response->status, ==, 200);
  g_assert_cmpuint (response->attempts, ==, 1);
  g_assert_cmpuint (g_bytes_get_size (response->body), >, 4096);
}

static void
test_fetch_second_host (void)
{
  g_autofree char *down = sc_quote_server_get_url (server, "host1/500always");
  g_autofree char *up = sc_quote_server_get_url (server, "host2");
  g_autofree char *both = g_strdup_printf ("%s %s", down, up);
  g_autoptr(ScQuoteClient) client = NULL;
  g_autoptr(ScQuotes) quotes = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GError) error = NULL;

  g_setenv ("STOCKCAST_QUOTES_URL", both, TRUE);
  client = sc_quote_client_new ();
  sc_quote_client_set_retries (client, 1, 10);
  quotes = sc_quote_client_fetch (client, SC_QUOTE_SOURCE_YAHOO, "KO", G_MININT32, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (quotes->series->n_rows, ==, csv_rows ("quotes/KO.csv", ""));
  first = sc_quote_server_get_requests (server, "host1/500always");
  second = sc_quote_server_get_requests (server, "host2");
  g_assert_cmpuint (first->len, ==, 2);
  g_assert_cmpuint (second->len, ==, 1);
}

/* A deterministic little fuzzer over the seed corpus of
 * tests/fuzz/run-fuzz-quotes.sh, so every CI run checks the readers on
 * broken input too: nothing may crash, warn or report outside SC_ERROR. */
static void
test_parse_mutations (void)
{
  g_autofree char *dir = g_build_filename (SOURCE_ROOT, "tests", "fuzz", "corpus-quotes", NULL);
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261125);
  const char *tokens[] = { "null", "[", "]", "{", "}", "\"", ",", ":", "1e308", "-0", "\"\\u0000\"", "[[[[" };
  const char *name;
  guint n_files = 0;

  g_assert_nonnull (folder);
  while ((name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *seed = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (path, &seed, &length, NULL));
      n_files++;

      for (guint round = 0; round < 400; round++)
        {
          g_autoptr(GByteArray) data = g_byte_array_new ();
          g_autoptr(GError) error = NULL;
          g_autoptr(ScQuotes) quotes = NULL;
          guint at;

          g_byte_array_append (data, (const guint8 *) seed, length);
          at = length > 1 ? g_rand_int_range (rand, 1, length) : 0;
          switch (round % 4)
            {
            case 0:
              g_byte_array_set_size (data, at);
              break;
            case 1:
              if (at < data->len)
                data->data[at] = (guint8) g_rand_int_range (rand, 0, 256);
              break;
            case 2:
              {
                const char *token = tokens[g_rand_int_range (rand, 0, G_N_ELEMENTS (tokens))];
                g_array_insert_vals ((GArray *) data, at, token, strlen (token));
              }
              break;
            default:
              {
                guint cut = (guint) g_rand_int_range (rand, 1, 20);

                if (at < data->len)
                  g_byte_array_remove_range (data, at, MIN (data->len - at, cut));
              }
              break;
            }
          if (data->len == 0)
            continue;

          if (data->data[0] & 1)
            quotes = sc_tiingo_parse ("FUZZ", 200, (const char *) data->data + 1, data->len - 1, &error);
          else
            quotes = sc_yahoo_parse_chart ("FUZZ", data->data[0] == 0x0a ? 404 : 200,
                                           (const char *) data->data + 1, data->len - 1, 1700000000, &error);
          if (quotes == NULL)
            g_assert_true (error != NULL && error->domain == SC_ERROR);
          else
            for (guint i = 1; i < quotes->series->n_rows; i++)
              g_assert_cmpint (quotes->series->date[i], >, quotes->series->date[i - 1]);
        }
    }

  g_assert_cmpuint (n_files, >=, 5);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  sc_test_init (&argc, &argv);

  g_test_add_func ("/net/yahoo/url", test_yahoo_url);
  g_test_add_func ("/net/yahoo/parse/values", test_yahoo_parse_values);
  g_test_add_func ("/net/yahoo/parse/timezones", test_yahoo_parse_timezones);
  g_test_add_func ("/net/yahoo/parse/errors", test_yahoo_parse_errors);
  g_test_add_func ("/net/yahoo/parse/no-data", test_yahoo_parse_no_data);
  g_test_add_func ("/net/yahoo/corpus/rows", test_yahoo_corpus);
  g_test_add_func ("/net/yahoo/corpus/dst-split", test_yahoo_corpus_dst);
  g_test_add_func ("/net/yahoo/corpus/same-day-live", test_yahoo_corpus_same_day);
  g_test_add_func ("/net/yahoo/corpus/errors", test_yahoo_corpus_errors);
  g_test_add_func ("/net/tiingo/parse", test_tiingo_parse);
  g_test_add_func ("/net/parse/mutations", test_parse_mutations);
  g_test_add_func ("/net/http/retry-after", test_retry_after);
  g_test_add_func ("/net/last-session", test_last_session);
  g_test_add_func ("/net/fetch/ok", test_fetch_ok);
  g_test_add_func ("/net/fetch/escaped-symbol", test_fetch_escaped_symbol);
  g_test_add_func ("/net/fetch/range", test_fetch_range);
  g_test_add_func ("/net/fetch/retries", test_fetch_retries);
  g_test_add_func ("/net/fetch/faults", test_fetch_faults);
  g_test_add_func ("/net/fetch/unknown-symbol", test_fetch_unknown_symbol);
  g_test_add_func ("/net/fetch/invalid-symbol", test_fetch_invalid_symbol);
  g_test_add_func ("/net/fetch/no-data", test_fetch_no_data);
  g_test_add_func ("/net/fetch/odd-answers", test_fetch_odd_answers);
  g_test_add_func ("/net/fetch/timeout", test_fetch_timeout);
  g_test_add_func ("/net/fetch/unreachable", test_fetch_unreachable);
  g_test_add_func ("/net/fetch/async-progress", test_fetch_async);
  g_test_add_func ("/net/fetch/cancel", test_fetch_cancel);
  g_test_add_func ("/net/tiingo/fetch", test_tiingo_fetch);
  g_test_add_func ("/net/http/size-cap", test_http_size_cap);
  g_test_add_func ("/net/fetch/second-host", test_fetch_second_host);

  server = sc_quote_server_start ();
  status = g_test_run ();
  sc_quote_server_stop (server);

  return status;
}
