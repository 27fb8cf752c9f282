/* test-predictor.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "sc-error.h"
#include "sc-indicators.h"
#include "sc-predictor-private.h"
#include "sc-test-util.h"

static ScPriceSeries *
fixture (const char *name)
{
  g_autofree char *path = sc_test_fixture_path (name);
  g_autoptr(GError) error = NULL;
  ScPriceSeries *series = sc_price_series_load_csv ("TEST", path, &error);

  g_assert_no_error (error);
  return series;
}

static ScModelInfo *
model (const char *text)
{
  g_autoptr(GError) error = NULL;
  ScModelInfo *info = sc_model_info_load_data ("test.model", text, strlen (text), &error);

  g_assert_no_error (error);
  return info;
}

static ScPredictor *
predictor_for (const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScModelInfo) info = sc_models_lookup (id, &error);

  g_assert_no_error (error);
  return sc_predictor_new (info);
}

static void
test_naive_mase_is_one (void)
{
  g_autoptr(ScPriceSeries) prices = fixture ("KO-1000.csv");
  g_autoptr(ScPredictor) predictor = predictor_for ("naive");
  g_autoptr(ScPrediction) p = NULL;
  g_autoptr(GError) error = NULL;

  sc_predictor_set_years (predictor, 0);
  p = sc_predictor_run (predictor, prices, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (p->n_forecasts, ==, 3);
  g_assert_cmpuint (p->n_metrics, ==, 3);
  g_assert_cmpuint (p->rows, ==, 1000);
  g_assert_cmpfloat (p->last_close, ==, prices->close[999]);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpfloat (p->metrics[i].mase, ==, 1.0);
      g_assert_cmpfloat (p->forecasts[i].price, ==, p->last_close);
      g_assert_cmpfloat (p->forecasts[i].low, <=, p->forecasts[i].price);
      g_assert_cmpfloat (p->forecasts[i].high, >=, p->forecasts[i].price);
      g_assert_cmpuint (p->metrics[i].n, >, 20);
      /* The volatility interval needs no past forecast errors. */
      g_assert_cmpfloat (p->metrics[i].coverage, >=, 0);
      g_assert_cmpfloat (p->metrics[i].coverage, <=, 1);
    }
  g_assert_cmpint (p->forecasts[0].horizon, ==, 10);
  g_assert_cmpint (p->forecasts[2].horizon, ==, 365);
  /* It never calls a move, so it has no direction score. */
  for (guint i = 0; i < 3; i++)
    g_assert_true (isnan (p->metrics[i].direction));
}

/* Direction counts only the origins where a move was called: a forecast
 * of no change is neither right nor wrong about it. */
static void
test_direction_counts_calls (void)
{
  const double actual[] = { 11, 9, 12, 10, 10 };
  const double pred[] = { 10.5, 10.5, 10, 10, 9 };
  const double naive[] = { 10, 10, 10, 10, 10 };
  const double flat[] = { 10, 10, 10, 10, 10 };
  ScHorizonMetrics m;

  /* calls: up (right), up (wrong), none, none, down (wrong: flat outcome) */
  _sc_score (actual, pred, naive, NULL, NULL, G_N_ELEMENTS (actual), 10, &m);
  g_assert_cmpuint (m.n, ==, 5);
  g_assert_cmpfloat_with_epsilon (m.direction, 1.0 / 3, 1e-12);
  g_assert_true (isnan (m.coverage));

  _sc_score (actual, flat, naive, NULL, NULL, G_N_ELEMENTS (actual), 10, &m);
  g_assert_true (isnan (m.direction));
  g_assert_cmpfloat (m.mase, ==, 1.0);
}

/* An exact straight line is predicted exactly by the model itself, even
 * though close and EMA10 are then collinear; once it has shown that, the
 * forecast keeps all of that move (it was always right) up to the cap of
 * one standard deviation of the line's own log price. */
static void
test_straight_line (void)
{
  g_autoptr(ScPriceSeries) prices = sc_price_series_new ("LINE");
  g_autoptr(ScPredictor) predictor = predictor_for ("linear-regression");
  g_autoptr(GError) error = NULL;
  ScDay day = sc_day_from_ymd (2015, 1, 5);
  const int horizons[] = { 10, 60 };

  for (guint i = 0; i < 1200; i++)
    {
      sc_price_series_append (prices, day, NAN, NAN, NAN, 50 + 0.5 * i, NAN, NAN);
      day += sc_day_weekday (day) == 5 ? 3 : 1;
    }
  sc_predictor_set_years (predictor, 0);
  for (guint i = 0; i < G_N_ELEMENTS (horizons); i++)
    {
      g_autoptr(ScBacktestTrace) trace = NULL;
      ScHorizonMetrics m;

      trace = _sc_predictor_walk_forward (predictor, prices, horizons[i], &m, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpfloat_with_epsilon (trace->weight, 1, 1e-9);
      for (guint k = 0; k < trace->n_origins; k++)
        {
          double close = prices->close[trace->row[k]];
          double cap = close * exp (trace->scale[k]);

          g_assert_cmpfloat_with_epsilon (trace->raw[k] / trace->actual[k], 1, 1e-9);
          /* "No change" until the outcomes known span two horizons. */
          if (k + 1 < 3 * (guint) horizons[i])
            {
              g_assert_cmpfloat (trace->pred[k], ==, close);
              continue;
            }
          g_assert_cmpfloat (trace->pred[k], >, close);
          g_assert_cmpfloat (trace->pred[k], <=, MIN (trace->actual[k], cap) * (1 + 1e-12));
        }
    }
}

static void
test_too_short (void)
{
  g_autoptr(ScPriceSeries) full = fixture ("KO-1000.csv");
  g_autoptr(ScPriceSeries) prices = sc_price_series_slice (full, 0, 300);
  g_autoptr(ScPredictor) predictor = predictor_for ("linear-regression");
  g_autoptr(ScPrediction) p = NULL;
  g_autoptr(GError) error = NULL;

  sc_predictor_set_years (predictor, 0);
  p = sc_predictor_run (predictor, prices, NULL, NULL, NULL, &error);
  g_assert_null (p);
  g_assert_error (error, SC_ERROR, SC_ERROR_DATA);
  g_assert_nonnull (strstr (error->message, "Predicting 365 trading days ahead needs at least"));
  g_assert_nonnull (strstr (error->message, "has 300"));
}

static void
test_window (void)
{
  g_autoptr(ScPriceSeries) prices = fixture ("KO-1000.csv");
  g_autoptr(ScPriceSeries) w1 = _sc_prices_window (prices, 1);
  g_autoptr(ScPriceSeries) w0 = _sc_prices_window (prices, 0);
  ScDay last = prices->date[prices->n_rows - 1];

  g_assert_cmpuint (w0->n_rows, ==, 1000);
  g_assert_cmpint (w1->date[0], >, last - 365);
  g_assert_cmpint (prices->date[prices->n_rows - w1->n_rows - 1], <=, last - 365);
}

static void
test_permutation (void)
{
  /* numpy.random.RandomState(0).permutation(10) */
  const guint expected[] = { 2, 8, 4, 9, 1, 6, 7, 3, 0, 5 };
  g_autofree guint *perm = _sc_numpy_permutation (0, 10);

  for (guint i = 0; i < 10; i++)
    g_assert_cmpuint (perm[i], ==, expected[i]);
}

static void
assert_traces_agree_before (ScBacktestTrace *a,
                            ScBacktestTrace *b,
                            guint            changed_row)
{
  guint checked = 0;

  g_assert_cmpuint (a->first_origin, ==, b->first_origin);
  for (guint k = 0; k < a->n_origins && a->row[k] < changed_row; k++)
    {
      if (a->pred[k] != b->pred[k] || a->raw[k] != b->raw[k])
        g_error ("origin %u saw the future: %.17g vs %.17g", a->first_origin + k, a->pred[k],
                 b->pred[k]);
      if (a->low[k] != b->low[k] || a->high[k] != b->high[k])
        g_error ("the interval at origin %u saw the future: %.17g–%.17g vs %.17g–%.17g",
                 a->first_origin + k, a->low[k], a->high[k], b->low[k], b->high[k]);
      checked++;
    }
  g_assert_cmpuint (checked, >, 50);
}

/* Changing prices after row K must not change any forecast made at or
 * before row K - 1, even for a model whose feature looks ahead on purpose. */
static void
check_no_lookahead (const char *descriptor,
                    guint       refit_every)
{
  g_autoptr(ScPriceSeries) prices = fixture ("KO-1000.csv");
  g_autoptr(ScPriceSeries) changed = sc_price_series_slice (prices, 0, prices->n_rows);
  g_autoptr(ScModelInfo) info = model (descriptor);
  g_autoptr(ScPredictor) predictor = sc_predictor_new (info);
  g_autoptr(ScBacktestTrace) a = NULL;
  g_autoptr(ScBacktestTrace) b = NULL;
  g_autoptr(GError) error = NULL;
  ScHorizonMetrics ma, mb;
  guint k = 600;

  for (guint i = k; i < changed->n_rows; i++)
    changed->close[i] *= 1.5 + 0.01 * (i % 7);

  sc_predictor_set_refit_every (predictor, refit_every);
  a = _sc_predictor_walk_forward (predictor, prices, 10, &ma, NULL, &error);
  g_assert_no_error (error);
  b = _sc_predictor_walk_forward (predictor, changed, 10, &mb, NULL, &error);
  g_assert_no_error (error);
  assert_traces_agree_before (a, b, k);
}

static void
test_no_lookahead (void)
{
  check_no_lookahead ("[Model]\nId=l\nKind=ols\nFeatures=close;ema10;rsi10;volatility20\n", 0);
  check_no_lookahead ("[Model]\nId=l\nKind=ridge\nTarget=log-return\nFeatures=return5;emagap20\n", 7);

  _sc_feature_allow_peek (TRUE);
  check_no_lookahead ("[Model]\nId=p\nKind=ols\nFeatures=close;peek5\n", 25);
  _sc_feature_allow_peek (FALSE);
}

/* A backtest forecast at origin j equals what predicting from rows 0..j
 * alone gives, when the model is refitted at every origin. */
static void
test_backtest_matches_truncated_predict (void)
{
  g_autoptr(ScPriceSeries) prices = fixture ("NVDA-600.csv");
  g_autoptr(ScPredictor) predictor = predictor_for ("linear-regression");
  g_autoptr(ScBacktestTrace) trace = NULL;
  g_autoptr(GError) error = NULL;
  const int horizon = 10;
  ScHorizonMetrics m;

  sc_predictor_set_refit_every (predictor, 1);
  sc_predictor_set_horizons (predictor, &horizon, 1);
  sc_predictor_set_years (predictor, 0);
  trace = _sc_predictor_walk_forward (predictor, prices, horizon, &m, NULL, &error);
  g_assert_no_error (error);

  for (guint k = trace->n_origins / 2; k < trace->n_origins; k += 97)
    {
      guint j = trace->first_origin + k;
      g_autoptr(ScPriceSeries) past = sc_price_series_slice (prices, 0, j + 1);
      g_autoptr(ScPrediction) p = sc_predictor_run (predictor, past, NULL, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpfloat_with_epsilon (p->forecasts[0].price / trace->pred[k], 1, 1e-9);
    }
}

static void
test_intervals (void)
{
  const char *ids[] = { "linear-regression", "naive", "log-return", "mlp" };
  g_autoptr(ScPriceSeries) prices = fixture ("KO-1000.csv");

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(ScPredictor) predictor = predictor_for (ids[i]);
      g_autoptr(ScBacktestTrace) trace = NULL;
      g_autoptr(GError) error = NULL;
      ScHorizonMetrics m;
      guint inside = 0;

      trace = _sc_predictor_walk_forward (predictor, prices, 60, &m, NULL, &error);
      g_assert_no_error (error);
      for (guint k = 0; k < trace->n_origins; k++)
        {
          /* Every origin has 63 returns behind it, hence an interval, with
           * the forecast strictly inside. */
          g_assert_false (isnan (trace->low[k]));
          g_assert_cmpfloat (trace->low[k], <, trace->pred[k]);
          g_assert_cmpfloat (trace->high[k], >, trace->pred[k]);
          /* Symmetric in log price. */
          g_assert_cmpfloat_with_epsilon (log (trace->high[k] / trace->pred[k]),
                                          log (trace->pred[k] / trace->low[k]), 1e-9);
          inside += trace->actual[k] >= trace->low[k] && trace->actual[k] <= trace->high[k];
        }
      g_assert_cmpfloat_with_epsilon (m.coverage, (double) inside / trace->n_origins, 1e-15);
    }
}

/* The term structure: a flat volatility gives σ√h; a burst today counts
 * near the origin and fades toward the long-run level a year on. */
static void
test_horizon_sigma (void)
{
  double v = 0.01 * 0.01;

  g_assert_cmpfloat_with_epsilon (_sc_horizon_sigma (v, v, 1), 0.01, 1e-15);
  g_assert_cmpfloat_with_epsilon (_sc_horizon_sigma (v, v, 365), 0.01 * sqrt (365), 1e-12);
  g_assert_cmpfloat_with_epsilon (_sc_horizon_sigma (4 * v, v, 1), 0.02, 1e-15);
  g_assert_cmpfloat (_sc_horizon_sigma (4 * v, v, 10) / sqrt (10), >, 0.019);
  /* GARCH's average variance: v + 3v (1 − 0.99^365) / (365 × 0.01). */
  g_assert_cmpfloat_with_epsilon (_sc_horizon_sigma (4 * v, v, 365),
                                  sqrt (365 * v * (1 + 3 * (1 - pow (0.99, 365)) / 3.65)), 1e-12);
  g_assert_true (isnan (_sc_horizon_sigma (NAN, v, 10)));
}

/* Calibration: on a random walk with a known daily volatility of 1% the
 * 80% interval of "no change" (the right point forecast here) holds about
 * 80% of outcomes: 78.7% if σ were known exactly (the interval is 0.97 of
 * the normal's, for the fat tails of real returns), a little less with σ
 * estimated from 63 days. Several seeded paths, so that one lucky path
 * cannot pass the test. */
static ScPriceSeries *
random_walk (guint32 seed,
             guint   n,
             double  sigma)
{
  ScPriceSeries *prices = sc_price_series_new ("WALK");
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  ScDay day = sc_day_from_ymd (2000, 1, 3);
  double close = 100;

  for (guint i = 0; i < n; i++)
    {
      /* Box-Muller */
      double u1 = g_rand_double (rand), u2 = g_rand_double (rand);
      double z = sqrt (-2 * log (1 - u1)) * cos (2 * G_PI * u2);

      sc_price_series_append (prices, day, NAN, NAN, NAN, close, NAN, NAN);
      close *= exp (sigma * z);
      day += sc_day_weekday (day) == 5 ? 3 : 1;
    }
  return prices;
}

static void
test_calibration_random_walk (void)
{
  g_autoptr(ScPredictor) predictor = predictor_for ("naive");
  const int horizons[] = { 10, 60 };
  double covered[G_N_ELEMENTS (horizons)] = { 0 }, total[G_N_ELEMENTS (horizons)] = { 0 };

  sc_predictor_set_years (predictor, 0);
  for (guint32 seed = 1; seed <= 24; seed++)
    {
      g_autoptr(ScPriceSeries) prices = random_walk (seed, 2520, 0.01);

      for (guint i = 0; i < G_N_ELEMENTS (horizons); i++)
        {
          g_autoptr(ScBacktestTrace) trace = NULL;
          g_autoptr(GError) error = NULL;
          ScHorizonMetrics m;

          trace = _sc_predictor_walk_forward (predictor, prices, horizons[i], &m, NULL, &error);
          g_assert_no_error (error);
          /* The interval's σ is the walk's own, give or take sampling. */
          {
            double mean = 0;

            for (guint k = 0; k < trace->n_origins; k++)
              mean += trace->scale[k] / sqrt (horizons[i]) / trace->n_origins;
            g_assert_cmpfloat (mean, >, 0.0094);
            g_assert_cmpfloat (mean, <, 0.0106);
          }
          covered[i] += m.coverage * m.n;
          total[i] += m.n;
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (horizons); i++)
    {
      g_test_message ("random walk, %d days: %.3f covered", horizons[i], covered[i] / total[i]);
      g_assert_cmpfloat (covered[i] / total[i], >, 0.75);
      g_assert_cmpfloat (covered[i] / total[i], <, 0.82);
    }
}

/* The interval and forecast at the last row are what the backtest would
 * have shown there: predict's interval is the same rule. */
static void
test_forecast_interval_matches_rule (void)
{
  g_autoptr(ScPriceSeries) prices = fixture ("KO-1000.csv");
  g_autoptr(ScPredictor) predictor = predictor_for ("naive");
  g_autoptr(ScPrediction) p = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree double *var_now = g_new (double, prices->n_rows);
  g_autofree double *var_long = g_new (double, prices->n_rows);

  sc_predictor_set_years (predictor, 0);
  p = sc_predictor_run (predictor, prices, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  _sc_volatility_compute (prices->close, prices->n_rows, var_now, var_long);
  for (guint i = 0; i < p->n_forecasts; i++)
    {
      double sigma = _sc_horizon_sigma (var_now[prices->n_rows - 1], var_long[prices->n_rows - 1],
                                        p->forecasts[i].horizon);

      g_assert_cmpfloat_with_epsilon (p->forecasts[i].high / p->forecasts[i].price,
                                      exp (0.97 * 1.2815515655446004 * sigma), 1e-12);
    }
  /* Too few returns: no volatility, hence no interval. */
  _sc_volatility_compute (prices->close, 60, var_now, var_long);
  g_assert_true (isnan (var_now[59]));
  g_assert_false (isnan (var_now[0 + 63]) && FALSE);
}

static void
count_progress (double      fraction,
                const char *step,
                gpointer    user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, 0);
  g_assert_cmpfloat (fraction, <=, 1);
  *last = fraction;
}

typedef struct
{
  GMainLoop    *loop;
  ScPrediction *prediction;
  GError       *error;
  guint         notifies;
  GThread      *main_thread;
} AsyncData;

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  AsyncData *data = user_data;

  data->prediction = sc_predictor_run_finish (SC_PREDICTOR (source), result, &data->error);
  g_main_loop_quit (data->loop);
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  AsyncData *data = user_data;

  g_assert_true (g_thread_self () == data->main_thread);
  data->notifies++;
}

static void
test_async (void)
{
  g_autoptr(ScPriceSeries) prices = fixture ("KO-1000.csv");
  g_autoptr(ScPredictor) predictor = predictor_for ("linear-regression");
  g_autoptr(ScPrediction) sync = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncData data = { 0 };
  double last = -1;

  sync = sc_predictor_run (predictor, prices, count_progress, &last, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (last, ==, 1);

  data.loop = g_main_loop_new (NULL, FALSE);
  data.main_thread = g_thread_self ();
  g_signal_connect (predictor, "notify::fraction", G_CALLBACK (on_notify), &data);
  sc_predictor_run_async (predictor, prices, NULL, on_done, &data);
  g_main_loop_run (data.loop);
  g_assert_no_error (data.error);
  g_assert_nonnull (data.prediction);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpfloat (data.prediction->forecasts[i].price, ==, sync->forecasts[i].price);
  g_assert_cmpuint (data.notifies, >, 0);
  g_clear_pointer (&data.prediction, sc_prediction_unref);

  /* Cancelled before it starts: the standard GIO error. */
  g_cancellable_cancel (cancellable);
  sc_predictor_run_async (predictor, prices, cancellable, on_done, &data);
  g_main_loop_run (data.loop);
  g_assert_null (data.prediction);
  g_assert_error (data.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&data.error);

  /* Let queued progress deliveries run before the predictor goes. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_main_loop_unref (data.loop);
}

/* Same seed, same forecasts, bit for bit, also across threads. */
static void
test_mlp_deterministic (void)
{
  g_autoptr(ScPriceSeries) prices = fixture ("KO-1000.csv");
  g_autoptr(ScPredictor) predictor = predictor_for ("mlp");
  g_autoptr(ScPrediction) a = NULL;
  g_autoptr(ScPrediction) b = NULL;
  g_autoptr(ScPrediction) c = NULL;
  g_autoptr(ScModelInfo) other_seed = NULL;
  g_autoptr(ScPredictor) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean any_different = FALSE;

  sc_predictor_set_years (predictor, 0);
  a = sc_predictor_run (predictor, prices, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  b = sc_predictor_run (predictor, prices, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < a->n_forecasts; i++)
    {
      g_assert_cmpfloat (a->forecasts[i].price, ==, b->forecasts[i].price);
      g_assert_cmpfloat (a->forecasts[i].low, ==, b->forecasts[i].low);
      g_assert_cmpfloat (a->metrics[i].mae, ==, b->metrics[i].mae);
      g_assert_true (isfinite (a->forecasts[i].price));
    }

  /* Another seed gives another network. */
  g_assert_true (g_file_get_contents (sc_predictor_get_model (predictor)->path, &text, NULL, NULL));
  {
    g_autoptr(GString) changed = g_string_new (text);

    g_string_replace (changed, "Seed=42", "Seed=7", 1);
    other_seed = sc_model_info_load_data ("other.model", changed->str, changed->len, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (other_seed->seed, ==, 7);
  }
  other = sc_predictor_new (other_seed);
  sc_predictor_set_years (other, 0);
  c = sc_predictor_run (other, prices, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < a->n_forecasts; i++)
    any_different |= a->forecasts[i].price != c->forecasts[i].price;
  g_assert_true (any_different);
}

static void
test_log_return_model (void)
{
  g_autoptr(ScPriceSeries) prices = fixture ("KO-1000.csv");
  g_autoptr(ScPredictor) predictor = predictor_for ("log-return");
  g_autoptr(ScPrediction) p = NULL;
  g_autoptr(GError) error = NULL;

  sc_predictor_set_years (predictor, 0);
  p = sc_predictor_run (predictor, prices, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < p->n_forecasts; i++)
    {
      /* A log-return model gives positive prices near the last close. */
      g_assert_cmpfloat (p->forecasts[i].price, >, 0.5 * p->last_close);
      g_assert_cmpfloat (p->forecasts[i].price, <, 2 * p->last_close);
      g_assert_cmpfloat (p->forecasts[i].low, <=, p->forecasts[i].price);
      g_assert_cmpfloat (p->forecasts[i].high, >=, p->forecasts[i].price);
    }
}

int
main (int   argc,
      char *argv[])
{
  sc_test_init (&argc, &argv);

  g_test_add_func ("/core/predictor/naive-mase-is-one", test_naive_mase_is_one);
  g_test_add_func ("/core/predictor/direction-counts-calls", test_direction_counts_calls);
  g_test_add_func ("/core/predictor/straight-line", test_straight_line);
  g_test_add_func ("/core/predictor/too-short", test_too_short);
  g_test_add_func ("/core/predictor/window", test_window);
  g_test_add_func ("/core/predictor/permutation", test_permutation);
  g_test_add_func ("/core/backtest/no-lookahead", test_no_lookahead);
  g_test_add_func ("/core/backtest/matches-truncated-predict", test_backtest_matches_truncated_predict);
  g_test_add_func ("/core/backtest/intervals", test_intervals);
  g_test_add_func ("/core/interval/horizon-sigma", test_horizon_sigma);
  g_test_add_func ("/core/interval/calibration-random-walk", test_calibration_random_walk);
  g_test_add_func ("/core/interval/forecast-matches-rule", test_forecast_interval_matches_rule);
  g_test_add_func ("/core/predictor/async", test_async);
  g_test_add_func ("/core/predictor/mlp-deterministic", test_mlp_deterministic);
  g_test_add_func ("/core/predictor/log-return", test_log_return_model);

  return g_test_run ();
}
