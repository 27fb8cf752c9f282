/* sc-chart-theme.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The chart's colours: the light and dark themes. */

#include "config.h"

#include "sc-chart-renderer-private.h"

/* Themes */

static ScChartColor
rgba (guint32 rgb,
      float   alpha)
{
  return (ScChartColor) { ((rgb >> 16) & 0xff) / 255.f, ((rgb >> 8) & 0xff) / 255.f,
                          (rgb & 0xff) / 255.f, alpha };
}

static ScChartColor
with_alpha (const ScChartColor *color,
            float               alpha)
{
  return (ScChartColor) { color->red, color->green, color->blue, color->alpha * alpha };
}

static double
luminance (const ScChartColor *color)
{
  return 0.2126 * color->red + 0.7152 * color->green + 0.0722 * color->blue;
}

void
sc_chart_theme_init (ScChartTheme       *theme,
                     const ScChartColor *foreground,
                     const ScChartColor *background,
                     const ScChartColor *accent)
{
  gboolean dark;

  g_return_if_fail (theme != NULL);
  g_return_if_fail (foreground != NULL && background != NULL);

  dark = luminance (background) < 0.5;

  theme->foreground = *foreground;
  theme->background = *background;
  theme->grid = with_alpha (foreground, dark ? 0.10f : 0.08f);
  theme->today = with_alpha (foreground, 0.55f);
  theme->training = with_alpha (foreground, dark ? 0.06f : 0.035f);
  /* GNOME palette: blue, orange, purple, teal, green, red. */
  theme->price = accent != NULL ? *accent : (dark ? rgba (0x78aeed, 1) : rgba (0x1c71d8, 1));
  theme->forecast = dark ? rgba (0xffa348, 1) : rgba (0xe66100, 1);
  theme->ema = dark ? rgba (0xdc8add, 1) : rgba (0x9141ac, 1);
  theme->rsi = dark ? rgba (0x5bc8af, 1) : rgba (0x1a8b74, 1);
  theme->hit = dark ? rgba (0x57e389, 1) : rgba (0x26a269, 1);
  theme->miss = dark ? rgba (0xf66151, 1) : rgba (0xc01c28, 1);
}

static void
init_opaque (ScChartTheme *theme,
             guint32       foreground,
             guint32       background,
             guint32       accent)
{
  ScChartColor fg = rgba (foreground, 1);
  ScChartColor bg = rgba (background, 1);
  ScChartColor ac = rgba (accent, 1);

  sc_chart_theme_init (theme, &fg, &bg, &ac);
}

void
sc_chart_theme_init_light (ScChartTheme *theme)
{
  init_opaque (theme, 0x241f31, 0xffffff, 0x1c71d8);
}

void
sc_chart_theme_init_dark (ScChartTheme *theme)
{
  init_opaque (theme, 0xffffff, 0x1e1e1e, 0x78aeed);
}

void
_sc_chart_set_color (cairo_t            *cr,
                     const ScChartColor *color,
                     double              alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}
