/* sc-linalg.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Minimum-norm least squares: the x of smallest norm among those minimising
 * ||A x - b||, for A with N rows and P columns stored row-major (N may be
 * smaller than P). Solved through a one-sided Jacobi SVD of A, which keeps
 * full accuracy even when columns are (nearly) collinear; singular values
 * below RCOND times the largest count as zero (RCOND <= 0: eps * max(N, P)).
 * Returns the numerical rank. */
guint sc_lstsq_min_norm (const double *a,
                         const double *b,
                         guint         n,
                         guint         p,
                         double        rcond,
                         double       *x);

G_END_DECLS
