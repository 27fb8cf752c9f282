/* sc-cli-predict.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "sc-accounts.h"
#include "sc-cli-private.h"
#include "sc-db.h"
#include "sc-model.h"
#include "sc-prediction.h"
#include "sc-predictor.h"
#include "sc-prices.h"
#include "sc-results.h"
#include "sc-validate.h"

#define MAX_HORIZON 2520   /* ten years of trading days */

static void
add_date (JsonBuilder *builder,
          const char  *name,
          ScDay        day)
{
  g_autofree char *text = sc_day_format (day);

  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, text);
}

/* ORIGINS (may be NULL): every scored origin, for `backtest --origins`. */
static void
add_metrics (JsonBuilder            *builder,
             const ScHorizonMetrics *m,
             const ScOriginList     *origins)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "horizon");
  json_builder_add_int_value (builder, m->horizon);
  _sc_cli_json_add_number (builder, "mae", m->mae);
  _sc_cli_json_add_number (builder, "rmse", m->rmse);
  _sc_cli_json_add_number (builder, "mape", m->mape);
  _sc_cli_json_add_number (builder, "r2", m->r2);
  _sc_cli_json_add_number (builder, "mase", m->mase);
  _sc_cli_json_add_number (builder, "direction", m->direction);
  _sc_cli_json_add_number (builder, "coverage", m->coverage);
  if (origins != NULL)
    {
      json_builder_set_member_name (builder, "origins");
      json_builder_begin_array (builder);
      for (guint i = 0; i < origins->n; i++)
        {
          const ScOrigin *o = &origins->origins[i];

          json_builder_begin_object (builder);
          add_date (builder, "date", o->date);
          add_date (builder, "target_date", o->target_date);
          _sc_cli_json_add_number (builder, "close", o->close);
          _sc_cli_json_add_number (builder, "forecast", o->forecast);
          _sc_cli_json_add_number (builder, "lower", o->lower);
          _sc_cli_json_add_number (builder, "upper", o->upper);
          _sc_cli_json_add_number (builder, "actual", o->actual);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
}

/* "10,60,365" into a sorted list without duplicates. */
static gboolean
parse_horizons (const char  *text,
                GArray     **out)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GArray) horizons = g_array_new (FALSE, FALSE, sizeof (int));

  for (guint i = 0; parts[i] != NULL; i++)
    {
      guint64 value;
      gboolean seen = FALSE;

      if (!g_ascii_string_to_unsigned (g_strstrip (parts[i]), 10, 1, MAX_HORIZON, &value, NULL))
        return FALSE;
      for (guint k = 0; k < horizons->len; k++)
        seen |= g_array_index (horizons, int, k) == (int) value;
      if (!seen)
        {
          int h = (int) value;
          g_array_append_val (horizons, h);
        }
    }
  if (horizons->len == 0)
    return FALSE;

  *out = g_steal_pointer (&horizons);
  return TRUE;
}

static void
report_dropped (ScPriceSeries *prices)
{
  if (prices->dropped_missing_close > 0)
    fprintf (stderr, g_dngettext (GETTEXT_PACKAGE,
                                  "stockcast: note: %u row without a close was left out.\n",
                                  "stockcast: note: %u rows without a close were left out.\n",
                                  prices->dropped_missing_close),
             prices->dropped_missing_close);
  if (prices->dropped_nonpositive > 0)
    fprintf (stderr, g_dngettext (GETTEXT_PACKAGE,
                                  "stockcast: note: %u row with a close of zero or less was left out.\n",
                                  "stockcast: note: %u rows with a close of zero or less were left out.\n",
                                  prices->dropped_nonpositive),
             prices->dropped_nonpositive);
  if (prices->dropped_duplicate > 0)
    fprintf (stderr, g_dngettext (GETTEXT_PACKAGE,
                                  "stockcast: note: %u row repeated an earlier date; the last one was kept.\n",
                                  "stockcast: note: %u rows repeated an earlier date; the last ones were kept.\n",
                                  prices->dropped_duplicate),
             prices->dropped_duplicate);
}

/* Shared by predict and backtest: ticker, model, prices, predictor. */
typedef struct
{
  char          *ticker;
  ScModelInfo   *model;
  ScPriceLoad   *load;
  ScPredictor   *predictor;
} Job;

static void
job_clear (Job *job)
{
  g_clear_pointer (&job->ticker, g_free);
  g_clear_pointer (&job->model, sc_model_info_unref);
  g_clear_pointer (&job->load, sc_price_load_free);
  g_clear_object (&job->predictor);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Job, job_clear)

/* The options predict (of one ticker or many) and backtest share: the
 * horizons and the years. Returns the exit status on failure (after
 * printing), 0 on success. */
static int
check_horizons_and_years (const char  *horizons_text,
                          int          years,
                          GArray     **horizons)
{
  if (horizons_text != NULL && !parse_horizons (horizons_text, horizons))
    return _sc_cli_usage_error (_("--horizons takes trading days from 1 to %d separated by commas, not “%s”."),
                                MAX_HORIZON, horizons_text);
  if (years < 0 || years > 100)
    return _sc_cli_usage_error (_("--years takes a number of years from 0 (all) to 100."));

  return 0;
}

/* The arguments predict and backtest share: one ticker, the horizons and
 * the years. Returns the exit status on failure (after printing), 0 on
 * success. */
static int
check_arguments (int          argc,
                 char       **argv,
                 const char  *horizons_text,
                 int          years,
                 GArray     **horizons)
{
  if (argc < 2)
    return _sc_cli_usage_error (_("%s needs a ticker symbol."), argv[0]);
  if (argc > 2)
    return _sc_cli_usage_error (_("Unexpected argument “%s”."), argv[2]);

  return check_horizons_and_years (horizons_text, years, horizons);
}

/* HORIZONS may be NULL: the model's own. */
static ScPredictor *
new_predictor (ScModelInfo *model,
               int          years,
               GArray      *horizons)
{
  ScPredictor *predictor = sc_predictor_new (model);

  sc_predictor_set_years (predictor, (guint) years);
  if (horizons != NULL)
    sc_predictor_set_horizons (predictor, (const int *) (gpointer) horizons->data, horizons->len);
  return predictor;
}

/* Returns the exit status on failure (after printing), 0 on success. */
static int
job_prepare (Job        *job,
             int         argc,
             char      **argv,
             const char *model_id,
             const char *horizons_text,
             int         years,
             const char *csv_path,
             gboolean    offline)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) horizons = NULL;
  int status;

  status = check_arguments (argc, argv, horizons_text, years, &horizons);
  if (status != 0)
    return status;

  if (!sc_validate_ticker (argv[1], &error))
    return _sc_cli_fail (error);
  job->ticker = sc_ticker_normalize (argv[1]);

  job->model = sc_models_lookup (model_id, &error);
  if (job->model == NULL)
    return _sc_cli_fail (error);

  job->load = _sc_cli_load_prices (job->ticker, csv_path, offline, &error);
  if (job->load == NULL)
    return _sc_cli_fail (error);

  job->predictor = new_predictor (job->model, years, horizons);
  return 0;
}

static char *
format_price (double value)
{
  return isfinite (value) ? g_strdup_printf ("%.2f", value) : g_strdup ("–");
}

static char *
format_metric (double value,
               double scale,
               int    digits)
{
  return isfinite (value) ? g_strdup_printf ("%.*f", digits, value * scale) : g_strdup ("–");
}

static char *
format_percent (double fraction)
{
  return isfinite (fraction) ? g_strdup_printf ("%.1f%%", 100 * fraction) : g_strdup ("–");
}

static void
print_metrics_table (ScPrediction *p)
{
  static const int widths[] = { -8, 10, 10, 8, 8, 7, 9, 9 };
  const char *header[] = {
    _("Horizon"), _("MAE"), _("RMSE"), _("MAPE %"), _("R²"), _("MASE"), _("Direction"), _("Coverage"),
  };

  _sc_cli_print_row (header, widths, G_N_ELEMENTS (widths));
  for (guint i = 0; i < p->n_metrics; i++)
    {
      const ScHorizonMetrics *m = &p->metrics[i];
      g_autofree char *mae = format_metric (m->mae, 1, 3);
      g_autofree char *rmse = format_metric (m->rmse, 1, 3);
      g_autofree char *mape = format_metric (m->mape, 1, 2);
      g_autofree char *r2 = format_metric (m->r2, 1, 3);
      g_autofree char *mase = format_metric (m->mase, 1, 3);
      g_autofree char *direction = format_percent (m->direction);
      g_autofree char *coverage = format_percent (m->coverage);
      g_autofree char *horizon = g_strdup_printf (_("%d d"), m->horizon);

      const char *row[] = { horizon, mae, rmse, mape, r2, mase, direction, coverage };

      _sc_cli_print_row (row, widths, G_N_ELEMENTS (widths));
    }
}

/* How the model did against "no change" on this ticker, what "80% range"
 * means as measured here, and the caveat of the longest horizon. */
static void
print_verdict (ScPrediction      *p,
               const ScModelInfo *model)
{
  gboolean all_near_80 = TRUE;
  GString *shares = g_string_new (NULL);

  printf ("\n");
  if (model->kind == SC_MODEL_KIND_NAIVE)
    printf ("%s\n", _("“No change” is the baseline every other model is scored against."));
  else
    printf (_("How %s did on %s in past tests:\n"), model->name, p->ticker);

  for (guint i = 0; i < p->n_forecasts; i++)
    {
      const ScHorizonMetrics *m = sc_prediction_get_metrics (p, p->forecasts[i].horizon);
      int h = p->forecasts[i].horizon;

      if (m == NULL)
        continue;
      if (model->kind != SC_MODEL_KIND_NAIVE && isfinite (m->mase))
        {
          int percent = (int) lround (100 * fabs (1 - m->mase));

          if (percent < 1)
            printf (_("  %d d: about as good as “no change” (MASE %.2f).\n"), h, m->mase);
          else if (m->mase < 1)
            printf (_("  %d d: %d%% better than “no change” (MASE %.2f).\n"), h, percent, m->mase);
          else
            printf (_("  %d d: %d%% worse than “no change” (MASE %.2f): a plain “no change” forecast did better here.\n"),
                    h, percent, m->mase);
        }
      if (isfinite (m->coverage))
        {
          all_near_80 &= m->coverage >= 0.75 && m->coverage < 0.85;
          if (shares->len > 0)
            g_string_append (shares, ", ");
          g_string_append_printf (shares, _("%.0f%% at %d d"), 100 * m->coverage, h);
        }
    }

  if (shares->len > 0 && all_near_80)
    printf (_("80%% range: in past tests on %s, 8 of 10 outcomes fell in such a range.\n"), p->ticker);
  else if (shares->len > 0)
    printf (_("80%% range: meant to hold 8 of 10 outcomes; in past tests on %s it held %s.\n"),
            p->ticker, shares->str);
  g_string_free (shares, TRUE);

  for (guint i = 0; i < p->n_forecasts; i++)
    {
      const ScHorizonMetrics *m = sc_prediction_get_metrics (p, p->forecasts[i].horizon);
      int h = p->forecasts[i].horizon;
      guint independent;

      if (m == NULL || h < 250)
        continue;
      independent = (m->n + h - 1) / h;
      printf (g_dngettext (GETTEXT_PACKAGE,
                           "%d d: a forecast this far ahead rests on few independent outcomes (%u non-overlapping one in this backtest); take it as a rough guide.\n",
                           "%d d: a forecast this far ahead rests on few independent outcomes (%u non-overlapping ones in this backtest); take it as a rough guide.\n",
                           independent),
              h, independent);
    }
}

/* models */

int
_sc_cli_models (int    argc,
                char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  GPtrArray *models;

  if (!_sc_cli_parse_options (NULL, _("List the prediction models."), entries, &argc, &argv))
    return 1;
  if (argc > 1)
    return _sc_cli_usage_error (_("Unexpected argument “%s”."), argv[1]);

  models = sc_models_get_all ();

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "models");
      json_builder_begin_array (builder);
      for (guint i = 0; i < models->len; i++)
        {
          ScModelInfo *info = g_ptr_array_index (models, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, info->id);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, info->name);
          json_builder_set_member_name (builder, "description");
          json_builder_add_string_value (builder, info->description);
          json_builder_set_member_name (builder, "kind");
          json_builder_add_string_value (builder, sc_model_kind_to_string (info->kind));
          json_builder_set_member_name (builder, "target");
          json_builder_add_string_value (builder, sc_model_target_to_string (info->target));
          json_builder_set_member_name (builder, "recommended");
          json_builder_add_boolean_value (builder, info->recommended);
          json_builder_set_member_name (builder, "features");
          json_builder_begin_array (builder);
          for (guint k = 0; k < info->n_features; k++)
            json_builder_add_string_value (builder, info->feature_names[k]);
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);

      _sc_cli_print_json (builder);
      return 0;
    }

  if (models->len == 0)
    {
      fprintf (stderr, "%s\n", _("stockcast: no model descriptors were found."));
      return 2;
    }

  for (guint i = 0; i < models->len; i++)
    {
      ScModelInfo *info = g_ptr_array_index (models, i);
      g_autofree char *features = g_strjoinv (", ", info->feature_names);

      if (info->recommended)
        printf ("%-20s %s (%s)\n", info->id, info->name, _("recommended"));
      else
        printf ("%-20s %s\n", info->id, info->name);
      if (info->description[0] != '\0')
        printf ("%-20s %s\n", "", info->description);
      printf ("%-20s %s: %s · %s: %s\n", "", _("inputs"), features, _("predicts"),
              info->target == SC_MODEL_TARGET_LOG_RETURN ? _("log return") : _("price"));
    }
  return 0;
}

/* predict */

typedef struct
{
  gboolean shown;
} Progress;

/* On a terminal, what the service is doing. */
static void
show_progress (ScPredictStep  step,
               double         fraction,
               const char    *text,
               gpointer       user_data)
{
  Progress *progress = user_data;

  fprintf (stderr, "\rstockcast: %s\033[K", text);
  fflush (stderr);
  progress->shown = TRUE;
}

/* predict A B C …: the same checks as job_prepare(), then a batch. */
static int
predict_many (int         argc,
              char      **argv,
              const char *model_id,
              const char *horizons_text,
              int         years,
              const char *csv_path,
              gboolean    save,
              gboolean    offline,
              gboolean    json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) horizons = NULL;
  g_autoptr(ScModelInfo) model = NULL;
  g_autoptr(ScPredictor) predictor = NULL;
  __typeof__ (_sc_cli_predict_many) *run_many = NULL;
  int status;

  if (csv_path != NULL || save)
    return _sc_cli_usage_error (_("--csv and --save take a single ticker."));
  status = check_horizons_and_years (horizons_text, years, &horizons);
  if (status != 0)
    return status;

  model = sc_models_lookup (model_id, &error);
  if (model == NULL)
    return _sc_cli_fail (error);

  predictor = new_predictor (model, years, horizons);

  run_many = _SC_CLI_NET (_sc_cli_predict_many, &error);
  if (run_many == NULL)
    return _sc_cli_fail (error);

  return run_many (predictor, argv + 1, argc - 1, offline, json);
}

int
_sc_cli_predict (int    argc,
                 char **argv)
{
  g_autoptr(ScService) service = NULL;
  g_autoptr(ScPredictRequest) request = NULL;
  g_autoptr(ScPredictOutcome) outcome = NULL;
  g_autoptr(GArray) horizon_list = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { FALSE };
  ScPrediction *prediction;
  const char *uuid = NULL;
  g_autofree char *model_id = NULL;
  g_autofree char *horizons = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree char *user = NULL;
  gboolean offline = FALSE, save = FALSE, password_stdin = FALSE, json = FALSE;
  g_autoptr(ScDb) save_db = NULL;
  g_autoptr(ScUser) save_user = NULL;
  int years = 10;
  const GOptionEntry entries[] = {
    { "model", 0, 0, G_OPTION_ARG_STRING, &model_id, N_("Model to use (default: the recommended one)"), N_("ID") },
    { "horizons", 0, 0, G_OPTION_ARG_STRING, &horizons, N_("Trading days ahead (default 10,60,365)"), N_("LIST") },
    { "years", 0, 0, G_OPTION_ARG_INT, &years, N_("Years of history to train on, 0 for all (default 10)"), N_("N") },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv_path, N_("Read prices from a Yahoo or Stooq CSV file"), N_("FILE") },
    { "offline", 0, 0, G_OPTION_ARG_NONE, &offline, N_("Never use the network"), NULL },
    { "save", 0, 0, G_OPTION_ARG_NONE, &save, N_("Save the prediction to the user’s history"), NULL },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, N_("Local account to save to"), N_("NAME") },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin, N_("Read the password from standard input"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  int status;

  if (!_sc_cli_parse_options (_("TICKER"), _("Predict a stock’s closing price."), entries,
                              &argc, &argv))
    return 1;

  if (save && (user == NULL || !password_stdin))
    return _sc_cli_usage_error (_("--save needs --user NAME and --password-stdin."));
  if (!save && (user != NULL || password_stdin))
    return _sc_cli_usage_error (_("--user and --password-stdin go with --save."));

  if (argc > 2)
    return predict_many (argc, argv, model_id, horizons, years, csv_path, save, offline, json);

  status = check_arguments (argc, argv, horizons, years, &horizon_list);
  if (status != 0)
    return status;

  /* The password before the work: a wrong one must not cost a training. */
  if (save && (save_user = _sc_cli_sign_in (user, &save_db, &error)) == NULL)
    return _sc_cli_fail (error);

  request = sc_predict_request_new (argv[1], model_id);
  if (horizon_list != NULL)
    g_array_append_vals (request->horizons, horizon_list->data, horizon_list->len);
  request->years = years;
  request->user_id = save ? save_user->id : 0;
  request->csv_path = g_strdup (csv_path);
  request->flags = offline ? SC_PRICE_LOAD_OFFLINE : SC_PRICE_LOAD_SAMPLE_FALLBACK;

  /* A file needs neither the cache nor the network. */
  service = _sc_cli_new_service (csv_path == NULL, &error);
  if (service != NULL)
    outcome = sc_service_predict (service, save_db, request, NULL,
                                  isatty (STDERR_FILENO) ? show_progress : NULL, &progress,
                                  &error);
  if (progress.shown)
    fprintf (stderr, "\r\033[K");
  if (outcome == NULL)
    return _sc_cli_fail (error);
  if (outcome->notice != NULL)
    fprintf (stderr, "stockcast: %s\n", outcome->notice);
  report_dropped (outcome->series);
  prediction = outcome->prediction;
  if (outcome->result != NULL)
    uuid = outcome->result->uuid;

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autofree char *as_of = sc_day_format (prediction->as_of);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "ticker");
      json_builder_add_string_value (builder, prediction->ticker);
      json_builder_set_member_name (builder, "model");
      json_builder_add_string_value (builder, prediction->model_id);
      json_builder_set_member_name (builder, "as_of");
      json_builder_add_string_value (builder, as_of);
      _sc_cli_json_add_number (builder, "last_close", prediction->last_close);
      json_builder_set_member_name (builder, "rows");
      json_builder_add_int_value (builder, prediction->rows);
      json_builder_set_member_name (builder, "source");
      json_builder_add_string_value (builder, prediction->source);

      _sc_cli_json_add_forecasts (builder, prediction, TRUE);

      json_builder_set_member_name (builder, "backtest");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "protocol");
      json_builder_add_string_value (builder, prediction->protocol);
      json_builder_set_member_name (builder, "per_horizon");
      json_builder_begin_array (builder);
      for (guint i = 0; i < prediction->n_metrics; i++)
        add_metrics (builder, &prediction->metrics[i], NULL);
      json_builder_end_array (builder);
      json_builder_end_object (builder);

      if (uuid != NULL)
        {
          json_builder_set_member_name (builder, "uuid");
          json_builder_add_string_value (builder, uuid);
        }
      _sc_cli_json_add_number (builder, "seconds", prediction->seconds);
      json_builder_end_object (builder);

      _sc_cli_print_json (builder);
      return 0;
    }

  {
    g_autofree char *as_of = sc_day_format (prediction->as_of);
    static const int widths[] = { -8, -10, 10, 21, 7, 9 };
    const char *header[] = {
      _("Horizon"), _("Date"), _("Forecast"),
      /* xgettext:no-c-format */
      _("80% interval"), _("MASE"), _("Coverage"),
    };

    printf (_("%s · %s · last close %.2f on %s · %u rows from %s\n"),
            prediction->ticker, outcome->model->name, prediction->last_close, as_of,
            prediction->rows, prediction->source);
    printf ("\n");
    _sc_cli_print_row (header, widths, G_N_ELEMENTS (widths));
    for (guint i = 0; i < prediction->n_forecasts; i++)
      {
        const ScForecast *f = &prediction->forecasts[i];
        const ScHorizonMetrics *m = sc_prediction_get_metrics (prediction, f->horizon);
        g_autofree char *date = sc_day_format (f->date);
        g_autofree char *price = format_price (f->price);
        g_autofree char *low = format_price (f->low);
        g_autofree char *high = format_price (f->high);
        g_autofree char *interval = g_strdup_printf ("%s – %s", low, high);
        g_autofree char *mase = format_metric (m ? m->mase : NAN, 1, 3);
        g_autofree char *coverage = format_percent (m ? m->coverage : NAN);
        g_autofree char *horizon = g_strdup_printf (_("%d d"), f->horizon);

        const char *row[] = { horizon, date, price, interval, mase, coverage };

        if (!isfinite (f->low))
          {
            g_free (interval);
            interval = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "no range: only %u day of prices",
                                                     "no range: only %u days of prices",
                                                     prediction->rows),
                                        prediction->rows);
            row[3] = interval;
          }
        _sc_cli_print_row (row, widths, G_N_ELEMENTS (widths));
      }
    printf ("\n%s\n", _("Intervals and scores come from a walk-forward backtest (MASE < 1 beats “no change”)."));
    print_verdict (prediction, outcome->model);
    if (uuid != NULL)
      printf (_("Saved as %s.\n"), uuid);
  }
  return 0;
}

/* backtest */

int
_sc_cli_backtest (int    argc,
                  char **argv)
{
  g_auto(Job) job = { 0 };
  g_autoptr(ScPrediction) prediction = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *model_id = NULL;
  g_autofree char *horizons = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree char *protocol_text = NULL;
  gboolean offline = FALSE, json = FALSE, origins = FALSE;
  ScProtocol protocol = SC_PROTOCOL_WALK_FORWARD;
  int years = 10;
  const GOptionEntry entries[] = {
    { "model", 0, 0, G_OPTION_ARG_STRING, &model_id, N_("Model to use (default: the recommended one)"), N_("ID") },
    { "horizons", 0, 0, G_OPTION_ARG_STRING, &horizons, N_("Trading days ahead (default 10,60,365)"), N_("LIST") },
    { "years", 0, 0, G_OPTION_ARG_INT, &years, N_("Years of history to use, 0 for all (default 10)"), N_("N") },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv_path, N_("Read prices from a Yahoo or Stooq CSV file"), N_("FILE") },
    { "offline", 0, 0, G_OPTION_ARG_NONE, &offline, N_("Never use the network"), NULL },
    { "protocol", 0, 0, G_OPTION_ARG_STRING, &protocol_text, N_("walk-forward (default) or seed (the original’s shuffled split)"), N_("NAME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "origins", 0, 0, G_OPTION_ARG_NONE, &origins, N_("With --json: list every scored origin (walk-forward)"), NULL },
    { NULL }
  };
  int status;

  if (!_sc_cli_parse_options (_("TICKER"), _("Score a model on past prices."), entries,
                              &argc, &argv))
    return 1;

  if (protocol_text != NULL && !sc_protocol_from_string (protocol_text, &protocol))
    return _sc_cli_usage_error (_("--protocol is walk-forward or seed, not “%s”."), protocol_text);
  if (origins && !json)
    return _sc_cli_usage_error (_("--origins goes with --json."));
  if (origins && protocol == SC_PROTOCOL_SEED)
    return _sc_cli_usage_error (_("--origins lists walk-forward origins; the seed protocol has none."));

  status = job_prepare (&job, argc, argv, model_id, horizons, years, csv_path, offline);
  if (status != 0)
    return status;

  sc_predictor_set_protocol (job.predictor, protocol);
  prediction = sc_predictor_backtest (job.predictor, job.load->series, NULL, NULL, NULL, &error);
  if (prediction == NULL)
    return _sc_cli_fail (error);
  report_dropped (job.load->series);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "ticker");
      json_builder_add_string_value (builder, prediction->ticker);
      json_builder_set_member_name (builder, "model");
      json_builder_add_string_value (builder, prediction->model_id);
      json_builder_set_member_name (builder, "protocol");
      json_builder_add_string_value (builder, prediction->protocol);
      json_builder_set_member_name (builder, "per_horizon");
      json_builder_begin_array (builder);
      for (guint i = 0; i < prediction->n_metrics; i++)
        add_metrics (builder, &prediction->metrics[i],
                     origins && prediction->origins != NULL ? &prediction->origins[i] : NULL);
      json_builder_end_array (builder);
      json_builder_end_object (builder);

      _sc_cli_print_json (builder);
      return 0;
    }

  {
    g_autofree char *as_of = sc_day_format (prediction->as_of);

    printf (_("%s · %s · %s backtest · %u rows to %s\n\n"), prediction->ticker, job.model->name,
            prediction->protocol, prediction->rows, as_of);
    print_metrics_table (prediction);
  }
  return 0;
}
