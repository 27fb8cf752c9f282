/* sc-prediction.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sc-prediction.h"

ScPrediction *
sc_prediction_new (void)
{
  ScPrediction *self = g_new0 (ScPrediction, 1);

  self->ref_count = 1;
  return self;
}

ScPrediction *
sc_prediction_ref (ScPrediction *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
sc_prediction_unref (ScPrediction *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;

  g_free (self->ticker);
  g_free (self->model_id);
  g_free (self->source);
  g_free (self->currency);
  g_free (self->forecasts);
  g_free (self->protocol);
  g_free (self->metrics);
  if (self->origins != NULL)
    for (guint i = 0; i < self->n_metrics; i++)
      g_free (self->origins[i].origins);
  g_free (self->origins);
  g_free (self);
}

const ScForecast *
sc_prediction_get_forecast (ScPrediction *self,
                            int           horizon)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->n_forecasts; i++)
    if (self->forecasts[i].horizon == horizon)
      return &self->forecasts[i];
  return NULL;
}

const ScHorizonMetrics *
sc_prediction_get_metrics (ScPrediction *self,
                           int           horizon)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->n_metrics; i++)
    if (self->metrics[i].horizon == horizon)
      return &self->metrics[i];
  return NULL;
}
