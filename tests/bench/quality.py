#!/usr/bin/env python3
# quality.py — walk-forward quality of every shipped model over a folder of
# price CSVs: MASE and 80%-interval coverage per horizon, and their medians.
#
# Usage: tests/bench/quality.py [--bin build/src/stockcast] [--data DIR]
#                               [--models linear-regression,mlp,naive] [--years 10]
# Copyright 2026 The Stockcast authors
# SPDX-License-Identifier: GPL-3.0-or-later
import argparse
import glob
import json
import os
import statistics
import subprocess
import sys

# ../shared beside the checkout
SHARED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared")
ap = argparse.ArgumentParser()
ap.add_argument("--bin", default="build/src/stockcast")
ap.add_argument("--data", default=os.path.join(SHARED, "data", "prices"))
ap.add_argument("--models", default=None)
ap.add_argument("--years", default="10")
ap.add_argument("--horizons", default="10,60,365")
a = ap.parse_args()

if a.models is None:
    out = subprocess.run([a.bin, "models", "--json"], check=True, capture_output=True, text=True)
    models = [m["id"] for m in json.loads(out.stdout)["models"]]
else:
    models = a.models.split(",")

files = sorted(glob.glob(os.path.join(a.data, "*.csv")))
horizons = [int(h) for h in a.horizons.split(",")]
rows = []
for model in models:
    per = {h: {"mase": [], "coverage": [], "direction": []} for h in horizons}
    for path in files:
        ticker = os.path.basename(path)[:-4]
        r = subprocess.run([a.bin, "backtest", ticker, "--csv", path, "--model", model,
                            "--years", a.years, "--horizons", a.horizons, "--json"],
                           capture_output=True, text=True)
        if r.returncode != 0:
            print(f"{model} {ticker}: {r.stderr.strip()}", file=sys.stderr)
            continue
        for m in json.loads(r.stdout)["per_horizon"]:
            for k in ("mase", "coverage", "direction"):
                if m[k] is not None:
                    per[m["horizon"]][k].append(m[k])
            print(f"{model:20s} {ticker:6s} h={m['horizon']:3d} MASE {m['mase']:.3f} "
                  f"coverage {m['coverage'] if m['coverage'] is None else round(m['coverage'], 3)} "
                  f"direction {m['direction']:.3f}", file=sys.stderr)
    for h in horizons:
        p = per[h]
        rows.append((model, h, statistics.median(p["mase"]), min(p["mase"]), max(p["mase"]),
                     statistics.median(p["coverage"]), min(p["coverage"]), max(p["coverage"]),
                     statistics.median(p["direction"]), len(p["mase"])))

print("| Model | Horizon | median MASE | MASE range | median coverage | coverage range | median direction | files |")
print("|---|---|---|---|---|---|---|---|")
for r in rows:
    print(f"| {r[0]} | {r[1]} | {r[2]:.3f} | {r[3]:.2f}–{r[4]:.2f} | {100*r[5]:.1f}% | "
          f"{100*r[6]:.0f}–{100*r[7]:.0f}% | {100*r[8]:.1f}% | {r[9]} |")
