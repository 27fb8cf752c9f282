/* sc-price-loader.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sc-error.h"
#include "sc-price-cache.h"
#include "sc-price-loader.h"
#include "sc-sample-prices.h"
#include "sc-validate.h"

/* Days re-asked before the newest cached bar, so late corrections land. */
#define OVERLAP_DAYS 7
/* A cached close that moved more than this is a split the answer did not
 * announce (or a large correction): start again from scratch. */
#define MAX_OVERLAP_CHANGE 0.10

static ScDay
last_day (ScPriceSeries *series)
{
  return series->n_rows > 0 ? series->date[series->n_rows - 1] : G_MININT32;
}

/* TRUE if quotes, asked from the overlap, show that the cached bars are on
 * another share basis. */
static gboolean
needs_full_download (ScPriceSeries *cached,
                     ScQuotes      *quotes)
{
  ScDay cached_last = last_day (cached);
  guint j = 0;

  for (guint i = 0; i < quotes->splits->len; i++)
    if (g_array_index (quotes->splits, ScDay, i) > cached_last)
      return TRUE;

  for (guint i = 0; i < quotes->series->n_rows; i++)
    {
      ScDay day = quotes->series->date[i];

      while (j < cached->n_rows && cached->date[j] < day)
        j++;
      if (j < cached->n_rows && cached->date[j] == day)
        {
          double change = quotes->series->close[i] / cached->close[j] - 1.0;

          if (fabs (change) > MAX_OVERLAP_CHANGE)
            return TRUE;
        }
    }

  return FALSE;
}

/* Keeps only bars of sessions that have closed. When the answer said when
 * its session closes (quotes->knows_session), the parser has already put
 * the bar of an open session apart; otherwise the exchange calendar
 * decides (weekdays, 16:00 local time), and the newest bar it leaves out
 * becomes the live one. */
static ScPriceSeries *
completed_bars (ScQuotes *quotes,
                gint64    now)
{
  ScPriceSeries *series = quotes->series;
  ScDay last;
  guint n = series->n_rows;

  if (quotes->knows_session)
    return sc_price_series_ref (series);

  last = sc_quotes_last_completed_session (quotes->timezone, now);
  while (n > 0 && series->date[n - 1] > last)
    n--;

  if (n == series->n_rows)
    return sc_price_series_ref (series);

  g_debug ("Leaving out %u bars of %s after %d: session not closed", series->n_rows - n, series->ticker, last);
  if (quotes->live->n_rows == 0)
    {
      g_clear_pointer (&quotes->live, sc_price_series_unref);
      quotes->live = sc_price_series_slice (series, series->n_rows - 1, 1);
    }
  return sc_price_series_slice (series, 0, n);
}

gboolean
sc_price_loader_refresh (ScDb               *db,
                         ScQuoteClient      *client,
                         const char         *ticker,
                         ScQuoteSource       source,
                         GCancellable       *cancellable,
                         ScHttpProgressFunc  progress,
                         gpointer            progress_data,
                         GError            **error)
{
  const char *source_name = sc_quote_source_to_string (source);
  g_autoptr(ScPriceSeries) cached = NULL;
  g_autoptr(ScPriceSeries) keep = NULL;
  g_autoptr(ScQuotes) quotes = NULL;
  ScPriceCacheMode mode = SC_PRICE_CACHE_MERGE;
  ScPriceSeriesMeta meta = { NULL };
  ScDay first = G_MININT32;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (client != NULL, FALSE);

  if (!sc_validate_ticker (ticker, error))
    return FALSE;

  cached = sc_price_cache_load (db, ticker, source_name, error);
  if (cached == NULL)
    return FALSE;

  if (cached->n_rows > 0)
    first = last_day (cached) - OVERLAP_DAYS;

  quotes = sc_quote_client_fetch (client, source, ticker, first, cancellable,
                                  progress, progress_data, error);
  if (quotes == NULL)
    return FALSE;

  if (cached->n_rows > 0 && needs_full_download (cached, quotes))
    {
      g_debug ("%s: split or changed closes since %d, downloading everything again",
               ticker, last_day (cached));
      g_clear_pointer (&quotes, sc_quotes_free);
      quotes = sc_quote_client_fetch (client, source, ticker, G_MININT32, cancellable,
                                      progress, progress_data, error);
      if (quotes == NULL)
        return FALSE;
      mode = SC_PRICE_CACHE_REPLACE;
    }

  keep = completed_bars (quotes, sc_quote_client_get_now (client));
  if (keep->n_rows == 0 && cached->n_rows == 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA, _("There is no price data for %s."), ticker);
      return FALSE;
    }

  /* Even without a new final bar the write counts: it records the time of
   * the refresh and replaces the live bar. */
  meta.timezone = quotes->timezone;
  meta.currency = quotes->currency;
  meta.exchange = quotes->exchange;
  meta.live = quotes->live;
  meta.live_time = quotes->live_time;
  return sc_price_cache_store (db, ticker, source_name, &meta, keep, mode, error);
}

static char *
without_period (const char *message)
{
  gsize len = strlen (message);

  while (len > 0 && (message[len - 1] == '.' || g_ascii_isspace (message[len - 1])))
    len--;

  return g_strndup (message, len);
}

/* The series' currency, exchange, refresh time and live bar from the cache
 * entry of source. */
static gboolean
fill_from_cache (ScPriceLoad  *load,
                 ScDb         *db,
                 const char   *symbol,
                 const char   *source,
                 GError      **error)
{
  g_autoptr(ScPriceCacheInfo) info = NULL;

  load->series = sc_price_cache_load (db, symbol, source, error);
  if (load->series == NULL)
    return FALSE;
  load->live = sc_price_series_new (symbol);
  load->series_source = g_strdup (source);

  info = sc_price_cache_get_info (db, symbol, source, error);
  if (info == NULL)
    return error == NULL || *error == NULL;

  load->currency = g_strdup (info->currency);
  load->timezone = g_strdup (info->timezone);
  load->exchange = g_strdup (info->exchange);
  load->refreshed_at = info->refreshed_at;
  load->live_time = info->live_time;
  /* A live bar older than the newest final one is left over from before. */
  if (info->live_date != G_MININT32 && info->live_date > info->last_date)
    sc_price_series_append (load->live, info->live_date, info->live_open, info->live_high,
                            info->live_low, info->live_close, NAN, info->live_volume);
  return TRUE;
}

ScPriceLoad *
sc_price_loader_load (ScDb               *db,
                      ScQuoteClient      *client,
                      const char         *ticker,
                      ScPriceLoadFlags    flags,
                      GCancellable       *cancellable,
                      ScHttpProgressFunc  progress,
                      gpointer            progress_data,
                      GError            **error)
{
  g_autoptr(ScQuoteClient) default_client = NULL;
  g_autoptr(ScPriceLoad) load = g_new0 (ScPriceLoad, 1);
  g_autoptr(GPtrArray) cached = NULL;
  g_autoptr(GError) net_error = NULL;
  g_autofree char *symbol = NULL;
  const ScPriceCacheInfo *best = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (ticker != NULL, NULL);

  if (!sc_validate_ticker (ticker, error))
    return NULL;
  symbol = sc_ticker_normalize (ticker);

  cached = sc_price_cache_list (db, symbol, error);
  if (cached == NULL)
    return NULL;
  if (cached->len > 0)
    best = g_ptr_array_index (cached, 0);

  if (!(flags & SC_PRICE_LOAD_OFFLINE))
    {
      gint64 now;

      if (client == NULL)
        client = default_client = sc_quote_client_new ();
      now = sc_quote_client_get_now (client);

      /* A live bar cached at the last refresh is replaced by the next one. */
      if (best != NULL && best->live_date == G_MININT32 &&
          best->last_date >= sc_quotes_last_completed_session (best->timezone, now))
        {
          g_debug ("%s: cache is up to date (%d)", symbol, best->last_date);
        }
      else
        {
          const ScQuoteSource *sources;
          guint n_sources;

          sources = sc_quote_client_get_source_order (client, &n_sources);

          for (guint i = 0; i < n_sources; i++)
            {
              g_autoptr(GError) local_error = NULL;

              if (sources[i] == SC_QUOTE_SOURCE_TIINGO && !sc_quote_client_has_tiingo_token (client))
                continue;

              if (sc_price_loader_refresh (db, client, symbol, sources[i], cancellable,
                                           progress, progress_data, &local_error))
                {
                  const char *name = sc_quote_source_to_string (sources[i]);

                  if (!fill_from_cache (load, db, symbol, name, error))
                    return NULL;
                  load->source = g_strdup (name);
                  return g_steal_pointer (&load);
                }

              if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
                {
                  g_propagate_error (error, g_steal_pointer (&local_error));
                  return NULL;
                }

              g_debug ("%s from %s failed: %s", symbol, sc_quote_source_to_string (sources[i]),
                       local_error->message);
              /* Only a source that is unreachable, throttling or refusing
               * the key makes the next one worth asking; the first such
               * error is the one reported. */
              if (net_error == NULL ||
                  !g_error_matches (local_error, SC_ERROR, SC_ERROR_NETWORK))
                {
                  g_clear_error (&net_error);
                  net_error = g_steal_pointer (&local_error);
                }
              if (!g_error_matches (net_error, SC_ERROR, SC_ERROR_NETWORK) &&
                  !g_error_matches (net_error, SC_ERROR, SC_ERROR_AUTH))
                break;
            }

          /* Every source chosen was skipped (Tiingo alone, no key). */
          if (net_error == NULL)
            g_set_error (&net_error, SC_ERROR, SC_ERROR_NETWORK,
                         _("Tiingo needs your API key; set it in Preferences or STOCKCAST_TIINGO_TOKEN."));
        }
    }

  if (best != NULL)
    {
      if (!fill_from_cache (load, db, symbol, best->source, error))
        return NULL;
      load->source = g_strdup ("cache");
      if (net_error != NULL)
        {
          g_autofree char *reason = without_period (net_error->message);
          g_autofree char *date = sc_day_format (best->last_date);

          load->warning = g_strdup_printf (_("%s; using cached prices up to %s."), reason, date);
        }
      return g_steal_pointer (&load);
    }

  if ((flags & SC_PRICE_LOAD_OFFLINE) ||
      ((flags & SC_PRICE_LOAD_SAMPLE_FALLBACK) &&
       g_error_matches (net_error, SC_ERROR, SC_ERROR_NETWORK)))
    {
      g_autoptr(GError) sample_error = NULL;

      load->series = sc_sample_prices_load (symbol, &sample_error);
      if (load->series != NULL)
        {
          g_autofree char *date = sc_day_format (last_day (load->series));

          load->source = g_strdup ("sample");
          load->series_source = g_strdup ("sample");
          load->live = sc_price_series_new (symbol);
          /* The bundled samples are all US stocks (data/sample/README.md). */
          load->currency = g_strdup ("USD");
          load->timezone = g_strdup ("America/New_York");
          load->warning = g_strdup_printf (_("Using the bundled sample prices of %s, which end on %s."),
                                           symbol, date);
          return g_steal_pointer (&load);
        }
      if (sample_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&sample_error));
          return NULL;
        }
    }

  if (net_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&net_error));
      return NULL;
    }

  g_set_error (error, SC_ERROR, SC_ERROR_NETWORK,
               _("No prices of %s are cached, and working offline they cannot be downloaded."),
               symbol);
  return NULL;
}
