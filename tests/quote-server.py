#!/usr/bin/env python3
# quote-server.py
#
# Copyright 2026 The Stockcast authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fixture quote server for Stockcast's tests (Python standard library only).

Serves Yahoo Finance chart answers and Tiingo daily prices generated from
CSV files (TICKER.csv in the --data folders; "^" is left out of the file
name), and the faults the real services show. Listens on 127.0.0.1 on a
random port, prints the port on the first line of stdout, and exits by
itself after --timeout seconds or when its parent goes away.

The base URL may carry scenario words as path segments before the API path,
e.g. http://127.0.0.1:PORT/t1/429/v8/finance/chart/KO?...; the words:

  404        HTTP 404 with chart.error "Not Found"
  400        HTTP 400 "Data doesn't exist for startDate"
  429        one plain-text 429 (no Retry-After), then answers
  429ra      one 429 with "Retry-After: 1", then answers
  429always  always 429
  500x2      HTTP 500 twice, then answers
  500always  always HTTP 503
  html       an HTML outage page with status 200
  truncated  the JSON cut in half
  nulls      null elements inside the arrays and one all-null bar
  int        prices as JSON integers
  live       a second "live" bar on the last date, 5 hours after the first,
             and a currentTradingPeriod saying that session closes at 16:00
  after      an extra bar at or after period2
  empty      a valid answer without any bar
  split      a 2:1 split event on the last bar served
  noadj      no adjclose indicator
  slowN      wait N seconds before answering
  upto-DATE  serve only bars up to DATE (YYYY-MM-DD): the data's "today"
  scale-F    multiply prices served by F (a split the service did not announce)
  fx-NAME    answer with the captured file NAME.json / .html / .txt of the
             --corpus folder (tests/fixtures/yahoo), byte for byte, whatever
             the symbol; a name ending in -NNN is sent with HTTP status NNN

Any other word (a test's own name) only keeps the counters of the fault
words apart. Each request is appended to --log as one JSON line.
"""

import argparse
import csv
import datetime as dt
import gzip
import json
import os
import re
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from zoneinfo import ZoneInfo

NEW_YORK = ZoneInfo("America/New_York")
CHART_RE = re.compile(r"^(?P<prefix>.*)/v8/finance/chart/(?P<symbol>[^/]+)$")
TIINGO_RE = re.compile(r"^(?P<prefix>.*)/tiingo/daily/(?P<symbol>[^/]+)/prices$")
TIINGO_TOKEN = "fixture-token"

counters = {}
counters_lock = threading.Lock()
log_lock = threading.Lock()
data_dirs = []
corpus_dir = None
log_path = None


def load_bars(symbol):
    name = symbol.replace("^", "").upper() + ".csv"
    for folder in data_dirs:
        path = os.path.join(folder, name)
        if os.path.isfile(path):
            break
    else:
        return None
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header = [h.strip().lower().replace(" ", "") for h in rows[0]]
    col = {h: i for i, h in enumerate(header)}

    def value(row, key):
        i = col.get(key)
        if i is None or i >= len(row):
            return None
        try:
            return float(row[i])
        except ValueError:
            return None

    bars = []
    for row in rows[1:]:
        if not row:
            continue
        day = dt.date.fromisoformat(row[col["date"]])
        bars.append({
            "date": day,
            "open": value(row, "open"), "high": value(row, "high"),
            "low": value(row, "low"), "close": value(row, "close"),
            "adjclose": value(row, "adjclose"), "volume": value(row, "volume"),
        })
    return bars


def session_open(day):
    """Unix time of 09:30 New York time on day: Yahoo's bar timestamp."""
    local = dt.datetime(day.year, day.month, day.day, 9, 30, tzinfo=NEW_YORK)
    return int(local.timestamp())


def count(prefix, word):
    with counters_lock:
        key = (prefix, word)
        counters[key] = counters.get(key, 0) + 1
        return counters[key]


def yahoo_error(code, description):
    return {"chart": {"result": None, "error": {"code": code, "description": description}}}


def chart_answer(symbol, bars, words, period1, period2):
    scale = 1.0
    upto = None
    for w in words:
        if w.startswith("scale-"):
            scale = float(w[6:])
        if w.startswith("upto-"):
            upto = dt.date.fromisoformat(w[5:])
    chosen = [b for b in bars
              if period1 <= session_open(b["date"]) < period2
              and (upto is None or b["date"] <= upto)]

    def px(v):
        if v is None:
            return None
        v *= scale
        return int(round(v)) if "int" in words else round(v, 6)

    ts = [session_open(b["date"]) for b in chosen]
    quote = {k: [px(b[k]) for b in chosen] for k in ("open", "high", "low", "close")}
    quote["volume"] = [None if b["volume"] is None else int(b["volume"]) for b in chosen]
    adj = [px(b["adjclose"]) for b in chosen]

    if "nulls" in words and len(ts) > 6:
        quote["open"][1] = None
        quote["volume"][2] = None
        quote["close"][3] = None          # a bar without a close: dropped by the client
        for k in ("open", "high", "low", "close", "volume"):
            quote[k][4] = None            # an all-null bar
        adj[4] = None
    trading_period = None
    if "live" in words and ts:
        # The session of the last date runs 09:30-16:00 New York time; the
        # answer was made at 14:30, during it.
        trading_period = {"regular": {"timezone": "EST", "start": ts[-1], "end": ts[-1] + 23400,
                                      "gmtoffset": -18000}}
        ts.append(ts[-1] + 5 * 3600)      # the same date, later: a live bar
        for k in quote:
            quote[k].append(quote[k][-1])
        quote["close"][-1] = None if quote["close"][-1] is None else quote["close"][-1] * 1.5
        adj.append(adj[-1])
    if "after" in words:
        ts.append(period2 + 3600)
        for k in quote:
            quote[k].append(quote[k][-1] if quote[k] else 1.0)
        adj.append(adj[-1] if adj else 1.0)

    events = {}
    if "split" in words and chosen:
        t = session_open(chosen[-1]["date"])
        events["splits"] = {str(t): {"date": t, "numerator": 2, "denominator": 1, "splitRatio": "2:1"}}

    result = {
        "meta": {"currency": "USD", "symbol": symbol, "exchangeName": "NYQ",
                 "instrumentType": "EQUITY", "gmtoffset": -18000, "timezone": "EST",
                 "exchangeTimezoneName": "America/New_York", "dataGranularity": "1d"},
        "indicators": {"quote": [quote]},
    }
    if "empty" not in words and ts:
        result["timestamp"] = ts
        if "noadj" not in words:
            result["indicators"]["adjclose"] = [{"adjclose": adj}]
    else:
        result["indicators"] = {"quote": [{}]}
    if events:
        result["events"] = events
    if trading_period:
        result["meta"]["currentTradingPeriod"] = trading_period
        result["meta"]["regularMarketTime"] = ts[-1]
    return {"chart": {"result": [result], "error": None}}


def tiingo_answer(bars, words, start, end):
    out = []
    for b in bars:
        if start <= b["date"] <= end and b["close"] is not None:
            out.append({"date": b["date"].isoformat() + "T00:00:00.000Z",
                        "open": b["open"], "high": b["high"], "low": b["low"],
                        "close": b["close"], "volume": b["volume"],
                        "adjClose": b["adjclose"], "adjOpen": b["open"], "adjHigh": b["high"],
                        "adjLow": b["low"], "adjVolume": b["volume"],
                        "divCash": 0.0, "splitFactor": 1.0})
    return out


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "quote-server/1"

    def log_message(self, fmt, *args):
        pass

    def send(self, status, body, content_type="application/json;charset=utf-8", headers=None):
        if isinstance(body, (dict, list)):
            body = json.dumps(body, separators=(",", ":"))
        if isinstance(body, str):
            body = body.encode()
        if "gzip" in (self.headers.get("Accept-Encoding") or "") and len(body) > 200:
            body = gzip.compress(body)
            headers = dict(headers or {}, **{"Content-Encoding": "gzip"})
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def record(self, kind, prefix, symbol, query):
        if log_path is None:
            return
        entry = {"kind": kind, "prefix": prefix, "symbol": symbol,
                 "query": {k: v[0] for k, v in query.items()},
                 "user_agent": self.headers.get("User-Agent"),
                 "accept": self.headers.get("Accept"),
                 "accept_encoding": self.headers.get("Accept-Encoding"),
                 "authorization": self.headers.get("Authorization"),
                 "time": time.time()}
        with log_lock, open(log_path, "a") as f:
            f.write(json.dumps(entry) + "\n")

    def faults(self, prefix, words):
        """Answers a fault; True if one was sent."""
        for w in words:
            if w.startswith("slow"):
                time.sleep(float(w[4:] or "5"))
        if "429" in words and count(prefix, "429") == 1:
            self.send(429, "Too Many Requests\r\n", "text/plain")
            return True
        if "429ra" in words and count(prefix, "429ra") == 1:
            self.send(429, "Too Many Requests\r\n", "text/plain", {"Retry-After": "1"})
            return True
        if "429always" in words:
            self.send(429, "Too Many Requests\r\n", "text/plain")
            return True
        if "500x2" in words and count(prefix, "500x2") <= 2:
            self.send(500, "Internal Server Error", "text/plain")
            return True
        if "500always" in words:
            self.send(503, "Service Unavailable", "text/plain")
            return True
        if "html" in words:
            self.send(200, "<!DOCTYPE html><html><head><title>Yahoo</title></head>"
                      "<body><p>Will be right back…</p></body></html>", "text/html;charset=utf-8")
            return True
        return False

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        path = urllib.parse.unquote(url.path)
        query = urllib.parse.parse_qs(url.query)

        m = CHART_RE.match(path)
        if m:
            return self.chart(m.group("prefix"), m.group("symbol"), query)
        m = TIINGO_RE.match(path)
        if m:
            return self.tiingo(m.group("prefix"), m.group("symbol"), query)
        self.send(404, {"error": "no such path"})

    def corpus(self, name):
        """Sends a captured answer of the corpus as it is."""
        if corpus_dir is None or not re.fullmatch(r"[A-Za-z0-9^._-]+", name):
            return self.send(404, {"error": "no corpus"})
        for ext, ctype in ((".json", "application/json;charset=utf-8"),
                           (".html", "text/html;charset=utf-8"),
                           (".txt", "text/plain;charset=utf-8")):
            path = os.path.join(corpus_dir, name + ext)
            if os.path.isfile(path):
                break
        else:
            return self.send(404, {"error": "no such fixture: " + name})
        m = re.search(r"-(\d{3})$", name)
        with open(path, "rb") as f:
            self.send(int(m.group(1)) if m else 200, f.read(), ctype)

    def chart(self, prefix, symbol, query):
        words = [w for w in prefix.split("/") if w]
        self.record("chart", prefix, symbol, query)
        if self.faults(prefix, words):
            return
        for w in words:
            if w.startswith("fx-"):
                return self.corpus(w[3:])
        bars = load_bars(symbol)
        if "404" in words or bars is None:
            return self.send(404, yahoo_error("Not Found", "No data found, symbol may be delisted"))
        try:
            period1 = int(query["period1"][0])
            period2 = int(query["period2"][0])
        except (KeyError, ValueError):
            return self.send(400, yahoo_error("Bad Request", "Invalid input - missing period1/period2"))
        if "400" in words:
            return self.send(400, yahoo_error(
                "Bad Request", f"Data doesn't exist for startDate = {period1}, endDate = {period2}"))
        body = json.dumps(chart_answer(symbol, bars, words, period1, period2), separators=(",", ":"))
        if "truncated" in words:
            body = body[: len(body) // 2]
        self.send(200, body)

    def tiingo(self, prefix, symbol, query):
        words = [w for w in prefix.split("/") if w]
        self.record("tiingo", prefix, symbol, query)
        if self.faults(prefix, words):
            return
        if self.headers.get("Authorization") != "Token " + TIINGO_TOKEN:
            return self.send(401, {"detail": "Invalid token."})
        bars = load_bars(symbol)
        if bars is None:
            return self.send(404, {"detail": f"Error: Ticker '{symbol}' not found"})
        try:
            start = dt.date.fromisoformat(query["startDate"][0])
            end = dt.date.fromisoformat(query.get("endDate", ["2100-01-01"])[0])
        except (KeyError, ValueError):
            return self.send(400, {"detail": "Error: bad dates"})
        self.send(200, tiingo_answer(bars, words, start, end))


def main():
    global log_path
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", action="append", default=[], help="folder with TICKER.csv files")
    parser.add_argument("--corpus", help="folder of captured chart answers (fx-NAME)")
    parser.add_argument("--log", help="append one JSON line per request to this file")
    parser.add_argument("--timeout", type=float, default=120, help="exit after this many seconds")
    args = parser.parse_args()
    global corpus_dir
    data_dirs.extend(args.data)
    corpus_dir = args.corpus
    log_path = args.log

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)

    parent = os.getppid()
    deadline = time.monotonic() + args.timeout

    def watchdog():
        while time.monotonic() < deadline and os.getppid() == parent:
            time.sleep(0.2)
        os._exit(0)

    threading.Thread(target=watchdog, daemon=True).start()
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
