/* sc-sync-test-server.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Test helpers for the sync server: a real stockcast-sync-server process
 * on 127.0.0.1, a throwaway PostgreSQL cluster, and a small HTTP client. */

typedef struct _ScTestServerLog ScTestServerLog;

/* The server dies with the test process (PR_SET_PDEATHSIG on Linux), so an
 * aborted test leaves none behind. */
typedef struct
{
  GSubprocess     *process;
  char            *base_url;    /* http://127.0.0.1:PORT */
  guint16          port;
  ScTestServerLog *log;         /* the server's stderr, read by a thread */
} ScTestSyncServer;

/* Starts the server on a free port with the given --database. */
ScTestSyncServer *sc_test_sync_server_start (const char       *database,
                                             GError          **error);
/* Same on a given port (0: any), for restarting a server where clients
 * expect it. */
ScTestSyncServer *sc_test_sync_server_start_on_port (const char  *database,
                                                     guint16      port,
                                                     GError     **error);
/* With extra server options (NULL-terminated, may be NULL). */
ScTestSyncServer *sc_test_sync_server_start_full    (const char          *database,
                                                     guint16              port,
                                                     const char * const  *extra_args,
                                                     GError             **error);
/* Waits until a line of the server's log (stderr, with its debug
 * messages) contains text; FALSE after timeout_seconds. */
gboolean          sc_test_sync_server_wait_log (ScTestSyncServer *server,
                                                const char       *text,
                                                guint             timeout_seconds);
/* SIGTERM, then waits; returns the exit status (-1 if killed by a signal). */
int               sc_test_sync_server_stop  (ScTestSyncServer *server);
/* SIGKILL, no grace. */
void              sc_test_sync_server_kill  (ScTestSyncServer *server);
void              sc_test_sync_server_free  (ScTestSyncServer *server);

/* A private PostgreSQL cluster (initdb + pg_ctl on a unix socket in a temp
 * folder). A watchdog process stops it and removes its folder when the test
 * process ends in any way (it waits for EOF on a pipe only the test holds),
 * or after an hour at most. NULL with a message in *skip_reason when PostgreSQL is not
 * installed. */
typedef struct _ScTestPostgres ScTestPostgres;

ScTestPostgres   *sc_test_postgres_start    (char            **skip_reason);
/* A postgresql:// URI for a new empty database named name. */
char             *sc_test_postgres_create_db (ScTestPostgres  *pg,
                                              const char      *name);
void              sc_test_postgres_stop     (ScTestPostgres   *pg);

/* One HTTP request; body and token may be NULL. Returns the status (0 when
 * the connection failed) and the response body in *out_body. */
guint             sc_test_http              (const char       *method,
                                             const char       *url,
                                             const char       *token,
                                             const char       *body,
                                             char            **out_body);
/* Same, with a response header's value (or NULL) in *out_header. */
guint             sc_test_http_full         (const char       *method,
                                             const char       *url,
                                             const char       *token,
                                             const char       *body,
                                             gsize             body_length,
                                             const char       *want_header,
                                             char            **out_header,
                                             char            **out_body);

/* A TCP relay on 127.0.0.1 in front of a server port that can stop a
 * client at an exact request: once it has passed `count` requests whose
 * line starts with `method`, it holds the next one (neither passes nor
 * answers it) until released, then drops that connection. Clients that
 * wait for each answer before sending the next request, as the sync client
 * does, are thereby stopped after exactly `count` such requests. */
typedef struct _ScTestFaultProxy ScTestFaultProxy;

ScTestFaultProxy *sc_test_fault_proxy_new       (guint16           upstream_port,
                                                 GError          **error);
const char       *sc_test_fault_proxy_get_url   (ScTestFaultProxy *proxy);
void              sc_test_fault_proxy_hold_after (ScTestFaultProxy *proxy,
                                                  const char       *method,
                                                  guint             count);
/* Waits until a request is held; FALSE after timeout_seconds. */
gboolean          sc_test_fault_proxy_wait_held (ScTestFaultProxy *proxy,
                                                 guint             timeout_seconds);
/* Drops the held connection and passes everything from then on. */
void              sc_test_fault_proxy_release   (ScTestFaultProxy *proxy);
void              sc_test_fault_proxy_free      (ScTestFaultProxy *proxy);

G_END_DECLS
