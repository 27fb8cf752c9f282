/* sc-prices.c
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
#include "sc-prices.h"

/* Larger files are not price histories; refuse them before reading. */
#define MAX_CSV_BYTES (256 * 1024 * 1024)

/* Days from civil date and back (proleptic Gregorian), after Howard
 * Hinnant's public-domain algorithms; valid far beyond any price history. */
static gint64
days_from_civil (gint64 y,
                 int    m,
                 int    d)
{
  gint64 era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void
civil_from_days (gint64  z,
                 int    *out_y,
                 int    *out_m,
                 int    *out_d)
{
  gint64 era, doe, yoe, y, doy, mp;
  int m, d;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = yoe + era * 400;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  d = (int) (doy - (153 * mp + 2) / 5 + 1);
  m = (int) (mp < 10 ? mp + 3 : mp - 9);
  *out_y = (int) (y + (m <= 2));
  *out_m = m;
  *out_d = d;
}

static gboolean
parse_digits (const char *text,
              int         n,
              int        *out)
{
  int value = 0;

  for (int i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      value = value * 10 + (text[i] - '0');
    }
  *out = value;
  return TRUE;
}

/* Accepts "YYYY-MM-DD" (optionally followed by a time after 'T' or a space,
 * which is ignored) and "YYYYMMDD". */
gboolean
sc_day_parse (const char *text,
              ScDay      *out_day)
{
  int y, m, d;
  const char *rest;

  g_return_val_if_fail (text != NULL, FALSE);

  if (parse_digits (text, 4, &y) && text[4] == '-' &&
      parse_digits (text + 5, 2, &m) && text[7] == '-' &&
      parse_digits (text + 8, 2, &d))
    rest = text + 10;
  else if (parse_digits (text, 4, &y) && parse_digits (text + 4, 2, &m) &&
           parse_digits (text + 6, 2, &d))
    rest = text + 8;
  else
    return FALSE;

  if (*rest != '\0' && *rest != 'T' && *rest != ' ')
    return FALSE;
  if (y < 1000 || m < 1 || m > 12 || d < 1 || d > g_date_get_days_in_month (m, y))
    return FALSE;

  if (out_day != NULL)
    *out_day = (ScDay) days_from_civil (y, m, d);
  return TRUE;
}

char *
sc_day_format (ScDay day)
{
  int y, m, d;

  civil_from_days (day, &y, &m, &d);
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}

ScDay
sc_day_from_ymd (int year,
                 int month,
                 int day)
{
  return (ScDay) days_from_civil (year, month, day);
}

void
sc_day_to_ymd (ScDay  day,
               int   *out_year,
               int   *out_month,
               int   *out_day)
{
  int y, m, d;

  civil_from_days (day, &y, &m, &d);
  if (out_year != NULL)
    *out_year = y;
  if (out_month != NULL)
    *out_month = m;
  if (out_day != NULL)
    *out_day = d;
}

ScDay
sc_day_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return sc_day_from_ymd (g_date_time_get_year (now),
                          g_date_time_get_month (now),
                          g_date_time_get_day_of_month (now));
}

int
sc_day_weekday (ScDay day)
{
  /* 1970-01-01 was a Thursday (4). */
  gint64 w = ((gint64) day + 3) % 7;

  if (w < 0)
    w += 7;
  return (int) w + 1;
}

/* Series */

ScPriceSeries *
sc_price_series_new (const char *ticker)
{
  ScPriceSeries *self = g_new0 (ScPriceSeries, 1);

  self->ticker = g_strdup (ticker);
  self->ref_count = 1;
  return self;
}

ScPriceSeries *
sc_price_series_ref (ScPriceSeries *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
sc_price_series_unref (ScPriceSeries *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;

  g_free (self->ticker);
  g_free (self->date);
  g_free (self->open);
  g_free (self->high);
  g_free (self->low);
  g_free (self->close);
  g_free (self->adj_close);
  g_free (self->volume);
  g_free (self);
}

static void
reserve (ScPriceSeries *self,
         guint          capacity)
{
  if (capacity <= self->capacity)
    return;

  self->date = g_renew (ScDay, self->date, capacity);
  self->open = g_renew (double, self->open, capacity);
  self->high = g_renew (double, self->high, capacity);
  self->low = g_renew (double, self->low, capacity);
  self->close = g_renew (double, self->close, capacity);
  self->adj_close = g_renew (double, self->adj_close, capacity);
  self->volume = g_renew (double, self->volume, capacity);
  self->capacity = capacity;
}

void
sc_price_series_append (ScPriceSeries *self,
                        ScDay          date,
                        double         open,
                        double         high,
                        double         low,
                        double         close,
                        double         adj_close,
                        double         volume)
{
  guint i;

  g_return_if_fail (self != NULL);

  if (self->n_rows == self->capacity)
    reserve (self, MAX (64, self->capacity * 2));

  i = self->n_rows++;
  self->date[i] = date;
  self->open[i] = open;
  self->high[i] = high;
  self->low[i] = low;
  self->close[i] = close;
  self->adj_close[i] = adj_close;
  self->volume[i] = volume;
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const ScDay *date = user_data;
  guint ia = *(const guint *) a;
  guint ib = *(const guint *) b;

  if (date[ia] != date[ib])
    return date[ia] < date[ib] ? -1 : 1;
  /* Equal dates keep file order, so "last wins" below is well defined. */
  return ia < ib ? -1 : (ia > ib);
}

static void
move_row (ScPriceSeries *dst,
          guint          to,
          ScPriceSeries *src,
          guint          from)
{
  dst->date[to] = src->date[from];
  dst->open[to] = src->open[from];
  dst->high[to] = src->high[from];
  dst->low[to] = src->low[from];
  dst->close[to] = src->close[from];
  dst->adj_close[to] = src->adj_close[from];
  dst->volume[to] = src->volume[from];
}

void
sc_price_series_normalize (ScPriceSeries *self)
{
  g_autofree guint *order = NULL;
  g_autoptr(ScPriceSeries) copy = NULL;
  guint n = 0;

  g_return_if_fail (self != NULL);

  if (self->n_rows == 0)
    return;

  /* Invalid closes go first, so a later empty row cannot erase a good one. */
  order = g_new (guint, self->n_rows);
  for (guint i = 0; i < self->n_rows; i++)
    {
      double c = self->close[i];

      if (isnan (c) || isinf (c))
        self->dropped_missing_close++;
      else if (c <= 0)
        self->dropped_nonpositive++;
      else
        order[n++] = i;
    }

  g_qsort_with_data (order, n, sizeof (guint), compare_rows, self->date);

  copy = sc_price_series_new (self->ticker);
  reserve (copy, MAX (n, 1));
  for (guint k = 0; k < n; k++)
    {
      if (k + 1 < n && self->date[order[k + 1]] == self->date[order[k]])
        {
          self->dropped_duplicate++;
          continue;
        }
      move_row (copy, copy->n_rows++, self, order[k]);
    }

  for (guint k = 0; k < copy->n_rows; k++)
    move_row (self, k, copy, k);
  self->n_rows = copy->n_rows;
}

ScPriceSeries *
sc_price_series_slice (ScPriceSeries *self,
                       guint          first,
                       guint          n_rows)
{
  ScPriceSeries *slice;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (first <= self->n_rows, NULL);
  g_return_val_if_fail (n_rows <= self->n_rows - first, NULL);

  slice = sc_price_series_new (self->ticker);
  reserve (slice, MAX (n_rows, 1));
  for (guint k = 0; k < n_rows; k++)
    move_row (slice, k, self, first + k);
  slice->n_rows = n_rows;
  slice->dropped_duplicate = self->dropped_duplicate;
  slice->dropped_missing_close = self->dropped_missing_close;
  slice->dropped_nonpositive = self->dropped_nonpositive;
  return slice;
}

guint
sc_price_series_n_dropped (ScPriceSeries *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->dropped_duplicate + self->dropped_missing_close + self->dropped_nonpositive;
}

/* CSV */

enum {
  COL_DATE,
  COL_OPEN,
  COL_HIGH,
  COL_LOW,
  COL_CLOSE,
  COL_ADJ_CLOSE,
  COL_VOLUME,
  N_COLS
};

/* Header names, compared after lowercasing and removing spaces, '_' and '-'. */
static int
column_from_name (const char *name)
{
  static const struct {
    const char *name;
    int         column;
  } names[] = {
    { "date", COL_DATE },
    { "timestamp", COL_DATE },
    { "open", COL_OPEN },
    { "high", COL_HIGH },
    { "low", COL_LOW },
    { "close", COL_CLOSE },
    { "adjclose", COL_ADJ_CLOSE },
    { "adjustedclose", COL_ADJ_CLOSE },
    { "volume", COL_VOLUME },
    { "vol", COL_VOLUME },
  };
  char key[32];
  guint n = 0;

  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '_' || *p == '-' || *p == '.' || *p == '"')
        continue;
      if (n + 1 >= sizeof key)
        return -1;
      key[n++] = g_ascii_tolower (*p);
    }
  key[n] = '\0';

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (key, names[i].name) == 0)
      return names[i].column;
  return -1;
}

/* Splits one line (without its end) at commas into fields trimmed of
 * surrounding blanks and double quotes. Returns the number of fields. */
static guint
split_fields (char   *line,
              char  **fields,
              guint   max_fields)
{
  guint n = 0;
  char *p = line;

  for (;;)
    {
      char *end = strchr (p, ',');
      char *start = p;
      char *stop;

      if (end != NULL)
        *end = '\0';
      stop = start + strlen (start);

      while (*start == ' ' || *start == '\t')
        start++;
      while (stop > start && (stop[-1] == ' ' || stop[-1] == '\t'))
        *--stop = '\0';
      if (stop - start >= 2 && *start == '"' && stop[-1] == '"')
        {
          start++;
          *--stop = '\0';
        }

      if (n < max_fields)
        fields[n] = start;
      n++;

      if (end == NULL)
        break;
      p = end + 1;
    }

  return n;
}

typedef enum {
  VALUE_OK,
  VALUE_MISSING,
  VALUE_BAD,
} ValueStatus;

/* Plain decimals ("-123.4567") with at most 15 significant digits: the
 * integer mantissa and the power of ten are exact doubles, so one division
 * rounds exactly as strtod() would, at a fraction of its cost. */
static gboolean
parse_decimal_fast (const char *text,
                    double     *out)
{
  static const double pow10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
                                  1e11, 1e12, 1e13, 1e14, 1e15 };
  const char *p = text;
  guint64 mantissa = 0;
  guint digits = 0, decimals = 0, digit_chars = 0;
  gboolean negative = FALSE, seen_dot = FALSE;

  if (*p == '-' || *p == '+')
    negative = *p++ == '-';
  for (; *p != '\0'; p++)
    {
      if (*p == '.' && !seen_dot)
        {
          seen_dot = TRUE;
          continue;
        }
      if (!g_ascii_isdigit (*p))
        return FALSE;
      digit_chars++;
      mantissa = mantissa * 10 + (guint64) (*p - '0');
      if (mantissa > 0)
        digits++;
      if (seen_dot)
        decimals++;
      if (digits > 15 || decimals > 15)
        return FALSE;
    }
  if (digit_chars == 0)
    return FALSE;

  *out = (double) mantissa / pow10[decimals];
  if (negative)
    *out = -*out;
  return TRUE;
}

static ValueStatus
parse_value (const char *text,
             double     *out)
{
  char *end = NULL;
  double v;

  if (*text == '\0' || g_ascii_strcasecmp (text, "null") == 0 ||
      g_ascii_strcasecmp (text, "nan") == 0 || g_ascii_strcasecmp (text, "na") == 0 ||
      g_ascii_strcasecmp (text, "n/a") == 0 || strcmp (text, "-") == 0)
    {
      *out = NAN;
      return VALUE_MISSING;
    }

  if (parse_decimal_fast (text, &v))
    {
      *out = v;
      return VALUE_OK;
    }

  v = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (v))
    {
      *out = NAN;
      return VALUE_BAD;
    }
  *out = v;
  return VALUE_OK;
}

static ScPriceSeries *
parse_csv (const char  *ticker,
           const char  *display_name,
           const char  *data,
           gsize        length,
           GError     **error)
{
  g_autoptr(ScPriceSeries) series = NULL;
  g_autofree char *buffer = NULL;
  int columns[N_COLS];
  int max_column = -1;
  guint line_number = 0;
  gboolean have_header = FALSE;
  char *p, *end;
  char *fields[64];

#define FAIL(...) G_STMT_START {                                                    \
    g_autofree char *_detail = g_strdup_printf (__VA_ARGS__);                       \
    if (display_name != NULL)                                                       \
      g_set_error (error, SC_ERROR, SC_ERROR_DATA, _("%s, line %u: %s"),            \
                   display_name, line_number, _detail);                             \
    else                                                                            \
      g_set_error (error, SC_ERROR, SC_ERROR_DATA, _("Line %u: %s"),                \
                   line_number, _detail);                                           \
    return NULL;                                                                    \
  } G_STMT_END

  if (memchr (data, '\0', length) != NULL)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("%s is not a text file of prices."),
                   display_name ? display_name : _("The price data"));
      return NULL;
    }

  buffer = g_strndup (data, length);
  p = buffer;
  if ((guchar) p[0] == 0xEF && (guchar) p[1] == 0xBB && (guchar) p[2] == 0xBF)
    p += 3;

  for (guint i = 0; i < N_COLS; i++)
    columns[i] = -1;

  series = sc_price_series_new (ticker);

  for (; p != NULL && *p != '\0'; p = end)
    {
      char *line = p;
      guint n_fields;

      end = strchr (p, '\n');
      if (end != NULL)
        *end++ = '\0';
      line_number++;

      g_strchomp (line);   /* CR of CRLF and trailing blanks */
      if (*line == '\0')
        continue;

      n_fields = split_fields (line, fields, G_N_ELEMENTS (fields));

      if (!have_header)
        {
          if (n_fields > G_N_ELEMENTS (fields))
            FAIL (_("the header has too many columns."));

          for (guint i = 0; i < n_fields; i++)
            {
              int col = column_from_name (fields[i]);

              if (col < 0)
                continue;
              if (columns[col] >= 0)
                FAIL (_("the column “%s” appears twice."), fields[i]);
              columns[col] = (int) i;
              max_column = MAX (max_column, (int) i);
            }
          if (columns[COL_DATE] < 0 || columns[COL_CLOSE] < 0)
            FAIL (_("the header needs Date and Close columns (Yahoo or Stooq layout)."));
          have_header = TRUE;
          continue;
        }

      {
        double values[N_COLS];
        ScDay day;

        if ((int) n_fields <= max_column)
          FAIL (_("expected at least %d fields but found %u."), max_column + 1, n_fields);

        if (!sc_day_parse (fields[columns[COL_DATE]], &day))
          FAIL (_("“%s” is not a date (expected YYYY-MM-DD)."), fields[columns[COL_DATE]]);

        for (int col = COL_OPEN; col < N_COLS; col++)
          {
            values[col] = NAN;
            if (columns[col] < 0)
              continue;
            if (parse_value (fields[columns[col]], &values[col]) == VALUE_BAD)
              FAIL (_("“%s” is not a number."), fields[columns[col]]);
          }

        sc_price_series_append (series, day,
                                values[COL_OPEN], values[COL_HIGH], values[COL_LOW],
                                values[COL_CLOSE], values[COL_ADJ_CLOSE], values[COL_VOLUME]);
      }
    }

#undef FAIL

  if (!have_header)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA, _("%s is empty."),
                   display_name ? display_name : _("The price data"));
      return NULL;
    }

  sc_price_series_normalize (series);

  if (series->n_rows == 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA, _("%s has no rows with a positive close."),
                   display_name ? display_name : _("The price data"));
      return NULL;
    }

  if (sc_price_series_n_dropped (series) > 0)
    g_debug ("%s: dropped %u duplicate, %u missing-close and %u non-positive rows",
             display_name ? display_name : ticker, series->dropped_duplicate,
             series->dropped_missing_close, series->dropped_nonpositive);

  return g_steal_pointer (&series);
}

ScPriceSeries *
sc_price_series_parse_csv (const char  *ticker,
                           const char  *data,
                           gsize        length,
                           GError     **error)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return parse_csv (ticker, NULL, data ? data : "", length, error);
}

ScPriceSeries *
sc_price_series_load_csv (const char  *ticker,
                          const char  *path,
                          GError     **error)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_filename_display_name (path);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA, _("%s is a folder, not a CSV file."), name);
      return NULL;
    }

  file = g_mapped_file_new (path, FALSE, &local_error);
  if (file == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error (error, SC_ERROR, SC_ERROR_DATA, _("%s does not exist."), name);
      else if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_ACCES))
        g_set_error (error, SC_ERROR, SC_ERROR_DATA, _("%s cannot be read: permission denied."),
                     name);
      else
        g_set_error (error, SC_ERROR, SC_ERROR_DATA, _("%s cannot be read."), name);
      return NULL;
    }

  if (g_mapped_file_get_length (file) > MAX_CSV_BYTES)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA, _("%s is too large to be a price file."), name);
      return NULL;
    }

  return parse_csv (ticker, name,
                    g_mapped_file_get_contents (file) ? g_mapped_file_get_contents (file) : "",
                    g_mapped_file_get_length (file), error);
}
