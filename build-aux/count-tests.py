#!/usr/bin/env python3
# count-tests.py — sum meson test results from testlog.json files and print
# one line "N passed, N failed" (skipped counted apart). Exits 1 on a failure.
import json
import sys

passed = failed = skipped = 0
for path in sys.argv[1:]:
    try:
        lines = open(path, encoding="utf-8").read().splitlines()
    except OSError as e:
        print(f"count-tests: cannot read {path}: {e}")
        failed += 1
        continue
    for line in lines:
        if not line.strip():
            continue
        result = json.loads(line).get("result")
        if result in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif result == "SKIP":
            skipped += 1
        else:
            failed += 1

tail = f", {skipped} skipped" if skipped else ""
print(f"{passed} passed, {failed} failed{tail}")
sys.exit(1 if failed else 0)
