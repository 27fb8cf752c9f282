/* main.c — stockcast-sync-server
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib-unix.h>
#include <gio/gio.h>
#include <sodium.h>

#include "sc-sync-server.h"

/* Ten years: far beyond any sensible sign-in, and far from where seconds
 * since 1970 stop fitting a date. */
#define UNSET G_MININT64
#define MAX_SESSION_LIFETIME (10 * 366 * 24 * 3600)

static gboolean
on_stopped (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

typedef struct
{
  ScSyncServer *server;
  GMainLoop    *loop;
} Shutdown;

static gboolean
on_signal (gpointer data)
{
  Shutdown *shutdown = data;

  g_message ("Shutting down: finishing the requests in flight");
  sc_sync_server_shutdown (shutdown->server, 10000, on_stopped, shutdown->loop);
  return G_SOURCE_CONTINUE;
}

/* ADDR:PORT, [IPV6]:PORT or localhost:PORT; an address, never a host name
 * to resolve, so what is checked for loopback is what gets bound. */
static GSocketAddress *
parse_listen (const char  *text,
              GError     **error)
{
  g_autofree char *host = NULL;
  g_autoptr(GInetAddress) address = NULL;
  const char *colon = strrchr (text, ':');
  guint64 port;

  if (colon == NULL ||
      !g_ascii_string_to_unsigned (colon + 1, 10, 0, 65535, &port, NULL))
    goto bad;

  host = g_strndup (text, colon - text);
  if (host[0] == '[' && g_str_has_suffix (host, "]"))
    {
      char *inner = g_strndup (host + 1, strlen (host) - 2);
      g_free (host);
      host = inner;
    }

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    address = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  else
    address = g_inet_address_new_from_string (host);
  if (address == NULL)
    goto bad;

  return g_inet_socket_address_new (address, port);

bad:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               "--listen wants ADDRESS:PORT (for example 127.0.0.1:8080), not “%s”.", text);
  return NULL;
}

/* An option left UNSET or from min to max; otherwise says so on stderr
 * (unit follows max there) and returns FALSE. */
static gboolean
check_range (const char *option,
             gint64      value,
             gint64      min,
             gint64      max,
             const char *unit)
{
  if (value == UNSET || (value >= min && value <= max))
    return TRUE;

  fprintf (stderr, "stockcast-sync-server: %s must be %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT "%s.\n",
           option, min, max, unit);
  return FALSE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(ScSyncServer) server = NULL;
  g_autofree char *listen = NULL;
  g_autofree char *database = NULL;
  g_autofree char *tls_certificate = NULL;
  g_autofree char *tls_key = NULL;
  gboolean allow_insecure = FALSE;
  gboolean trust_forwarded = FALSE;
  gboolean version = FALSE;
  gint64 session_lifetime = UNSET;
  gint64 registrations = UNSET;
  gint64 idle_timeout = UNSET;
  gint64 hash_queue = UNSET;
  gint64 max_watchlist = UNSET;
  ScSyncServerConfig config;
  ScSyncDbPool *pool;
  GSList *uris;
  Shutdown shutdown;
  GInetAddress *inet;
  const GOptionEntry entries[] = {
    { "listen", 'l', 0, G_OPTION_ARG_STRING, &listen,
      "Address and port to listen on (default 127.0.0.1:8080; port 0 picks a free one)", "ADDR:PORT" },
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database,
      "SQLite file (default sync.db) or postgresql://… connection URI", "PATH|URI" },
    { "allow-insecure-http", 0, 0, G_OPTION_ARG_NONE, &allow_insecure,
      "Serve plain HTTP on a non-loopback address (only behind a TLS proxy on a trusted network)", NULL },
    { "tls-certificate", 0, 0, G_OPTION_ARG_FILENAME, &tls_certificate,
      "Serve HTTPS with this PEM certificate (chain)", "FILE" },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &tls_key,
      "The PEM private key of --tls-certificate", "FILE" },
    { "trust-forwarded-for", 0, 0, G_OPTION_ARG_NONE, &trust_forwarded,
      "Take client addresses from X-Forwarded-For (only behind your own proxy)", NULL },
    { "session-lifetime", 0, 0, G_OPTION_ARG_INT64, &session_lifetime,
      "Seconds a sign-in stays valid (default 2592000, 30 days; at most 10 years)", "SECONDS" },
    { "registrations-per-hour", 0, 0, G_OPTION_ARG_INT64, &registrations,
      "New accounts one client address may ask for per hour (default 20; 0: no limit)", "N" },
    { "idle-timeout", 0, 0, G_OPTION_ARG_INT64, &idle_timeout,
      "Seconds a connection may stay silent before it is closed (default 30)", "SECONDS" },
    { "password-queue", 0, 0, G_OPTION_ARG_INT64, &hash_queue,
      "Password requests that may wait for the 2 hashing threads; more get 503 (default 8)", "N" },
    { "max-watchlist", 0, 0, G_OPTION_ARG_INT64, &max_watchlist,
      "Watchlist entries one user may keep (default 1000)", "N" },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, "Print the version and exit", NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  g_set_prgname ("stockcast-sync-server");

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                "Keeps Stockcast users' predictions the same on all their computers.\n"
                                "Put a TLS reverse proxy in front of it (see docs/sync-api.md).");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "stockcast-sync-server: %s\n", error->message);
      return 1;
    }

  /* Ranges first, before anything is opened. */
  if (!check_range ("--session-lifetime", session_lifetime, 1, MAX_SESSION_LIFETIME, " seconds (10 years)") ||
      !check_range ("--registrations-per-hour", registrations, 0, 1000000, "") ||
      !check_range ("--idle-timeout", idle_timeout, 1, 3600, " seconds") ||
      !check_range ("--password-queue", hash_queue, 0, 10000, "") ||
      !check_range ("--max-watchlist", max_watchlist, 1, 100000, ""))
    return 1;

  if (version)
    {
      printf ("stockcast-sync-server %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (sodium_init () < 0)
    {
      fprintf (stderr, "stockcast-sync-server: libsodium cannot start.\n");
      return 1;
    }

  address = parse_listen (listen ? listen : "127.0.0.1:8080", &error);
  if (address == NULL)
    {
      fprintf (stderr, "stockcast-sync-server: %s\n", error->message);
      return 1;
    }

  if ((tls_certificate == NULL) != (tls_key == NULL))
    {
      fprintf (stderr, "stockcast-sync-server: --tls-certificate and --tls-key go together.\n");
      return 1;
    }
  if (tls_certificate != NULL)
    {
      certificate = g_tls_certificate_new_from_files (tls_certificate, tls_key, &error);
      if (certificate == NULL)
        {
          fprintf (stderr, "stockcast-sync-server: cannot load the TLS certificate: %s\n", error->message);
          return 1;
        }
    }

  inet = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address));
  if (!g_inet_address_get_is_loopback (inet) && certificate == NULL && !allow_insecure)
    {
      fprintf (stderr,
               "stockcast-sync-server: refusing to serve passwords and tokens over plain HTTP on a "
               "non-loopback address; listen on 127.0.0.1 behind a TLS proxy, give --tls-certificate "
               "and --tls-key, or add --allow-insecure-http.\n");
      return 1;
    }

  pool = sc_sync_db_pool_new (database ? database : "sync.db", &error);
  if (pool == NULL)
    {
      fprintf (stderr, "stockcast-sync-server: %s\n", error->message);
      return 2;
    }

  sc_sync_server_config_init (&config);
  config.trust_forwarded_for = trust_forwarded;
  if (session_lifetime != UNSET)
    config.session_lifetime = session_lifetime;
  if (registrations != UNSET)
    config.max_registrations = registrations;
  if (idle_timeout != UNSET)
    config.idle_timeout = (guint) idle_timeout;
  if (hash_queue != UNSET)
    config.hash_queue = (guint) hash_queue;
  if (max_watchlist != UNSET)
    config.max_watchlist = max_watchlist;
  server = sc_sync_server_new (pool, &config);

  /* Before the "listening" line: a SIGTERM right after it must drain,
   * not kill. */
  loop = g_main_loop_new (NULL, FALSE);
  shutdown.server = server;
  shutdown.loop = loop;
  g_unix_signal_add (SIGTERM, on_signal, &shutdown);
  g_unix_signal_add (SIGINT, on_signal, &shutdown);

  uris = sc_sync_server_listen (server, address, certificate, &error);
  if (uris == NULL)
    {
      fprintf (stderr, "stockcast-sync-server: cannot listen: %s\n", error ? error->message : "no address");
      return 1;
    }

  /* Tests and scripts read the chosen port from this line. */
  for (GSList *l = uris; l != NULL; l = l->next)
    {
      g_autofree char *text = g_uri_to_string (l->data);
      printf ("stockcast-sync-server: listening on %s (storage: %s)\n", text,
              sc_sync_db_pool_get_name (pool));
    }
  fflush (stdout);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (loop);

  g_message ("Stopped");
  return 0;
}
