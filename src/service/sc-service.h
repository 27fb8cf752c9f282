/* sc-service.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-accounts.h"
#include "sc-batch.h"
#include "sc-db.h"
#include "sc-model.h"
#include "sc-prediction.h"
#include "sc-price-source.h"
#include "sc-results.h"
#include "sc-scorecard.h"
#include "sc-sync-engine.h"

G_BEGIN_DECLS

/* What Stockcast does, for the window and the command line alike: prices
 * for a ticker, a prediction from them saved to a user's history, the
 * tickers to complete, the watchlist, the scorecard and the due forecasts.
 * The application owns one (sc_application_get_service()); each CLI
 * command makes one. Every operation has a blocking form, for the CLI,
 * given the caller's database connection (NULL: one of its own), and an
 * _async/_finish pair, for the window, that runs it in a worker thread with
 * a connection of that thread and can be cancelled. Widgets never open the
 * database or start threads themselves. */

#define SC_TYPE_SERVICE (sc_service_get_type ())

G_DECLARE_FINAL_TYPE (ScService, sc_service, SC, SERVICE, GObject)

/* db_path: the database (NULL: the default place). prices: where prices
 * come from (NULL: only CSV files and the bundled samples). */
ScService     *sc_service_new              (const char     *db_path,
                                            ScPriceSource  *prices);
/* How it syncs (NULL, the default: it does not). */
void           sc_service_set_sync_engine  (ScService      *self,
                                            ScSyncEngine   *engine);
ScDb          *sc_service_open_db          (ScService      *self,
                                            GError        **error);

/* --- accounts (sc-service-accounts.c) -------------------------------------- */

/* What the sign-in, register and password dialogs and `stockcast account`
 * do. Hashing a password with Argon2id takes a noticeable fraction of a
 * second: the window runs these in a worker thread. The request's strings
 * are copied, and the copies of secrets wiped once done. */

typedef enum
{
  SC_ACCOUNT_JOB_SIGN_IN,          /* username, password: the user */
  SC_ACCOUNT_JOB_REGISTER,         /* username, email, password: the new user and recovery code */
  SC_ACCOUNT_JOB_RESET,            /* username, recovery_code, new_password: a new recovery code */
  SC_ACCOUNT_JOB_CHANGE_PASSWORD,  /* username, password (the current one), new_password */
  SC_ACCOUNT_JOB_LOOKUP,           /* username, no password: the user */
} ScAccountJobKind;

typedef struct
{
  ScAccountJobKind  kind;
  const char       *username;
  const char       *email;
  const char       *recovery_code;
  const char       *password;
  const char       *new_password;
} ScAccountRequest;

/* out_user (nullable): the user signed in, registered or looked up.
 * out_code (nullable): the recovery code a register or reset made; free it
 * with sc_accounts_free_secret(). */
gboolean sc_service_account        (ScService               *self,
                                    ScDb                    *db,
                                    const ScAccountRequest  *request,
                                    ScUser                 **out_user,
                                    char                   **out_code,
                                    GError                 **error);
void     sc_service_account_async  (ScService               *self,
                                    const ScAccountRequest  *request,
                                    GCancellable            *cancellable,
                                    GAsyncReadyCallback      callback,
                                    gpointer                 user_data);
gboolean sc_service_account_finish (ScService               *self,
                                    GAsyncResult            *result,
                                    ScUser                 **out_user,
                                    char                   **out_code,
                                    GError                 **error);

/* --- prices (sc-service.c) ------------------------------------------------ */

/* The prices of ticker: read from csv_path when it is not NULL, else from
 * the price source. When the network fails with nothing cached and flags
 * has SC_PRICE_LOAD_SAMPLE_FALLBACK, the bundled sample, the network's
 * reason in the warning; without a sample either, an error that names the
 * tickers that work offline (the samples, and those of user_id's history
 * with prices cached). The ticker is checked and normalised first (the
 * one rule of sc-validate.h). */
ScPriceLoad *sc_service_load_prices        (ScService            *self,
                                            ScDb                 *db,
                                            const char           *ticker,
                                            const char           *csv_path,
                                            ScPriceLoadFlags      flags,
                                            gint64                user_id,
                                            GCancellable         *cancellable,
                                            ScPriceProgressFunc   progress,
                                            gpointer              progress_data,
                                            GError              **error);
void         sc_service_load_prices_async  (ScService            *self,
                                            const char           *ticker,
                                            ScPriceLoadFlags      flags,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
ScPriceLoad *sc_service_load_prices_finish (ScService            *self,
                                            GAsyncResult         *result,
                                            GError              **error);

/* Tickers to complete: the bundled samples and those in user_id's history,
 * sorted, each once. */
void         sc_service_list_tickers_async  (ScService           *self,
                                             gint64               user_id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GStrv        sc_service_list_tickers_finish (ScService           *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* --- a prediction (sc-service-predict.c) ---------------------------------- */

typedef enum
{
  SC_PREDICT_STEP_PRICES,
  SC_PREDICT_STEP_TRAINING,
  SC_PREDICT_STEP_SAVING,
} ScPredictStep;

/* fraction is 0..1, or negative when unknown; text says what happens
 * ("Downloading prices… 120 kB"). Called on the thread that runs the
 * blocking form; for the _async form on the caller's thread-default main
 * context, at most 20 times a second. */
typedef void (*ScPredictProgressFunc) (ScPredictStep  step,
                                       double         fraction,
                                       const char    *text,
                                       gpointer       user_data);

typedef struct
{
  char             *ticker;
  char             *model_id;  /* NULL: the recommended model */
  GArray           *horizons;  /* int, ascending; empty: the model's */
  int               years;     /* training window, 0 = all */
  gint64            user_id;   /* 0: do not save */
  ScPriceLoadFlags  flags;     /* SC_PRICE_LOAD_SAMPLE_FALLBACK by default */
  char             *csv_path;  /* prices from this file instead, or NULL */
} ScPredictRequest;

typedef struct
{
  ScModelInfo   *model;
  ScPrediction  *prediction;
  ScPriceSeries *series;   /* the prices used, for the chart */
  ScResult      *result;   /* as saved, NULL if not saved */
  char          *notice;   /* NULL, or a sentence such as "The network is
                            * unreachable; using cached prices up to …" */
} ScPredictOutcome;

ScPredictRequest *sc_predict_request_new  (const char             *ticker,
                                           const char             *model_id);
ScPredictRequest *sc_predict_request_copy (const ScPredictRequest *request);
void              sc_predict_request_free (ScPredictRequest       *request);
void              sc_predict_outcome_free (ScPredictOutcome       *outcome);

/* Prices (sc_service_load_prices()), the model and its walk-forward
 * backtest, then, when request->user_id is set, the result saved to that
 * user's history. */
ScPredictOutcome *sc_service_predict        (ScService              *self,
                                             ScDb                   *db,
                                             const ScPredictRequest *request,
                                             GCancellable           *cancellable,
                                             ScPredictProgressFunc   progress,
                                             gpointer                progress_data,
                                             GError                **error);
void              sc_service_predict_async  (ScService              *self,
                                             const ScPredictRequest *request,
                                             GCancellable           *cancellable,
                                             ScPredictProgressFunc   progress,
                                             gpointer                progress_data,
                                             GDestroyNotify          progress_destroy,
                                             GAsyncReadyCallback     callback,
                                             gpointer                user_data);
ScPredictOutcome *sc_service_predict_finish (ScService              *self,
                                             GAsyncResult           *result,
                                             GError                **error);

/* --- the history (sc-service-history.c) ------------------------------------ */

/* Where reading a user's history has got to: pages come newest first, each
 * starting after the last row of the one before (keyset paging), so results
 * saved or deleted meanwhile neither repeat nor drop a row. */
typedef struct _ScHistoryCursor ScHistoryCursor;

ScHistoryCursor *sc_history_cursor_new     (gint64           user_id);
ScHistoryCursor *sc_history_cursor_ref     (ScHistoryCursor *cursor);
void             sc_history_cursor_unref   (ScHistoryCursor *cursor);
/* Whether the last page read was the last one. */
gboolean         sc_history_cursor_is_done (ScHistoryCursor *cursor);

/* The next page of at most limit results (0: all the rest), element type
 * ScResult, and the cursor moved past it. Pages of one cursor are read one
 * after the other, never two at once. */
GPtrArray *sc_service_read_history        (ScService            *self,
                                           ScDb                 *db,
                                           ScHistoryCursor      *cursor,
                                           guint                 limit,
                                           GError              **error);
void       sc_service_read_history_async  (ScService            *self,
                                           ScHistoryCursor      *cursor,
                                           guint                 limit,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
GPtrArray *sc_service_read_history_finish (ScService            *self,
                                           GAsyncResult         *result,
                                           GError              **error);

/* Deletes a result of user_id's history (and marks it for the sync server). */
void       sc_service_delete_result_async  (ScService           *self,
                                            gint64               user_id,
                                            const char          *uuid,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean   sc_service_delete_result_finish (ScService           *self,
                                            GAsyncResult        *result,
                                            GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScHistoryCursor, sc_history_cursor_unref)

/* --- sync (sc-service.c) -------------------------------------------------- */

/* Sends user_id's unsynced results, deletions and watchlist changes to the
 * server the account is linked to and takes in what the server has. An
 * account not linked yet is an SC_ERROR_DATA error that says how to link
 * it; a service without a sync engine, SC_ERROR_NETWORK. */
gboolean      sc_service_sync        (ScService            *self,
                                      ScDb                 *db,
                                      gint64                user_id,
                                      ScSyncReport         *out_report,
                                      GCancellable         *cancellable,
                                      GError              **error);
/* Links user_id to username's account on server_url (creating it there
 * first when email is not NULL): `stockcast sync --server`. Relinking to
 * another server or account makes every result unsynced again.
 * *out_token_in_file (nullable): no keyring; the token is in a private
 * file. */
gboolean      sc_service_link_sync   (ScService            *self,
                                      ScDb                 *db,
                                      gint64                user_id,
                                      const char           *server_url,
                                      gboolean              allow_insecure_http,
                                      const char           *username,
                                      const char           *password,
                                      const char           *email,
                                      gboolean             *out_token_in_file,
                                      GCancellable         *cancellable,
                                      GError              **error);
/* Revokes the token (best effort, offline too), forgets it and unlinks:
 * before an account is deleted. */
gboolean      sc_service_unlink_sync (ScService            *self,
                                      ScDb                 *db,
                                      gint64                user_id,
                                      GCancellable         *cancellable,
                                      GError              **error);
/* When user_id is linked, the server account's password too (the server
 * then signs the other computers out); TRUE when not linked. */
gboolean      sc_service_change_sync_password (ScService     *self,
                                               ScDb          *db,
                                               gint64         user_id,
                                               const char    *old_password,
                                               const char    *new_password,
                                               GCancellable  *cancellable,
                                               GError       **error);
void          sc_service_sync_async  (ScService            *self,
                                      gint64                user_id,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
/* The report, free with g_free(). */
ScSyncReport *sc_service_sync_finish (ScService            *self,
                                      GAsyncResult         *result,
                                      GError              **error);

/* --- the watchlist, the scorecard, due forecasts (sc-service-watch.c) ----- */

/* The scorecard of user_id (sc_due_user_scorecard()). */
void         sc_service_scorecard_async  (ScService           *self,
                                          gint64               user_id,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
ScScorecard *sc_service_scorecard_finish (ScService           *self,
                                          GAsyncResult        *result,
                                          GError             **error);

typedef struct
{
  char         *ticker;
  double        last_close;  /* NAN if nothing is cached */
  char         *last_date;   /* "YYYY-MM-DD" or NULL */
  GArray       *closes;      /* double: the last closes cached (for a sparkline), oldest first */
  ScPrediction *prediction;  /* after Predict All, else NULL */
  char         *error;       /* why the prediction failed, else NULL */
} ScWatchRow;

void sc_watch_row_free (ScWatchRow *row);

/* Adds (add TRUE) or removes ticker from user_id's watchlist when ticker is
 * not NULL, then lists it with what the cache knows (never the network). */
void       sc_service_watchlist_async  (ScService           *self,
                                        gint64               user_id,
                                        const char          *ticker,
                                        gboolean             add,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
/* Element type ScWatchRow. */
GPtrArray *sc_service_watchlist_finish (ScService           *self,
                                        GAsyncResult        *result,
                                        GError             **error);

/* Progress of Predict All on the caller's main context: done of total. */
typedef void (*ScWatchProgressFunc) (guint    done,
                                     guint    total,
                                     gpointer user_data);

/* Prices of every ticker (cache first, then the network unless offline),
 * then the model at most max_parallel tickers at a time. The rows come back
 * with prediction or error set; cancelling stops it. */
void       sc_service_predict_watchlist_async  (ScService            *self,
                                                GPtrArray            *tickers,
                                                const char           *model_id,
                                                gboolean              offline,
                                                guint                 max_parallel,
                                                GCancellable         *cancellable,
                                                ScWatchProgressFunc   progress,
                                                gpointer              progress_data,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
GPtrArray *sc_service_predict_watchlist_finish (ScService            *self,
                                                GAsyncResult         *result,
                                                GError              **error);

/* Catch-up of due forecasts: refreshes the prices of the tickers of user_id
 * (0: every user) with forecasts that came due without an actual close,
 * fills the actuals and returns the forecasts filled now (GArray of
 * ScDueForecast, sc-due.h, which frees their tickers). *n_pending: how many were due; a ticker whose
 * prices fail leaves the others to go on, its error added to ticker_errors
 * (GError) when not NULL. */
GArray *sc_service_fill_due        (ScService            *self,
                                    ScDb                 *db,
                                    gint64                user_id,
                                    ScPriceLoadFlags      flags,
                                    GCancellable         *cancellable,
                                    guint                *n_pending,
                                    GPtrArray            *ticker_errors,
                                    GError              **error);
void    sc_service_fill_due_async  (ScService            *self,
                                    gint64                user_id,
                                    ScPriceLoadFlags      flags,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
GArray *sc_service_fill_due_finish (ScService            *self,
                                    GAsyncResult         *result,
                                    GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScWatchRow, sc_watch_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScPredictRequest, sc_predict_request_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScPredictOutcome, sc_predict_outcome_free)

G_END_DECLS
