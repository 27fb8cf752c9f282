/* sc-history-item.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sc-history-item.h"

struct _ScHistoryItem
{
  GObject   parent_instance;

  ScResult *result;
};

G_DEFINE_FINAL_TYPE (ScHistoryItem, sc_history_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RESULT,
  PROP_TICKER,
  PROP_MODEL,
  PROP_CREATED_AT,
  PROP_AS_OF,
  PROP_LAST_CLOSE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

ScHistoryItem *
sc_history_item_new (ScResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);

  return g_object_new (SC_TYPE_HISTORY_ITEM, "result", result, NULL);
}

ScResult *
sc_history_item_get_result (ScHistoryItem *self)
{
  g_return_val_if_fail (SC_IS_HISTORY_ITEM (self), NULL);

  return self->result;
}

const char *
sc_history_item_get_uuid (ScHistoryItem *self)
{
  g_return_val_if_fail (SC_IS_HISTORY_ITEM (self), NULL);

  return self->result->uuid;
}

const char *
sc_history_item_get_ticker (ScHistoryItem *self)
{
  g_return_val_if_fail (SC_IS_HISTORY_ITEM (self), NULL);

  return self->result->ticker;
}

const ScResultForecast *
sc_history_item_get_forecast (ScHistoryItem *self,
                              int            horizon)
{
  g_return_val_if_fail (SC_IS_HISTORY_ITEM (self), NULL);

  for (guint i = 0; i < self->result->n_forecasts; i++)
    if (self->result->forecasts[i].horizon == horizon)
      return &self->result->forecasts[i];

  return NULL;
}

static void
sc_history_item_finalize (GObject *object)
{
  ScHistoryItem *self = SC_HISTORY_ITEM (object);

  g_clear_pointer (&self->result, sc_result_unref);

  G_OBJECT_CLASS (sc_history_item_parent_class)->finalize (object);
}

static void
sc_history_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ScHistoryItem *self = SC_HISTORY_ITEM (object);

  switch (prop_id)
    {
    case PROP_RESULT:
      g_value_set_boxed (value, self->result);
      break;

    case PROP_TICKER:
      g_value_set_string (value, self->result->ticker);
      break;

    case PROP_MODEL:
      g_value_set_string (value, self->result->model);
      break;

    case PROP_CREATED_AT:
      g_value_set_string (value, self->result->created_at);
      break;

    case PROP_AS_OF:
      g_value_set_int (value, self->result->as_of);
      break;

    case PROP_LAST_CLOSE:
      g_value_set_double (value, self->result->last_close);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sc_history_item_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ScHistoryItem *self = SC_HISTORY_ITEM (object);

  switch (prop_id)
    {
    case PROP_RESULT:
      self->result = g_value_dup_boxed (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sc_history_item_class_init (ScHistoryItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sc_history_item_finalize;
  object_class->get_property = sc_history_item_get_property;
  object_class->set_property = sc_history_item_set_property;

  properties[PROP_RESULT] =
    g_param_spec_boxed ("result", NULL, NULL, SC_TYPE_RESULT,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TICKER] =
    g_param_spec_string ("ticker", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODEL] =
    g_param_spec_string ("model", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED_AT] =
    g_param_spec_string ("created-at", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_AS_OF] =
    g_param_spec_int ("as-of", NULL, NULL, G_MININT, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_CLOSE] =
    g_param_spec_double ("last-close", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sc_history_item_init (ScHistoryItem *self)
{
}
