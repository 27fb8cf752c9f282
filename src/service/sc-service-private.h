/* sc-service-private.h
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sc-service.h"

G_BEGIN_DECLS

/* The body of an _async operation: runs in a worker thread with db, a
 * connection of that thread, and returns through task. */
typedef void (*ScServiceThreadFunc) (ScService    *self,
                                     ScDb         *db,
                                     GTask        *task,
                                     gpointer      data,
                                     GCancellable *cancellable);

GTask    *_sc_service_task_new      (ScService           *self,
                                     gpointer             source_tag,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
/* Runs func in a worker thread with data (freed with data_free). */
void      _sc_service_task_run      (GTask               *task,
                                     ScServiceThreadFunc  func,
                                     gpointer             data,
                                     GDestroyNotify       data_free);
/* The common case: a task whose only data is a user id, run at once; func
 * finds it as *(gint64 *) data. */
void      _sc_service_run_for_user  (ScService           *self,
                                     gpointer             source_tag,
                                     gint64               user_id,
                                     ScServiceThreadFunc  func,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
/* The data given to _sc_service_task_run(). */
gpointer  _sc_service_task_get_data (GTask               *task);
gpointer  _sc_service_task_finish   (ScService           *self,
                                     GAsyncResult        *result,
                                     gpointer             source_tag,
                                     GError             **error);

GStrv     _sc_service_known_tickers (ScDb                *db,
                                     gint64               user_id,
                                     gboolean             cached_only);

G_END_DECLS
