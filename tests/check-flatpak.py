#!/usr/bin/env python3
# check-flatpak.py — the Flatpak manifests follow the project's rules.
#
# Copyright 2026 The Stockcast authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-flatpak.py SOURCE_ROOT
# Building needs the GNOME runtime from the network, so this checks the
# manifests' content instead: GNOME runtime and SDK of a current version,
# command "stockcast", exactly the allowed finish-args (no filesystem or
# D-Bus holes: files go through portals), every dependency pinned by sha256
# (or a git commit), libsodium built since the runtime lacks it, and the app
# module last, built with meson from the local checkout with options that
# exist in meson_options.txt. Also the metainfo's screenshots, which
# Flathub and software centres show: at least two, one default, each with a
# caption and an image URL into this repository's data/screenshots/ whose
# file exists there, is a PNG and is at least 800 px wide, or a portrait
# phone-sized one at least 360 px wide (build-aux/screenshots.sh makes them).

import json
import os
import re
import struct
import sys
import xml.etree.ElementTree as ET

APP_ID = 'io.github.stockcast.Stockcast'
ALLOWED_FINISH_ARGS = {
    '--share=network',
    '--share=ipc',
    '--socket=wayland',
    '--socket=fallback-x11',
    '--device=dri',
}
MIN_GNOME = 47
METAINFO = f'data/{APP_ID}.metainfo.xml.in'
SCREENSHOT_URL = 'https://raw.githubusercontent.com/stockcast/stockcast/main/'
SCREENSHOT_DIR = 'data/screenshots/'
MIN_SCREENSHOT_WIDTH = 800
# A phone-sized (portrait) screenshot shows the narrow layout at its size.
MIN_PHONE_WIDTH = 360
PNG_SIGNATURE = b'\x89PNG\r\n\x1a\n'
# Libraries meson.build needs that org.gnome.Platform does not ship.
NEEDED_MODULES = {'libsodium'}

problems = []


def problem(manifest, text):
    problems.append(f'{manifest}: {text}')


def meson_options(root):
    with open(os.path.join(root, 'meson_options.txt'), encoding='utf-8') as f:
        return set(re.findall(r"option\s*\(\s*'([^']+)'", f.read()))


def check_source(name, module, source, root, manifest_dir):
    kind = source.get('type')
    if kind in ('archive', 'file'):
        url = source.get('url', '')
        if not url.startswith('https://'):
            problem(name, f'module {module}: source URL is not https: {url!r}')
        if not re.fullmatch(r'[0-9a-f]{64}', source.get('sha256', '')):
            problem(name, f'module {module}: source {url} has no sha256')
        for mirror in source.get('mirror-urls', []):
            if not mirror.startswith('https://'):
                problem(name, f'module {module}: mirror URL is not https: {mirror!r}')
    elif kind == 'git':
        if not re.fullmatch(r'[0-9a-f]{40}', source.get('commit', '')):
            problem(name, f'module {module}: git source is not pinned to a commit')
    elif kind == 'patch':
        path = os.path.join(manifest_dir, source.get('path', ''))
        if not os.path.isfile(path):
            problem(name, f'module {module}: patch {path} is missing')
    else:
        problem(name, f'module {module}: dependency source of type {kind!r} is not pinned')


def check(path, root, options):
    name = os.path.relpath(path, root)
    manifest_dir = os.path.dirname(path)
    try:
        with open(path, encoding='utf-8') as f:
            m = json.load(f)
    except (OSError, ValueError) as e:
        problem(name, f'cannot read: {e}')
        return

    app_id = m.get('id') or m.get('app-id')
    devel = os.path.basename(path) == APP_ID + '.Devel.json'
    want_id = APP_ID + '.Devel' if devel else APP_ID
    if app_id != want_id:
        problem(name, f'id is {app_id!r}, expected {want_id!r}')
    if m.get('runtime') != 'org.gnome.Platform':
        problem(name, f'runtime is {m.get("runtime")!r}, expected org.gnome.Platform')
    if m.get('sdk') != 'org.gnome.Sdk':
        problem(name, f'sdk is {m.get("sdk")!r}, expected org.gnome.Sdk')
    version = str(m.get('runtime-version', ''))
    if not re.fullmatch(r'\d+', version) or int(version) < MIN_GNOME:
        problem(name, f'runtime-version {version!r} is not a current GNOME release (>= {MIN_GNOME})')
    if m.get('command') != 'stockcast':
        problem(name, f'command is {m.get("command")!r}, expected stockcast')

    finish = m.get('finish-args', [])
    for arg in finish:
        if arg not in ALLOWED_FINISH_ARGS:
            problem(name, f'finish-arg {arg} is not allowed')
    for arg in sorted(ALLOWED_FINISH_ARGS - set(finish)):
        problem(name, f'finish-arg {arg} is missing')
    if len(finish) != len(set(finish)):
        problem(name, 'finish-args has duplicates')

    modules = m.get('modules', [])
    if not modules or not all(isinstance(x, dict) for x in modules):
        problem(name, 'modules must be a non-empty list of objects (no external module files)')
        return
    names = [x.get('name') for x in modules]
    if len(names) != len(set(names)):
        problem(name, 'module names repeat')
    for needed in sorted(NEEDED_MODULES - set(names)):
        problem(name, f'module {needed} is missing (the GNOME runtime lacks it)')

    for module in modules[:-1]:
        if not module.get('sources'):
            problem(name, f'module {module.get("name")} has no sources')
        for source in module.get('sources', []):
            check_source(name, module.get('name'), source, root, manifest_dir)

    app = modules[-1]
    if app.get('name') != 'stockcast':
        problem(name, f'the last module is {app.get("name")!r}, expected stockcast')
    if app.get('buildsystem') != 'meson':
        problem(name, 'the stockcast module is not built with meson')
    sources = app.get('sources', [])
    if len(sources) != 1 or sources[0].get('type') != 'dir':
        problem(name, 'the stockcast module must have one source of type dir')
    else:
        src = os.path.normpath(os.path.join(manifest_dir, sources[0].get('path', '')))
        if os.path.realpath(src) != os.path.realpath(root):
            problem(name, f'the stockcast module builds {src}, not the project root')

    opts = app.get('config-opts', [])
    for opt in opts:
        mo = re.fullmatch(r'-D([A-Za-z0-9_.-]+)=.*', opt)
        if mo is None:
            problem(name, f'config-opt {opt!r} is not -Dname=value')
        elif mo.group(1) not in options and mo.group(1) not in ('buildtype', 'b_lto', 'optimization', 'debug'):
            problem(name, f'config-opt {opt!r} names no option in meson_options.txt')
    if devel != ('-Ddevelopment=true' in opts):
        problem(name, '-Ddevelopment=true belongs in the .Devel manifest and only there')


def png_size(path):
    """(width, height) of a PNG file, or None if it is not one."""
    with open(path, 'rb') as f:
        head = f.read(24)
    if len(head) < 24 or head[:8] != PNG_SIGNATURE or head[12:16] != b'IHDR':
        return None
    return struct.unpack('>II', head[16:24])


def check_screenshots(root):
    name = METAINFO
    try:
        component = ET.parse(os.path.join(root, METAINFO)).getroot()
    except (OSError, ET.ParseError) as e:
        problem(name, f'cannot read: {e}')
        return
    shots = component.findall('./screenshots/screenshot')
    if len(shots) < 2:
        problem(name, f'{len(shots)} screenshots, expected at least two')
    defaults = [s for s in shots if s.get('type') == 'default']
    if len(defaults) != 1:
        problem(name, f'{len(defaults)} screenshots marked type="default", expected one')
    for shot in shots:
        images = shot.findall('image')
        caption = shot.findtext('caption', '').strip()
        if len(images) != 1:
            problem(name, f'a screenshot has {len(images)} images, expected one')
        for image in images:
            url = (image.text or '').strip()
            if not caption:
                problem(name, f'screenshot {url} has no caption')
            if not url.startswith(SCREENSHOT_URL + SCREENSHOT_DIR):
                problem(name, f'screenshot {url} is not under {SCREENSHOT_URL}{SCREENSHOT_DIR}')
                continue
            rel = url[len(SCREENSHOT_URL):]
            path = os.path.join(root, rel)
            if not os.path.isfile(path):
                problem(name, f'screenshot {rel} does not exist (regenerate with build-aux/screenshots.sh)')
                continue
            size = png_size(path)
            if size is None:
                problem(name, f'screenshot {rel} is not a PNG')
            elif size[0] < MIN_SCREENSHOT_WIDTH and not (size[1] > size[0] >= MIN_PHONE_WIDTH):
                problem(name, f'screenshot {rel} is {size[0]} px wide, less than {MIN_SCREENSHOT_WIDTH}')
            else:
                print(f'# screenshot {rel}: {size[0]}x{size[1]}')


def main():
    if len(sys.argv) != 2:
        print('usage: check-flatpak.py SOURCE_ROOT', file=sys.stderr)
        return 2
    root = os.path.abspath(sys.argv[1])
    options = meson_options(root)
    flatpak_dir = os.path.join(root, 'flatpak')
    manifests = sorted(os.path.join(flatpak_dir, f) for f in os.listdir(flatpak_dir)
                       if f.endswith('.json'))
    if os.path.join(flatpak_dir, APP_ID + '.json') not in manifests:
        problems.append(f'flatpak/{APP_ID}.json is missing')
    for path in manifests:
        check(path, root, options)
        print(f'# checked {os.path.relpath(path, root)}')
    check_screenshots(root)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
