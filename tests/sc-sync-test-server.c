/* sc-sync-test-server.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <pwd.h>
#include <fcntl.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <curl/curl.h>
#include <glib/gstdio.h>
#include <glib-unix.h>

#include "sc-sync-test-server.h"

ScTestSyncServer *
sc_test_sync_server_start (const char  *database,
                           GError     **error)
{
  return sc_test_sync_server_start_on_port (database, 0, error);
}

ScTestSyncServer *
sc_test_sync_server_start_on_port (const char  *database,
                                   guint16      port,
                                   GError     **error)
{
  return sc_test_sync_server_start_full (database, port, NULL, error);
}

struct _ScTestServerLog
{
  GMutex            lock;
  GCond             changed;
  GPtrArray        *lines;
  gboolean          closed;
  GDataInputStream *stream;       /* stderr (messages, warnings) */
  GThread          *thread;
  GDataInputStream *out_stream;   /* stdout (GLib writes debug lines there) */
  GThread          *out_thread;
  guint             open_streams;
};

typedef struct
{
  ScTestServerLog  *log;
  GDataInputStream *stream;
} LogReader;

static gpointer
read_log (gpointer data)
{
  LogReader *reader = data;
  ScTestServerLog *log = reader->log;
  char *line;

  while ((line = g_data_input_stream_read_line (reader->stream, NULL, NULL, NULL)) != NULL)
    {
      if (g_test_verbose ())
        g_printerr ("server: %s\n", line);
      g_mutex_lock (&log->lock);
      g_ptr_array_add (log->lines, line);
      g_cond_broadcast (&log->changed);
      g_mutex_unlock (&log->lock);
    }

  g_mutex_lock (&log->lock);
  if (--log->open_streams == 0)
    log->closed = TRUE;
  g_cond_broadcast (&log->changed);
  g_mutex_unlock (&log->lock);
  g_free (reader);
  return NULL;
}

static GThread *
start_reader (ScTestServerLog  *log,
              GDataInputStream *stream)
{
  LogReader *reader = g_new0 (LogReader, 1);

  reader->log = log;
  reader->stream = stream;
  g_mutex_lock (&log->lock);
  log->open_streams++;
  g_mutex_unlock (&log->lock);
  return g_thread_new ("server-log", read_log, reader);
}

static void
server_log_free (ScTestServerLog *log)
{
  if (log == NULL)
    return;
  /* The process has exited: its stderr ends, so does the thread. */
  g_thread_join (log->thread);
  g_object_unref (log->stream);
  if (log->out_thread != NULL)
    g_thread_join (log->out_thread);
  g_clear_object (&log->out_stream);
  g_ptr_array_unref (log->lines);
  g_mutex_clear (&log->lock);
  g_cond_clear (&log->changed);
  g_free (log);
}

gboolean
sc_test_sync_server_wait_log (ScTestSyncServer *server,
                              const char       *text,
                              guint             timeout_seconds)
{
  ScTestServerLog *log = server->log;
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_seconds * G_USEC_PER_SEC;
  gboolean found = FALSE;
  guint checked = 0;

  g_mutex_lock (&log->lock);
  while (!found)
    {
      for (; checked < log->lines->len && !found; checked++)
        found = strstr (g_ptr_array_index (log->lines, checked), text) != NULL;
      if (found || log->closed || !g_cond_wait_until (&log->changed, &log->lock, deadline))
        break;
    }
  g_mutex_unlock (&log->lock);

  return found;
}

/* In the child, before exec: die with the test process. */
static void
die_with_parent (gpointer data)
{
#ifdef __linux__
  prctl (PR_SET_PDEATHSIG, SIGKILL);
  /* The parent may have died before prctl. */
  if (getppid () != GPOINTER_TO_INT (data))
    _exit (1);
#endif
}

ScTestSyncServer *
sc_test_sync_server_start_full (const char          *database,
                                guint16              port,
                                const char * const  *extra_args,
                                GError             **error)
{
  g_autofree char *listen = g_strdup_printf ("127.0.0.1:%u", port);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *bin = g_getenv ("STOCKCAST_SYNC_SERVER_BIN");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *line = NULL;
  ScTestSyncServer *server;
  ScTestServerLog *log;
  const char *port_text;

  g_assert_nonnull (bin);
  g_ptr_array_add (args, (char *) bin);
  g_ptr_array_add (args, (char *) "--listen");
  g_ptr_array_add (args, listen);
  g_ptr_array_add (args, (char *) "--database");
  g_ptr_array_add (args, (char *) database);
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    g_ptr_array_add (args, (char *) extra_args[i]);
  g_ptr_array_add (args, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* Tests wait for the server's debug lines (request started…). */
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "stockcast-sync-server", TRUE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, GINT_TO_POINTER (getpid ()), NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, error);
  if (process == NULL)
    return NULL;

  log = g_new0 (ScTestServerLog, 1);
  g_mutex_init (&log->lock);
  g_cond_init (&log->changed);
  log->lines = g_ptr_array_new_with_free_func (g_free);
  log->stream = g_data_input_stream_new (g_subprocess_get_stderr_pipe (process));
  log->thread = start_reader (log, log->stream);

  /* The server prints "…listening on http://127.0.0.1:PORT/…" once bound. */
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  /* Debug lines share stdout with it. */
  while ((line = g_data_input_stream_read_line (lines, NULL, NULL, error)) != NULL &&
         strstr (line, "listening on") == NULL)
    {
      g_mutex_lock (&log->lock);
      g_ptr_array_add (log->lines, g_steal_pointer (&line));
      g_mutex_unlock (&log->lock);
    }
  if (line == NULL || (port_text = strstr (line, "127.0.0.1:")) == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The server did not start: %s",
                     line ? line : "no output");
      g_subprocess_force_exit (process);
      g_subprocess_wait (process, NULL, NULL);
      server_log_free (log);
      return NULL;
    }

  log->out_stream = g_steal_pointer (&lines);
  log->out_thread = start_reader (log, log->out_stream);

  server = g_new0 (ScTestSyncServer, 1);
  server->port = (guint16) g_ascii_strtoull (port_text + strlen ("127.0.0.1:"), NULL, 10);
  server->base_url = g_strdup_printf ("http://127.0.0.1:%u", server->port);
  server->process = g_steal_pointer (&process);
  server->log = log;
  return server;
}

int
sc_test_sync_server_stop (ScTestSyncServer *server)
{
  g_subprocess_send_signal (server->process, SIGTERM);
  g_subprocess_wait (server->process, NULL, NULL);
  if (!g_subprocess_get_if_exited (server->process))
    return -1;
  return g_subprocess_get_exit_status (server->process);
}

void
sc_test_sync_server_kill (ScTestSyncServer *server)
{
  g_subprocess_force_exit (server->process);
  g_subprocess_wait (server->process, NULL, NULL);
}

void
sc_test_sync_server_free (ScTestSyncServer *server)
{
  if (server == NULL)
    return;

  if (server->process != NULL && g_subprocess_get_identifier (server->process) != NULL)
    sc_test_sync_server_kill (server);
  g_clear_pointer (&server->log, server_log_free);
  g_clear_object (&server->process);
  g_free (server->base_url);
  g_free (server);
}

struct _ScTestPostgres
{
  char *bindir;
  char *dir;
  char *socket_dir;
  char *data_dir;
  guint port;
  gboolean as_postgres;   /* running as root: the cluster belongs to postgres */
  GSubprocess *watchdog;  /* stops the cluster when the test process ends */
  int      watchdog_fd;   /* write end of its pipe: closes when we exit */
};

static char *
find_pg_bindir (void)
{
  const char *env = g_getenv ("PG_BINDIR");
  g_autoptr(GDir) dir = NULL;
  const char *name;
  char *best = NULL;
  int best_version = 0;

  if (env != NULL)
    return g_strdup (env);

  dir = g_dir_open ("/usr/lib/postgresql", 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *bindir = g_build_filename ("/usr/lib/postgresql", name, "bin", NULL);
      g_autofree char *initdb = g_build_filename (bindir, "initdb", NULL);
      int version = atoi (name);

      if (g_file_test (initdb, G_FILE_TEST_IS_EXECUTABLE) && version > best_version)
        {
          g_free (best);
          best = g_steal_pointer (&bindir);
          best_version = version;
        }
    }

  if (best == NULL)
    {
      g_autofree char *initdb = g_find_program_in_path ("initdb");
      if (initdb != NULL)
        best = g_path_get_dirname (initdb);
    }

  return best;
}

static gboolean
run_pg (ScTestPostgres *pg,
        const char     *program,
        char          **out_error,
        ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *standard_error = NULL;
  g_autofree char *standard_output = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  int status = 0;
  va_list ap;

  if (pg->as_postgres)
    {
      g_ptr_array_add (args, g_strdup ("runuser"));
      g_ptr_array_add (args, g_strdup ("-u"));
      g_ptr_array_add (args, g_strdup ("postgres"));
      g_ptr_array_add (args, g_strdup ("--"));
    }
  g_ptr_array_add (args, g_build_filename (pg->bindir, program, NULL));
  va_start (ap, out_error);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, g_strdup (arg));
  va_end (ap);
  g_ptr_array_add (args, NULL);

  if (!g_spawn_sync (pg->dir, (char **) args->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &standard_output, &standard_error, &status, &error) ||
      !g_spawn_check_wait_status (status, NULL))
    {
      if (out_error != NULL)
        *out_error = g_strdup_printf ("%s failed: %s %s", program,
                                      error ? error->message : "", standard_error ? standard_error : "");
      return FALSE;
    }

  return TRUE;
}

static void
new_session (gpointer data)
{
  /* Out of the test's process group, so a test runner that kills the
   * group on a timeout leaves the watchdog to clean up. */
  setsid ();
}

/* A shell that waits for EOF on a pipe only this process holds (the kernel
 * closes it however we end), or for an hour, then stops the cluster and
 * removes its folder. */
static void
start_watchdog (ScTestPostgres *pg)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pg_ctl = g_build_filename (pg->bindir, "pg_ctl", NULL);
  g_autofree char *q_pg_ctl = g_shell_quote (pg_ctl);
  g_autofree char *q_data = g_shell_quote (pg->data_dir);
  g_autofree char *q_dir = g_shell_quote (pg->dir);
  g_autofree char *script = NULL;
  g_autofree char *cleanup = NULL;
  int fds[2];

  if (!g_unix_open_pipe (fds, FD_CLOEXEC, &error))
    g_error ("pipe: %s", error->message);

  cleanup = g_getenv ("SC_TEST_KEEP_TMPDIR") ? g_strdup ("true") : g_strconcat ("rm -rf ", q_dir, NULL);
  script = g_strdup_printf ("timeout 3600 cat >/dev/null; %s%s -D %s -m immediate -w stop >/dev/null 2>&1; %s",
                            pg->as_postgres ? "runuser -u postgres -- " : "", q_pg_ctl, q_data,
                            cleanup);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_take_stdin_fd (launcher, fds[0]);
  g_subprocess_launcher_set_child_setup (launcher, new_session, NULL, NULL);
  pg->watchdog = g_subprocess_launcher_spawn (launcher, &error, "/bin/sh", "-c", script, NULL);
  if (pg->watchdog == NULL)
    g_error ("Cannot start the PostgreSQL watchdog: %s", error->message);
  pg->watchdog_fd = fds[1];
}

ScTestPostgres *
sc_test_postgres_start (char **skip_reason)
{
  g_autofree char *bindir = find_pg_bindir ();
  g_autofree char *port = NULL;
  g_autofree char *options = NULL;
  g_autofree char *log = NULL;
  g_autofree char *message = NULL;
  ScTestPostgres *pg;

  if (bindir == NULL)
    {
      *skip_reason = g_strdup ("PostgreSQL (initdb) is not installed; install Debian's postgresql package");
      return NULL;
    }

  pg = g_new0 (ScTestPostgres, 1);
  pg->bindir = g_steal_pointer (&bindir);
  pg->dir = g_dir_make_tmp ("stockcast-pg-XXXXXX", NULL);
  g_assert_nonnull (pg->dir);
  pg->socket_dir = g_strdup (pg->dir);
  pg->data_dir = g_build_filename (pg->dir, "data", NULL);
  /* The port only names the socket file in our own folder. */
  pg->port = g_random_int_range (20000, 60000);
  pg->as_postgres = geteuid () == 0;

  if (pg->as_postgres)
    {
      struct passwd *pw = getpwnam ("postgres");

      if (pw == NULL)
        {
          *skip_reason = g_strdup ("running as root and there is no postgres user to run PostgreSQL as");
          sc_test_postgres_stop (pg);
          return NULL;
        }
      if (chown (pg->dir, pw->pw_uid, pw->pw_gid) != 0)
        g_error ("chown %s failed", pg->dir);
    }
  g_chmod (pg->dir, 0755);

  port = g_strdup_printf ("%u", pg->port);
  options = g_strdup_printf ("-c listen_addresses='' -c unix_socket_directories='%s' -p %u "
                             "-c fsync=off -c synchronous_commit=off -c full_page_writes=off",
                             pg->socket_dir, pg->port);
  log = g_build_filename (pg->dir, "postgres.log", NULL);

  if (!run_pg (pg, "initdb", &message, "-D", pg->data_dir, "-A", "trust", "-U", "postgres",
               "--no-sync", "-E", "UTF8", NULL) ||
      !run_pg (pg, "pg_ctl", &message, "-D", pg->data_dir, "-o", options, "-l", log,
               "-w", "-t", "60", "start", NULL))
    {
      /* Installed but broken is a failure, not a skip. */
      g_error ("Cannot start PostgreSQL: %s", message);
    }

  start_watchdog (pg);
  return pg;
}

char *
sc_test_postgres_create_db (ScTestPostgres *pg,
                            const char     *name)
{
  g_autofree char *port = g_strdup_printf ("%u", pg->port);
  g_autofree char *message = NULL;

  if (!run_pg (pg, "createdb", &message, "-h", pg->socket_dir, "-p", port, "-U", "postgres", name, NULL))
    g_error ("%s", message);

  return g_strdup_printf ("postgresql://postgres@/%s?host=%s&port=%u", name, pg->socket_dir, pg->port);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
sc_test_postgres_stop (ScTestPostgres *pg)
{
  if (pg == NULL)
    return;

  if (g_file_test (pg->data_dir, G_FILE_TEST_IS_DIR))
    run_pg (pg, "pg_ctl", NULL, "-D", pg->data_dir, "-m", "immediate", "-w", "stop", NULL);
  if (pg->watchdog != NULL)
    {
      /* EOF: the watchdog finds the cluster stopped and ends. */
      close (pg->watchdog_fd);
      g_subprocess_wait (pg->watchdog, NULL, NULL);
      g_clear_object (&pg->watchdog);
    }
  if (g_getenv ("SC_TEST_KEEP_TMPDIR") == NULL)
    remove_tree (pg->dir);
  g_free (pg->bindir);
  g_free (pg->dir);
  g_free (pg->socket_dir);
  g_free (pg->data_dir);
  g_free (pg);
}

typedef struct
{
  const char *want;
  char       *value;
} HeaderWant;

static size_t
on_write (char   *data,
          size_t  size,
          size_t  n,
          void   *user_data)
{
  g_string_append_len (user_data, data, size * n);
  return size * n;
}

static size_t
on_header (char   *data,
           size_t  size,
           size_t  n,
           void   *user_data)
{
  HeaderWant *want = user_data;
  gsize length = size * n;
  gsize name_length;

  if (want->want != NULL)
    {
      name_length = strlen (want->want);
      if (length > name_length + 1 && g_ascii_strncasecmp (data, want->want, name_length) == 0 &&
          data[name_length] == ':')
        {
          g_free (want->value);
          want->value = g_strstrip (g_strndup (data + name_length + 1, length - name_length - 1));
        }
    }

  return length;
}

guint
sc_test_http_full (const char  *method,
                   const char  *url,
                   const char  *token,
                   const char  *body,
                   gsize        body_length,
                   const char  *want_header,
                   char       **out_header,
                   char       **out_body)
{
  CURL *curl = curl_easy_init ();
  struct curl_slist *headers = NULL;
  g_autofree char *authorization = NULL;
  GString *response = g_string_new (NULL);
  HeaderWant want = { want_header, NULL };
  long status = 0;

  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_CUSTOMREQUEST, method);
  curl_easy_setopt (curl, CURLOPT_NOPROXY, "*");
  curl_easy_setopt (curl, CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, on_write);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, response);
  curl_easy_setopt (curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt (curl, CURLOPT_HEADERDATA, &want);
  if (token != NULL)
    {
      authorization = g_strdup_printf ("Authorization: Bearer %s", token);
      headers = curl_slist_append (headers, authorization);
    }
  if (body != NULL)
    {
      headers = curl_slist_append (headers, "Content-Type: application/json");
      curl_easy_setopt (curl, CURLOPT_POSTFIELDS, body);
      curl_easy_setopt (curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) body_length);
    }
  headers = curl_slist_append (headers, "Expect:");
  curl_easy_setopt (curl, CURLOPT_HTTPHEADER, headers);

  if (curl_easy_perform (curl) == CURLE_OK)
    curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &status);

  curl_slist_free_all (headers);
  curl_easy_cleanup (curl);

  if (out_header != NULL)
    *out_header = want.value;
  else
    g_free (want.value);
  if (out_body != NULL)
    *out_body = g_string_free (response, FALSE);
  else
    g_string_free (response, TRUE);

  return (guint) status;
}

guint
sc_test_http (const char  *method,
              const char  *url,
              const char  *token,
              const char  *body,
              char       **out_body)
{
  return sc_test_http_full (method, url, token, body, body ? strlen (body) : 0, NULL, NULL, out_body);
}

/* --- fault proxy -------------------------------------------------------- */

typedef struct
{
  gatomicrefcount    ref_count;
  ScTestFaultProxy  *proxy;
  GSocketConnection *client;
  GSocketConnection *upstream;
} ProxyLink;

struct _ScTestFaultProxy
{
  GMutex             mutex;
  GCond              cond;
  GSocketListener   *listener;
  GCancellable      *cancellable;
  GThread           *accept_thread;
  GPtrArray         *threads;     /* GThread*, joined on free */
  GPtrArray         *links;       /* ProxyLink*, open ones */
  char              *url;
  char              *method;      /* "PUT " */
  guint16            upstream_port;
  guint              seen;
  guint              hold_after;
  gboolean           holding;
  gboolean           held;
  gboolean           released;
};

static void
proxy_link_shutdown (ProxyLink *link)
{
  if (link->client != NULL)
    g_socket_shutdown (g_socket_connection_get_socket (link->client), TRUE, TRUE, NULL);
  if (link->upstream != NULL)
    g_socket_shutdown (g_socket_connection_get_socket (link->upstream), TRUE, TRUE, NULL);
}

static ProxyLink *
proxy_link_ref (ProxyLink *link)
{
  g_atomic_ref_count_inc (&link->ref_count);
  return link;
}

static void
proxy_link_unref (ProxyLink *link)
{
  if (!g_atomic_ref_count_dec (&link->ref_count))
    return;

  g_mutex_lock (&link->proxy->mutex);
  g_ptr_array_remove (link->proxy->links, link);
  g_mutex_unlock (&link->proxy->mutex);
  if (link->client != NULL)
    g_io_stream_close (G_IO_STREAM (link->client), NULL, NULL);
  if (link->upstream != NULL)
    g_io_stream_close (G_IO_STREAM (link->upstream), NULL, NULL);
  g_clear_object (&link->client);
  g_clear_object (&link->upstream);
  g_free (link);
}

/* Counts requests starting in this chunk; TRUE when it must be held. */
static gboolean
proxy_count_requests (ScTestFaultProxy *self,
                      const char       *data,
                      gsize             length)
{
  gboolean hold = FALSE;
  gsize method_length;

  g_mutex_lock (&self->mutex);
  /* The client sends a request only once the last one is answered, so a
   * request line always opens a chunk. */
  method_length = self->method != NULL ? strlen (self->method) : 0;
  if (self->holding && !self->released && length >= method_length &&
      memcmp (data, self->method, method_length) == 0)
    {
      if (self->seen == self->hold_after)
        {
          self->held = TRUE;
          g_cond_broadcast (&self->cond);
          hold = TRUE;
        }
      else
        self->seen++;
    }
  g_mutex_unlock (&self->mutex);

  return hold;
}

static void
proxy_pump (ProxyLink         *link,
            GSocketConnection *from,
            GSocketConnection *to,
            gboolean           count)
{
  ScTestFaultProxy *self = link->proxy;
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (from));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (to));
  char buffer[16384];

  for (;;)
    {
      gssize n = g_input_stream_read (in, buffer, sizeof buffer, NULL, NULL);

      if (n <= 0)
        break;

      if (count && proxy_count_requests (self, buffer, (gsize) n))
        {
          g_mutex_lock (&self->mutex);
          while (!self->released)
            g_cond_wait (&self->cond, &self->mutex);
          g_mutex_unlock (&self->mutex);
          break;
        }

      if (!g_output_stream_write_all (out, buffer, (gsize) n, NULL, NULL, NULL))
        break;
    }

  proxy_link_shutdown (link);
}

static gpointer
proxy_client_to_upstream (gpointer data)
{
  ProxyLink *link = data;

  proxy_pump (link, link->client, link->upstream, TRUE);
  proxy_link_unref (link);
  return NULL;
}

static gpointer
proxy_upstream_to_client (gpointer data)
{
  ProxyLink *link = data;

  proxy_pump (link, link->upstream, link->client, FALSE);
  proxy_link_unref (link);
  return NULL;
}

static gpointer
proxy_accept_loop (gpointer data)
{
  ScTestFaultProxy *self = data;

  for (;;)
    {
      g_autoptr(GSocketConnection) client = NULL;
      g_autoptr(GSocketClient) connector = NULL;
      g_autoptr(GSocketConnection) upstream = NULL;
      ProxyLink *link;

      client = g_socket_listener_accept (self->listener, NULL, self->cancellable, NULL);
      if (client == NULL)
        break;

      connector = g_socket_client_new ();
      g_socket_client_set_enable_proxy (connector, FALSE);
      upstream = g_socket_client_connect_to_host (connector, "127.0.0.1", self->upstream_port,
                                                  self->cancellable, NULL);
      if (upstream == NULL)
        {
          /* The server is down: the client sees the connection close. */
          g_io_stream_close (G_IO_STREAM (client), NULL, NULL);
          continue;
        }

      link = g_new0 (ProxyLink, 1);
      g_atomic_ref_count_init (&link->ref_count);
      link->proxy = self;
      link->client = g_steal_pointer (&client);
      link->upstream = g_steal_pointer (&upstream);

      g_mutex_lock (&self->mutex);
      g_ptr_array_add (self->links, link);
      g_ptr_array_add (self->threads, g_thread_new ("proxy-up", proxy_client_to_upstream,
                                                    proxy_link_ref (link)));
      g_ptr_array_add (self->threads, g_thread_new ("proxy-down", proxy_upstream_to_client, link));
      g_mutex_unlock (&self->mutex);
    }

  return NULL;
}

ScTestFaultProxy *
sc_test_fault_proxy_new (guint16   upstream_port,
                         GError  **error)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  ScTestFaultProxy *self = g_new0 (ScTestFaultProxy, 1);

  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  self->upstream_port = upstream_port;
  self->listener = g_socket_listener_new ();
  self->cancellable = g_cancellable_new ();
  self->threads = g_ptr_array_new ();
  self->links = g_ptr_array_new ();

  if (!g_socket_listener_add_address (self->listener, address, G_SOCKET_TYPE_STREAM,
                                      G_SOCKET_PROTOCOL_TCP, NULL, &bound, error))
    {
      sc_test_fault_proxy_free (self);
      return NULL;
    }

  self->url = g_strdup_printf ("http://127.0.0.1:%u",
                               g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  self->accept_thread = g_thread_new ("proxy-accept", proxy_accept_loop, self);
  return self;
}

const char *
sc_test_fault_proxy_get_url (ScTestFaultProxy *proxy)
{
  return proxy->url;
}

void
sc_test_fault_proxy_hold_after (ScTestFaultProxy *proxy,
                                const char       *method,
                                guint             count)
{
  g_mutex_lock (&proxy->mutex);
  g_free (proxy->method);
  proxy->method = g_strconcat (method, " ", NULL);
  proxy->hold_after = count;
  proxy->seen = 0;
  proxy->holding = TRUE;
  proxy->held = FALSE;
  proxy->released = FALSE;
  g_mutex_unlock (&proxy->mutex);
}

gboolean
sc_test_fault_proxy_wait_held (ScTestFaultProxy *proxy,
                               guint             timeout_seconds)
{
  gint64 deadline = g_get_monotonic_time () + timeout_seconds * G_TIME_SPAN_SECOND;
  gboolean held;

  g_mutex_lock (&proxy->mutex);
  while (!proxy->held)
    if (!g_cond_wait_until (&proxy->cond, &proxy->mutex, deadline))
      break;
  held = proxy->held;
  g_mutex_unlock (&proxy->mutex);

  return held;
}

void
sc_test_fault_proxy_release (ScTestFaultProxy *proxy)
{
  g_mutex_lock (&proxy->mutex);
  proxy->released = TRUE;
  proxy->holding = FALSE;
  g_cond_broadcast (&proxy->cond);
  g_mutex_unlock (&proxy->mutex);
}

void
sc_test_fault_proxy_free (ScTestFaultProxy *proxy)
{
  if (proxy == NULL)
    return;

  sc_test_fault_proxy_release (proxy);
  g_cancellable_cancel (proxy->cancellable);
  if (proxy->accept_thread != NULL)
    g_thread_join (proxy->accept_thread);
  g_socket_listener_close (proxy->listener);

  g_mutex_lock (&proxy->mutex);
  for (guint i = 0; i < proxy->links->len; i++)
    proxy_link_shutdown (g_ptr_array_index (proxy->links, i));
  g_mutex_unlock (&proxy->mutex);

  for (guint i = 0; i < proxy->threads->len; i++)
    g_thread_join (g_ptr_array_index (proxy->threads, i));

  g_ptr_array_unref (proxy->threads);
  g_ptr_array_unref (proxy->links);
  g_clear_object (&proxy->listener);
  g_clear_object (&proxy->cancellable);
  g_free (proxy->method);
  g_free (proxy->url);
  g_mutex_clear (&proxy->mutex);
  g_cond_clear (&proxy->cond);
  g_free (proxy);
}
