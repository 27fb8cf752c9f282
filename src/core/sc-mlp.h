/* sc-mlp.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-model.h"

G_BEGIN_DECLS

/* A one-hidden-layer perceptron (ReLU, identity output, squared loss, Adam),
 * after scikit-learn's MLPRegressor, with standardised inputs and target and
 * early stopping on the chronological tail of the rows. */
typedef struct _ScMlp ScMlp;

ScMlp   *sc_mlp_new      (ScModelInfo   *info,
                          guint          n_inputs);
void     sc_mlp_free     (ScMlp         *self);
/* Fits on N rows (row-major X). A second call starts from the weights of the
 * first (warm start) with fresh optimiser state. */
gboolean sc_mlp_fit      (ScMlp         *self,
                          const double  *x,
                          const double  *y,
                          guint          n,
                          GCancellable  *cancellable,
                          GError       **error);
double   sc_mlp_predict  (ScMlp         *self,
                          const double  *x);
/* Epochs run by the last fit. */
guint    sc_mlp_get_epochs (ScMlp       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScMlp, sc_mlp_free)

G_END_DECLS
