/* sc-chart.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sc-chart.h"
#include "sc-currency.h"

#define ZOOM_STEP 1.25

struct _ScChart
{
  GtkWidget           parent_instance;

  ScChartRenderer    *renderer;
  ScChartRange        range;

  /* The static layer, drawn once per size, data and theme. */
  GskRenderNode      *cache;
  int                 cache_width;
  int                 cache_height;

  ScChartHover        hover;
  gboolean            hover_from_keys;
  double              pointer_x;
  gboolean            pointer_inside;
  gboolean            control_held;

  /* Range when a drag or pinch began. */
  double              grab_first;
  double              grab_last;
  double              pinch_x;
  gboolean            dragging;

  GtkEventController *motion;
  GtkEventController *scroll;
  GtkEventController *key;
  GtkGesture         *drag;
  GtkGesture         *click;
  GtkGesture         *zoom;
};

G_DEFINE_FINAL_TYPE (ScChart, sc_chart, GTK_TYPE_WIDGET)

G_DEFINE_ENUM_TYPE (ScChartRange, sc_chart_range,
  G_DEFINE_ENUM_VALUE (SC_CHART_RANGE_1M, "1m"),
  G_DEFINE_ENUM_VALUE (SC_CHART_RANGE_6M, "6m"),
  G_DEFINE_ENUM_VALUE (SC_CHART_RANGE_1Y, "1y"),
  G_DEFINE_ENUM_VALUE (SC_CHART_RANGE_5Y, "5y"),
  G_DEFINE_ENUM_VALUE (SC_CHART_RANGE_10Y, "10y"),
  G_DEFINE_ENUM_VALUE (SC_CHART_RANGE_ALL, "all"))

enum {
  PROP_0,
  PROP_RANGE,
  PROP_LOG_SCALE,
  PROP_SHOW_EMA,
  PROP_SHOW_RSI,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
sc_chart_new (void)
{
  return g_object_new (SC_TYPE_CHART, NULL);
}

/* The static layer must be redrawn; the hover is kept. */
static void
invalidate (ScChart *self)
{
  g_clear_pointer (&self->cache, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_accessible (ScChart *self)
{
  g_autofree char *text = sc_chart_renderer_describe (self->renderer);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Price chart"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
}

static void
data_changed (ScChart *self)
{
  self->hover.valid = FALSE;
  sc_chart_renderer_set_range (self->renderer, self->range);
  update_accessible (self);
  invalidate (self);
}

/* Colours and font from the widget's style, so dark mode follows. */
static void
update_style (ScChart *self)
{
  GtkStyleContext *context;
  const PangoFontDescription *font;
  GdkRGBA fg, bg, accent;
  ScChartTheme theme;
  ScChartColor cfg, cbg, cacc;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  context = gtk_widget_get_style_context (GTK_WIDGET (self));
  gtk_style_context_get_color (context, &fg);
  if (!gtk_style_context_lookup_color (context, "view_bg_color", &bg) &&
      !gtk_style_context_lookup_color (context, "theme_base_color", &bg))
    bg = (GdkRGBA) { 1, 1, 1, 1 };
  if (!gtk_style_context_lookup_color (context, "accent_color", &accent) &&
      !gtk_style_context_lookup_color (context, "theme_selected_bg_color", &accent))
    accent = (GdkRGBA) { 0.11f, 0.44f, 0.85f, 1 };
  G_GNUC_END_IGNORE_DEPRECATIONS

  cfg = (ScChartColor) { fg.red, fg.green, fg.blue, fg.alpha };
  cbg = (ScChartColor) { bg.red, bg.green, bg.blue, bg.alpha };
  cacc = (ScChartColor) { accent.red, accent.green, accent.blue, accent.alpha };
  sc_chart_theme_init (&theme, &cfg, &cbg, &cacc);
  sc_chart_renderer_set_theme (self->renderer, &theme);

  font = pango_context_get_font_description (gtk_widget_get_pango_context (GTK_WIDGET (self)));
  if (font != NULL)
    {
      g_autoptr(PangoFontDescription) small = pango_font_description_copy (font);
      g_autofree char *text = NULL;

      /* Axis labels a little smaller than body text. */
      if (pango_font_description_get_size (small) > 0)
        pango_font_description_set_size (small, pango_font_description_get_size (small) * 0.85);
      text = pango_font_description_to_string (small);
      sc_chart_renderer_set_font (self->renderer, text);
    }
}

static void
style_changed_cb (ScChart *self)
{
  invalidate (self);
}

static void
sc_chart_snapshot (GtkWidget   *widget,
                   GtkSnapshot *snapshot)
{
  ScChart *self = SC_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  if (self->cache == NULL || self->cache_width != width || self->cache_height != height)
    {
      GtkSnapshot *layer = gtk_snapshot_new ();

      g_clear_pointer (&self->cache, gsk_render_node_unref);
      update_style (self);
      cr = gtk_snapshot_append_cairo (layer, &GRAPHENE_RECT_INIT (0, 0, width, height));
      sc_chart_renderer_draw (self->renderer, cr, width, height);
      cairo_destroy (cr);
      self->cache = gtk_snapshot_free_to_node (layer);
      self->cache_width = width;
      self->cache_height = height;
    }

  if (self->cache != NULL)
    gtk_snapshot_append_node (snapshot, self->cache);

  if (self->hover.valid)
    {
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
      sc_chart_renderer_draw_hover (self->renderer, cr, width, height, &self->hover);
      cairo_destroy (cr);
    }

  if (gtk_widget_has_visible_focus (widget))
    {
      GdkRGBA ring;

      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), "accent_color", &ring))
        ring = (GdkRGBA) { 0.21f, 0.52f, 0.89f, 1 };
      G_GNUC_END_IGNORE_DEPRECATIONS
      ring.alpha = 0.5f;
      gtk_snapshot_append_border (snapshot,
                                  &GSK_ROUNDED_RECT_INIT (1, 1, width - 2, height - 2),
                                  (float[4]) { 2, 2, 2, 2 },
                                  (GdkRGBA[4]) { ring, ring, ring, ring });
    }
}

static void
sc_chart_measure (GtkWidget      *widget,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural,
                  int            *minimum_baseline,
                  int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 320;
      *natural = 720;
    }
  else
    {
      /* As tall as its parent says (the pane sizes it to the page). */
      *minimum = 220;
      *natural = 220;
    }
}

static void
sc_chart_size_allocate (GtkWidget *widget,
                        int        width,
                        int        height,
                        int        baseline)
{
  ScChart *self = SC_CHART (widget);

  /* The cache is keyed by size; the hover follows the pointer again. */
  if (self->hover.valid && self->pointer_inside)
    sc_chart_renderer_hit_test (self->renderer, width, height, self->pointer_x, &self->hover);
}

/* Hover */

static void
set_hover_at (ScChart *self,
              double   x)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  self->pointer_x = x;
  if (self->dragging || width <= 0 || height <= 0)
    return;

  sc_chart_renderer_hit_test (self->renderer, width, height, x, &self->hover);
  self->hover_from_keys = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           ScChart                  *self)
{
  self->pointer_inside = TRUE;
  set_hover_at (self, x);
}

static void
leave_cb (GtkEventControllerMotion *controller,
          ScChart                  *self)
{
  self->pointer_inside = FALSE;
  /* A crosshair moved with the keys stays. */
  if (!self->hover_from_keys)
    self->hover.valid = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Zoom and pan */

static void
zoom_at (ScChart *self,
         double   x,
         double   factor)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (width <= 0 || height <= 0)
    return;

  sc_chart_renderer_zoom (self->renderer, width, height, x, factor);
  if (self->hover.valid)
    sc_chart_renderer_hit_test (self->renderer, width, height, self->pointer_x, &self->hover);
  invalidate (self);
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           ScChart                  *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  /* Plain scrolling belongs to the page around the chart. */
  if (!(state & GDK_CONTROL_MASK) && !self->control_held)
    return FALSE;

  if (dy != 0)
    zoom_at (self, self->pointer_inside ? self->pointer_x : gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
             pow (ZOOM_STEP, -dy));
  return TRUE;
}

static gboolean
modifiers_cb (GtkEventControllerKey *controller,
              GdkModifierType        state,
              ScChart               *self)
{
  self->control_held = (state & GDK_CONTROL_MASK) != 0;
  return FALSE;
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               ScChart        *self)
{
  sc_chart_renderer_get_visible_range (self->renderer, &self->grab_first, &self->grab_last);
  self->dragging = TRUE;
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                ScChart        *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (fabs (dx) < 1 && !gtk_widget_has_css_class (GTK_WIDGET (self), "panning"))
    return;

  /* A drag, not a click: claim the sequence and show a grabbing hand. */
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_widget_add_css_class (GTK_WIDGET (self), "panning");
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
  self->hover.valid = FALSE;
  sc_chart_renderer_pan (self->renderer, width, height, self->grab_first, self->grab_last, dx);
  invalidate (self);
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             ScChart        *self)
{
  self->dragging = FALSE;
  gtk_widget_remove_css_class (GTK_WIDGET (self), "panning");
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            ScChart         *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (n_press == 2)
    sc_chart_reset_view (self);
}

static void
pinch_begin_cb (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                ScChart          *self)
{
  double x, y;

  sc_chart_renderer_get_visible_range (self->renderer, &self->grab_first, &self->grab_last);
  if (!gtk_gesture_is_active (gesture) || !gtk_gesture_get_bounding_box_center (gesture, &x, &y))
    x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  self->pinch_x = x;
}

static void
pinch_scale_changed_cb (GtkGestureZoom *gesture,
                        double          scale,
                        ScChart        *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (scale <= 0 || width <= 0)
    return;

  /* Relative to the range at the start of the pinch. */
  sc_chart_renderer_set_visible_range (self->renderer, self->grab_first, self->grab_last);
  sc_chart_renderer_zoom (self->renderer, width, height, self->pinch_x, scale);
  invalidate (self);
}

/* Keyboard */

static void
step_hover (ScChart *self,
            int      step)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double first, last;

  if (width <= 0 || height <= 0)
    return;

  self->hover_from_keys = TRUE;
  if (!self->hover.valid)
    {
      /* Start from the last close, or the middle of the view. */
      if (!sc_chart_renderer_step (self->renderer, width, height, NULL, -1, &self->hover))
        return;
      if (step > 0)
        sc_chart_renderer_step (self->renderer, width, height, &self->hover, 0, &self->hover);
    }
  else
    sc_chart_renderer_step (self->renderer, width, height, &self->hover, step, &self->hover);

  /* Keep the crosshair in view. */
  sc_chart_renderer_get_visible_range (self->renderer, &first, &last);
  if (self->hover.day < first || self->hover.day > last)
    {
      double span = last - first;
      double shift = self->hover.day < first ? self->hover.day - first - span * 0.1
                                             : self->hover.day - last + span * 0.1;

      sc_chart_renderer_set_visible_range (self->renderer, first + shift, last + shift);
      sc_chart_renderer_step (self->renderer, width, height, &self->hover, 0, &self->hover);
      invalidate (self);
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                ScChart               *self)
{
  int big = (state & GDK_SHIFT_MASK) ? 20 : 1;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      step_hover (self, -big);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      step_hover (self, big);
      return TRUE;
    case GDK_KEY_Page_Up:
      step_hover (self, -20);
      return TRUE;
    case GDK_KEY_Page_Down:
      step_hover (self, 20);
      return TRUE;
    case GDK_KEY_Escape:
      if (!self->hover.valid)
        return FALSE;
      self->hover.valid = FALSE;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return TRUE;
    default:
      return FALSE;
    }
}

/* Actions */

static void
range_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ScChartRange range;

  if (sc_chart_range_parse (g_variant_get_string (parameter, NULL), &range))
    sc_chart_set_range (SC_CHART (widget), range);
}

static void
reset_view_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  sc_chart_reset_view (SC_CHART (widget));
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ScChart *self = SC_CHART (widget);
  double x = self->hover.valid ? self->hover.x : gtk_widget_get_width (widget) / 2.0;

  zoom_at (self, x, g_str_equal (action_name, "chart.zoom-in") ? ZOOM_STEP : 1 / ZOOM_STEP);
}

static void
notify_user (ScChart    *self,
             const char *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
  else
    g_message ("%s", message);
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    ScChart         *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);

  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;

  /* Drawing a chart takes milliseconds: no need for a thread. */
  if (!sc_chart_export (self, path, 1200, 700, &error))
    message = g_strdup (error->message);
  else
    {
      g_autofree char *name = g_file_get_basename (file);

      /* TRANSLATORS: a toast after exporting the chart */
      message = g_strdup_printf (_("Chart saved as %s"), name);
    }
  notify_user (self, message);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ScChart *self = SC_CHART (widget);
  GtkFileChooserNative *dialog;
  GtkRoot *root = gtk_widget_get_root (widget);
  static const struct { const char *name; const char *pattern; const char *mime; } formats[] = {
    { N_("PNG image"), "*.png", "image/png" },
    { N_("SVG image"), "*.svg", "image/svg+xml" },
    { N_("PDF document"), "*.pdf", "application/pdf" },
  };
  g_autofree char *name = NULL;
  const char *format = parameter != NULL ? g_variant_get_string (parameter, NULL) : "png";
  const char *ticker = sc_chart_renderer_get_ticker (self->renderer);

  dialog = gtk_file_chooser_native_new (_("Export Chart"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _(formats[i].name));
      gtk_file_filter_add_pattern (filter, formats[i].pattern);
      gtk_file_filter_add_mime_type (filter, formats[i].mime);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
      if (g_str_has_suffix (formats[i].pattern, format))
        gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (dialog), filter);
    }
  /* TRANSLATORS: the suggested file name of an exported chart */
  name = g_strdup_printf (_("%s chart.%s"), ticker != NULL ? ticker : "Stockcast", format);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);

  g_signal_connect_object (dialog, "response", G_CALLBACK (export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* GObject */

static void
sc_chart_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  ScChart *self = SC_CHART (object);

  switch (prop_id)
    {
    case PROP_RANGE:
      g_value_set_enum (value, self->range);
      break;
    case PROP_LOG_SCALE:
      g_value_set_boolean (value, sc_chart_get_log_scale (self));
      break;
    case PROP_SHOW_EMA:
      g_value_set_boolean (value, sc_chart_get_show_ema (self));
      break;
    case PROP_SHOW_RSI:
      g_value_set_boolean (value, sc_chart_get_show_rsi (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sc_chart_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  ScChart *self = SC_CHART (object);

  switch (prop_id)
    {
    case PROP_RANGE:
      sc_chart_set_range (self, g_value_get_enum (value));
      break;
    case PROP_LOG_SCALE:
      sc_chart_set_log_scale (self, g_value_get_boolean (value));
      break;
    case PROP_SHOW_EMA:
      sc_chart_set_show_ema (self, g_value_get_boolean (value));
      break;
    case PROP_SHOW_RSI:
      sc_chart_set_show_rsi (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sc_chart_dispose (GObject *object)
{
  ScChart *self = SC_CHART (object);

  g_clear_pointer (&self->cache, gsk_render_node_unref);
  g_clear_object (&self->renderer);

  G_OBJECT_CLASS (sc_chart_parent_class)->dispose (object);
}

static void
sc_chart_class_init (ScChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sc_chart_dispose;
  object_class->get_property = sc_chart_get_property;
  object_class->set_property = sc_chart_set_property;

  widget_class->snapshot = sc_chart_snapshot;
  widget_class->measure = sc_chart_measure;
  widget_class->size_allocate = sc_chart_size_allocate;

  properties[PROP_RANGE] =
    g_param_spec_enum ("range", NULL, NULL,
                       SC_TYPE_CHART_RANGE, SC_CHART_RANGE_5Y,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LOG_SCALE] =
    g_param_spec_boolean ("log-scale", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SHOW_EMA] =
    g_param_spec_boolean ("show-ema", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SHOW_RSI] =
    g_param_spec_boolean ("show-rsi", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "chart.range", "s", range_action);
  gtk_widget_class_install_action (widget_class, "chart.reset-view", NULL, reset_view_action);
  gtk_widget_class_install_action (widget_class, "chart.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "chart.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "chart.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_property_action (widget_class, "chart.log-scale", "log-scale");
  gtk_widget_class_install_property_action (widget_class, "chart.show-ema", "show-ema");
  gtk_widget_class_install_property_action (widget_class, "chart.show-rsi", "show-rsi");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "chart.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "chart.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "chart.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "chart.reset-view", NULL);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
sc_chart_init (ScChart *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  self->renderer = sc_chart_renderer_new ();
  sc_chart_renderer_set_show_title (self->renderer, FALSE);
  self->range = SC_CHART_RANGE_5Y;

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_focus_on_click (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);

  self->motion = gtk_event_controller_motion_new ();
  g_signal_connect_object (self->motion, "enter", G_CALLBACK (motion_cb), self, 0);
  g_signal_connect_object (self->motion, "motion", G_CALLBACK (motion_cb), self, 0);
  g_signal_connect_object (self->motion, "leave", G_CALLBACK (leave_cb), self, 0);
  gtk_widget_add_controller (widget, self->motion);

  self->scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL |
                                                  GTK_EVENT_CONTROLLER_SCROLL_DISCRETE);
  g_signal_connect_object (self->scroll, "scroll", G_CALLBACK (scroll_cb), self, 0);
  gtk_widget_add_controller (widget, self->scroll);

  self->key = gtk_event_controller_key_new ();
  g_signal_connect_object (self->key, "key-pressed", G_CALLBACK (key_pressed_cb), self, 0);
  g_signal_connect_object (self->key, "modifiers", G_CALLBACK (modifiers_cb), self, 0);
  gtk_widget_add_controller (widget, self->key);

  self->drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (self->drag), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (self->drag, "drag-begin", G_CALLBACK (drag_begin_cb), self, 0);
  g_signal_connect_object (self->drag, "drag-update", G_CALLBACK (drag_update_cb), self, 0);
  g_signal_connect_object (self->drag, "drag-end", G_CALLBACK (drag_end_cb), self, 0);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (self->drag));

  self->click = gtk_gesture_click_new ();
  g_signal_connect_object (self->click, "pressed", G_CALLBACK (pressed_cb), self, 0);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (self->click));

  self->zoom = gtk_gesture_zoom_new ();
  g_signal_connect_object (self->zoom, "begin", G_CALLBACK (pinch_begin_cb), self, 0);
  g_signal_connect_object (self->zoom, "scale-changed", G_CALLBACK (pinch_scale_changed_cb), self, 0);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (self->zoom));

  /* Dark mode and contrast changes repaint with the new colours. */
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast",
                           G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);

  update_accessible (self);
}

/* API */

void
sc_chart_set_prices (ScChart       *self,
                     ScPriceSeries *prices)
{
  g_return_if_fail (SC_IS_CHART (self));

  sc_chart_renderer_set_prices (self->renderer, prices);
  data_changed (self);
}

void
sc_chart_set_prediction (ScChart      *self,
                         ScPrediction *prediction)
{
  g_return_if_fail (SC_IS_CHART (self));

  /* Price labels in the currency of the series. */
  if (prediction != NULL)
    sc_chart_renderer_set_currency (self->renderer, sc_currency_prefix (prediction->currency));
  sc_chart_renderer_set_prediction (self->renderer, prediction);
  data_changed (self);
}

void
sc_chart_set_past_predictions (ScChart                     *self,
                               const ScChartPastPrediction *items,
                               guint                        n_items)
{
  g_return_if_fail (SC_IS_CHART (self));

  sc_chart_renderer_set_past_predictions (self->renderer, items, n_items);
  invalidate (self);
}

ScChartRange
sc_chart_get_range (ScChart *self)
{
  g_return_val_if_fail (SC_IS_CHART (self), SC_CHART_RANGE_5Y);

  return self->range;
}

void
sc_chart_set_range (ScChart      *self,
                    ScChartRange  range)
{
  g_return_if_fail (SC_IS_CHART (self));
  g_return_if_fail (range <= SC_CHART_RANGE_ALL);

  sc_chart_renderer_set_range (self->renderer, range);
  self->hover.valid = FALSE;
  invalidate (self);

  if (self->range != range)
    {
      self->range = range;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RANGE]);
    }
}

void
sc_chart_reset_view (ScChart *self)
{
  g_return_if_fail (SC_IS_CHART (self));

  sc_chart_renderer_set_range (self->renderer, self->range);
  if (self->hover.valid)
    set_hover_at (self, self->pointer_x);
  invalidate (self);
}

gboolean
sc_chart_get_log_scale (ScChart *self)
{
  g_return_val_if_fail (SC_IS_CHART (self), FALSE);

  return sc_chart_renderer_get_log_scale (self->renderer);
}

void
sc_chart_set_log_scale (ScChart  *self,
                        gboolean  log_scale)
{
  g_return_if_fail (SC_IS_CHART (self));

  log_scale = !!log_scale;
  if (sc_chart_renderer_get_log_scale (self->renderer) == log_scale)
    return;

  sc_chart_renderer_set_log_scale (self->renderer, log_scale);
  if (self->hover.valid)
    sc_chart_renderer_step (self->renderer, gtk_widget_get_width (GTK_WIDGET (self)),
                            gtk_widget_get_height (GTK_WIDGET (self)), &self->hover, 0, &self->hover);
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOG_SCALE]);
}

gboolean
sc_chart_get_show_ema (ScChart *self)
{
  g_return_val_if_fail (SC_IS_CHART (self), FALSE);

  return sc_chart_renderer_get_show_ema (self->renderer);
}

void
sc_chart_set_show_ema (ScChart  *self,
                       gboolean  show)
{
  g_return_if_fail (SC_IS_CHART (self));

  show = !!show;
  if (sc_chart_renderer_get_show_ema (self->renderer) == show)
    return;

  sc_chart_renderer_set_show_ema (self->renderer, show);
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_EMA]);
}

gboolean
sc_chart_get_show_rsi (ScChart *self)
{
  g_return_val_if_fail (SC_IS_CHART (self), FALSE);

  return sc_chart_renderer_get_show_rsi (self->renderer);
}

void
sc_chart_set_show_rsi (ScChart  *self,
                       gboolean  show)
{
  g_return_if_fail (SC_IS_CHART (self));

  show = !!show;
  if (sc_chart_renderer_get_show_rsi (self->renderer) == show)
    return;

  sc_chart_renderer_set_show_rsi (self->renderer, show);
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_RSI]);
}

gboolean
sc_chart_export (ScChart     *self,
                 const char  *path,
                 int          width,
                 int          height,
                 GError     **error)
{
  ScChartTheme theme, light;
  gboolean ok;

  g_return_val_if_fail (SC_IS_CHART (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* Files get the light palette and a title, whatever the window shows. */
  update_style (self);
  sc_chart_theme_init_light (&light);
  sc_chart_renderer_get_theme (self->renderer, &theme);
  sc_chart_renderer_set_theme (self->renderer, &light);
  sc_chart_renderer_set_show_title (self->renderer, TRUE);
  ok = sc_chart_renderer_export (self->renderer, path, width, height, error);
  sc_chart_renderer_set_show_title (self->renderer, FALSE);
  sc_chart_renderer_set_theme (self->renderer, &theme);
  invalidate (self);

  return ok;
}

gboolean
sc_chart_get_hover (ScChart      *self,
                    ScChartHover *out_hover)
{
  g_return_val_if_fail (SC_IS_CHART (self), FALSE);

  if (out_hover != NULL)
    *out_hover = self->hover;
  return self->hover.valid;
}

ScChartRenderer *
sc_chart_get_renderer (ScChart *self)
{
  g_return_val_if_fail (SC_IS_CHART (self), NULL);

  return self->renderer;
}
