/* sc-model.c
 *
 * Copyright 2026 The Stockcast authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sc-error.h"
#include "sc-model.h"

#define MAX_DESCRIPTOR_BYTES (64 * 1024)
#define MAX_FEATURES 64

ScModelInfo *
sc_model_info_ref (ScModelInfo *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
sc_model_info_unref (ScModelInfo *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;

  g_free (self->id);
  g_free (self->name);
  g_free (self->description);
  g_free (self->path);
  g_strfreev (self->feature_names);
  g_free (self->features);
  g_free (self);
}

const char *
sc_model_kind_to_string (ScModelKind kind)
{
  switch (kind)
    {
    case SC_MODEL_KIND_OLS:
      return "ols";
    case SC_MODEL_KIND_RIDGE:
      return "ridge";
    case SC_MODEL_KIND_MLP:
      return "mlp";
    case SC_MODEL_KIND_NAIVE:
      return "naive";
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
sc_model_target_to_string (ScModelTarget target)
{
  return target == SC_MODEL_TARGET_LOG_RETURN ? "log-return" : "price";
}

/* The 1-based line of KEY in GROUP, or 0. GKeyFile keeps no positions, so
 * the text is scanned again to point the user at the right line. */
static guint
find_line (const char *data,
           const char *group,
           const char *key)
{
  g_auto(GStrv) lines = g_strsplit (data, "\n", -1);
  gboolean in_group = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (line[0] == '[')
        {
          gsize len = strlen (line);

          in_group = len >= 2 && line[len - 1] == ']' &&
                     strncmp (line + 1, group, len - 2) == 0 && strlen (group) == len - 2;
          if (in_group && key == NULL)
            return i + 1;
          continue;
        }
      if (in_group && key != NULL)
        {
          const char *eq = strchr (line, '=');
          g_autofree char *name = NULL;

          if (eq == NULL)
            continue;
          name = g_strstrip (g_strndup (line, eq - line));
          if (strcmp (name, key) == 0)
            return i + 1;
        }
    }
  return 0;
}

/* GKeyFile's own errors name no line: find the first line it would refuse. */
static guint
find_syntax_error (const char *data)
{
  g_auto(GStrv) lines = g_strsplit (data, "\n", -1);
  gboolean seen_group = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (line[0] == '\0' || line[0] == '#')
        continue;
      if (line[0] == '[')
        {
          if (line[strlen (line) - 1] != ']' || strlen (line) < 3)
            return i + 1;
          seen_group = TRUE;
          continue;
        }
      if (!seen_group || strchr (line, '=') == NULL || line[0] == '=')
        return i + 1;
    }
  return 0;
}

typedef struct
{
  const char  *name;
  const char  *data;
  GKeyFile    *file;
  GError     **error;
} Reader;

static gboolean G_GNUC_PRINTF (4, 5)
fail (Reader     *r,
      const char *group,
      const char *key,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  guint line;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  line = find_line (r->data, group, key);
  if (line > 0)
    g_set_error (r->error, SC_ERROR, SC_ERROR_DATA, _("%s, line %u: %s"), r->name, line, message);
  else
    g_set_error (r->error, SC_ERROR, SC_ERROR_DATA, _("%s: %s"), r->name, message);
  return FALSE;
}

/* The key's value with white space stripped; NULL when it is not set. */
static char *
read_value (Reader     *r,
            const char *group,
            const char *key)
{
  char *text = g_key_file_get_value (r->file, group, key, NULL);

  return text != NULL ? g_strstrip (text) : NULL;
}

static gboolean
read_uint (Reader     *r,
           const char *group,
           const char *key,
           guint       min,
           guint       max,
           guint       fallback,
           guint      *out)
{
  g_autofree char *text = read_value (r, group, key);
  guint64 value = fallback;

  if (text != NULL && !g_ascii_string_to_unsigned (text, 10, min, max, &value, NULL))
    return fail (r, group, key, _("%s must be a whole number from %u to %u, not “%s”."),
                 key, min, max, text);
  *out = (guint) value;
  return TRUE;
}

static gboolean
read_double (Reader     *r,
             const char *group,
             const char *key,
             double      min,
             double      max,
             double      fallback,
             double     *out)
{
  g_autofree char *text = read_value (r, group, key);
  double value = fallback;
  char *end = NULL;

  if (text != NULL)
    {
      value = g_ascii_strtod (text, &end);
      if (end == text || *end != '\0' || !(value >= min && value <= max))
        return fail (r, group, key, _("%s must be a number from %g to %g, not “%s”."),
                     key, min, max, text);
    }
  *out = value;
  return TRUE;
}

static gboolean
read_choice (Reader     *r,
             const char *group,
             const char *key,
             const char *allowed)
{
  g_autofree char *text = read_value (r, group, key);

  if (text != NULL && g_ascii_strcasecmp (text, allowed) != 0)
    return fail (r, group, key, _("Unsupported %s “%s” (only “%s” is implemented)."),
                 key, text, allowed);
  return TRUE;
}

/* Leaves OUT alone when the key is not set; fails with MESSAGE when it is
 * neither true nor false. */
static gboolean
read_boolean (Reader     *r,
              const char *group,
              const char *key,
              const char *message,
              gboolean   *out)
{
  g_autoptr(GError) bool_error = NULL;

  if (!g_key_file_has_key (r->file, group, key, NULL))
    return TRUE;
  *out = g_key_file_get_boolean (r->file, group, key, &bool_error);
  if (bool_error != NULL)
    return fail (r, group, key, "%s", message);
  return TRUE;
}

static gboolean
valid_id (const char *id)
{
  if (id[0] == '\0')
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      return FALSE;
  return TRUE;
}

ScModelInfo *
sc_model_info_load_data (const char  *display_name,
                         const char  *data,
                         gsize        length,
                         GError     **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(ScModelInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *target = NULL;
  Reader r;
  guint bad_line;

  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  text = g_strndup (data ? data : "", length);
  r.name = display_name;
  r.data = text;
  r.file = file;
  r.error = error;

  if (strlen (text) != length || !g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA, _("%s is not UTF-8 text."), display_name);
      return NULL;
    }

  bad_line = find_syntax_error (text);
  if (bad_line > 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA,
                   _("%s, line %u: expected “[Group]”, “Key=Value” or a “#” comment."),
                   display_name, bad_line);
      return NULL;
    }

  if (!g_key_file_load_from_data (file, text, length, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA, _("%s: %s"), display_name, local_error->message);
      return NULL;
    }

  if (!g_key_file_has_group (file, "Model"))
    {
      fail (&r, "Model", NULL, _("There is no [Model] group."));
      return NULL;
    }

  info = g_new0 (ScModelInfo, 1);
  info->ref_count = 1;

  info->id = g_key_file_get_string (file, "Model", "Id", NULL);
  if (info->id == NULL || !valid_id (g_strstrip (info->id)))
    {
      fail (&r, "Model", info->id ? "Id" : NULL,
            _("Id must be set to letters, digits, “-”, “_” or “.”."));
      return NULL;
    }
  info->name = g_key_file_get_locale_string (file, "Model", "Name", NULL, NULL);
  if (info->name == NULL)
    info->name = g_strdup (info->id);
  info->description = g_key_file_get_locale_string (file, "Model", "Description", NULL, NULL);
  if (info->description == NULL)
    info->description = g_strdup ("");

  kind = g_key_file_get_string (file, "Model", "Kind", NULL);
  if (kind == NULL)
    {
      fail (&r, "Model", NULL, _("Kind is missing (ols, ridge, mlp or naive)."));
      return NULL;
    }
  g_strstrip (kind);
  if (g_ascii_strcasecmp (kind, "ols") == 0)
    info->kind = SC_MODEL_KIND_OLS;
  else if (g_ascii_strcasecmp (kind, "ridge") == 0)
    info->kind = SC_MODEL_KIND_RIDGE;
  else if (g_ascii_strcasecmp (kind, "mlp") == 0)
    info->kind = SC_MODEL_KIND_MLP;
  else if (g_ascii_strcasecmp (kind, "naive") == 0)
    info->kind = SC_MODEL_KIND_NAIVE;
  else
    {
      fail (&r, "Model", "Kind", _("Unknown kind “%s” (ols, ridge, mlp or naive)."), kind);
      return NULL;
    }

  target = g_key_file_get_string (file, "Model", "Target", NULL);
  if (target == NULL || g_ascii_strcasecmp (g_strstrip (target), "price") == 0)
    info->target = SC_MODEL_TARGET_PRICE;
  else if (g_ascii_strcasecmp (target, "log-return") == 0)
    info->target = SC_MODEL_TARGET_LOG_RETURN;
  else
    {
      fail (&r, "Model", "Target", _("Unknown target “%s” (price or log-return)."), target);
      return NULL;
    }

  if (!read_boolean (&r, "Model", "Residual", _("Residual must be true or false."),
                     &info->residual) ||
      !read_boolean (&r, "Model", "Recommended", _("Recommended must be true or false."),
                     &info->recommended))
    return NULL;

  {
    g_auto(GStrv) names = g_key_file_get_string_list (file, "Model", "Features", NULL, NULL);
    g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);

    for (guint i = 0; names != NULL && names[i] != NULL; i++)
      {
        char *name = g_strstrip (names[i]);

        if (name[0] != '\0')
          g_ptr_array_add (kept, g_ascii_strdown (name, -1));
      }

    if (kept->len == 0)
      {
        fail (&r, "Model", names ? "Features" : NULL, _("Features must list at least one input."));
        return NULL;
      }
    if (kept->len > MAX_FEATURES)
      {
        fail (&r, "Model", "Features", _("Features lists more than %d inputs."), MAX_FEATURES);
        return NULL;
      }

    info->n_features = kept->len;
    info->features = g_new0 (ScFeature, kept->len);
    for (guint i = 0; i < kept->len; i++)
      {
        g_autoptr(GError) feature_error = NULL;

        if (!sc_feature_parse (g_ptr_array_index (kept, i), &info->features[i], &feature_error))
          {
            fail (&r, "Model", "Features", "%s", feature_error->message);
            return NULL;
          }
      }
    g_ptr_array_add (kept, NULL);
    info->feature_names = (char **) g_ptr_array_steal (kept, NULL);
  }

  if (!read_double (&r, "Ridge", "Alpha", 0, 1e6, 1.0, &info->ridge_alpha))
    return NULL;

  if (!read_choice (&r, "MLP", "Activation", "relu") ||
      !read_choice (&r, "MLP", "Solver", "adam") ||
      !read_uint (&r, "MLP", "Hidden", 1, 1000, 100, &info->hidden) ||
      !read_uint (&r, "MLP", "MaxIter", 1, 100000, 200, &info->max_iter) ||
      !read_uint (&r, "MLP", "Seed", 0, G_MAXUINT32, 42, &info->seed) ||
      !read_uint (&r, "MLP", "BatchSize", 1, 100000, 200, &info->batch_size) ||
      !read_uint (&r, "MLP", "Patience", 1, 10000, 10, &info->patience) ||
      !read_double (&r, "MLP", "LearningRate", 1e-8, 10, 0.001, &info->learning_rate) ||
      !read_double (&r, "MLP", "Alpha", 0, 1e3, 0.0001, &info->l2) ||
      !read_double (&r, "MLP", "ValidationFraction", 0.01, 0.5, 0.1, &info->validation))
    return NULL;

  return g_steal_pointer (&info);
}

ScModelInfo *
sc_model_info_load (const char  *path,
                    GError     **error)
{
  g_autofree char *data = NULL;
  g_autofree char *name = NULL;
  gsize length = 0;
  ScModelInfo *info;

  g_return_val_if_fail (path != NULL, NULL);

  name = g_filename_display_name (path);
  if (!g_file_get_contents (path, &data, &length, NULL))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA, _("%s cannot be read."), name);
      return NULL;
    }
  if (length > MAX_DESCRIPTOR_BYTES)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_DATA, _("%s is too large for a model descriptor."),
                   name);
      return NULL;
    }

  info = sc_model_info_load_data (name, data, length, error);
  if (info != NULL)
    info->path = g_strdup (path);
  return info;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  const ScModelInfo *ma = *(ScModelInfo * const *) a;
  const ScModelInfo *mb = *(ScModelInfo * const *) b;

  return strcmp (ma->id, mb->id);
}

GPtrArray *
sc_model_load_dirs (const char * const *dirs)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                       (GDestroyNotify) sc_model_info_unref);
  GPtrArray *models = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_model_info_unref);
  GHashTableIter iter;
  gpointer value;
  g_autofree char *recommended = NULL;

  for (guint d = 0; dirs != NULL && dirs[d] != NULL; d++)
    {
      g_autoptr(GDir) dir = g_dir_open (dirs[d], 0, NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      if (dir == NULL)
        continue;

      while ((name = g_dir_read_name (dir)) != NULL)
        if (g_str_has_suffix (name, ".model"))
          g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_sort (names, compare_names);

      for (guint i = 0; i < names->len; i++)
        {
          g_autofree char *path = g_build_filename (dirs[d], g_ptr_array_index (names, i), NULL);
          g_autoptr(GError) error = NULL;
          ScModelInfo *info = sc_model_info_load (path, &error);

          if (info == NULL)
            {
              g_warning ("Skipping model descriptor: %s", error->message);
              continue;
            }
          if (g_hash_table_contains (by_id, info->id))
            g_debug ("Model %s from %s replaces an earlier one", info->id, path);
          /* Exactly one model is recommended: the first to say so (the
           * shipped folder is searched first), or one replacing it. */
          if (info->recommended && recommended == NULL)
            recommended = g_strdup (info->id);
          else if (info->recommended && strcmp (recommended, info->id) != 0)
            {
              g_message ("Model %s from %s is not the recommended one: %s already is",
                         info->id, path, recommended);
              info->recommended = FALSE;
            }
          /* The key lives in the value; replace both together. */
          g_hash_table_remove (by_id, info->id);
          g_hash_table_insert (by_id, info->id, info);
        }
    }

  g_hash_table_iter_init (&iter, by_id);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (models, sc_model_info_ref (value));
  g_ptr_array_sort (models, compare_ids);
  return models;
}

char **
sc_model_search_dirs (void)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *env = g_getenv ("STOCKCAST_MODELS_DIR");
  g_autofree char *user = NULL;

  if (env != NULL && env[0] != '\0')
    {
      g_strv_builder_add (builder, env);
    }
  else
    {
      g_autofree char *installed = g_build_filename (PKGDATADIR, "models", NULL);
      g_autofree char *source = g_build_filename (SOURCE_ROOT, "models", NULL);

      /* The uninstalled binary finds the descriptors in the source tree. */
      if (g_file_test (installed, G_FILE_TEST_IS_DIR))
        g_strv_builder_add (builder, installed);
      else
        g_strv_builder_add (builder, source);
    }
  user = g_build_filename (g_get_user_data_dir (), "stockcast", "models", NULL);
  g_strv_builder_add (builder, user);
  return g_strv_builder_end (builder);
}

GPtrArray *
sc_models_get_all (void)
{
  static GPtrArray *models;

  if (g_once_init_enter (&models))
    {
      g_auto(GStrv) dirs = sc_model_search_dirs ();

      g_once_init_leave (&models, sc_model_load_dirs ((const char * const *) dirs));
    }
  return models;
}

ScModelInfo *
sc_models_get_recommended (void)
{
  GPtrArray *models = sc_models_get_all ();
  ScModelInfo *fallback = NULL;

  for (guint i = 0; i < models->len; i++)
    {
      ScModelInfo *info = g_ptr_array_index (models, i);

      if (info->recommended)
        return sc_model_info_ref (info);
      if (fallback == NULL || info->kind == SC_MODEL_KIND_NAIVE)
        fallback = info;
    }
  return fallback != NULL ? sc_model_info_ref (fallback) : NULL;
}

ScModelInfo *
sc_models_lookup (const char  *id,
                  GError     **error)
{
  GPtrArray *models = sc_models_get_all ();
  ScModelInfo *recommended;

  if (id == NULL)
    {
      recommended = sc_models_get_recommended ();
      if (recommended == NULL)
        g_set_error (error, SC_ERROR, SC_ERROR_DATA, _("No model descriptors were found."));
      return recommended;
    }

  for (guint i = 0; i < models->len; i++)
    {
      ScModelInfo *info = g_ptr_array_index (models, i);

      if (strcmp (info->id, id) == 0)
        return sc_model_info_ref (info);
    }

  g_set_error (error, SC_ERROR, SC_ERROR_USAGE,
               _("Unknown model “%s”: run “stockcast models” to list them."), id);
  return NULL;
}
