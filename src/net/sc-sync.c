/* sc-sync.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sc-accounts.h"
#include "sc-error.h"
#include "sc-json-util.h"
#include "sc-results.h"
#include "sc-sync.h"
#include "sc-sync-state.h"
#include "sc-sync-token.h"
#include "sc-watchlist.h"

#define PULL_PAGE 500

typedef char *ScSecret;
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (ScSecret, sc_accounts_free_secret, NULL)

/* A client for the link's server holding the token stored for it, or NULL:
 * with an error for an unusable address, without one when no token is
 * stored. */
static ScSyncClient *
client_for_link (gint64              user_id,
                 const ScSyncLink   *link,
                 ScSyncClientFlags   flags,
                 GError            **error)
{
  g_auto(ScSecret) token = _sc_sync_token_lookup (user_id, link->server_url, link->server_username);
  ScSyncClient *client;

  if (token == NULL)
    return NULL;

  client = sc_sync_client_new (link->server_url, flags, error);
  if (client != NULL)
    sc_sync_client_set_token (client, token);
  return client;
}

/* Revokes the link's session on the server (best effort: works offline
 * too) and forgets its token. */
static void
forget_session (gint64             user_id,
                const ScSyncLink  *link,
                GCancellable      *cancellable)
{
  g_autoptr(ScSyncClient) client = client_for_link (user_id, link, SC_SYNC_CLIENT_ALLOW_INSECURE_HTTP, NULL);
  g_autoptr(GError) revoke_error = NULL;

  if (client != NULL && !sc_sync_client_sign_out_sync (client, cancellable, &revoke_error))
    g_debug ("Could not revoke the sync token: %s", revoke_error->message);
  _sc_sync_token_clear (user_id, link->server_url, link->server_username);
}

/* --- links ------------------------------------------------------------------ */

/* Records how the attempt went: the error's kind decides the state. */
static gboolean
record_outcome (ScDb          *db,
                gint64         user_id,
                const GError  *failure,
                GError       **error)
{
  ScSyncState state = SC_SYNC_STATE_OK;

  if (failure != NULL)
    {
      if (failure->domain == SC_ERROR && failure->code == SC_ERROR_NETWORK)
        state = SC_SYNC_STATE_OFFLINE;
      else if (failure->domain == SC_ERROR && failure->code == SC_ERROR_AUTH)
        state = SC_SYNC_STATE_SIGN_IN;
      else
        state = SC_SYNC_STATE_ERROR;
    }
  return sc_sync_state_record (db, user_id, state, failure ? failure->message : NULL, error);
}

gboolean
sc_sync_link_account (ScDb               *db,
                      gint64              user_id,
                      const char         *server_url,
                      ScSyncClientFlags   flags,
                      const char         *username,
                      const char         *password,
                      const char         *email,
                      gboolean           *out_token_in_file,
                      GCancellable       *cancellable,
                      GError            **error)
{
  g_autoptr(ScSyncClient) client = NULL;
  g_autoptr(ScSyncLink) old = NULL;
  g_auto(ScSecret) token = NULL;
  gboolean in_file = FALSE;
  gboolean same_account;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (username != NULL && password != NULL, FALSE);

  client = sc_sync_client_new (server_url, flags, error);
  if (client == NULL)
    return FALSE;

  if (email != NULL &&
      !sc_sync_client_register_sync (client, username, email, password, cancellable, error))
    return FALSE;

  token = sc_sync_client_sign_in_sync (client, username, password, NULL, cancellable, error);
  if (token == NULL)
    return FALSE;

  old = sc_sync_get_link (db, user_id, error);
  if (old == NULL && error != NULL && *error != NULL)
    return FALSE;
  same_account = old != NULL &&
                 g_strcmp0 (old->server_url, sc_sync_client_get_url (client)) == 0 &&
                 g_strcmp0 (old->server_username, username) == 0;
  /* The previous session is not needed any more. */
  if (old != NULL)
    forget_session (user_id, old, cancellable);

  if (!_sc_sync_token_store (user_id, sc_sync_client_get_url (client), username, token, &in_file, error))
    return FALSE;

  if (!sc_sync_state_link (db, user_id, sc_sync_client_get_url (client), username,
                           (flags & SC_SYNC_CLIENT_ALLOW_INSECURE_HTTP) != 0, same_account, error))
    return FALSE;

  if (out_token_in_file != NULL)
    *out_token_in_file = in_file;
  return TRUE;
}

/* --- sync ------------------------------------------------------------------- */

/* A tombstone from the server for a result this computer may have. */
static gboolean
apply_remote_tombstone (ScDb        *db,
                        gint64       user_id,
                        const char  *uuid,
                        gint64       seq,
                        GError     **error)
{
  g_autoptr(ScResult) local = NULL;
  g_autoptr(GError) local_error = NULL;

  local = sc_results_get (db, user_id, uuid, &local_error);
  if (local == NULL)
    {
      /* Never here: nothing to delete. */
      if (g_error_matches (local_error, SC_ERROR, SC_ERROR_DATA))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  local->deleted = TRUE;
  return sc_results_merge_remote (db, user_id, local, seq, error);
}

/* How one collection's items are pushed: which collection, and how the
 * store marks an item synced or takes the server's deletion of it. */
typedef struct
{
  ScSyncCollection collection;
  gboolean (*mark_synced)     (ScDb        *db,
                               gint64       user_id,
                               const char  *uuid,
                               gboolean     deleted,
                               gint64       seq,
                               GError     **error);
  gboolean (*apply_tombstone) (ScDb        *db,
                               gint64       user_id,
                               const char  *uuid,
                               gint64       seq,
                               GError     **error);
} PushTarget;

typedef enum
{
  PUSH_SENT,      /* the server holds it (or its deletion) now */
  PUSH_CONFLICT,  /* the server holds other content under its uuid: kept, unsynced */
  PUSH_REJECTED,  /* the server refused it as invalid: kept, unsynced */
} PushOutcome;

/* Sends one unsynced item: its deletion (body NULL), or its body with PUT;
 * a deletion on another computer meanwhile wins. */
static gboolean
push_item (ScDb              *db,
           gint64             user_id,
           ScSyncClient      *client,
           const PushTarget  *target,
           const char        *uuid,
           gint64             server_seq,
           const char        *body,
           PushOutcome       *out_outcome,
           GCancellable      *cancellable,
           GError           **error)
{
  ScSyncPutStatus status;
  gboolean deleted;
  gint64 seq;

  *out_outcome = PUSH_SENT;
  if (body == NULL)
    return sc_sync_client_delete_sync (client, target->collection, uuid, cancellable, error) &&
           target->mark_synced (db, user_id, uuid, TRUE, server_seq, error);

  if (!sc_sync_client_put_sync (client, target->collection, uuid, body,
                                &status, &seq, &deleted, cancellable, error))
    return FALSE;

  switch (status)
    {
    case SC_SYNC_PUT_CREATED:
    case SC_SYNC_PUT_EXISTS:
      /* Deleted on another computer meanwhile: the tombstone wins. */
      if (deleted)
        return target->apply_tombstone (db, user_id, uuid, seq, error);
      return target->mark_synced (db, user_id, uuid, FALSE, seq, error);
    case SC_SYNC_PUT_CONFLICT:
      *out_outcome = PUSH_CONFLICT;
      return TRUE;
    case SC_SYNC_PUT_REJECTED:
    default:
      *out_outcome = PUSH_REJECTED;
      return TRUE;
    }
}

static const PushTarget results_target = {
  SC_SYNC_COLLECTION_RESULTS, sc_results_mark_synced, apply_remote_tombstone,
};

static gboolean
push (ScDb          *db,
      gint64         user_id,
      ScSyncClient  *client,
      ScSyncReport  *report,
      GCancellable  *cancellable,
      GError       **error)
{
  g_autoptr(GPtrArray) unsynced = sc_results_list_unsynced (db, user_id, error);

  if (unsynced == NULL)
    return FALSE;

  for (guint i = 0; i < unsynced->len; i++)
    {
      ScResult *result = g_ptr_array_index (unsynced, i);
      g_autofree char *body = NULL;
      PushOutcome outcome;

      if (!result->deleted)
        body = sc_result_to_json (result, SC_RESULT_JSON_DEFAULT);
      if (!push_item (db, user_id, client, &results_target, result->uuid, result->server_seq,
                      body, &outcome, cancellable, error))
        return FALSE;

      switch (outcome)
        {
        case PUSH_SENT:
          if (result->deleted)
            report->deleted++;
          else
            report->pushed++;
          break;
        case PUSH_CONFLICT:
          g_warning ("The sync server holds other content under uuid %s; keeping the local result unsynced",
                     result->uuid);
          report->conflicts++;
          break;
        case PUSH_REJECTED:
        default:
          g_warning ("The sync server refused result %s as invalid; keeping it unsynced", result->uuid);
          report->rejected++;
          break;
        }
    }

  return TRUE;
}

/* Applies one page of the server's result changes. */
static gboolean
apply_result_page (ScDb          *db,
                   gint64         user_id,
                   JsonArray     *page,
                   ScSyncReport  *report,
                   GError       **error)
{
  for (guint i = 0; i < json_array_get_length (page); i++)
    {
      JsonNode *node = json_array_get_element (page, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *uuid;
      gint64 seq;

      if (object == NULL ||
          (uuid = json_object_get_string_member_with_default (object, "uuid", NULL)) == NULL)
        {
          g_set_error (error, SC_ERROR, SC_ERROR_NETWORK,
                       _("The sync server sent a result Stockcast does not understand."));
          return FALSE;
        }
      seq = json_object_get_int_member_with_default (object, "seq", 0);

      if (json_object_get_boolean_member_with_default (object, "deleted", FALSE))
        {
          if (!apply_remote_tombstone (db, user_id, uuid, seq, error))
            return FALSE;
        }
      else
        {
          g_autoptr(GError) parse_error = NULL;
          g_autoptr(ScResult) remote = sc_result_new_from_json_node (node, &parse_error);

          if (remote == NULL)
            {
              /* One bad record must not block every later one. */
              g_warning ("Skipping result %s from the sync server: %s", uuid, parse_error->message);
              continue;
            }
          if (!sc_results_merge_remote (db, user_id, remote, seq, error))
            return FALSE;
        }
      report->pulled++;
    }

  return TRUE;
}

typedef gboolean (*ApplyPageFunc) (ScDb          *db,
                                   gint64         user_id,
                                   JsonArray     *page,
                                   ScSyncReport  *report,
                                   GError       **error);
typedef gboolean (*SaveSeqFunc)   (ScDb          *db,
                                   gint64         user_id,
                                   gint64         seq,
                                   GError       **error);

/* Pulls the collection's changes after since, page by page; once a page
 * is applied, save_seq stores how far it got, so an interrupted pull
 * resumes there. out_supported as for sc_sync_client_pull_sync(). */
static gboolean
pull_pages (ScDb              *db,
            gint64             user_id,
            ScSyncClient      *client,
            ScSyncCollection   collection,
            gint64             since,
            ApplyPageFunc      apply_page,
            SaveSeqFunc        save_seq,
            gboolean          *out_supported,
            ScSyncReport      *report,
            GCancellable      *cancellable,
            GError           **error)
{
  gboolean more = TRUE;

  while (more)
    {
      g_autoptr(JsonArray) page = NULL;
      gint64 next = since;

      page = sc_sync_client_pull_sync (client, collection, since, PULL_PAGE, &next, &more, out_supported,
                                       cancellable, error);
      if (page == NULL || !apply_page (db, user_id, page, report, error))
        return FALSE;

      if (next > since && !save_seq (db, user_id, next, error))
        return FALSE;
      if (next <= since && more)
        {
          g_set_error (error, SC_ERROR, SC_ERROR_NETWORK,
                       _("The sync server sent an answer Stockcast does not understand."));
          return FALSE;
        }
      since = next;
    }

  return TRUE;
}

/* --- watchlist --------------------------------------------------------------- */

static char *
watch_entry_to_json (const ScWatchEntry *entry)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, entry->uuid);
  json_builder_set_member_name (builder, "ticker");
  json_builder_add_string_value (builder, entry->ticker);
  json_builder_set_member_name (builder, "added_at");
  json_builder_add_string_value (builder, entry->added_at);
  json_builder_set_member_name (builder, "deleted");
  json_builder_add_boolean_value (builder, entry->deleted);
  json_builder_end_object (builder);

  return sc_json_builder_to_data (builder);
}

/* Applies one page of the server's watchlist changes. */
static gboolean
apply_watch_page (ScDb          *db,
                  gint64         user_id,
                  JsonArray     *page,
                  ScSyncReport  *report,
                  GError       **error)
{
  for (guint i = 0; i < json_array_get_length (page); i++)
    {
      JsonNode *node = json_array_get_element (page, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      g_autoptr(GError) entry_error = NULL;
      ScWatchEntry entry = { 0 };
      gboolean changed = FALSE;

      if (object == NULL ||
          (entry.uuid = (char *) json_object_get_string_member_with_default (object, "uuid", NULL)) == NULL)
        {
          g_set_error (error, SC_ERROR, SC_ERROR_NETWORK,
                       _("The sync server sent an answer Stockcast does not understand."));
          return FALSE;
        }
      entry.server_seq = json_object_get_int_member_with_default (object, "seq", 0);
      entry.deleted = json_object_get_boolean_member_with_default (object, "deleted", FALSE);
      entry.ticker = (char *) json_object_get_string_member_with_default (object, "ticker", NULL);
      entry.added_at = (char *) json_object_get_string_member_with_default (object, "added_at", NULL);

      if (!entry.deleted && (entry.ticker == NULL || entry.added_at == NULL))
        {
          /* One bad record must not block every later one. */
          g_warning ("Skipping watchlist entry %s from the sync server: no ticker or added_at", entry.uuid);
          continue;
        }
      if (!sc_watchlist_merge_remote (db, user_id, &entry, &changed, &entry_error))
        {
          if (!g_error_matches (entry_error, SC_ERROR, SC_ERROR_DATA))
            {
              g_propagate_error (error, g_steal_pointer (&entry_error));
              return FALSE;
            }
          g_warning ("Skipping watchlist entry %s from the sync server: %s", entry.uuid, entry_error->message);
          continue;
        }
      if (changed)
        report->watchlist_received++;
    }

  return TRUE;
}

static gboolean
mark_watch_synced (ScDb        *db,
                   gint64       user_id,
                   const char  *uuid,
                   gboolean     deleted,
                   gint64       seq,
                   GError     **error)
{
  return sc_watchlist_mark_synced (db, user_id, uuid, deleted, seq, NULL, error);
}

/* Removed on another computer meanwhile. */
static gboolean
apply_watch_tombstone (ScDb        *db,
                       gint64       user_id,
                       const char  *uuid,
                       gint64       seq,
                       GError     **error)
{
  ScWatchEntry tombstone = { (char *) uuid, NULL, NULL, TRUE, seq };

  return sc_watchlist_merge_remote (db, user_id, &tombstone, NULL, error);
}

static const PushTarget watchlist_target = {
  SC_SYNC_COLLECTION_WATCHLIST, mark_watch_synced, apply_watch_tombstone,
};

/* Pulls the server's watchlist changes, then pushes this computer's.
 * Pulling first learns, before anything is sent, whether the server has a
 * watchlist at all (an older one answers 404: then the watchlist simply
 * stays on this computer); a tombstone pulled for an entry this computer
 * holds unsynced wins, as for results. */
static gboolean
sync_watchlist (ScDb          *db,
                gint64         user_id,
                ScSyncClient  *client,
                ScSyncReport  *report,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GPtrArray) unsynced = NULL;
  gboolean supported;
  gint64 since;

  if (!sc_watchlist_get_sync_seq (db, user_id, &since, error) ||
      !pull_pages (db, user_id, client, SC_SYNC_COLLECTION_WATCHLIST, since, apply_watch_page,
                   sc_watchlist_set_sync_seq, &supported, report, cancellable, error))
    return FALSE;
  if (!supported)
    {
      g_debug ("sync: the server has no watchlist; keeping it on this computer");
      return TRUE;
    }

  unsynced = sc_watchlist_list_unsynced (db, user_id, error);
  if (unsynced == NULL)
    return FALSE;

  for (guint i = 0; i < unsynced->len; i++)
    {
      ScWatchEntry *entry = g_ptr_array_index (unsynced, i);
      g_autofree char *body = NULL;
      PushOutcome outcome;

      if (!entry->deleted)
        body = watch_entry_to_json (entry);
      if (!push_item (db, user_id, client, &watchlist_target, entry->uuid, entry->server_seq,
                      body, &outcome, cancellable, error))
        return FALSE;

      switch (outcome)
        {
        case PUSH_SENT:
          report->watchlist_sent++;
          break;
        case PUSH_CONFLICT:
          g_warning ("The sync server holds another watchlist entry under uuid %s; keeping %s unsynced",
                     entry->uuid, entry->ticker);
          report->watchlist_unsent++;
          break;
        case PUSH_REJECTED:
        default:
          g_warning ("The sync server refused watchlist entry %s (%s); keeping it unsynced",
                     entry->uuid, entry->ticker);
          report->watchlist_unsent++;
          break;
        }
    }

  return TRUE;
}

gboolean
sc_sync_run (ScDb          *db,
             gint64         user_id,
             ScSyncReport  *out_report,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(ScSyncLink) link = NULL;
  g_autoptr(ScSyncClient) client = NULL;
  g_autoptr(GError) local_error = NULL;
  ScSyncReport report = { 0 };

  g_return_val_if_fail (db != NULL, FALSE);

  link = sc_sync_get_link (db, user_id, error);
  if (link == NULL)
    {
      if (error == NULL || *error == NULL)
        g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                     _("This account is not linked to a sync server yet; give the server’s address."));
      return FALSE;
    }

  client = client_for_link (user_id, link,
                            link->allow_insecure_http ? SC_SYNC_CLIENT_ALLOW_INSECURE_HTTP : 0,
                            &local_error);
  if (client == NULL && local_error == NULL)
    g_set_error (&local_error, SC_ERROR, SC_ERROR_AUTH,
                 _("Sign in to the sync server %s again."), link->server_url);
  if (client != NULL &&
      push (db, user_id, client, &report, cancellable, &local_error) &&
      pull_pages (db, user_id, client, SC_SYNC_COLLECTION_RESULTS, link->last_seq, apply_result_page,
                  sc_sync_state_save_last_seq, NULL, &report, cancellable, &local_error))
    sync_watchlist (db, user_id, client, &report, cancellable, &local_error);

  /* A refused token will not get better: drop it so the state is clear. */
  if (client != NULL && g_error_matches (local_error, SC_ERROR, SC_ERROR_AUTH))
    _sc_sync_token_clear (user_id, link->server_url, link->server_username);

  if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    record_outcome (db, user_id, local_error, NULL);

  if (out_report != NULL)
    *out_report = report;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

gboolean
sc_sync_unlink (ScDb          *db,
                gint64         user_id,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(ScSyncLink) link = sc_sync_get_link (db, user_id, error);

  if (link == NULL)
    return error == NULL || *error == NULL;

  forget_session (user_id, link, cancellable);
  return sc_sync_state_unlink (db, user_id, error);
}

gboolean
sc_sync_change_server_password (ScDb          *db,
                                gint64         user_id,
                                const char    *old_password,
                                const char    *new_password,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_autoptr(ScSyncLink) link = NULL;
  g_autoptr(ScSyncClient) client = NULL;
  g_autoptr(GError) local_error = NULL;

  link = sc_sync_get_link (db, user_id, error);
  if (link == NULL)
    return error == NULL || *error == NULL;

  client = client_for_link (user_id, link, SC_SYNC_CLIENT_ALLOW_INSECURE_HTTP, &local_error);
  if (client == NULL && local_error == NULL)
    g_set_error (&local_error, SC_ERROR, SC_ERROR_AUTH,
                 _("No sign-in to the sync server is stored; run “stockcast sync” with the old password first."));
  if (client == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return sc_sync_client_change_password_sync (client, old_password, new_password, cancellable, error);
}

/* --- threaded variants ------------------------------------------------------ */

typedef enum
{
  TASK_LINK_ACCOUNT,
  TASK_RUN,
  TASK_UNLINK,
} TaskKind;

typedef struct
{
  TaskKind           kind;
  char              *db_path;
  gint64             user_id;
  char              *server_url;
  ScSyncClientFlags  flags;
  char              *username;
  char              *password;
  char              *email;
  gboolean           token_in_file;
  ScSyncReport       report;
} TaskData;

static void
task_data_free (gpointer data)
{
  TaskData *td = data;

  g_free (td->db_path);
  g_free (td->server_url);
  g_free (td->username);
  sc_accounts_free_secret (td->password);
  g_free (td->email);
  g_free (td);
}

/* Runs the task's call on a database connection of its own. */
static void
task_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TaskData *td = task_data;
  g_autoptr(ScDb) db = NULL;
  GError *error = NULL;
  gboolean ok = FALSE;

  db = sc_db_open (td->db_path, &error);
  if (db != NULL)
    {
      switch (td->kind)
        {
        case TASK_LINK_ACCOUNT:
          ok = sc_sync_link_account (db, td->user_id, td->server_url, td->flags, td->username,
                                     td->password, td->email, &td->token_in_file, cancellable, &error);
          break;
        case TASK_RUN:
          ok = sc_sync_run (db, td->user_id, &td->report, cancellable, &error);
          break;
        case TASK_UNLINK:
        default:
          ok = sc_sync_unlink (db, td->user_id, cancellable, &error);
          break;
        }
    }

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static GTask *
new_task (TaskKind             kind,
          ScDb                *db,
          gint64               user_id,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data,
          gpointer             source_tag)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  TaskData *td = g_new0 (TaskData, 1);

  td->kind = kind;
  td->db_path = g_strdup (sc_db_get_path (db));
  td->user_id = user_id;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, td, task_data_free);
  return task;
}

void
sc_sync_link_account_async (ScDb                *db,
                            gint64               user_id,
                            const char          *server_url,
                            ScSyncClientFlags    flags,
                            const char          *username,
                            const char          *password,
                            const char          *email,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = new_task (TASK_LINK_ACCOUNT, db, user_id, cancellable, callback, user_data,
                                    sc_sync_link_account_async);
  TaskData *td = g_task_get_task_data (task);

  td->server_url = g_strdup (server_url);
  td->flags = flags;
  td->username = g_strdup (username);
  td->password = g_strdup (password);
  td->email = g_strdup (email);
  g_task_run_in_thread (task, task_thread);
}

gboolean
sc_sync_link_account_finish (GAsyncResult  *result,
                             gboolean      *out_token_in_file,
                             GError       **error)
{
  TaskData *td = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  if (out_token_in_file != NULL)
    *out_token_in_file = td->token_in_file;
  return TRUE;
}

void
sc_sync_run_async (ScDb                *db,
                   gint64               user_id,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = new_task (TASK_RUN, db, user_id, cancellable, callback, user_data,
                                    sc_sync_run_async);

  g_task_run_in_thread (task, task_thread);
}

gboolean
sc_sync_run_finish (GAsyncResult  *result,
                    ScSyncReport  *out_report,
                    GError       **error)
{
  TaskData *td = g_task_get_task_data (G_TASK (result));

  if (out_report != NULL)
    *out_report = td->report;
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
sc_sync_unlink_async (ScDb                *db,
                      gint64               user_id,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = new_task (TASK_UNLINK, db, user_id, cancellable, callback, user_data,
                                    sc_sync_unlink_async);

  g_task_run_in_thread (task, task_thread);
}

gboolean
sc_sync_unlink_finish (GAsyncResult  *result,
                       GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
