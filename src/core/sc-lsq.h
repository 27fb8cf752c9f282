/* sc-lsq.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Incremental least squares for a training set that only grows (the
 * walk-forward backtest): running means and co-moments (Welford) give every
 * refit for the price of a tiny p x p solve through sc_lstsq_min_norm().
 * P is at most 64 features. */
typedef struct
{
  guint   p;
  double  n;
  double *mean;             /* p features, then y */
  double *m2;               /* (p+1)^2 co-moments */
  double *intercept_coef;   /* intercept, then p coefficients */
} ScLsqAccumulator;

void   sc_lsq_accumulator_init    (ScLsqAccumulator *acc,
                                   guint             p);
void   sc_lsq_accumulator_clear   (ScLsqAccumulator *acc);
void   sc_lsq_accumulator_add     (ScLsqAccumulator *acc,
                                   const double     *x,
                                   double            y);
/* Fits on the rows added so far: ordinary least squares, or ridge with
 * penalty RIDGE_ALPHA x rows on standardised coefficients. */
void   sc_lsq_accumulator_solve   (ScLsqAccumulator *acc,
                                   double            ridge_alpha);
double sc_lsq_accumulator_predict (ScLsqAccumulator *acc,
                                   const double     *x);

G_END_DECLS
