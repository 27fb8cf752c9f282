/* sc-chart-export.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Export to PNG, SVG or PDF. */

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>

#include "sc-chart-renderer-private.h"
#include "sc-error.h"

/* Export */

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

gboolean
_sc_chart_export_format (const char    *path,
                         ExportFormat  *out_format,
                         GError       **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".png"))
    *out_format = EXPORT_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    *out_format = EXPORT_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    *out_format = EXPORT_PDF;
  else
    {
      g_set_error (error, SC_ERROR, SC_ERROR_USAGE,
                   _("The chart file name must end in .png, .svg or .pdf."));
      return FALSE;
    }

  return TRUE;
}

gboolean
_sc_chart_export_draw (const char      *path,
                       ExportFormat     format,
                       int              width,
                       int              height,
                       const char      *pdf_title,
                       ExportDrawFunc   draw,
                       gconstpointer    user_data,
                       GError         **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GError) local_error = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  switch (format)
    {
    case EXPORT_SVG:
      surface = cairo_svg_surface_create_for_stream (append_bytes, bytes, width, height);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
      break;
    case EXPORT_PDF:
      surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, width, height);
      if (pdf_title != NULL)
        {
          cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, pdf_title);
          cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Stockcast");
        }
      break;
    case EXPORT_PNG:
    default:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      break;
    }

  cr = cairo_create (surface);
  draw (cr, width, height, user_data);
  status = cairo_status (cr);
  cairo_destroy (cr);

  if (status == CAIRO_STATUS_SUCCESS)
    {
      if (format == EXPORT_PNG)
        status = cairo_surface_write_to_png_stream (surface, append_bytes, bytes);
      else
        {
          cairo_surface_finish (surface);
          status = cairo_surface_status (surface);
        }
    }
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("Could not draw the chart: %s."), cairo_status_to_string (status));
      return FALSE;
    }

  /* Written to a temporary file and renamed: never half a chart. */
  if (!g_file_set_contents (path, (const char *) bytes->data, bytes->len, &local_error))
    {
      g_set_error_literal (error, SC_ERROR, SC_ERROR_DATA, local_error->message);
      return FALSE;
    }

  return TRUE;
}

static void
draw_renderer (cairo_t       *cr,
               int            width,
               int            height,
               gconstpointer  user_data)
{
  sc_chart_renderer_draw ((ScChartRenderer *) user_data, cr, width, height);
}

gboolean
sc_chart_renderer_export (ScChartRenderer  *self,
                          const char       *path,
                          int               width,
                          int               height,
                          GError          **error)
{
  ExportFormat format;

  g_return_val_if_fail (SC_IS_CHART_RENDERER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_sc_chart_export_format (path, &format, error))
    return FALSE;

  if (width < 100 || height < 100 || width > 10000 || height > 10000)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_USAGE,
                   _("The chart size must be between 100 and 10000 pixels each way."));
      return FALSE;
    }

  return _sc_chart_export_draw (path, format, width, height,
                                self->ticker != NULL ? self->ticker : "Stockcast",
                                draw_renderer, self, error);
}
