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

import argparse
import os
import re
import subprocess
import sys

NPLURALS = {'zh_HK': 1, 'zh_TW': 1, 'zh_CN': 1, 'ja': 1, 'ko': 1}


def run(args):
    return subprocess.run(args, capture_output=True, text=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('po_dir')
    ap.add_argument('--complete', action='append', default=[])
    ap.add_argument('--models')
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
