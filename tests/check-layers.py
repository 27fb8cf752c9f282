#!/usr/bin/env python3
# check-layers.py — no file in src/ includes a header of a layer above its
# own, or an outside library its layer does not use.
#
# Copyright 2026 The Stockcast authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-layers.py SOURCE_ROOT
# The build already refuses our own headers of a layer a library does not
# depend on (each layer has its own include directory, src/meson.build),
# but <sqlite3.h>, <sodium.h> and <curl/curl.h> sit in /usr/include, where
# any file finds them: this check covers those too. Only direct #include
# lines count; folders not listed below (new layers) are not checked, and
# headers found in none of the listed folders are allowed.

import os
import re
import sys

# layer: the layers whose headers it may include
LAYERS = {
    'core': {'core'},
    'domain': {'core', 'domain'},
    'store': {'core', 'domain', 'store'},
    'service': {'core', 'domain', 'store', 'service'},
    'net': {'core', 'domain', 'store', 'service', 'net'},
    'chart': {'core', 'chart'},
    'app': {'core', 'domain', 'store', 'service', 'net', 'chart', 'app'},
    'cli': {'core', 'domain', 'store', 'service', 'net', 'chart', 'cli'},
    # stockcast-sync-server shares core and the domain with the client.
    'server': {'core', 'domain', 'server'},
}

# layer: prefixes of outside headers it must not include
GTK = ('gtk/', 'gdk/', 'adwaita.h')
DRAWING = ('cairo', 'pango/')
FORBIDDEN = {
    'core': ('sqlite3.h', 'curl/', 'sodium.h', 'libsecret/', 'json-glib/', 'libsoup/', 'libpq-fe.h')
            + GTK + DRAWING,
    'domain': ('sqlite3.h', 'curl/', 'sodium.h', 'libsecret/', 'libsoup/', 'libpq-fe.h')
              + GTK + DRAWING,
    'store': ('curl/', 'libsoup/', 'libpq-fe.h') + GTK + DRAWING,
    'service': ('sqlite3.h', 'curl/', 'libsoup/', 'libpq-fe.h') + GTK + DRAWING,
    'net': ('sqlite3.h', 'libsoup/', 'libpq-fe.h') + GTK + DRAWING,
    'chart': ('sqlite3.h', 'curl/', 'sodium.h', 'libsecret/', 'libsoup/', 'libpq-fe.h') + GTK,
    'app': ('sqlite3.h', 'curl/', 'libsoup/', 'libpq-fe.h'),
    'cli': ('sqlite3.h', 'curl/', 'libsoup/', 'libpq-fe.h') + GTK,
    'server': ('curl/', 'libsecret/') + GTK + DRAWING,
}

# Widgets reach the database and the network only through the service
# (src/service, docs/architecture.md): in the app, only the application,
# which makes the service and its price source and sync engine, includes
# these.
APP_SERVICE_ONLY = {
    'sc-db.h', 'sc-db-private.h', 'sc-price-cache.h', 'sc-watchlist.h', 'sc-sync-state.h',
    'sc-price-loader.h', 'sc-quote-client.h', 'sc-http.h', 'sc-sync.h', 'sc-sync-client.h',
    'sc-net-prices.h', 'sc-net-sync.h',
}
APP_COMPOSER = 'sc-application.c'

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)


def main():
    src = os.path.join(sys.argv[1], 'src')
    owner = {}
    for layer in LAYERS:
        for name in os.listdir(os.path.join(src, layer)):
            if name.endswith('.h'):
                owner[name] = layer

    problems = []
    for layer, allowed in LAYERS.items():
        folder = os.path.join(src, layer)
        for name in sorted(os.listdir(folder)):
            if not name.endswith(('.c', '.h')):
                continue
            with open(os.path.join(folder, name), encoding='utf-8') as f:
                text = f.read()
            for quote, header in INCLUDE.findall(text):
                where = f'src/{layer}/{name}'
                theirs = owner.get(os.path.basename(header))
                if quote == '"' and theirs is not None and theirs not in allowed:
                    problems.append(f'{where} includes {header} of the {theirs} layer')
                if (layer == 'app' and name != APP_COMPOSER and quote == '"'
                        and os.path.basename(header) in APP_SERVICE_ONLY):
                    problems.append(f'{where} includes {header}: widgets go through the service')
                if quote == '<' and header.startswith(FORBIDDEN[layer]):
                    problems.append(f'{where} includes <{header}>, which the {layer} layer must not use')

    for problem in problems:
        print(problem)
    if problems:
        return 1
    print(f'{len(LAYERS)} layers checked')
    return 0


if __name__ == '__main__':
    sys.exit(main())
