#!/usr/bin/env python3
# check-po.py — every translation in po/ is valid, and the complete ones are
# complete.
#
# Copyright 2026 The Stockcast authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-po.py PO_DIR [--complete LANG]...
# For each language in PO_DIR/LINGUAS: the .po exists and passes
# `msgfmt --check` (header, format strings, domain) and has a Plural-Forms
# header. With --complete LANG, LANG must have no fuzzy and no untranslated
# entries. .po files not named in LINGUAS are reported too.
# With --models DIR, every Name= and Description= in DIR/*.model (read with
# g_key_file_get_locale_string) must also have a Name[LANG]= /
# Description[LANG]= line for each complete LANG.
# With --extract SOURCE_ROOT, the messages are extracted afresh: xgettext
# runs over SOURCE_ROOT/po/POTFILES.in with the keywords and flags of meson's
# i18n.gettext(preset: 'glib') into a temporary template, and every message
# in it (context, msgid and plural msgid alike) must be in each complete
# LANG's .po, translated and not fuzzy. So a source string added or changed
# without running the stockcast-update-po target and translating fails here,
# even though the stale .po is valid on its own.

import argparse
import ast
import os
import re
import shutil
import subprocess
import sys
import tempfile

NPLURALS = {'zh_HK': 1, 'zh_TW': 1, 'zh_CN': 1, 'ja': 1, 'ko': 1}


# The arguments meson's i18n module gives xgettext for preset: 'glib'
# (the stockcast-pot target in build.ninja shows the same list).
GLIB_PRESET = [
    '--from-code=UTF-8', '--add-comments',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format', '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format', '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format', '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format', '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format', '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format', '--flag=g_printerr:1:c-format', '--flag=g_printf:1:c-format',
    '--flag=g_fprintf:2:c-format', '--flag=g_sprintf:2:c-format', '--flag=g_snprintf:3:c-format',
]


def run(args):
    return subprocess.run(args, capture_output=True, text=True)


def read_po(path):
    """The entries of a .po/.pot file as dicts: ctxt, id, plural, strs (list),
    fuzzy, obsolete, refs (the #: lines)."""
    entries = []
    cur = None
    field = None

    def new():
        return {'ctxt': None, 'id': None, 'plural': None, 'strs': [], 'fuzzy': False,
                'obsolete': False, 'refs': []}

    def flush():
        if cur is not None and cur['id'] is not None:
            entries.append(cur)

    cur = new()
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if not line:
                flush()
                cur, field = new(), None
                continue
            obsolete = line.startswith('#~')
            if obsolete:
                line = line[2:].strip()
                cur['obsolete'] = True
                if line.startswith('#'):
                    continue
            elif line.startswith('#,'):
                cur['fuzzy'] = 'fuzzy' in [w.strip() for w in line[2:].split(',')]
                continue
            elif line.startswith('#:'):
                cur['refs'].extend(line[2:].split())
                continue
            elif line.startswith('#'):
                continue
            m = re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")$', line)
            if m:
                kw, value = m.group(1), ast.literal_eval(m.group(2))
                if kw == 'msgctxt':
                    if cur['id'] is not None:  # a new entry with no blank line before it
                        flush()
                        cur = new()
                    cur['ctxt'], field = value, 'ctxt'
                elif kw == 'msgid':
                    cur['id'], field = value, 'id'
                elif kw == 'msgid_plural':
                    cur['plural'], field = value, 'plural'
                else:
                    cur['strs'].append(value)
                    field = 'strs'
            elif line.startswith('"') and field is not None:
                value = ast.literal_eval(line)
                if field == 'strs':
                    cur['strs'][-1] += value
                else:
                    cur[field] += value
    flush()
    return entries


def describe(entry):
    what = repr(entry['id'])
    if entry['ctxt'] is not None:
        what = f'[{entry["ctxt"]}] ' + what
    if entry['plural'] is not None:
        what += f' / {entry["plural"]!r}'
    return what


def extract(source_root):
    """Runs xgettext as the stockcast-pot target does; returns the template's
    entries, or an error message."""
    xgettext = shutil.which('xgettext')
    if xgettext is None:
        return 'xgettext is missing (Debian package gettext; build-aux/install-deps installs it)'
    with tempfile.TemporaryDirectory(prefix='check-po-') as tmp:
        r = run([xgettext, '--package-name=stockcast', '-p', tmp,
                 '-f', os.path.join(source_root, 'po', 'POTFILES.in'),
                 '-D', source_root, '-k_', '-o', 'stockcast.pot'] + GLIB_PRESET)
        pot = os.path.join(tmp, 'stockcast.pot')
        if r.returncode != 0 or not os.path.isfile(pot):
            return f'xgettext failed:\n{r.stderr.strip()}'
        return [e for e in read_po(pot) if e['id'] != '']


def stale(template, po):
    """The template messages that po lacks, has fuzzy, or leaves untranslated."""
    done = {(e['ctxt'], e['id'], e['plural']) for e in read_po(po)
            if not e['obsolete'] and not e['fuzzy'] and e['strs'] and all(e['strs'])}
    return [e for e in template if (e['ctxt'], e['id'], e['plural']) not in done]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('po_dir')
    ap.add_argument('--complete', action='append', default=[])
    ap.add_argument('--models')
    ap.add_argument('--extract', metavar='SOURCE_ROOT')
    opts = ap.parse_args()

    problems = []
    with open(os.path.join(opts.po_dir, 'LINGUAS'), encoding='utf-8') as f:
        linguas = [w for line in f if not line.startswith('#') for w in line.split()]

    on_disk = {n[:-3] for n in os.listdir(opts.po_dir) if n.endswith('.po')}
    for lang in sorted(on_disk - set(linguas)):
        problems.append(f'{lang}.po is not listed in LINGUAS')
    for lang in opts.complete:
        if lang not in linguas:
            problems.append(f'{lang} must be complete but is not in LINGUAS')

    for lang in linguas:
        po = os.path.join(opts.po_dir, lang + '.po')
        if not os.path.isfile(po):
            problems.append(f'{lang}: listed in LINGUAS but {lang}.po is missing')
            continue
        r = run(['msgfmt', '--check', '--statistics', '-o', os.devnull, po])
        if r.returncode != 0:
            problems.append(f'{lang}: msgfmt --check failed:\n{r.stderr.strip()}')
            continue
        print(f'# {lang}: {r.stderr.strip()}')

        with open(po, encoding='utf-8') as f:
            text = f.read()
        m = re.search(r'"Plural-Forms:\s*nplurals=(\d+);', text)
        if m is None:
            problems.append(f'{lang}: no Plural-Forms header')
        elif lang in NPLURALS and int(m.group(1)) != NPLURALS[lang]:
            problems.append(f'{lang}: nplurals={m.group(1)}, expected {NPLURALS[lang]}')

        if lang in opts.complete:
            stats = r.stderr
            for what in ('fuzzy translation', 'untranslated message'):
                m = re.search(r'(\d+) ' + what, stats)
                if m and int(m.group(1)) > 0:
                    flag = '--only-fuzzy' if what.startswith('fuzzy') else '--untranslated'
                    listing = run(['msgattrib', flag, '--no-obsolete', '--no-location', po]).stdout
                    problems.append(f'{lang}: {m.group(1)} {what}(s); run the stockcast-update-po '
                                    f'target and translate them:\n{listing.strip()}')

    if opts.extract and opts.complete:
        template = extract(opts.extract)
        if isinstance(template, str):
            problems.append(template)
        else:
            print(f'# xgettext finds {len(template)} messages in po/POTFILES.in')
            for lang in opts.complete:
                po = os.path.join(opts.po_dir, lang + '.po')
                if not os.path.isfile(po):
                    continue
                missing = stale(template, po)
                if missing:
                    listing = '\n'.join(f'  {" ".join(e["refs"][:2])}: {describe(e)}'
                                        for e in missing)
                    problems.append(f'{lang}: {len(missing)} message(s) in the sources are missing, '
                                    f'fuzzy or untranslated in {lang}.po; run the stockcast-update-po '
                                    f'target and translate them:\n{listing}')

    if opts.models:
        for name in sorted(os.listdir(opts.models)):
            if not name.endswith('.model'):
                continue
            with open(os.path.join(opts.models, name), encoding='utf-8') as f:
                keys = {line.split('=', 1)[0].strip() for line in f if '=' in line}
            for key in ('Name', 'Description'):
                for lang in opts.complete:
                    if key in keys and f'{key}[{lang}]' not in keys:
                        problems.append(f'models/{name}: {key} has no {key}[{lang}]= translation')

    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
