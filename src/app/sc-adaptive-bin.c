/* sc-adaptive-bin.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sc-adaptive-bin.h"

struct _ScAdaptiveBin
{
  GtkWidget  parent_instance;

  GtkWidget *child;
  int        threshold;
  gboolean   narrow;
};

static void sc_adaptive_bin_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ScAdaptiveBin, sc_adaptive_bin, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, sc_adaptive_bin_buildable_init))

enum {
  PROP_0,
  PROP_CHILD,
  PROP_THRESHOLD,
  PROP_NARROW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
static GtkBuildableIface *parent_buildable_iface;

GtkWidget *
sc_adaptive_bin_new (void)
{
  return g_object_new (SC_TYPE_ADAPTIVE_BIN, NULL);
}

GtkWidget *
sc_adaptive_bin_get_child (ScAdaptiveBin *self)
{
  g_return_val_if_fail (SC_IS_ADAPTIVE_BIN (self), NULL);

  return self->child;
}

void
sc_adaptive_bin_set_child (ScAdaptiveBin *self,
                           GtkWidget     *child)
{
  g_return_if_fail (SC_IS_ADAPTIVE_BIN (self));
  g_return_if_fail (child == NULL || GTK_IS_WIDGET (child));

  if (self->child == child)
    return;

  g_clear_pointer (&self->child, gtk_widget_unparent);
  if (child != NULL)
    {
      self->child = child;
      gtk_widget_set_parent (child, GTK_WIDGET (self));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
}

int
sc_adaptive_bin_get_threshold (ScAdaptiveBin *self)
{
  g_return_val_if_fail (SC_IS_ADAPTIVE_BIN (self), 0);

  return self->threshold;
}

void
sc_adaptive_bin_set_threshold (ScAdaptiveBin *self,
                               int            threshold)
{
  g_return_if_fail (SC_IS_ADAPTIVE_BIN (self));

  if (self->threshold == threshold)
    return;
  self->threshold = threshold;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THRESHOLD]);
}

gboolean
sc_adaptive_bin_get_narrow (ScAdaptiveBin *self)
{
  g_return_val_if_fail (SC_IS_ADAPTIVE_BIN (self), FALSE);

  return self->narrow;
}

static void
sc_adaptive_bin_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  ScAdaptiveBin *self = SC_ADAPTIVE_BIN (widget);
  int child_min = 0;

  *minimum = *natural = 0;
  if (self->child == NULL || !gtk_widget_should_layout (self->child))
    return;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      gtk_widget_measure (self->child, orientation, for_size, minimum, natural, NULL, NULL);
      /* The narrow layout is the one that must fit; the wide one is only
       * used at widths it fits in. */
      *minimum = MIN (*minimum, SC_ADAPTIVE_BIN_MIN_WIDTH);
      return;
    }

  /* Heights for widths the child cannot take yet are its heights at its
   * own minimum width. */
  if (for_size >= 0)
    gtk_widget_measure (self->child, GTK_ORIENTATION_HORIZONTAL, -1, &child_min, NULL, NULL, NULL);
  gtk_widget_measure (self->child, orientation, for_size >= 0 ? MAX (for_size, child_min) : -1,
                      minimum, natural, NULL, NULL);
}

static void
sc_adaptive_bin_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  ScAdaptiveBin *self = SC_ADAPTIVE_BIN (widget);
  gboolean narrow = self->threshold > 0 && width < self->threshold;
  int min_width = 0, min_height = 0;

  if (narrow != self->narrow)
    {
      self->narrow = narrow;
      g_debug ("Adaptive layout: %s at %d px", narrow ? "narrow" : "wide", width);
      /* The owner restyles the children now, before they are allocated. */
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NARROW]);
    }

  if (self->child == NULL || !gtk_widget_should_layout (self->child))
    return;

  /* Measured again after any change the notification made. */
  gtk_widget_measure (self->child, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  gtk_widget_measure (self->child, GTK_ORIENTATION_VERTICAL, MAX (width, min_width), &min_height, NULL, NULL, NULL);
  gtk_widget_allocate (self->child, MAX (width, min_width), MAX (height, min_height), baseline, NULL);
}

static void
sc_adaptive_bin_compute_expand (GtkWidget *widget,
                                gboolean  *hexpand,
                                gboolean  *vexpand)
{
  ScAdaptiveBin *self = SC_ADAPTIVE_BIN (widget);

  *hexpand = self->child != NULL && gtk_widget_compute_expand (self->child, GTK_ORIENTATION_HORIZONTAL);
  *vexpand = self->child != NULL && gtk_widget_compute_expand (self->child, GTK_ORIENTATION_VERTICAL);
}

static void
sc_adaptive_bin_buildable_add_child (GtkBuildable *buildable,
                                     GtkBuilder   *builder,
                                     GObject      *child,
                                     const char   *type)
{
  if (GTK_IS_WIDGET (child))
    sc_adaptive_bin_set_child (SC_ADAPTIVE_BIN (buildable), GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
sc_adaptive_bin_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = sc_adaptive_bin_buildable_add_child;
}

static void
sc_adaptive_bin_dispose (GObject *object)
{
  ScAdaptiveBin *self = SC_ADAPTIVE_BIN (object);

  g_clear_pointer (&self->child, gtk_widget_unparent);

  G_OBJECT_CLASS (sc_adaptive_bin_parent_class)->dispose (object);
}

static void
sc_adaptive_bin_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ScAdaptiveBin *self = SC_ADAPTIVE_BIN (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      g_value_set_object (value, self->child);
      break;
    case PROP_THRESHOLD:
      g_value_set_int (value, self->threshold);
      break;
    case PROP_NARROW:
      g_value_set_boolean (value, self->narrow);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sc_adaptive_bin_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ScAdaptiveBin *self = SC_ADAPTIVE_BIN (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      sc_adaptive_bin_set_child (self, g_value_get_object (value));
      break;
    case PROP_THRESHOLD:
      sc_adaptive_bin_set_threshold (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sc_adaptive_bin_class_init (ScAdaptiveBinClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sc_adaptive_bin_dispose;
  object_class->get_property = sc_adaptive_bin_get_property;
  object_class->set_property = sc_adaptive_bin_set_property;
  widget_class->measure = sc_adaptive_bin_measure;
  widget_class->size_allocate = sc_adaptive_bin_size_allocate;
  widget_class->compute_expand = sc_adaptive_bin_compute_expand;

  properties[PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_THRESHOLD] =
    g_param_spec_int ("threshold", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_NARROW] =
    g_param_spec_boolean ("narrow", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "adaptivebin");
}

static void
sc_adaptive_bin_init (ScAdaptiveBin *self)
{
}
