/* sc-regressor.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-model.h"

G_BEGIN_DECLS

/* A fitted (or fitting) model of one descriptor: ols, ridge or mlp. The naive
 * kind needs no fit and is handled by the predictor. Refitting keeps the
 * previous state where the method can use it (the MLP warm-starts from its
 * last weights). Not thread-safe: one regressor per thread. */
typedef struct _ScRegressor ScRegressor;

ScRegressor *sc_regressor_new       (ScModelInfo   *info,
                                     guint          n_features);
void         sc_regressor_free      (ScRegressor   *self);
/* X is N rows of n_features values, row-major. */
gboolean     sc_regressor_fit       (ScRegressor   *self,
                                     const double  *x,
                                     const double  *y,
                                     guint          n,
                                     GCancellable  *cancellable,
                                     GError       **error);
double       sc_regressor_predict   (ScRegressor   *self,
                                     const double  *x);
/* Intercept and coefficients of a linear fit (n_features + 1 values), or
 * NULL for other kinds. */
const double *sc_regressor_get_linear (ScRegressor *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScRegressor, sc_regressor_free)

G_END_DECLS
