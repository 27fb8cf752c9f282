/* sc-cli-private.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "sc-error.h"
#include "sc-modules.h"
#include "sc-service.h"

G_BEGIN_DECLS

/* The net layer, libcurl with it, is the stockcast-net module (see
 * src/meson.build): commands that stay offline, like `predict --csv`, do
 * not pay for loading libcurl and the libraries it brings. The CLI reaches
 * the net layer and its own online parts (sc-cli-online.c, sc-cli-sync.c,
 * sc-cli-import.c, sc-cli-prices-command.c, sc-cli-predict-many.c) through
 * this: FUNC looked up in the module, typed as FUNC's declaration so the
 * compiler checks every call; NULL with an error naming the file. */
#define _SC_CLI_NET(func, error) \
  ((__typeof__ (func) *) sc_modules_lookup ("stockcast-net", #func, (error)))

/* argv[0] is the subcommand's name; the return value is the exit status. */
typedef int (*ScCliCommandFunc) (int    argc,
                                 char **argv);

/* Parses the subcommand's options in place. On a bad option it prints the
 * message and the subcommand's usage to stderr and returns FALSE (exit 1). */
gboolean _sc_cli_parse_options (const char          *parameter_string,
                                const char          *summary,
                                const GOptionEntry  *entries,
                                int                 *argc,
                                char              ***argv);
/* Prints one row of a text table: each cell padded to widths[i] terminal
 * columns (right-aligned when positive, left-aligned when negative),
 * counting wide characters such as Chinese as two columns and combining
 * marks as none, so that translated headers and "–" line up. */
void     _sc_cli_print_row     (const char * const  *cells,
                                const int           *widths,
                                guint                n_cells);
/* The same row as a string, without the newline. */
char    *_sc_cli_format_row    (const char * const  *cells,
                                const int           *widths,
                                guint                n_cells);
/* Prints "stockcast: MESSAGE" to stderr; returns the exit status for it. */
int      _sc_cli_fail          (const GError        *error);
/* Same, for a usage problem found after option parsing (exit 1). */
int      _sc_cli_usage_error   (const char          *format,
                                ...) G_GNUC_PRINTF (1, 2);

/* JSON output (sc-cli-json.c). Prints what BUILDER built, on one line. */
void     _sc_cli_print_json         (JsonBuilder         *builder);
/* Adds the member NAME: VALUE, or null if VALUE is not finite. */
void     _sc_cli_json_add_number    (JsonBuilder         *builder,
                                     const char          *name,
                                     double               value);
/* Adds the member "forecasts" of PREDICTION: horizon, date, price, low,
 * high and, with MODEL_PRICE, the model's own price. */
struct _ScPrediction;
void     _sc_cli_json_add_forecasts (JsonBuilder                *builder,
                                     const struct _ScPrediction *prediction,
                                     gboolean                    model_price);

/* The service a command works through (sc-service.h): with the cache, the
 * network and sync when online (from the stockcast-net module), else with
 * CSV files and the bundled samples only. (sc-cli-prices.c) */
ScService     *_sc_cli_new_service      (gboolean      online,
                                         GError      **error);
/* The service's prices for TICKER: from csv_path if not NULL, else the
 * cache, refreshed from the network unless offline, else the bundled
 * sample; download progress on a terminal and the warning are printed to
 * stderr. (sc-cli-prices.c) */
ScPriceLoad   *_sc_cli_load_prices      (const char   *ticker,
                                         const char   *csv_path,
                                         gboolean      offline,
                                         GError      **error);
/* The online service: the cache and the network with the user's quote
 * settings, and sync. (sc-cli-online.c, in the stockcast-net module) */
ScService     *_sc_cli_new_online_service (void);

/* Subcommands. Each lives in sc-cli-NAME.c. */

/* core (sc-cli-predict.c) */
int _sc_cli_models   (int    argc,
                      char **argv);
int _sc_cli_predict  (int    argc,
                      char **argv);
int _sc_cli_backtest (int    argc,
                      char **argv);

/* prices */
int   _sc_cli_import_csv       (int          argc,
                                char       **argv);
int   _sc_cli_prices           (int          argc,
                                char       **argv);

/* accounts and history */
struct _ScDb;
struct _ScUser;
int   _sc_cli_account          (int          argc,
                                char       **argv);
int   _sc_cli_history          (int          argc,
                                char       **argv);
/* Reads one line (without its newline) from stdin, for a password or other
 * secret; what names it in errors ("password"). stdin is made unbuffered so
 * no copy is left behind. Free with sc_accounts_free_secret(). */
char *_sc_cli_read_secret_line (const char  *what,
                                GError     **error);
/* The database at its default place. */
struct _ScDb *_sc_cli_open_db  (GError     **error);
/* Signs username in with password, as the window's sign-in dialog does
 * (sc_service_account()). (sc-cli-account.c) */
struct _ScUser *_sc_cli_sign_in_with (struct _ScDb  *db,
                                      const char    *username,
                                      const char    *password,
                                      GError       **error);
/* Opens the database into *out_db, reads the password from stdin and signs
 * username in (exit 4 if wrong or throttled). */
struct _ScUser *_sc_cli_sign_in (const char     *username,
                                 struct _ScDb  **out_db,
                                 GError        **error);
/* The options of a command run as a user: --user NAME (else NO_USER, the
 * usage error saying what it names) and --password-stdin. Prints the usage
 * error and returns FALSE (exit 1) if one is missing. */
gboolean _sc_cli_check_user_options (const char *username,
                                     gboolean    password_stdin,
                                     const char *no_user);

/* chart (sc-cli-chart.c) */
int _sc_cli_chart (int    argc,
                   char **argv);

/* sync */
int   _sc_cli_sync             (int          argc,
                                char       **argv);

/* scorecard and refresh (sc-cli-scorecard.c) */
struct _ScScorecard;
int   _sc_cli_scorecard        (int          argc,
                                char       **argv);
int   _sc_cli_refresh          (int          argc,
                                char       **argv);
/* The `scorecard --json` text. */
char *_sc_cli_scorecard_to_json (const char                *username,
                                 const struct _ScScorecard *card);

/* watchlist (sc-cli-watchlist.c) */
int   _sc_cli_watchlist        (int          argc,
                                char       **argv);

/* predict A B C …: the predictor is set up; one line (or one JSON object
 * in "predictions") per ticker. (sc-cli-predict-many.c) */
struct _ScPredictor;
int   _sc_cli_predict_many     (struct _ScPredictor  *predictor,
                                char                **tickers,
                                guint                 n_tickers,
                                gboolean              offline,
                                gboolean              json);

G_END_DECLS
