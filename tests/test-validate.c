/* test-validate.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "sc-accounts.h"
#include "sc-error.h"
#include "sc-results.h"
#include "sc-test-util.h"
#include "sc-validate.h"
#if HAVE_SYNC_TEST_SERVER
#include "sc-sync-test-server.h"
#endif

/* One table of good and bad values per field. It runs against the shared
 * rules (src/domain), through the client's entry points (the store's save
 * path, the result JSON codec, account registration) and through the sync
 * server's (POST /accounts, PUT /results), so the two sides cannot drift.
 * A second table does the same for whole results (result_cases). */

typedef enum
{
  FIELD_TICKER,
  FIELD_USERNAME,
  FIELD_EMAIL,
  FIELD_PASSWORD,
  FIELD_MODEL_ID,
} Field;

typedef struct
{
  Field       field;
  const char *value;      /* NULL: missing; PASSWORD_MAX / PASSWORD_OVER below */
  gboolean    valid;
  const char *message;    /* the sentence the shared rule gives, if checked */
} Case;

#define EMAIL_INVALID "Enter an email address like name@example.org."
#define PASSWORD_MAX  "\001max"
#define PASSWORD_OVER "\001over"

static const Case cases[] = {
  { FIELD_TICKER, "MSFT", TRUE, NULL },
  { FIELD_TICKER, "msft", TRUE, NULL },
  { FIELD_TICKER, "^GSPC", TRUE, NULL },
  { FIELD_TICKER, "EURUSD=X", TRUE, NULL },
  { FIELD_TICKER, "BRK-B", TRUE, NULL },
  { FIELD_TICKER, "0700.HK", TRUE, NULL },
  { FIELD_TICKER, "M&M.NS", TRUE, NULL },
  { FIELD_TICKER, "AT&T", TRUE, NULL },
  { FIELD_TICKER, "a_b", TRUE, NULL },
  { FIELD_TICKER, "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345", TRUE, NULL },          /* 32 */
  { FIELD_TICKER, "", FALSE, "The ticker is empty." },
  { FIELD_TICKER, NULL, FALSE, "The ticker is empty." },
  { FIELD_TICKER, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456", FALSE,
    "“ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456” is not a valid ticker: use up to 32 letters, digits and ^ = . & _ -." },
  { FIELD_TICKER, "A/B", FALSE, "“A/B” is not a valid ticker: use up to 32 letters, digits and ^ = . & _ -." },
  { FIELD_TICKER, "A B", FALSE, NULL },
  { FIELD_TICKER, "../etc", FALSE, NULL },
  { FIELD_TICKER, "MSFT\n", FALSE, NULL },
  { FIELD_TICKER, "Ä", FALSE, NULL },
  { FIELD_TICKER, "A?B", FALSE, NULL },
  { FIELD_TICKER, "A%2F", FALSE, NULL },
  { FIELD_TICKER, "M$FT", FALSE, NULL },
  { FIELD_TICKER, "X';DROP/**/TABLE/**/results;--", FALSE, NULL },

  { FIELD_USERNAME, "a", TRUE, NULL },
  { FIELD_USERNAME, "Zoë Smith", TRUE, NULL },
  { FIELD_USERNAME, "abcdefghijklmnopqrstuvwxyz012345", TRUE, NULL },          /* 32 */
  { FIELD_USERNAME, "ééééééééééééééééééééééééééééééé黑", TRUE, NULL },         /* 32 chars, more bytes */
  { FIELD_USERNAME, "Robert'); DROP TABLE users;--", TRUE, NULL },
  { FIELD_USERNAME, "", FALSE, "Choose a username." },
  { FIELD_USERNAME, NULL, FALSE, "Choose a username." },
  /* The server allowed 64 until the rules were shared. */
  { FIELD_USERNAME, "abcdefghijklmnopqrstuvwxyz0123456", FALSE, "A username can have at most 32 characters." },
  { FIELD_USERNAME, "a\tb", FALSE, "A username cannot contain control characters." },
  { FIELD_USERNAME, "a\nb", FALSE, "A username cannot contain control characters." },
  { FIELD_USERNAME, "a\x7f", FALSE, "A username cannot contain control characters." },
  { FIELD_USERNAME, " alice", FALSE, "A username cannot start or end with a space." },
  { FIELD_USERNAME, "alice ", FALSE, "A username cannot start or end with a space." },
  { FIELD_USERNAME, "alice\u00a0", FALSE, "A username cannot start or end with a space." },
  { FIELD_USERNAME, "al\xffice", FALSE, "A username must be valid UTF-8 text." },

  { FIELD_EMAIL, "a@b.co", TRUE, NULL },
  { FIELD_EMAIL, "first.last+tag@sub.example.org", TRUE, NULL },
  { FIELD_EMAIL, "ZOE@Example.ORG", TRUE, NULL },
  { FIELD_EMAIL, "o'hara@example.ie", TRUE, NULL },
  { FIELD_EMAIL, "user@bücher.de", TRUE, NULL },
  { FIELD_EMAIL, "", FALSE, "Enter an email address." },
  { FIELD_EMAIL, NULL, FALSE, "Enter an email address." },
  /* The server took anything with an "@" until the rules were shared. */
  { FIELD_EMAIL, "plain", FALSE, EMAIL_INVALID },
  { FIELD_EMAIL, "@example.org", FALSE, EMAIL_INVALID },
  { FIELD_EMAIL, "a@b", FALSE, EMAIL_INVALID },
  { FIELD_EMAIL, "a@b.c", FALSE, EMAIL_INVALID },
  { FIELD_EMAIL, "a@@b.org", FALSE, EMAIL_INVALID },
  { FIELD_EMAIL, "a@b@c.org", FALSE, EMAIL_INVALID },
  { FIELD_EMAIL, "a b@c.org", FALSE, EMAIL_INVALID },
  { FIELD_EMAIL, "a@-b.org", FALSE, EMAIL_INVALID },
  { FIELD_EMAIL, "a@b-.org", FALSE, EMAIL_INVALID },
  { FIELD_EMAIL, "a@b..org", FALSE, EMAIL_INVALID },
  { FIELD_EMAIL, "a@b.org.", FALSE, EMAIL_INVALID },
  { FIELD_EMAIL, "a@b.c0m", FALSE, EMAIL_INVALID },
  { FIELD_EMAIL, ".a@b.org", FALSE, EMAIL_INVALID },
  { FIELD_EMAIL, "a.@b.org", FALSE, EMAIL_INVALID },
  { FIELD_EMAIL, "a..b@c.org", FALSE, EMAIL_INVALID },
  { FIELD_EMAIL, "a@b_c.org", FALSE, EMAIL_INVALID },
  { FIELD_EMAIL, "x'; DROP TABLE users; --@x.org", FALSE, EMAIL_INVALID },
  { FIELD_EMAIL, "a\n@b.org", FALSE, EMAIL_INVALID },

  { FIELD_PASSWORD, "12345678", TRUE, NULL },
  { FIELD_PASSWORD, "éééééééé", TRUE, NULL },                 /* 8 characters */
  { FIELD_PASSWORD, "a long passphrase with spaces", TRUE, NULL },
  { FIELD_PASSWORD, PASSWORD_MAX, TRUE, NULL },
  { FIELD_PASSWORD, "", FALSE, "Enter a password." },
  { FIELD_PASSWORD, "1234567", FALSE, "A password needs at least 8 characters." },
  { FIELD_PASSWORD, "éééé", FALSE, "A password needs at least 8 characters." },  /* 8 bytes */
  { FIELD_PASSWORD, PASSWORD_OVER, FALSE, "A password can be at most 1024 bytes long." },
  { FIELD_PASSWORD, "abcdefgh\xff", FALSE, "A password must be valid UTF-8 text." },

  { FIELD_MODEL_ID, "linear-regression", TRUE, NULL },
  { FIELD_MODEL_ID, "mlp", TRUE, NULL },
  { FIELD_MODEL_ID, "m", TRUE, NULL },
  { FIELD_MODEL_ID, "ridge_v2.1", TRUE, NULL },
  { FIELD_MODEL_ID, "abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz01", TRUE, NULL }, /* 64 */
  { FIELD_MODEL_ID, "", FALSE, "A model id has 1 to 64 letters, digits, “-”, “_” or “.”." },
  { FIELD_MODEL_ID, NULL, FALSE, NULL },
  /* The server allowed 128 bytes until the rules were shared. */
  { FIELD_MODEL_ID, "abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz012", FALSE, NULL },
  { FIELD_MODEL_ID, "linear regression", FALSE, NULL },
  { FIELD_MODEL_ID, "mlp/../../etc", FALSE, NULL },
  { FIELD_MODEL_ID, "modèle", FALSE, NULL },
  { FIELD_MODEL_ID, "m\n", FALSE, NULL },
};

static const char *field_names[] = { "ticker", "username", "email", "password", "model id" };

/* The value a case stands for; the long passwords are built. */
static char *
case_value (const Case *c)
{
  if (g_strcmp0 (c->value, PASSWORD_MAX) == 0)
    return g_strnfill (SC_PASSWORD_MAX_BYTES, 'x');
  if (g_strcmp0 (c->value, PASSWORD_OVER) == 0)
    return g_strnfill (SC_PASSWORD_MAX_BYTES + 1, 'x');
  return g_strdup (c->value);
}

/* For the TAP log: one line, even for "a\nb". */
static const char *
shown (const char *value)
{
  static char *last;

  g_clear_pointer (&last, g_free);
  last = value == NULL ? g_strdup ("(null)") : g_strescape (value, NULL);
  return last;
}

static gboolean
check (Field        field,
       const char  *value,
       GError     **error)
{
  switch (field)
    {
    case FIELD_TICKER:
      return sc_validate_ticker (value, error);
    case FIELD_USERNAME:
      return sc_validate_username (value, error);
    case FIELD_EMAIL:
      return sc_validate_email (value, error);
    case FIELD_PASSWORD:
      return sc_validate_password (value, error);
    case FIELD_MODEL_ID:
      return sc_validate_model_id (value, error);
    default:
      g_assert_not_reached ();
    }
}

/* --- the shared rules --------------------------------------------------- */

static void
test_rules (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];
      g_autofree char *value = case_value (c);
      g_autoptr(GError) error = NULL;

      g_test_message ("%s “%s”", field_names[c->field], shown (c->value));
      if (c->valid)
        {
          g_assert_true (check (c->field, value, &error));
          g_assert_no_error (error);
        }
      else
        {
          g_assert_false (check (c->field, value, &error));
          g_assert_error (error, SC_ERROR, SC_ERROR_DATA);
          g_assert_true (g_str_has_suffix (error->message, "."));
          if (c->message != NULL)
            g_assert_cmpstr (error->message, ==, c->message);
          /* No error asked for: still the same answer. */
          g_assert_false (check (c->field, value, NULL));
        }
    }
}

static void
test_normalize (void)
{
  g_autofree char *upper = sc_ticker_normalize ("m&m.ns");
  g_autofree char *k1 = sc_username_key ("ZOË");
  g_autofree char *k2 = sc_username_key ("zoe\u0308");   /* e + combining diaeresis */
  g_autofree char *k3 = sc_username_key ("ｚｏë");        /* full-width letters */
  g_autofree char *k4 = sc_username_key ("Straße");
  g_autofree char *k5 = sc_username_key ("STRASSE");

  g_assert_cmpstr (upper, ==, "M&M.NS");
  g_assert_cmpstr (k1, ==, k2);
  g_assert_cmpstr (k1, ==, k3);
  g_assert_cmpstr (k4, ==, k5);
  g_assert_null (sc_username_key (NULL));
  g_assert_null (sc_username_key (""));
  g_assert_null (sc_username_key ("al\xffice"));
}

/* --- through the client ------------------------------------------------- */

static ScDb *
open_fresh_db (void)
{
  static guint counter;
  g_autofree char *name = g_strdup_printf ("validate-%u.db", ++counter);
  g_autofree char *path = g_build_filename (sc_test_get_tmpdir (), name, NULL);
  g_autoptr(GError) error = NULL;
  ScDb *db = sc_db_open (path, &error);

  g_assert_no_error (error);
  return db;
}

static ScPrediction *
make_prediction (const char *ticker,
                 const char *model_id)
{
  ScPrediction *p = sc_prediction_new ();

  g_assert_true (sc_day_parse ("2020-12-11", &p->as_of));
  p->ticker = g_strdup (ticker);
  p->model_id = g_strdup (model_id);
  p->source = g_strdup ("csv");
  p->last_close = 213.26;
  p->n_forecasts = 1;
  p->forecasts = g_new0 (ScForecast, 1);
  p->forecasts[0].horizon = 10;
  p->forecasts[0].date = p->as_of + 14;
  p->forecasts[0].price = 215.7;
  p->forecasts[0].low = 205.1;
  p->forecasts[0].high = 226.0;
  return p;
}

/* A result JSON object with ticker and model set (a NULL one left out). */
static JsonNode *
result_json (const char *uuid,
             const char *ticker,
             const char *model)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "uuid");
  json_builder_add_string_value (b, uuid);
  if (ticker != NULL)
    {
      json_builder_set_member_name (b, "ticker");
      json_builder_add_string_value (b, ticker);
    }
  json_builder_set_member_name (b, "created_at");
  json_builder_add_string_value (b, "2026-11-24T10:00:00Z");
  if (model != NULL)
    {
      json_builder_set_member_name (b, "model");
      json_builder_add_string_value (b, model);
    }
  json_builder_set_member_name (b, "as_of");
  json_builder_add_string_value (b, "2020-12-11");
  json_builder_set_member_name (b, "last_close");
  json_builder_add_double_value (b, 213.26);
  json_builder_set_member_name (b, "forecasts");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "horizon");
  json_builder_add_int_value (b, 10);
  json_builder_set_member_name (b, "date");
  json_builder_add_string_value (b, "2020-12-28");
  json_builder_set_member_name (b, "price");
  json_builder_add_double_value (b, 215.7);
  json_builder_set_member_name (b, "low");
  json_builder_add_double_value (b, 205.1);
  json_builder_set_member_name (b, "high");
  json_builder_add_double_value (b, 226.0);
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static gboolean
is_result_field (const Case *c)
{
  return c->field == FIELD_TICKER || c->field == FIELD_MODEL_ID;
}

/* --- whole results ------------------------------------------------------ */

/* One table of good and bad Result JSON, each a change to a good result:
 * the client parses it with the domain's codec and the server (PUT
 * /results) with the same codec, so both accept and refuse alike. */

static const char result_template[] =
  "{\"uuid\":\"@UUID@\",\"ticker\":\"MSFT\",\"created_at\":\"2026-11-24T10:00:00Z\","
  "\"model\":\"linear-regression\",\"as_of\":\"2020-12-11\",\"last_close\":213.26,"
  "\"forecasts\":[{\"horizon\":10,\"date\":\"2020-12-28\",\"price\":215.7,\"low\":205.1,"
  "\"high\":226,\"actual\":null}],\"deleted\":false}";

#define SECOND_FORECAST(horizon) \
  "\"actual\":null},{\"horizon\":" horizon ",\"date\":\"2020-12-18\",\"price\":1,\"low\":1,\"high\":1}]"

static const struct
{
  const char *from;       /* NULL: the template as it is */
  const char *to;
  gboolean    valid;
} result_cases[] = {
  { NULL, NULL, TRUE },
  { "\"actual\":null", "\"actual\":216.5", TRUE },
  { ",\"actual\":null", "", TRUE },
  { ",\"deleted\":false", "", TRUE },
  { "\"deleted\":false", "\"deleted\":null", TRUE },
  { "\"ticker\"", "\"extra\":[1,{}],\"ticker\"", TRUE },
  { "10:00:00Z", "11:00:00+01:00", TRUE },
  { "213.26", "1e12", TRUE },
  { "213.26", "213", TRUE },
  { "\"actual\":null}]", SECOND_FORECAST ("5"), TRUE },
  { "\"actual\":null}]", SECOND_FORECAST ("10"), FALSE },
  { "213.26", "1e30", FALSE },
  { "213.26", "-1e300", FALSE },
  { "213.26", "\"213.26\"", FALSE },
  { "213.26", "null", FALSE },
  { "215.7", "1.5e12", FALSE },
  { "\"actual\":null", "\"actual\":2e12", FALSE },
  { "\"actual\":null", "\"actual\":\"216.5\"", FALSE },
  { "\"horizon\":10", "\"horizon\":10.5", FALSE },
  { "\"horizon\":10", "\"horizon\":0", FALSE },
  { "\"horizon\":10", "\"horizon\":100001", FALSE },
  { "\"horizon\":10,", "", FALSE },
  { "\"forecasts\":[", "\"forecasts\":[],\"more\":[", FALSE },
  { "\"forecasts\":[", "\"forecasts\":[1,", FALSE },
  { "\"forecasts\":[{", "\"forecasts\":{\"a\":{", FALSE },
  { "2020-12-11", "2020-13-11", FALSE },
  { "2020-12-11", "2020-12-1", FALSE },
  { "2020-12-28", "28.12.2020", FALSE },
  { "2026-11-24T10:00:00Z", "yesterday", FALSE },
  { "\"created_at\":\"2026-11-24T10:00:00Z\",", "", FALSE },
  { "\"MSFT\"", "\"MS FT\"", FALSE },
  { "\"MSFT\"", "42", FALSE },
  { "\"linear-regression\"", "\"\"", FALSE },
  { "\"deleted\":false", "\"deleted\":\"no\"", FALSE },
};

static char *
result_case_json (guint       i,
                  const char *uuid)
{
  GString *json = g_string_new (result_template);

  if (result_cases[i].from != NULL)
    g_assert_cmpuint (g_string_replace (json, result_cases[i].from, result_cases[i].to, 1), ==, 1);
  g_string_replace (json, "@UUID@", uuid, 1);
  return g_string_free (json, FALSE);
}

static void
test_client_results (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (result_cases); i++)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *json = result_case_json (i, uuid);
      g_autoptr(GError) error = NULL;
      g_autoptr(ScResult) result = sc_result_new_from_json (json, -1, &error);

      g_test_message ("%s", json);
      g_assert_true ((result != NULL) == result_cases[i].valid);
      if (result_cases[i].valid)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (result->uuid, ==, uuid);
        }
      else
        {
          g_assert_error (error, SC_ERROR, SC_ERROR_DATA);
          g_assert_true (g_str_has_suffix (error->message, "."));
        }
    }
}

static void
test_client (void)
{
  g_autoptr(ScDb) db = open_fresh_db ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ScUser) owner = NULL;
  char *code;
  guint n = 0;

  code = sc_accounts_register (db, "owner", "owner@example.org", "correct horse", &owner, &error);
  g_assert_no_error (error);
  sc_accounts_free_secret (code);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];
      g_autofree char *value = case_value (c);

      g_test_message ("%s “%s”", field_names[c->field], shown (c->value));
      if (is_result_field (c))
        {
          const char *ticker = c->field == FIELD_TICKER ? value : "MSFT";
          const char *model = c->field == FIELD_MODEL_ID ? value : "linear-regression";
          g_autoptr(ScPrediction) p = make_prediction (ticker, model);
          g_autofree char *uuid = sc_results_save (db, owner->id, p, &error);
          g_autofree char *json_uuid = g_uuid_string_random ();
          g_autoptr(JsonNode) node = NULL;
          g_autoptr(ScResult) parsed = NULL;

          /* The store's save path. */
          g_assert_true ((uuid != NULL) == c->valid);
          if (c->valid)
            g_assert_no_error (error);
          else
            g_assert_error (error, SC_ERROR, SC_ERROR_DATA);
          g_clear_error (&error);

          /* The result JSON codec (what sync pulls go through); JSON
           * strings are UTF-8 only. */
          if (value != NULL && !g_utf8_validate (value, -1, NULL))
            continue;
          node = result_json (json_uuid, ticker, model);
          parsed = sc_result_new_from_json_node (node, &error);
          g_assert_true ((parsed != NULL) == c->valid);
          g_clear_error (&error);
        }
      else
        {
          /* Registration, with the other two fields valid and unique. */
          g_autofree char *username = g_strdup_printf ("user%u", ++n);
          g_autofree char *email = g_strdup_printf ("user%u@example.org", n);
          g_autoptr(ScUser) user = NULL;

          code = sc_accounts_register (db,
                                       c->field == FIELD_USERNAME ? value : username,
                                       c->field == FIELD_EMAIL ? value : email,
                                       c->field == FIELD_PASSWORD ? value : "correct horse",
                                       &user, &error);
          g_assert_true ((code != NULL) == c->valid);
          if (c->valid)
            g_assert_no_error (error);
          else
            g_assert_error (error, SC_ERROR, SC_ERROR_DATA);
          if (c->message != NULL && !c->valid)
            g_assert_cmpstr (error->message, ==, c->message);
          g_clear_error (&error);
          sc_accounts_free_secret (code);
        }
    }
}

/* --- through the server ------------------------------------------------- */

#if HAVE_SYNC_TEST_SERVER
static char *
to_text (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
add_member (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

static void
test_server (void)
{
  g_autofree char *database = g_build_filename (sc_test_get_tmpdir (), "validate-sync.db", NULL);
  const char *extra[] = { "--registrations-per-hour", "0", NULL };
  g_autoptr(GError) error = NULL;
  ScTestSyncServer *server;
  g_autofree char *accounts = NULL;
  g_autofree char *sessions = NULL;
  g_autofree char *token = NULL;
  guint n = 0;

  /* The server dies with this process if an assertion aborts the test. */
  server = sc_test_sync_server_start_full (database, 0, extra, &error);
  g_assert_no_error (error);
  accounts = g_strconcat (server->base_url, "/api/v1/accounts", NULL);
  sessions = g_strconcat (server->base_url, "/api/v1/sessions", NULL);

  g_assert_cmpuint (sc_test_http ("POST", accounts, NULL,
                                  "{\"username\":\"owner\",\"email\":\"owner@example.org\",\"password\":\"correct horse\"}",
                                  NULL), ==, 201);
  {
    g_autofree char *response = NULL;
    g_autoptr(JsonParser) parser = json_parser_new ();

    g_assert_cmpuint (sc_test_http ("POST", sessions, NULL,
                                    "{\"username\":\"owner\",\"password\":\"correct horse\"}",
                                    &response), ==, 201);
    g_assert_true (json_parser_load_from_data (parser, response, -1, NULL));
    token = g_strdup (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)),
                                                     "token"));
  }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];
      g_autofree char *value = case_value (c);
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autofree char *body = NULL;
      g_autofree char *url = NULL;
      guint status;

      /* A JSON body carries only UTF-8. */
      if (value != NULL && !g_utf8_validate (value, -1, NULL))
        continue;
      g_test_message ("server: %s “%s”", field_names[c->field], shown (c->value));

      if (is_result_field (c))
        {
          g_autofree char *uuid = g_uuid_string_random ();
          g_autoptr(JsonNode) node = result_json (uuid,
                                                  c->field == FIELD_TICKER ? value : "MSFT",
                                                  c->field == FIELD_MODEL_ID ? value : "linear-regression");
          g_autoptr(JsonGenerator) generator = json_generator_new ();

          json_generator_set_root (generator, node);
          body = json_generator_to_data (generator, NULL);
          url = g_strconcat (server->base_url, "/api/v1/results/", uuid, NULL);
          status = sc_test_http ("PUT", url, token, body, NULL);
        }
      else
        {
          g_autofree char *username = g_strdup_printf ("user%u", ++n);
          g_autofree char *email = g_strdup_printf ("user%u@example.org", n);

          json_builder_begin_object (b);
          add_member (b, "username", c->field == FIELD_USERNAME ? value : username);
          add_member (b, "email", c->field == FIELD_EMAIL ? value : email);
          add_member (b, "password", c->field == FIELD_PASSWORD ? value : "correct horse");
          json_builder_end_object (b);
          body = to_text (b);
          status = sc_test_http ("POST", accounts, NULL, body, NULL);
        }

      g_assert_cmpuint (status, ==, c->valid ? 201 : 400);
    }

  for (guint i = 0; i < G_N_ELEMENTS (result_cases); i++)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *body = result_case_json (i, uuid);
      g_autofree char *url = g_strconcat (server->base_url, "/api/v1/results/", uuid, NULL);
      g_autofree char *response = NULL;
      guint status;

      g_test_message ("server: %s", body);
      status = sc_test_http ("PUT", url, token, body, &response);
      g_assert_cmpuint (status, ==, result_cases[i].valid ? 201 : 400);
      if (!result_cases[i].valid)
        g_assert_true (g_str_has_prefix (response, "{\"error\":"));
    }

  g_assert_cmpint (sc_test_sync_server_stop (server), ==, 0);
  sc_test_sync_server_free (server);
}
#endif

int
main (int   argc,
      char *argv[])
{
  sc_test_init (&argc, &argv);

  g_test_add_func ("/domain/validate/rules", test_rules);
  g_test_add_func ("/domain/validate/normalize", test_normalize);
  g_test_add_func ("/domain/validate/client", test_client);
  g_test_add_func ("/domain/validate/client-results", test_client_results);
#if HAVE_SYNC_TEST_SERVER
  g_test_add_func ("/domain/validate/server", test_server);
#endif

  return g_test_run ();
}
