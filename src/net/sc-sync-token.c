/* sc-sync-token.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Where the sync token is kept: the keyring (libsecret) when there is one,
 * else a key file readable only by the user. */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>

#if HAVE_LIBSECRET
#include <libsecret/secret.h>
#endif

#include "sc-sync.h"
#include "sc-sync-token.h"

#if HAVE_LIBSECRET
static const SecretSchema token_schema = {
  APP_ID_BASE ".SyncToken", SECRET_SCHEMA_NONE,
  {
    { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "username", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
};

/* Without a session bus, libsecret would try to autolaunch one: don't. */
static gboolean
keyring_usable (void)
{
  const char *store = g_getenv ("STOCKCAST_SYNC_TOKEN_STORE");

  if (g_strcmp0 (store, "file") == 0)
    return FALSE;
  return g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL || g_getenv ("FLATPAK_ID") != NULL;
}
#endif

char *
sc_sync_token_file_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "stockcast", "sync-tokens", NULL);
}

static char *
token_group (gint64 user_id)
{
  return g_strdup_printf ("user-%" G_GINT64_FORMAT, user_id);
}

static GKeyFile *
load_token_file (void)
{
  g_autofree char *path = sc_sync_token_file_path ();
  GKeyFile *file = g_key_file_new ();

  g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, NULL);
  return file;
}

static gboolean
save_token_file (GKeyFile  *file,
                 GError   **error)
{
  g_autofree char *path = sc_sync_token_file_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *data = NULL;
  gsize length;
  gboolean ok;

  g_mkdir_with_parents (dir, 0700);
  data = g_key_file_to_data (file, &length, NULL);
  /* Written whole and readable only by the user. */
  ok = g_file_set_contents_full (path, data, length,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
  sodium_memzero (data, length);
  return ok;
}

gboolean
_sc_sync_token_store (gint64       user_id,
             const char  *server_url,
             const char  *username,
             const char  *token,
             gboolean    *out_in_file,
             GError     **error)
{
  g_autoptr(GKeyFile) file = NULL;
  g_autofree char *group = token_group (user_id);

  *out_in_file = FALSE;

#if HAVE_LIBSECRET
  if (keyring_usable ())
    {
      g_autoptr(GError) keyring_error = NULL;
      g_autofree char *label = g_strdup_printf (_("Stockcast sync token for %s on %s"), username, server_url);

      if (secret_password_store_sync (&token_schema, SECRET_COLLECTION_DEFAULT, label, token, NULL,
                                      &keyring_error, "server", server_url, "username", username, NULL))
        {
          /* No stale copy in the file. */
          file = load_token_file ();
          if (g_key_file_remove_group (file, group, NULL))
            save_token_file (file, NULL);
          return TRUE;
        }
      g_debug ("No keyring for the sync token: %s", keyring_error->message);
    }
#endif

  file = load_token_file ();
  g_key_file_set_string (file, group, "server", server_url);
  g_key_file_set_string (file, group, "username", username);
  g_key_file_set_string (file, group, "token", token);
  if (!save_token_file (file, error))
    return FALSE;

  *out_in_file = TRUE;
  return TRUE;
}

char *
_sc_sync_token_lookup (gint64      user_id,
              const char *server_url,
              const char *username)
{
  g_autoptr(GKeyFile) file = NULL;
  g_autofree char *group = token_group (user_id);
  g_autofree char *server = NULL;
  g_autofree char *name = NULL;

#if HAVE_LIBSECRET
  if (keyring_usable ())
    {
      char *secret = secret_password_lookup_sync (&token_schema, NULL, NULL,
                                                  "server", server_url, "username", username, NULL);
      if (secret != NULL)
        {
          char *token = g_strdup (secret);
          secret_password_free (secret);
          return token;
        }
    }
#endif

  file = load_token_file ();
  server = g_key_file_get_string (file, group, "server", NULL);
  name = g_key_file_get_string (file, group, "username", NULL);
  if (g_strcmp0 (server, server_url) != 0 || g_strcmp0 (name, username) != 0)
    return NULL;

  return g_key_file_get_string (file, group, "token", NULL);
}

void
_sc_sync_token_clear (gint64      user_id,
             const char *server_url,
             const char *username)
{
  g_autoptr(GKeyFile) file = NULL;
  g_autofree char *group = token_group (user_id);

#if HAVE_LIBSECRET
  if (keyring_usable ())
    secret_password_clear_sync (&token_schema, NULL, NULL,
                                "server", server_url, "username", username, NULL);
#endif

  file = load_token_file ();
  if (g_key_file_remove_group (file, group, NULL))
    save_token_file (file, NULL);
}
