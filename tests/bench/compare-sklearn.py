#!/usr/bin/env python3
# compare-sklearn.py — linear-regression forecasts of `stockcast predict`
# against scikit-learn's LinearRegression (seed_pipeline.py --protocol fit-all)
# on every CSV of a folder; prints the largest relative difference.
#
# Usage: tests/bench/compare-sklearn.py [--bin build/src/stockcast] [--data DIR]
#        [--reference seed_pipeline.py] [--years 10]
# Copyright 2026 The Stockcast authors
# SPDX-License-Identifier: GPL-3.0-or-later
import argparse
import glob
import json
import os
import subprocess
import sys

# ../shared beside the checkout
SHARED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared")
ap = argparse.ArgumentParser()
ap.add_argument("--bin", default="build/src/stockcast")
ap.add_argument("--data", default=os.path.join(SHARED, "data", "prices"))
ap.add_argument("--reference", default=os.path.join(SHARED, "reference", "seed_pipeline.py"))
ap.add_argument("--python", default="/usr/bin/python3")
ap.add_argument("--years", default="10")
a = ap.parse_args()

worst = 0.0
for path in sorted(glob.glob(os.path.join(a.data, "*.csv"))):
    ticker = os.path.basename(path)[:-4]
    r = subprocess.run([a.python, a.reference, path, "--protocol", "fit-all",
                        "--models", "linear-regression", "--years", a.years],
                       capture_output=True, text=True)
    if r.returncode != 0:
        print(f"{ticker:6s} the reference cannot read it: {r.stderr.strip().splitlines()[-1]}")
        continue
    ref = json.loads(r.stdout)
    ours = json.loads(subprocess.run([a.bin, "predict", ticker, "--csv", path, "--years", a.years,
                                      "--json"], check=True, capture_output=True, text=True).stdout)
    diffs = []
    for r, f in zip(ref["results"], ours["forecasts"]):
        assert r["horizon"] == f["horizon"]
        d = abs(f["price"] / r["forecast"] - 1)
        diffs.append(d)
        worst = max(worst, d)
    print(f"{ticker:6s} rows {ours['rows']} (reference {ref['rows']})  "
          + "  ".join(f"h={r['horizon']}: {r['forecast']:.6f} vs {f['price']:.6f}"
                      for r, f in zip(ref["results"], ours["forecasts"]))
          + f"  max rel diff {max(diffs):.1e}")
print(f"largest relative difference: {worst:.2e}")
sys.exit(0 if worst <= 1e-6 else 1)
