/* sc-quote-server.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "sc-quote-server.h"
#include "sc-test-util.h"

struct _ScQuoteServer
{
  GSubprocess *process;
  char        *log_path;
  guint        port;
};

ScQuoteServer *
sc_quote_server_start (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *script = g_build_filename (SOURCE_ROOT, "tests", "quote-server.py", NULL);
  g_autofree char *quotes = sc_test_fixture_path ("quotes");
  g_autofree char *corpus = sc_test_fixture_path ("yahoo");
  g_autofree char *sample = g_build_filename (SOURCE_ROOT, "data", "sample", NULL);
  g_autofree char *line = NULL;
  ScQuoteServer *self = g_new0 (ScQuoteServer, 1);
  static guint counter;

  self->log_path = g_strdup_printf ("%s/quote-server-%u-%u.log", sc_test_get_tmpdir (),
                                    (guint) getpid (), counter++);
  self->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                    "python3", script,
                                    "--data", quotes, "--data", sample,
                                    "--corpus", corpus,
                                    "--log", self->log_path,
                                    "--timeout", "300", NULL);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->process));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  self->port = (guint) g_ascii_strtoull (line, NULL, 10);
  g_assert_cmpuint (self->port, >, 0);

  return self;
}

void
sc_quote_server_stop (ScQuoteServer *self)
{
  if (self == NULL)
    return;

  g_subprocess_force_exit (self->process);
  g_subprocess_wait (self->process, NULL, NULL);
  g_clear_object (&self->process);
  g_unlink (self->log_path);
  g_free (self->log_path);
  g_free (self);
}

char *
sc_quote_server_get_url (ScQuoteServer *self,
                         const char    *scenario)
{
  return g_strdup_printf ("http://127.0.0.1:%u/%s", self->port, scenario ? scenario : "");
}

GPtrArray *
sc_quote_server_get_requests (ScQuoteServer *self,
                              const char    *scenario)
{
  g_autoptr(GPtrArray) requests = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autofree char *contents = NULL;
  g_autofree char *prefix = g_strconcat ("/", scenario, NULL);
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (self->log_path, &contents, NULL, NULL))
    return g_steal_pointer (&requests);

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *object;

      if (*lines[i] == '\0')
        continue;
      g_assert_true (json_parser_load_from_data (parser, lines[i], -1, NULL));
      object = json_node_get_object (json_parser_get_root (parser));
      if (g_strcmp0 (json_object_get_string_member (object, "prefix"), prefix) == 0)
        g_ptr_array_add (requests, json_object_ref (object));
    }

  return g_steal_pointer (&requests);
}
