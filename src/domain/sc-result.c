/* sc-result.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sc-error.h"
#include "sc-validate.h"
#include "sc-result-private.h"

/* The result type, its dates and its rules: GLib only; the client and the
 * sync server share them (and the codec, sc-result-json.c). */

G_DEFINE_BOXED_TYPE (ScResult, sc_result, sc_result_ref, sc_result_unref)

ScResult *
sc_result_new (void)
{
  ScResult *self = g_new0 (ScResult, 1);

  self->ref_count = 1;
  return self;
}

ScResult *
sc_result_ref (ScResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
sc_result_unref (ScResult *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;

  g_free (self->uuid);
  g_free (self->ticker);
  g_free (self->created_at);
  g_free (self->model);
  g_free (self->currency);
  g_free (self->forecasts);
  g_free (self);
}

gboolean
sc_result_forecast_has_actual (const ScResultForecast *forecast)
{
  g_return_val_if_fail (forecast != NULL, FALSE);

  return !isnan (forecast->actual);
}

/* --- dates and times ---------------------------------------------------- */

/* The civil-date arithmetic is core's (sc_day_to_ymd); these only fix the
 * text form results are stored and sent in. */
void
_sc_result_day_to_text (ScDay day,
                        char  out[11])
{
  int y, m, d;

  sc_day_to_ymd (day, &y, &m, &d);
  g_snprintf (out, 11, "%04d-%02d-%02d", CLAMP (y, 0, 9999), m, d);
}

/* Strict YYYY-MM-DD. */
gboolean
_sc_result_day_from_text (const char *text,
                          ScDay      *out_day)
{
  int y, m, d;

  if (text == NULL)
    return FALSE;
  for (int i = 0; i < 10; i++)
    {
      if (i == 4 || i == 7)
        {
          if (text[i] != '-')
            return FALSE;
        }
      else if (!g_ascii_isdigit (text[i]))
        return FALSE;
    }
  if (text[10] != '\0')
    return FALSE;

  y = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
  m = (text[5] - '0') * 10 + (text[6] - '0');
  d = (text[8] - '0') * 10 + (text[9] - '0');
  if (y < 1 || !g_date_valid_dmy (d, m, y))
    return FALSE;

  *out_day = sc_day_from_ymd (y, m, d);
  return TRUE;
}

/* Normalises an ISO 8601 timestamp to "YYYY-MM-DDTHH:MM:SSZ" (UTC). */
char *
_sc_result_normalize_timestamp (const char *text)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GDateTime) utc = NULL;

  if (text == NULL)
    return NULL;

  dt = g_date_time_new_from_iso8601 (text, NULL);
  if (dt == NULL)
    return NULL;

  utc = g_date_time_to_utc (dt);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

char *
_sc_result_now_timestamp (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* --- rules -------------------------------------------------------------- */

int
_sc_result_compare_forecasts (gconstpointer a,
                   gconstpointer b)
{
  const ScResultForecast *fa = a;
  const ScResultForecast *fb = b;

  return (fa->horizon > fb->horizon) - (fa->horizon < fb->horizon);
}

gboolean
_sc_result_check_forecasts (const ScResultForecast  *forecasts,
                 guint                    n_forecasts,
                 GError                 **error)
{
  if (n_forecasts == 0 || n_forecasts > SC_RESULT_MAX_FORECASTS)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("A result needs 1 to %d forecasts."), SC_RESULT_MAX_FORECASTS);
      return FALSE;
    }

  for (guint i = 0; i < n_forecasts; i++)
    {
      const ScResultForecast *f = &forecasts[i];

      if (f->horizon <= 0 || f->horizon > 100000 ||
          !isfinite (f->price) || !isfinite (f->low) || !isfinite (f->high) ||
          (!isnan (f->actual) && !isfinite (f->actual)))
        {
          g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                       _("A forecast needs a positive horizon and finite prices."));
          return FALSE;
        }

      for (guint j = 0; j < i; j++)
        if (forecasts[j].horizon == f->horizon)
          {
            g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                         _("A result lists the horizon %d twice."), f->horizon);
            return FALSE;
          }
    }

  return TRUE;
}

gboolean
_sc_result_check (const ScResult  *result,
              GError         **error)
{
  if (result->uuid == NULL || !g_uuid_string_is_valid (result->uuid))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA, _("A result needs a valid uuid."));
      return FALSE;
    }

  if (!sc_validate_ticker (result->ticker, error) || !sc_validate_model_id (result->model, error))
    return FALSE;

  if (result->created_at == NULL)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("A result needs its creation time."));
      return FALSE;
    }

  if (!isfinite (result->last_close))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA, _("A result needs a last close."));
      return FALSE;
    }

  return _sc_result_check_forecasts (result->forecasts, result->n_forecasts, error);
}
