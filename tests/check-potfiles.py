#!/usr/bin/env python3
# check-potfiles.py — po/POTFILES.in must list every file with translatable
# strings, and only files that exist.
#
# Copyright 2026 The Stockcast authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-potfiles.py SOURCE_ROOT
# A file "has translatable strings" when it contains, outside C comments:
#   C:          _("…"), N_("…"), C_("…"), NC_("…"), Q_("…"), g_dngettext/ngettext (…)
#   GtkBuilder: translatable="yes"
#   GSettings:  <summary> or <description> in a *.gschema.xml
#   data:       any *.desktop.in or *.metainfo.xml.in
# Files named in po/POTFILES.skip are left out on purpose.

import os
import re
import sys

C_MARK = re.compile(r'(?<![A-Za-z0-9_])(?:N?C?_|Q_)\s*\(\s*"|(?<![A-Za-z0-9_])(?:g_d?n?gettext|g_dpgettext2?|ngettext|dngettext)\s*\(')
C_COMMENT = re.compile(r'/\*.*?\*/|//[^\n]*', re.S)
UI_MARK = re.compile(r'translatable\s*=\s*"(?:yes|true|1)"')
SCHEMA_MARK = re.compile(r'<(?:summary|description)>')
SCAN_DIRS = ('src', 'ui', 'data')


def read_list(path):
    try:
        with open(path, encoding='utf-8') as f:
            return [line.strip() for line in f
                    if line.strip() and not line.lstrip().startswith('#')]
    except FileNotFoundError:
        return []


def has_strings(root, rel):
    path = os.path.join(root, rel)
    name = os.path.basename(rel)
    if name.endswith('.desktop.in') or name.endswith('.metainfo.xml.in'):
        return True
    try:
        with open(path, encoding='utf-8') as f:
            text = f.read()
    except (UnicodeDecodeError, OSError):
        return False
    if name.endswith(('.c', '.h')):
        return bool(C_MARK.search(C_COMMENT.sub('', text)))
    if name.endswith('.ui'):
        return bool(UI_MARK.search(text))
    if name.endswith('.gschema.xml'):
        return bool(SCHEMA_MARK.search(text))
    return False


def main():
    if len(sys.argv) != 2:
        print('usage: check-potfiles.py SOURCE_ROOT', file=sys.stderr)
        return 2
    root = sys.argv[1]
    listed = read_list(os.path.join(root, 'po', 'POTFILES.in'))
    skipped = set(read_list(os.path.join(root, 'po', 'POTFILES.skip')))
    problems = []

    seen = set()
    for rel in listed:
        if rel in seen:
            problems.append(f'{rel}: listed twice in po/POTFILES.in')
        seen.add(rel)
        if not os.path.isfile(os.path.join(root, rel)):
            problems.append(f'{rel}: listed in po/POTFILES.in but does not exist')

    found = []
    for top in SCAN_DIRS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith('.'))
            for name in sorted(filenames):
                rel = os.path.relpath(os.path.join(dirpath, name), root).replace(os.sep, '/')
                if has_strings(root, rel):
                    found.append(rel)

    for rel in found:
        if rel not in seen and rel not in skipped:
            problems.append(f'{rel}: has translatable strings but is missing from po/POTFILES.in')

    print(f'# {len(found)} files with translatable strings, {len(listed)} listed')
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
