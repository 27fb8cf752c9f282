/* sc-scorecard.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sc-scorecard.h"

typedef struct
{
  ScScorecardRow row;
  double         abs_error;
  double         naive_error;
} Accumulator;

static int
sign_of (double value)
{
  return (value > 0) - (value < 0);
}

static void
accumulate (Accumulator               *acc,
            const ScScorecardForecast *f)
{
  acc->row.n_forecasts++;
  if (isnan (f->actual))
    return;

  acc->row.due++;
  if (f->low <= f->actual && f->actual <= f->high)
    acc->row.inside++;
  if (sign_of (f->price - f->last_close) == sign_of (f->actual - f->last_close))
    acc->row.right_direction++;
  acc->abs_error += fabs (f->price - f->actual);
  acc->naive_error += fabs (f->last_close - f->actual);
}

static void
finish (Accumulator *acc)
{
  ScScorecardRow *row = &acc->row;

  row->coverage = row->mase = row->direction = NAN;
  if (row->due == 0)
    return;

  row->coverage = (double) row->inside / row->due;
  row->direction = (double) row->right_direction / row->due;
  /* Both means share the count, so the ratio of sums is the ratio of means. */
  if (acc->naive_error > 0)
    row->mase = acc->abs_error / acc->naive_error;
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const Accumulator *x = a;
  const Accumulator *y = b;
  int c = g_strcmp0 (x->row.model, y->row.model);

  if (c != 0)
    return c;
  return (x->row.horizon > y->row.horizon) - (x->row.horizon < y->row.horizon);
}

ScScorecard *
sc_scorecard_compute (const ScScorecardForecast *forecasts,
                      guint                      n_forecasts)
{
  g_autoptr(GArray) groups = g_array_new (FALSE, TRUE, sizeof (Accumulator));
  Accumulator overall = { 0 };
  ScScorecard *self;

  g_return_val_if_fail (forecasts != NULL || n_forecasts == 0, NULL);

  for (guint i = 0; i < n_forecasts; i++)
    {
      const ScScorecardForecast *f = &forecasts[i];
      Accumulator *acc = NULL;

      for (guint j = 0; j < groups->len && acc == NULL; j++)
        {
          Accumulator *g = &g_array_index (groups, Accumulator, j);

          if (g->row.horizon == f->horizon && g_strcmp0 (g->row.model, f->model) == 0)
            acc = g;
        }
      if (acc == NULL)
        {
          Accumulator fresh = { 0 };

          fresh.row.model = g_strdup (f->model ? f->model : "");
          fresh.row.horizon = f->horizon;
          g_array_append_val (groups, fresh);
          acc = &g_array_index (groups, Accumulator, groups->len - 1);
        }

      accumulate (acc, f);
      accumulate (&overall, f);
    }

  g_array_sort (groups, compare_rows);

  self = g_new0 (ScScorecard, 1);
  finish (&overall);
  self->overall = overall.row;
  self->rows = g_array_sized_new (FALSE, TRUE, sizeof (ScScorecardRow), groups->len);
  for (guint j = 0; j < groups->len; j++)
    {
      Accumulator *g = &g_array_index (groups, Accumulator, j);

      finish (g);
      g_array_append_val (self->rows, g->row);
    }

  return self;
}

void
sc_scorecard_free (ScScorecard *self)
{
  if (self == NULL)
    return;

  for (guint j = 0; j < self->rows->len; j++)
    g_free (g_array_index (self->rows, ScScorecardRow, j).model);
  g_array_unref (self->rows);
  g_free (self);
}

gboolean
sc_scorecard_row_too_few (const ScScorecardRow *row)
{
  g_return_val_if_fail (row != NULL, TRUE);

  return row->due < SC_SCORECARD_MIN_DUE;
}

char *
sc_scorecard_row_describe (const ScScorecardRow *row)
{
  g_return_val_if_fail (row != NULL, NULL);

  if (row->due == 0)
    return g_strdup (_("None came due yet"));
  if (sc_scorecard_row_too_few (row))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u came due: too few to judge",
                                         "%u came due: too few to judge", row->due),
                            row->due);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u came due", "%u came due", row->due),
                          row->due);
}

/* --- notifications ------------------------------------------------------ */

char *
sc_due_outcome_describe (const ScDueOutcome *o)
{
  g_autofree char *days = NULL;
  const char *where;

  g_return_val_if_fail (o != NULL, NULL);

  days = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d trading day", "%d trading days", o->horizon),
                          o->horizon);
  if (o->actual < o->low)
    where = _("below the range");
  else if (o->actual > o->high)
    where = _("above the range");
  else
    where = _("inside the range");

  /* Translators: "MSFT, 10 trading days: predicted 216.15, closed 220.30 — inside the range" */
  return g_strdup_printf (_("%s, %s: predicted %.2f, closed %.2f — %s"),
                          o->ticker, days, o->price, o->actual, where);
}

gboolean
sc_due_outcomes_notice (const ScDueOutcome  *outcomes,
                        guint                n_outcomes,
                        guint                max_lines,
                        char               **out_title,
                        char               **out_body)
{
  g_autoptr(GString) body = g_string_new (NULL);
  guint shown;

  g_return_val_if_fail (outcomes != NULL || n_outcomes == 0, FALSE);

  if (n_outcomes == 0)
    return FALSE;

  max_lines = MAX (max_lines, 1);
  /* "and 1 more" would take the line the outcome itself needs. */
  shown = n_outcomes <= max_lines ? n_outcomes : max_lines - 1;
  shown = MAX (shown, 1);

  for (guint i = 0; i < shown; i++)
    {
      g_autofree char *line = sc_due_outcome_describe (&outcomes[i]);

      if (i > 0)
        g_string_append_c (body, '\n');
      g_string_append (body, line);
    }
  if (shown < n_outcomes)
    {
      g_string_append_c (body, '\n');
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more",
                                                 n_outcomes - shown),
                              n_outcomes - shown);
    }

  if (out_title != NULL)
    {
      if (n_outcomes == 1)
        *out_title = g_strdup_printf (_("A prediction of %s came due"), outcomes[0].ticker);
      else
        *out_title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u prediction came due",
                                                   "%u predictions came due", n_outcomes),
                                      n_outcomes);
    }
  if (out_body != NULL)
    *out_body = g_string_free (g_steal_pointer (&body), FALSE);

  return TRUE;
}
