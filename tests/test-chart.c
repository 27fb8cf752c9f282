/* test-chart.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "sc-chart.h"
#include "sc-error.h"
#include "sc-test-util.h"

#define WIDTH 900
#define HEIGHT 520

typedef struct
{
  GtkWidget     *window;
  ScChart       *chart;
  ScPriceSeries *prices;
  ScPrediction  *prediction;
} Fixture;

static ScPrediction *
make_prediction (ScPriceSeries *prices)
{
  ScPrediction *prediction = sc_prediction_new ();
  static const int horizons[] = { 10, 60, 365 };
  ScDay as_of = prices->date[prices->n_rows - 1];
  double last = prices->close[prices->n_rows - 1];

  prediction->ticker = g_strdup (prices->ticker);
  prediction->model_id = g_strdup ("linear-regression");
  prediction->as_of = as_of;
  prediction->last_close = last;
  prediction->rows = 500;
  prediction->n_forecasts = 3;
  prediction->forecasts = g_new0 (ScForecast, 3);
  for (guint i = 0; i < 3; i++)
    {
      ScForecast *f = &prediction->forecasts[i];

      f->horizon = horizons[i];
      f->date = as_of + (ScDay) ceil (horizons[i] * 7.0 / 5.0);
      f->price = last * (1 + 0.02 * (i + 1));
      f->low = f->price * (0.95 - 0.05 * i);
      f->high = f->price * (1.05 + 0.07 * i);
    }

  return prediction;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = sc_test_fixture_path ("MSFT-2018-2020.csv");
  g_autoptr(GError) error = NULL;

  fixture->prices = sc_price_series_load_csv ("MSFT", path, &error);
  g_assert_no_error (error);
  fixture->prediction = make_prediction (fixture->prices);

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), WIDTH, HEIGHT);
  fixture->chart = SC_CHART (sc_chart_new ());
  g_object_ref (fixture->chart);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->chart));

  sc_chart_set_prices (fixture->chart, fixture->prices);
  sc_chart_set_prediction (fixture->chart, fixture->prediction);

  gtk_window_present (GTK_WINDOW (fixture->window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->chart));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  /* The chart lets go of everything when its window goes. */
  g_assert_finalize_object (fixture->chart);
  sc_price_series_unref (fixture->prices);
  sc_prediction_unref (fixture->prediction);
}

static gpointer
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (G_OBJECT_TYPE (controller) == type)
        return controller;
    }

  g_assert_not_reached ();
}

static void
get_range (Fixture *fixture,
           double  *first,
           double  *last)
{
  sc_chart_renderer_get_visible_range (sc_chart_get_renderer (fixture->chart), first, last);
}

static int
chart_width (Fixture *fixture)
{
  return gtk_widget_get_width (GTK_WIDGET (fixture->chart));
}

static int
chart_height (Fixture *fixture)
{
  return gtk_widget_get_height (GTK_WIDGET (fixture->chart));
}

/* Renders the widget as the screen shows it and saves it next to the meson
 * logs, for a person to look at. */
static void
save_screenshot (Fixture    *fixture,
                 const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (fixture->chart));
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = g_build_filename (BUILD_ROOT, "meson-logs", "chart", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (fixture->window));
  int width = chart_width (fixture), height = chart_height (fixture);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_cmpint (gdk_texture_get_width (texture), ==, width);

  g_mkdir_with_parents (dir, 0755);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static void
test_motion (Fixture       *fixture,
             gconstpointer  data)
{
  GtkEventController *motion = find_controller (GTK_WIDGET (fixture->chart), GTK_TYPE_EVENT_CONTROLLER_MOTION);
  ScChartRenderer *renderer = sc_chart_get_renderer (fixture->chart);
  ScChartHover hover;
  ScDay day = fixture->prices->date[fixture->prices->n_rows - 60];
  double x = sc_chart_renderer_date_to_x (renderer, chart_width (fixture), chart_height (fixture), day);

  g_signal_emit_by_name (motion, "motion", x + 0.4, 200.0);
  g_assert_true (sc_chart_get_hover (fixture->chart, &hover));
  g_assert_false (hover.is_forecast);
  g_assert_cmpfloat (hover.day, ==, day);
  g_assert_cmpfloat (hover.price, ==, fixture->prices->close[fixture->prices->n_rows - 60]);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->chart));
  save_screenshot (fixture, "widget-hover.png");

  /* On the future side the crosshair snaps to a forecast. */
  x = sc_chart_renderer_date_to_x (renderer, chart_width (fixture), chart_height (fixture),
                                   fixture->prediction->forecasts[2].date - 3);
  g_signal_emit_by_name (motion, "motion", x, 100.0);
  g_assert_true (sc_chart_get_hover (fixture->chart, &hover));
  g_assert_true (hover.is_forecast);
  g_assert_cmpint (hover.forecast.horizon, ==, 365);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->chart));
  save_screenshot (fixture, "widget-hover-forecast.png");

  g_signal_emit_by_name (motion, "leave");
  g_assert_false (sc_chart_get_hover (fixture->chart, NULL));
}

static void
test_scroll_zoom (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkEventController *scroll = find_controller (GTK_WIDGET (fixture->chart), GTK_TYPE_EVENT_CONTROLLER_SCROLL);
  GtkEventController *key = find_controller (GTK_WIDGET (fixture->chart), GTK_TYPE_EVENT_CONTROLLER_KEY);
  GtkEventController *motion = find_controller (GTK_WIDGET (fixture->chart), GTK_TYPE_EVENT_CONTROLLER_MOTION);
  ScChartRenderer *renderer = sc_chart_get_renderer (fixture->chart);
  double first, last, first2, last2, anchor;
  gboolean handled = TRUE;

  get_range (fixture, &first, &last);
  g_signal_emit_by_name (motion, "motion", 400.0, 200.0);
  anchor = sc_chart_renderer_x_to_date (renderer, chart_width (fixture), chart_height (fixture), 400);

  /* A plain scroll goes to the page, not the chart. */
  g_signal_emit_by_name (scroll, "scroll", 0.0, -1.0, &handled);
  g_assert_false (handled);
  get_range (fixture, &first2, &last2);
  g_assert_cmpfloat (first2, ==, first);
  g_assert_cmpfloat (last2, ==, last);

  /* With Ctrl it zooms in around the pointer. */
  g_signal_emit_by_name (key, "modifiers", GDK_CONTROL_MASK, &handled);
  g_signal_emit_by_name (scroll, "scroll", 0.0, -1.0, &handled);
  g_assert_true (handled);
  get_range (fixture, &first2, &last2);
  g_assert_cmpfloat_with_epsilon ((last - first) / (last2 - first2), 1.25, 1e-6);
  g_assert_cmpfloat_with_epsilon (sc_chart_renderer_x_to_date (renderer, chart_width (fixture),
                                                               chart_height (fixture), 400),
                                  anchor, 1e-6);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->chart));

  /* And out again. */
  g_signal_emit_by_name (scroll, "scroll", 0.0, 1.0, &handled);
  get_range (fixture, &first2, &last2);
  g_assert_cmpfloat_with_epsilon (last2 - first2, last - first, 1e-6);

  g_signal_emit_by_name (key, "modifiers", 0, &handled);
  g_signal_emit_by_name (scroll, "scroll", 0.0, -1.0, &handled);
  g_assert_false (handled);

  /* Pinching: the scale is relative to the range when the pinch began. */
  {
    GtkGesture *zoom = find_controller (GTK_WIDGET (fixture->chart), GTK_TYPE_GESTURE_ZOOM);

    get_range (fixture, &first, &last);
    g_signal_emit_by_name (zoom, "begin", NULL);
    g_signal_emit_by_name (zoom, "scale-changed", 1.5);
    g_signal_emit_by_name (zoom, "scale-changed", 2.0);
    get_range (fixture, &first2, &last2);
    g_assert_cmpfloat_with_epsilon ((last - first) / (last2 - first2), 2.0, 1e-6);
  }
}

static void
test_drag_pan (Fixture       *fixture,
               gconstpointer  data)
{
  GtkGesture *drag = find_controller (GTK_WIDGET (fixture->chart), GTK_TYPE_GESTURE_DRAG);
  GtkGesture *click = find_controller (GTK_WIDGET (fixture->chart), GTK_TYPE_GESTURE_CLICK);
  cairo_rectangle_t plot;
  double first, last, first2, last2;

  sc_chart_set_range (fixture->chart, SC_CHART_RANGE_1Y);
  get_range (fixture, &first, &last);
  sc_chart_renderer_get_plot_area (sc_chart_get_renderer (fixture->chart),
                                   chart_width (fixture), chart_height (fixture), &plot);

  /* Dragging right by 120 px shows earlier days. */
  g_signal_emit_by_name (drag, "drag-begin", 300.0, 200.0);
  g_signal_emit_by_name (drag, "drag-update", 60.0, 3.0);
  g_signal_emit_by_name (drag, "drag-update", 120.0, 5.0);
  g_signal_emit_by_name (drag, "drag-end", 120.0, 5.0);
  get_range (fixture, &first2, &last2);
  g_assert_cmpfloat_with_epsilon (first - first2, 120 * (last - first) / plot.width, 1e-6);
  g_assert_cmpfloat_with_epsilon (last2 - first2, last - first, 1e-6);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->chart));

  /* A double click resets the view to the range preset. */
  g_signal_emit_by_name (click, "pressed", 1, 300.0, 200.0);
  g_signal_emit_by_name (click, "pressed", 2, 300.0, 200.0);
  get_range (fixture, &first2, &last2);
  g_assert_cmpfloat (first2, ==, first);
  g_assert_cmpfloat (last2, ==, last);
}

static void
test_keyboard (Fixture       *fixture,
               gconstpointer  data)
{
  GtkEventController *key = find_controller (GTK_WIDGET (fixture->chart), GTK_TYPE_EVENT_CONTROLLER_KEY);
  ScChartHover hover;
  gboolean handled = FALSE;
  guint n = fixture->prices->n_rows;

  /* Whatever the real pointer did, start without a crosshair. */
  g_signal_emit_by_name (find_controller (GTK_WIDGET (fixture->chart), GTK_TYPE_EVENT_CONTROLLER_MOTION), "leave");
  g_assert_false (sc_chart_get_hover (fixture->chart, NULL));

  /* Left starts at the last forecast side, then walks back. */
  g_signal_emit_by_name (key, "key-pressed", GDK_KEY_Left, 0, 0, &handled);
  g_assert_true (handled);
  g_assert_true (sc_chart_get_hover (fixture->chart, &hover));
  g_assert_true (hover.is_forecast);
  for (int i = 0; i < 3; i++)
    g_signal_emit_by_name (key, "key-pressed", GDK_KEY_Left, 0, 0, &handled);
  g_assert_true (sc_chart_get_hover (fixture->chart, &hover));
  g_assert_false (hover.is_forecast);
  g_assert_cmpuint (hover.row, ==, n - 1);
  g_signal_emit_by_name (key, "key-pressed", GDK_KEY_Left, 0, 0, &handled);
  sc_chart_get_hover (fixture->chart, &hover);
  g_assert_cmpuint (hover.row, ==, n - 2);

  g_signal_emit_by_name (key, "key-pressed", GDK_KEY_Right, 0, 0, &handled);
  sc_chart_get_hover (fixture->chart, &hover);
  g_assert_cmpuint (hover.row, ==, n - 1);

  /* Walking far back pans the view along. */
  sc_chart_set_range (fixture->chart, SC_CHART_RANGE_1M);
  g_signal_emit_by_name (key, "key-pressed", GDK_KEY_Left, 0, 0, &handled);
  for (int i = 0; i < 5; i++)
    g_signal_emit_by_name (key, "key-pressed", GDK_KEY_Left, 0, GDK_SHIFT_MASK, &handled);
  sc_chart_get_hover (fixture->chart, &hover);
  {
    double first, last;

    get_range (fixture, &first, &last);
    g_assert_cmpfloat (hover.day, >=, first);
    g_assert_cmpfloat (hover.day, <=, last);
  }

  g_signal_emit_by_name (key, "key-pressed", GDK_KEY_Escape, 0, 0, &handled);
  g_assert_true (handled);
  g_assert_false (sc_chart_get_hover (fixture->chart, NULL));
  g_signal_emit_by_name (key, "key-pressed", GDK_KEY_a, 0, 0, &handled);
  g_assert_false (handled);
}

static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_actions_and_properties (Fixture       *fixture,
                             gconstpointer  data)
{
  GtkWidget *widget = GTK_WIDGET (fixture->chart);
  guint notified = 0;
  double first, last;

  g_signal_connect (fixture->chart, "notify::range", G_CALLBACK (notify_count_cb), &notified);

  g_assert_cmpint (sc_chart_get_range (fixture->chart), ==, SC_CHART_RANGE_5Y);
  g_assert_true (gtk_widget_activate_action (widget, "chart.range", "s", "1m"));
  g_assert_cmpint (sc_chart_get_range (fixture->chart), ==, SC_CHART_RANGE_1M);
  g_assert_cmpuint (notified, ==, 1);
  get_range (fixture, &first, &last);
  g_assert_cmpfloat_with_epsilon (first, fixture->prediction->as_of - 31, 1e-9);

  /* Setting the same range again does not notify. */
  sc_chart_set_range (fixture->chart, SC_CHART_RANGE_1M);
  g_assert_cmpuint (notified, ==, 1);

  g_assert_true (gtk_widget_activate_action (widget, "chart.log-scale", NULL));
  g_assert_true (sc_chart_get_log_scale (fixture->chart));
  g_assert_true (sc_chart_renderer_get_log_scale (sc_chart_get_renderer (fixture->chart)));

  sc_chart_set_show_ema (fixture->chart, TRUE);
  g_assert_true (gtk_widget_activate_action (widget, "chart.show-rsi", NULL));
  g_assert_true (sc_chart_get_show_rsi (fixture->chart));
  g_object_set (fixture->chart, "range", SC_CHART_RANGE_1Y, NULL);
  g_assert_cmpint (sc_chart_get_range (fixture->chart), ==, SC_CHART_RANGE_1Y);
  sc_chart_set_log_scale (fixture->chart, FALSE);

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 620);
  gtk_test_widget_wait_for_draw (widget);
  save_screenshot (fixture, "widget-overlays.png");

  {
    double span;

    get_range (fixture, &first, &last);
    span = last - first;
    g_assert_true (gtk_widget_activate_action (widget, "chart.zoom-in", NULL));
    get_range (fixture, &first, &last);
    g_assert_cmpfloat (last - first, <, span * 0.9);
  }
  g_assert_true (gtk_widget_activate_action (widget, "chart.reset-view", NULL));
}

static void
test_dark (Fixture       *fixture,
           gconstpointer  data)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  ScChartTheme theme;

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  gtk_widget_queue_draw (GTK_WIDGET (fixture->chart));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->chart));
  save_screenshot (fixture, "widget-dark.png");

  /* Colours come from the style: a dark background now. */
  sc_chart_renderer_get_theme (sc_chart_get_renderer (fixture->chart), &theme);
  g_assert_cmpfloat (theme.background.red + theme.background.green + theme.background.blue, <, 1.0);
  g_assert_cmpfloat (theme.foreground.red, >, 0.7);

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->chart));
  sc_chart_renderer_get_theme (sc_chart_get_renderer (fixture->chart), &theme);
  g_assert_cmpfloat (theme.background.red, >, 0.7);
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (sc_test_get_tmpdir (), "widget.png", NULL);
  g_autofree char *bad = g_build_filename (sc_test_get_tmpdir (), "widget.bmp", NULL);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;

  g_assert_true (sc_chart_export (fixture->chart, path, 800, 450, &error));
  g_assert_no_error (error);
  surface = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 800);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 450);
  cairo_surface_destroy (surface);

  g_assert_false (sc_chart_export (fixture->chart, bad, 800, 450, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_USAGE);
}

static void
test_accessible (Fixture       *fixture,
                 gconstpointer  data)
{
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (fixture->chart)), ==,
                   GTK_ACCESSIBLE_ROLE_IMG);
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (fixture->chart)));
}

int
main (int   argc,
      char *argv[])
{
  sc_test_init (&argc, &argv);
  gtk_init ();
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/app/chart/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("motion", test_motion);
  ADD ("scroll-zoom", test_scroll_zoom);
  ADD ("drag-pan", test_drag_pan);
  ADD ("keyboard", test_keyboard);
  ADD ("actions", test_actions_and_properties);
  ADD ("dark", test_dark);
  ADD ("export", test_export);
  ADD ("accessible", test_accessible);

#undef ADD

  return g_test_run ();
}
