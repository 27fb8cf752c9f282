/* test-models.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "sc-error.h"
#include "sc-linalg.h"
#include "sc-model.h"
#include "sc-regressor.h"
#include "sc-test-util.h"

static ScModelInfo *
load (const char  *text,
      GError     **error)
{
  return sc_model_info_load_data ("test.model", text, strlen (text), error);
}

static void
test_shipped (void)
{
  GPtrArray *models = sc_models_get_all ();
  g_autoptr(ScModelInfo) lr = NULL;
  g_autoptr(ScModelInfo) mlp = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (models->len, >=, 3);
  lr = sc_models_lookup ("linear-regression", &error);
  g_assert_no_error (error);
  g_assert_cmpint (lr->kind, ==, SC_MODEL_KIND_OLS);
  g_assert_cmpint (lr->target, ==, SC_MODEL_TARGET_PRICE);
  g_assert_cmpuint (lr->n_features, ==, 2);
  g_assert_cmpstr (lr->feature_names[0], ==, "close");
  g_assert_cmpstr (lr->feature_names[1], ==, "ema10");

  mlp = sc_models_lookup ("mlp", &error);
  g_assert_no_error (error);
  g_assert_cmpint (mlp->kind, ==, SC_MODEL_KIND_MLP);
  g_assert_cmpuint (mlp->hidden, ==, 100);
  g_assert_cmpuint (mlp->seed, ==, 42);
  g_assert_cmpstr (mlp->feature_names[1], ==, "rsi10");
  g_assert_true (mlp->residual);

  g_assert_null (sc_models_lookup ("nope", &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_USAGE);
  g_assert_nonnull (strstr (error->message, "“nope”"));
}

static void
expect_error (const char *text,
              const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScModelInfo) info = load (text, &error);

  g_assert_null (info);
  g_assert_error (error, SC_ERROR, SC_ERROR_DATA);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” lacks “%s”", error->message, fragment);
}

static void
test_descriptor_errors (void)
{
  expect_error ("[Model]\nId=x\nthis is not a key\nKind=ols\n", "test.model, line 3:");
  expect_error ("Id=x\n", "test.model, line 1:");
  expect_error ("[Model\nId=x\n", "line 1");
  expect_error ("[Other]\nId=x\n", "no [Model] group");
  expect_error ("[Model]\nKind=ols\nFeatures=close\n", "Id must be set");
  expect_error ("[Model]\nId=bad id\nKind=ols\nFeatures=close\n", "line 2: Id must be set");
  expect_error ("[Model]\nId=x\nFeatures=close\n", "Kind is missing");
  expect_error ("[Model]\nId=x\n\n# comment\nKind=svm\nFeatures=close\n",
                "line 5: Unknown kind “svm”");
  expect_error ("[Model]\nId=x\nKind=ols\nFeatures=close;macd7\n",
                "line 4: Unknown feature “macd7”");
  expect_error ("[Model]\nId=x\nKind=ols\nFeatures=\n", "line 4: Features must list");
  expect_error ("[Model]\nId=x\nKind=ols\nFeatures=close\nTarget=volume\n",
                "line 5: Unknown target “volume”");
  expect_error ("[Model]\nId=x\nKind=mlp\nFeatures=close\n[MLP]\nHidden=0\n",
                "line 6: Hidden must be a whole number from 1 to 1000, not “0”.");
  expect_error ("[Model]\nId=x\nKind=mlp\nFeatures=close\n[MLP]\nActivation=tanh\n",
                "line 6: Unsupported Activation “tanh”");
  expect_error ("[Model]\nId=x\nKind=ridge\nFeatures=close\n[Ridge]\nAlpha=-1\n",
                "line 6: Alpha must be a number");
  expect_error ("[Model]\nId=\xff\n", "not UTF-8");
  expect_error ("[Model]\nId=x\nKind=mlp\nFeatures=close\nResidual=maybe\n",
                "line 5: Residual must be true or false.");
}

static void
test_descriptor_good (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScModelInfo) info = NULL;

  info = load ("# A log-return model\n[Model]\nId=lr2\nName=Two\nKind=ridge\n"
               "Features=return5; volatility20 ;rsi14\nTarget=log-return\n[Ridge]\nAlpha=0.5\n",
               &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->id, ==, "lr2");
  g_assert_cmpstr (info->name, ==, "Two");
  g_assert_cmpstr (info->description, ==, "");
  g_assert_cmpint (info->kind, ==, SC_MODEL_KIND_RIDGE);
  g_assert_cmpint (info->target, ==, SC_MODEL_TARGET_LOG_RETURN);
  g_assert_cmpuint (info->n_features, ==, 3);
  g_assert_cmpstr (info->feature_names[1], ==, "volatility20");
  g_assert_cmpint (info->features[2].kind, ==, SC_FEATURE_RSI);
  g_assert_cmpfloat (info->ridge_alpha, ==, 0.5);
  g_assert_false (info->residual);
}

static void
write_file (const char *dir,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_mkdir_with_parents (dir, 0700);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

static void
test_load_dirs (void)
{
  g_autofree char *system = g_build_filename (sc_test_get_tmpdir (), "system", NULL);
  g_autofree char *user = g_build_filename (sc_test_get_tmpdir (), "user", NULL);
  const char *dirs[] = { system, user, "/nonexistent", NULL };
  g_autoptr(GPtrArray) models = NULL;
  ScModelInfo *a, *b;

  write_file (system, "a.model", "[Model]\nId=a\nName=System A\nKind=naive\nFeatures=close\n");
  write_file (system, "b.model", "[Model]\nId=b\nKind=ols\nFeatures=close;ema5\n");
  write_file (system, "broken.model", "[Model]\nId=c\nKind=ols\nFeatures=close;wobble3\n");
  write_file (system, "ignored.txt", "not a descriptor");
  write_file (user, "mine.model", "[Model]\nId=a\nName=User A\nKind=naive\nFeatures=close\n");

  g_test_expect_message ("Stockcast", G_LOG_LEVEL_WARNING,
                         "*broken.model, line 4: Unknown feature “wobble3”*");
  models = sc_model_load_dirs (dirs);
  g_test_assert_expected_messages ();

  g_assert_cmpuint (models->len, ==, 2);
  a = g_ptr_array_index (models, 0);
  b = g_ptr_array_index (models, 1);
  g_assert_cmpstr (a->id, ==, "a");
  g_assert_cmpstr (a->name, ==, "User A");    /* the user's descriptor wins */
  g_assert_cmpstr (b->id, ==, "b");
  g_assert_true (g_str_has_suffix (b->path, "b.model"));
}

static void
test_search_dirs (void)
{
  g_auto(GStrv) dirs = NULL;
  g_autofree char *user = g_build_filename (g_get_user_data_dir (), "stockcast", "models", NULL);

  dirs = sc_model_search_dirs ();
  g_assert_cmpuint (g_strv_length (dirs), ==, 2);
  g_assert_cmpstr (dirs[0], ==, g_getenv ("STOCKCAST_MODELS_DIR"));
  g_assert_cmpstr (dirs[1], ==, user);
}

static void
test_lstsq_by_hand (void)
{
  /* y = 3a - 2b exactly: the solution is exact. */
  const double a[] = { 1, 0,  0, 1,  1, 1,  2, 5 };
  const double b[] = { 3, -2, 1, -4 };
  double x[2];

  g_assert_cmpuint (sc_lstsq_min_norm (a, b, 4, 2, -1, x), ==, 2);
  g_assert_cmpfloat_with_epsilon (x[0], 3, 1e-14);
  g_assert_cmpfloat_with_epsilon (x[1], -2, 1e-14);

  /* Overdetermined, solved by hand: fit y = c x through (1,1), (2,2), (3,2):
   * c = sum(xy)/sum(x^2) = 11/14. */
  {
    const double a2[] = { 1, 2, 3 };
    const double b2[] = { 1, 2, 2 };

    sc_lstsq_min_norm (a2, b2, 3, 1, -1, x);
    g_assert_cmpfloat_with_epsilon (x[0], 11.0 / 14.0, 1e-15);
  }

  /* Collinear columns (b = 2a): rank 1 and the minimum-norm solution of
   * c1 + 2 c2 = 5, which is (1, 2). */
  {
    const double a3[] = { 1, 2,  2, 4,  3, 6 };
    const double b3[] = { 5, 10, 15 };

    g_assert_cmpuint (sc_lstsq_min_norm (a3, b3, 3, 2, -1, x), ==, 1);
    g_assert_cmpfloat_with_epsilon (x[0], 1, 1e-13);
    g_assert_cmpfloat_with_epsilon (x[1], 2, 1e-13);
  }

  /* Fewer rows than columns: x = A^T (A A^T)^-1 b; for one row (1, 1), b = 2: (1, 1). */
  {
    const double a4[] = { 1, 1 };
    const double b4[] = { 2 };

    g_assert_cmpuint (sc_lstsq_min_norm (a4, b4, 1, 2, -1, x), ==, 1);
    g_assert_cmpfloat_with_epsilon (x[0], 1, 1e-14);
    g_assert_cmpfloat_with_epsilon (x[1], 1, 1e-14);
  }

  /* All zero: x = 0, rank 0. */
  {
    const double a5[] = { 0, 0, 0, 0 };
    const double b5[] = { 1, 1 };

    g_assert_cmpuint (sc_lstsq_min_norm (a5, b5, 2, 2, -1, x), ==, 0);
    g_assert_cmpfloat (x[0], ==, 0);
  }
}

static void
test_ols_intercept (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScModelInfo) info = load ("[Model]\nId=o\nKind=ols\nFeatures=close;ema3\n", &error);
  g_autoptr(ScRegressor) regressor = NULL;
  double x[20 * 2], y[20];
  const double *coef;
  double row[2] = { 7, -3 };

  g_assert_no_error (error);
  /* y = 4 + 1.5 a - 0.25 b on scattered points. */
  for (guint i = 0; i < 20; i++)
    {
      x[2 * i] = i * 1.7 - 3;
      x[2 * i + 1] = (i * i) % 7 + 0.5 * i;
      y[i] = 4 + 1.5 * x[2 * i] - 0.25 * x[2 * i + 1];
    }
  regressor = sc_regressor_new (info, 2);
  g_assert_true (sc_regressor_fit (regressor, x, y, 20, NULL, &error));
  coef = sc_regressor_get_linear (regressor);
  g_assert_cmpfloat_with_epsilon (coef[0], 4, 1e-12);
  g_assert_cmpfloat_with_epsilon (coef[1], 1.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (coef[2], -0.25, 1e-12);
  g_assert_cmpfloat_with_epsilon (sc_regressor_predict (regressor, row), 4 + 10.5 + 0.75, 1e-12);

  /* Collinear after centring (b = a - 3): minimum-norm coefficients split
   * the slope equally, as scikit-learn's lstsq does. */
  for (guint i = 0; i < 20; i++)
    {
      x[2 * i] = 10 + i;
      x[2 * i + 1] = 7 + i;
      y[i] = 2 * (10 + i) + 1;
    }
  g_assert_true (sc_regressor_fit (regressor, x, y, 20, NULL, &error));
  coef = sc_regressor_get_linear (regressor);
  g_assert_cmpfloat_with_epsilon (coef[1], 1, 1e-10);
  g_assert_cmpfloat_with_epsilon (coef[2], 1, 1e-10);
  row[0] = 40;
  row[1] = 37;
  g_assert_cmpfloat_with_epsilon (sc_regressor_predict (regressor, row), 81, 1e-9);
}

/* Exactly one shipped model is recommended, and it is what the window and
 * predict start with. */
static void
test_recommended (void)
{
  GPtrArray *models = sc_models_get_all ();
  g_autoptr(ScModelInfo) recommended = sc_models_get_recommended ();
  guint n = 0;

  for (guint i = 0; i < models->len; i++)
    if (((ScModelInfo *) g_ptr_array_index (models, i))->recommended)
      {
        n++;
        g_assert_true (g_ptr_array_index (models, i) == recommended);
      }
  g_assert_cmpuint (n, ==, 1);
}

/* A second descriptor claiming Recommended=true (a user's) does not make
 * two: the first to say so keeps it. */
static void
test_recommended_unique (void)
{
  g_autofree char *system = g_build_filename (sc_test_get_tmpdir (), "rec-system", NULL);
  g_autofree char *user = g_build_filename (sc_test_get_tmpdir (), "rec-user", NULL);
  const char *dirs[] = { system, user, NULL };
  g_autoptr(GPtrArray) models = NULL;
  guint n = 0;

  write_file (system, "a.model", "[Model]\nId=a\nKind=naive\nFeatures=close\nRecommended=true\n");
  write_file (system, "b.model", "[Model]\nId=b\nKind=ols\nFeatures=close;ema5\n");
  write_file (user, "c.model", "[Model]\nId=c\nKind=ols\nFeatures=close\nRecommended=true\n");

  g_test_expect_message ("Stockcast", G_LOG_LEVEL_MESSAGE, "*Model c *is not the recommended one: a already is*");
  models = sc_model_load_dirs (dirs);
  g_test_assert_expected_messages ();
  for (guint i = 0; i < models->len; i++)
    {
      ScModelInfo *info = g_ptr_array_index (models, i);

      n += info->recommended;
      if (info->recommended)
        g_assert_cmpstr (info->id, ==, "a");
    }
  g_assert_cmpuint (n, ==, 1);

  expect_error ("[Model]\nId=x\nKind=naive\nFeatures=close\nRecommended=maybe\n",
                "Recommended must be true or false");
}

int
main (int   argc,
      char *argv[])
{
  sc_test_init (&argc, &argv);

  g_test_add_func ("/core/models/shipped", test_shipped);
  g_test_add_func ("/core/models/descriptor-errors", test_descriptor_errors);
  g_test_add_func ("/core/models/recommended", test_recommended);
  g_test_add_func ("/core/models/recommended-unique", test_recommended_unique);
  g_test_add_func ("/core/models/descriptor-good", test_descriptor_good);
  g_test_add_func ("/core/models/load-dirs", test_load_dirs);
  g_test_add_func ("/core/models/search-dirs", test_search_dirs);
  g_test_add_func ("/core/ols/lstsq-by-hand", test_lstsq_by_hand);
  g_test_add_func ("/core/ols/intercept-collinear", test_ols_intercept);

  return g_test_run ();
}
