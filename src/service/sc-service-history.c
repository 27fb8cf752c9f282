/* sc-service-history.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sc-service-private.h"

struct _ScHistoryCursor
{
  gint64  user_id;
  ScDb   *db;      /* the worker threads' connection, opened by the first page */
  char   *before;  /* uuid of the last row read; NULL: none yet */
  gboolean done;
};

static void
history_cursor_clear (gpointer data)
{
  ScHistoryCursor *cursor = data;

  g_clear_pointer (&cursor->db, sc_db_unref);
  g_free (cursor->before);
}

ScHistoryCursor *
sc_history_cursor_new (gint64 user_id)
{
  ScHistoryCursor *cursor = g_atomic_rc_box_new0 (ScHistoryCursor);

  cursor->user_id = user_id;
  return cursor;
}

ScHistoryCursor *
sc_history_cursor_ref (ScHistoryCursor *cursor)
{
  return g_atomic_rc_box_acquire (cursor);
}

void
sc_history_cursor_unref (ScHistoryCursor *cursor)
{
  g_atomic_rc_box_release_full (cursor, history_cursor_clear);
}

gboolean
sc_history_cursor_is_done (ScHistoryCursor *cursor)
{
  g_return_val_if_fail (cursor != NULL, TRUE);

  return cursor->done;
}

GPtrArray *
sc_service_read_history (ScService        *self,
                         ScDb             *db,
                         ScHistoryCursor  *cursor,
                         guint             limit,
                         GError          **error)
{
  GPtrArray *results;

  g_return_val_if_fail (SC_IS_SERVICE (self), NULL);
  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (cursor != NULL, NULL);

  results = sc_results_list_before (db, cursor->user_id, SC_RESULTS_LIST_DEFAULT,
                                    cursor->before, limit, error);
  if (results == NULL)
    return NULL;

  cursor->done = limit == 0 || results->len < limit;
  if (results->len > 0)
    {
      g_free (cursor->before);
      cursor->before = g_strdup (((ScResult *) g_ptr_array_index (results, results->len - 1))->uuid);
    }
  return results;
}

typedef struct
{
  ScHistoryCursor *cursor;
  guint            limit;
} PageData;

static void
page_data_free (gpointer data)
{
  PageData *page = data;

  sc_history_cursor_unref (page->cursor);
  g_free (page);
}

/* Pages of one cursor are read one after another, never together, so the
 * cursor needs no lock. Its connection lives as long as it does: a long
 * history is read without opening the database for each page. */
static void
page_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ScService *self = source_object;
  PageData *page = task_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *results;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (page->cursor->db == NULL)
    page->cursor->db = sc_service_open_db (self, &error);
  if (page->cursor->db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  results = sc_service_read_history (self, page->cursor->db, page->cursor, page->limit, &error);
  if (results == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, results, (GDestroyNotify) g_ptr_array_unref);
}

void
sc_service_read_history_async (ScService           *self,
                               ScHistoryCursor     *cursor,
                               guint                limit,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PageData *page;

  g_return_if_fail (SC_IS_SERVICE (self));
  g_return_if_fail (cursor != NULL);

  page = g_new0 (PageData, 1);
  page->cursor = sc_history_cursor_ref (cursor);
  page->limit = limit;

  task = _sc_service_task_new (self, sc_service_read_history_async, cancellable, callback, user_data);
  g_task_set_task_data (task, page, page_data_free);
  g_task_run_in_thread (task, page_thread);
}

GPtrArray *
sc_service_read_history_finish (ScService     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return _sc_service_task_finish (self, result, sc_service_read_history_async, error);
}

/* --- deleting ----------------------------------------------------------------- */

typedef struct
{
  gint64  user_id;
  char   *uuid;
} DeleteData;

static void
delete_data_free (gpointer data)
{
  DeleteData *delete = data;

  g_free (delete->uuid);
  g_free (delete);
}

static void
delete_thread (ScService    *self,
               ScDb         *db,
               GTask        *task,
               gpointer      data,
               GCancellable *cancellable)
{
  DeleteData *delete = data;
  g_autoptr(GError) error = NULL;

  if (!sc_results_delete (db, delete->user_id, delete->uuid, &error))
    {
      g_warning ("Could not delete prediction %s: %s", delete->uuid, error->message);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
sc_service_delete_result_async (ScService           *self,
                                gint64               user_id,
                                const char          *uuid,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  DeleteData *delete;

  g_return_if_fail (SC_IS_SERVICE (self));
  g_return_if_fail (uuid != NULL);

  delete = g_new0 (DeleteData, 1);
  delete->user_id = user_id;
  delete->uuid = g_strdup (uuid);

  task = _sc_service_task_new (self, sc_service_delete_result_async, cancellable, callback, user_data);
  _sc_service_task_run (task, delete_thread, delete, delete_data_free);
}

gboolean
sc_service_delete_result_finish (ScService     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (SC_IS_SERVICE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
