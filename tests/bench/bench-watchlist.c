/* bench-watchlist.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Times the watchlist's "Predict All": N tickers (default 50) with 10 years
 * of cached daily prices each (a seeded random walk), read from the SQLite
 * price cache and predicted with linear regression at 10, 60 and 365
 * trading days, PARALLEL at a time (default 2, the machine the goal names).
 * Prints the best of REPEATS runs (default 3).
 * Usage: bench-watchlist [N] [PARALLEL] [REPEATS] */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "sc-batch.h"
#include "sc-calendar.h"
#include "sc-db.h"
#include "sc-model.h"
#include "sc-price-cache.h"

static ScPriceSeries *
random_walk (const char *ticker,
             GRand      *rand)
{
  ScPriceSeries *series = sc_price_series_new (ticker);
  ScDay day = sc_day_from_ymd (2010, 12, 13);
  double close = 20 + 200 * g_rand_double (rand);

  for (guint i = 0; i < 2520; i++)
    {
      double open = close;

      close *= exp (0.0004 + 0.018 * (g_rand_double (rand) + g_rand_double (rand) - 1) * 1.7);
      sc_price_series_append (series, day, open, MAX (open, close) * 1.005, MIN (open, close) * 0.995,
                              close, close, 1e6);
      day = sc_calendar_add_trading_days (day, 1);
    }
  return series;
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 50;
  guint parallel = argc > 2 ? (guint) atoi (argv[2]) : 2;
  guint repeats = argc > 3 ? (guint) atoi (argv[3]) : 3;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-watchlist-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(ScDb) db = NULL;
  g_autoptr(ScModelInfo) model = NULL;
  g_autoptr(ScPredictor) predictor = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  const int horizons[] = { 10, 60, 365 };
  double best = INFINITY;

  g_assert_no_error (error);
  path = g_build_filename (dir, "stockcast.db", NULL);
  db = sc_db_open (path, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *ticker = g_strdup_printf ("T%03u", i);
      g_autoptr(ScPriceSeries) series = random_walk (ticker, rand);

      if (!sc_price_cache_store (db, ticker, "yahoo",
                                 &(ScPriceSeriesMeta) { .timezone = "America/New_York" }, series,
                                 SC_PRICE_CACHE_REPLACE, &error))
        g_error ("%s", error->message);
    }

  model = sc_models_lookup ("linear-regression", &error);
  if (model == NULL)
    g_error ("%s (set STOCKCAST_MODELS_DIR to the source's models/)", error->message);
  predictor = sc_predictor_new (model);
  sc_predictor_set_horizons (predictor, horizons, G_N_ELEMENTS (horizons));

  for (guint r = 0; r < repeats; r++)
    {
      g_autoptr(GPtrArray) series = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_price_series_unref);
      gint64 start = g_get_monotonic_time ();
      GArray *items;
      double seconds;

      for (guint i = 0; i < n; i++)
        {
          g_autofree char *ticker = g_strdup_printf ("T%03u", i);
          ScPriceSeries *s = sc_price_cache_load (db, ticker, "yahoo", &error);

          g_assert_no_error (error);
          g_assert_cmpuint (s->n_rows, ==, 2520);
          g_ptr_array_add (series, s);
        }
      items = sc_batch_predict (predictor, (ScPriceSeries **) series->pdata, n, parallel,
                                NULL, NULL, NULL);
      seconds = (g_get_monotonic_time () - start) / 1e6;
      for (guint i = 0; i < n; i++)
        {
          const ScBatchItem *item = &g_array_index (items, ScBatchItem, i);

          if (item->prediction == NULL)
            g_error ("%s", item->error->message);
          g_assert_cmpuint (item->prediction->n_forecasts, ==, 3);
        }
      sc_batch_items_free (items);
      best = MIN (best, seconds);
      printf ("run %u: %.3f s\n", r + 1, seconds);
    }

  printf ("%u tickers × 10 years, linear regression, 10/60/365 days, %u at a time: best %.3f s\n",
          n, parallel, best);

  g_clear_pointer (&db, sc_db_unref);
  g_unlink (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
  return 0;
}
