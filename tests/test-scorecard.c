/* test-scorecard.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "sc-scorecard.h"
#include "sc-test-util.h"

#define F(model, h, last, price, low, high, actual) { model, h, last, price, low, high, actual }

static const ScScorecardRow *
find_row (const ScScorecard *card,
          const char        *model,
          int                horizon)
{
  for (guint i = 0; i < card->rows->len; i++)
    {
      const ScScorecardRow *row = &g_array_index (card->rows, ScScorecardRow, i);

      if (row->horizon == horizon && g_strcmp0 (row->model, model) == 0)
        return row;
    }
  return NULL;
}

/* A hand-worked history: every figure below is computed on paper. */
static void
test_known_outcomes (void)
{
  const ScScorecardForecast history[] = {
    /* linear-regression, 10 days: 3 due, 1 pending */
    F ("linear-regression", 10, 100, 104, 95, 110, 106),   /* inside, up/up, |e|=2, naive 6 */
    F ("linear-regression", 10, 100, 98, 90, 105, 112),    /* above, down/up, |e|=14, naive 12 */
    F ("linear-regression", 10, 50, 51, 48, 55, 48),       /* on the low bound: inside; up/down; 3, 2 */
    F ("linear-regression", 10, 50, 51, 48, 55, NAN),      /* not due */
    /* linear-regression, 60 days */
    F ("linear-regression", 60, 200, 210, 180, 240, 170),  /* below, up/down, 40, 30 */
    /* naive, 10 days: predicts no change; actual tie with last close */
    F ("naive", 10, 100, 100, 95, 105, 100),               /* inside, 0/0 right, 0, 0 */
    F ("naive", 10, 100, 100, 95, 105, 103),               /* inside, 0/up wrong, 3, 3 */
  };
  g_autoptr(ScScorecard) card = sc_scorecard_compute (history, G_N_ELEMENTS (history));
  const ScScorecardRow *row;

  g_assert_cmpuint (card->rows->len, ==, 3);

  /* sorted by model, then horizon */
  row = &g_array_index (card->rows, ScScorecardRow, 0);
  g_assert_cmpstr (row->model, ==, "linear-regression");
  g_assert_cmpint (row->horizon, ==, 10);
  g_assert_cmpuint (row->n_forecasts, ==, 4);
  g_assert_cmpuint (row->due, ==, 3);
  g_assert_cmpuint (row->inside, ==, 2);
  g_assert_cmpfloat_with_epsilon (row->coverage, 2.0 / 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (row->mase, (2.0 + 14 + 3) / (6.0 + 12 + 2), 1e-12);
  g_assert_cmpfloat_with_epsilon (row->direction, 1.0 / 3, 1e-12);

  row = find_row (card, "linear-regression", 60);
  g_assert_nonnull (row);
  g_assert_cmpuint (row->due, ==, 1);
  g_assert_cmpuint (row->inside, ==, 0);
  g_assert_cmpfloat (row->coverage, ==, 0.0);
  g_assert_cmpfloat_with_epsilon (row->mase, 40.0 / 30, 1e-12);
  g_assert_cmpfloat (row->direction, ==, 0.0);

  row = find_row (card, "naive", 10);
  g_assert_nonnull (row);
  g_assert_cmpuint (row->due, ==, 2);
  g_assert_cmpuint (row->inside, ==, 2);
  g_assert_cmpfloat (row->coverage, ==, 1.0);
  /* a forecast of "no change" scores exactly 1 */
  g_assert_cmpfloat (row->mase, ==, 1.0);
  /* the tie (no change predicted, none happened) counts as right */
  g_assert_cmpfloat (row->direction, ==, 0.5);

  row = &card->overall;
  g_assert_null (row->model);
  g_assert_cmpuint (row->n_forecasts, ==, 7);
  g_assert_cmpuint (row->due, ==, 6);
  g_assert_cmpuint (row->inside, ==, 4);
  g_assert_cmpfloat_with_epsilon (row->coverage, 4.0 / 6, 1e-12);
  g_assert_cmpfloat_with_epsilon (row->mase, (2.0 + 14 + 3 + 40 + 0 + 3) / (6.0 + 12 + 2 + 30 + 0 + 3), 1e-12);
  g_assert_cmpfloat_with_epsilon (row->direction, 2.0 / 6, 1e-12);
  g_assert_true (sc_scorecard_row_too_few (row));
}

/* Nothing came due: counts are zero and every share is undefined. */
static void
test_none_due (void)
{
  const ScScorecardForecast history[] = {
    F ("linear-regression", 10, 100, 104, 95, 110, NAN),
    F ("linear-regression", 365, 100, 120, 80, 160, NAN),
  };
  g_autoptr(ScScorecard) card = sc_scorecard_compute (history, G_N_ELEMENTS (history));
  g_autoptr(ScScorecard) empty = sc_scorecard_compute (NULL, 0);
  g_autofree char *text = NULL;

  g_assert_cmpuint (card->rows->len, ==, 2);
  g_assert_cmpuint (card->overall.due, ==, 0);
  g_assert_cmpuint (card->overall.inside, ==, 0);
  g_assert_true (isnan (card->overall.coverage));
  g_assert_true (isnan (card->overall.mase));
  g_assert_true (isnan (card->overall.direction));
  for (guint i = 0; i < card->rows->len; i++)
    {
      const ScScorecardRow *row = &g_array_index (card->rows, ScScorecardRow, i);

      g_assert_cmpuint (row->due, ==, 0);
      g_assert_true (isnan (row->coverage));
    }

  g_assert_cmpuint (empty->rows->len, ==, 0);
  g_assert_cmpuint (empty->overall.due, ==, 0);
  g_assert_true (isnan (empty->overall.mase));

  text = sc_scorecard_row_describe (&card->overall);
  g_assert_cmpstr (text, ==, "None came due yet");
}

/* One model only, enough outcomes to judge; "no change" never wrong
 * leaves MASE undefined rather than infinite. */
static void
test_one_model (void)
{
  g_autoptr(GArray) history = g_array_new (FALSE, FALSE, sizeof (ScScorecardForecast));
  g_autoptr(ScScorecard) card = NULL;
  g_autoptr(ScScorecard) flat = NULL;
  const ScScorecardForecast still = F ("mlp", 10, 10, 11, 9, 12, 10);
  g_autofree char *text = NULL;

  for (guint i = 0; i < 25; i++)
    {
      /* 20 of 25 inside; every prediction says up, 15 went up */
      ScScorecardForecast f = F ("mlp", 10, 100, 101, 95, 105, i < 15 ? 102 : (i < 20 ? 97 : 90));

      g_array_append_val (history, f);
    }
  card = sc_scorecard_compute ((ScScorecardForecast *) history->data, history->len);

  g_assert_cmpuint (card->rows->len, ==, 1);
  g_assert_cmpuint (card->overall.due, ==, 25);
  g_assert_cmpuint (card->overall.inside, ==, 20);
  g_assert_cmpfloat_with_epsilon (card->overall.coverage, 0.8, 1e-12);
  g_assert_cmpfloat_with_epsilon (card->overall.direction, 0.6, 1e-12);
  /* |e|: 15×1 + 5×4 + 5×11 = 90; naive: 15×2 + 5×3 + 5×10 = 95 */
  g_assert_cmpfloat_with_epsilon (card->overall.mase, 90.0 / 95, 1e-12);
  g_assert_false (sc_scorecard_row_too_few (&card->overall));
  text = sc_scorecard_row_describe (&card->overall);
  g_assert_cmpstr (text, ==, "25 came due");
  g_clear_pointer (&text, g_free);

  flat = sc_scorecard_compute (&still, 1);
  g_assert_true (isnan (flat->overall.mase));
  g_assert_cmpfloat (flat->overall.coverage, ==, 1.0);
  text = sc_scorecard_row_describe (&flat->overall);
  g_assert_cmpstr (text, ==, "1 came due: too few to judge");
}

static void
test_notice_text (void)
{
  const ScDueOutcome outcomes[] = {
    { "MSFT", 10, 216.15, 205.10, 226.00, 220.30 },
    { "KO", 60, 50.0, 45.0, 55.0, 44.99 },
    { "AAPL", 1, 100.0, 90.0, 110.0, 120.0 },
    { "NVDA", 365, 100.0, 90.0, 110.0, 110.0 },
  };
  g_autofree char *line = sc_due_outcome_describe (&outcomes[0]);
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  g_assert_cmpstr (line, ==, "MSFT, 10 trading days: predicted 216.15, closed 220.30 — inside the range");

  g_assert_false (sc_due_outcomes_notice (outcomes, 0, 3, &title, &body));
  g_assert_null (title);

  g_assert_true (sc_due_outcomes_notice (outcomes, 1, 3, &title, &body));
  g_assert_cmpstr (title, ==, "A prediction of MSFT came due");
  g_assert_cmpstr (body, ==, line);
  g_clear_pointer (&title, g_free);
  g_clear_pointer (&body, g_free);

  /* one notification for the batch: all fit */
  g_assert_true (sc_due_outcomes_notice (outcomes, 3, 3, &title, &body));
  g_assert_cmpstr (title, ==, "3 predictions came due");
  g_assert_cmpstr (body, ==,
                   "MSFT, 10 trading days: predicted 216.15, closed 220.30 — inside the range\n"
                   "KO, 60 trading days: predicted 50.00, closed 44.99 — below the range\n"
                   "AAPL, 1 trading day: predicted 100.00, closed 120.00 — above the range");
  g_clear_pointer (&title, g_free);
  g_clear_pointer (&body, g_free);

  /* too many: the last line says how many more (a close on the bound is inside) */
  g_assert_true (sc_due_outcomes_notice (outcomes, 4, 3, &title, &body));
  g_assert_cmpstr (title, ==, "4 predictions came due");
  g_assert_cmpstr (body, ==,
                   "MSFT, 10 trading days: predicted 216.15, closed 220.30 — inside the range\n"
                   "KO, 60 trading days: predicted 50.00, closed 44.99 — below the range\n"
                   "and 2 more");
  g_clear_pointer (&body, g_free);
  g_clear_pointer (&title, g_free);
  line = (g_free (line), sc_due_outcome_describe (&outcomes[3]));
  g_assert_cmpstr (line, ==, "NVDA, 365 trading days: predicted 100.00, closed 110.00 — inside the range");
}

int
main (int   argc,
      char *argv[])
{
  sc_test_init (&argc, &argv);

  g_test_add_func ("/core/scorecard/known-outcomes", test_known_outcomes);
  g_test_add_func ("/core/scorecard/none-due", test_none_due);
  g_test_add_func ("/core/scorecard/one-model", test_one_model);
  g_test_add_func ("/core/scorecard/notice-text", test_notice_text);

  return g_test_run ();
}
