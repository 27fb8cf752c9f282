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
sc_chart_renderer_export (ScChartRenderer  *self,
                          const char       *path,
                          int               width,
                          int               height,
                          GError          **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autofree char *lower = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  enum { PNG, SVG, PDF } format;

  g_return_val_if_fail (SC_IS_CHART_RENDERER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".png"))
    format = PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    format = SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    format = PDF;
  else
    {
      g_set_error (error, SC_ERROR, SC_ERROR_USAGE,
                   _("The chart file name must end in .png, .svg or .pdf."));
      return FALSE;
    }

  if (width < 100 || height < 100 || width > 10000 || height > 10000)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_USAGE,
                   _("The chart size must be between 100 and 10000 pixels each way."));
      return FALSE;
    }

  switch (format)
    {
    case SVG:
      surface = cairo_svg_surface_create_for_stream (append_bytes, bytes, width, height);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
      break;
    case PDF:
      surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, width, height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                      self->ticker != NULL ? self->ticker : "Stockcast");
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Stockcast");
      break;
    case PNG:
    default:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      break;
    }

  cr = cairo_create (surface);
  sc_chart_renderer_draw (self, cr, width, height);
  status = cairo_status (cr);
  cairo_destroy (cr);

  if (status == CAIRO_STATUS_SUCCESS)
    {
      if (format == PNG)
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
  if (!g_file_set_contents (path, (const char *) bytes->data, bytes->len, error))
    {
      g_prefix_error (error, "%s", "");
      if (error != NULL && *error != NULL)
        {
          (*error)->domain = SC_ERROR;
          (*error)->code = SC_ERROR_DATA;
        }
      return FALSE;
    }

  return TRUE;
}
