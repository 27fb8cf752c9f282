#!/usr/bin/env python3
# sync-bench.py — throughput and latency of stockcast-sync-server PUTs
#
# Copyright 2026 The Stockcast authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Starts a real server on 127.0.0.1 (SQLite in a temp folder, and/or
# PostgreSQL in a throwaway cluster made with initdb/pg_ctl), signs in
# CLIENTS users, then CLIENTS threads upload TOTAL results between them,
# each over its own keep-alive connection, and prints PUT/s and latency
# percentiles. Exits 1 if any request failed.
#
#   tests/bench/sync-bench.py --server-bin build/src/server/stockcast-sync-server

import argparse
import glob
import http.client
import json
import os
import pwd
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid


def start_server(binary, database):
    proc = subprocess.Popen([binary, "--listen", "127.0.0.1:0", "--database", database],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline()
    if "127.0.0.1:" not in line:
        proc.kill()
        raise SystemExit(f"the server did not start: {line!r}")
    port = int(line.split("127.0.0.1:")[1].split("/")[0])
    return proc, port


class Postgres:
    """A private cluster on a unix socket in a temp folder."""

    def __init__(self):
        bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if not bins:
            raise RuntimeError("PostgreSQL (initdb) is not installed")
        self.bindir = os.path.dirname(bins[-1])
        self.dir = tempfile.mkdtemp(prefix="stockcast-bench-pg-")
        self.data = os.path.join(self.dir, "data")
        self.port = random.randint(20000, 60000)
        self.prefix = []
        if os.geteuid() == 0:
            pw = pwd.getpwnam("postgres")
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
            self.prefix = ["runuser", "-u", "postgres", "--"]
        os.chmod(self.dir, 0o755)
        self.run("initdb", "-D", self.data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8")
        # Durable settings (the defaults), unlike the test suite's cluster.
        options = f"-c listen_addresses='' -c unix_socket_directories='{self.dir}' -p {self.port}"
        self.run("pg_ctl", "-D", self.data, "-o", options, "-l", os.path.join(self.dir, "log"), "-w", "start")
        self.run("createdb", "-h", self.dir, "-p", str(self.port), "-U", "postgres", "bench")
        self.uri = f"postgresql://postgres@/bench?host={self.dir}&port={self.port}"

    def run(self, program, *args):
        subprocess.run(self.prefix + [os.path.join(self.bindir, program), *args], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=self.dir)

    def stop(self):
        try:
            self.run("pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


def request(conn, method, path, body=None, token=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    return response.status, response.read()


def result_body(rid, i):
    return json.dumps({
        "uuid": rid, "ticker": "MSFT", "created_at": "2026-11-24T10:00:00Z",
        "model": "linear-regression", "as_of": "2020-12-11", "last_close": 213.26 + i,
        "forecasts": [
            {"horizon": 10, "date": "2020-12-28", "price": 215.7, "low": 205.1, "high": 226.0, "actual": None},
            {"horizon": 60, "date": "2021-03-10", "price": 220.5, "low": 200.0, "high": 240.0, "actual": None},
            {"horizon": 365, "date": "2022-05-24", "price": 250.0, "low": 190.0, "high": 300.0, "actual": None},
        ]})


def bench(ports, clients, total, same_user):
    tokens = []
    port = ports[0]
    setup = http.client.HTTPConnection("127.0.0.1", port)
    for c in range(1 if same_user else clients):
        name = f"bench{c}"
        status, _ = request(setup, "POST", "/api/v1/accounts",
                            json.dumps({"username": name, "email": f"{name}@example.org",
                                        "password": "benchmark password"}))
        assert status == 201, status
        status, body = request(setup, "POST", "/api/v1/sessions",
                               json.dumps({"username": name, "password": "benchmark password"}))
        assert status == 201, status
        tokens.append(json.loads(body)["token"])
    setup.close()

    per_client = [total // clients + (1 if c < total % clients else 0) for c in range(clients)]
    bodies = [[(rid, result_body(rid, i)) for i, rid in
               ((i, str(uuid.uuid4())) for i in range(n))] for n in per_client]
    latencies = [[] for _ in range(clients)]
    errors = [0] * clients
    start_gate = threading.Barrier(clients + 1)

    def worker(c):
        port = ports[c % len(ports)]   # clients spread over the server processes
        conn = http.client.HTTPConnection("127.0.0.1", port)
        token = tokens[0 if same_user else c]
        start_gate.wait()
        for rid, body in bodies[c]:
            t0 = time.perf_counter()
            try:
                status, _ = request(conn, "PUT", f"/api/v1/results/{rid}", body, token)
            except Exception:
                status = 0
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port)
            latencies[c].append(time.perf_counter() - t0)
            if status != 201:
                errors[c] += 1
        conn.close()

    threads = [threading.Thread(target=worker, args=(c,)) for c in range(clients)]
    for t in threads:
        t.start()
    start_gate.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0

    all_latencies = sorted(x for lat in latencies for x in lat)

    def pct(p):
        return all_latencies[min(len(all_latencies) - 1, int(p / 100 * len(all_latencies)))] * 1000

    return {
        "puts": len(all_latencies), "errors": sum(errors), "seconds": elapsed,
        "per_second": len(all_latencies) / elapsed,
        "p50": pct(50), "p90": pct(90), "p99": pct(99), "max": all_latencies[-1] * 1000,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--server-bin", default="build/src/server/stockcast-sync-server")
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--results", type=int, default=2000)
    parser.add_argument("--processes", type=int, default=1,
                        help="server processes sharing the database (PostgreSQL only)")
    parser.add_argument("--same-user", action="store_true",
                        help="all clients upload for one user (one user's counter row is the hot spot)")
    args = parser.parse_args()

    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    print(f"{args.clients} clients, {args.results} PUTs, "
          f"{'one user' if args.same_user else 'one user per client'}, {os.cpu_count()} CPUs")
    print("| storage | processes | PUTs | errors | seconds | PUT/s | p50 ms | p90 ms | p99 ms | max ms |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    failed = False
    for backend in backends:
        tmp = tempfile.mkdtemp(prefix="stockcast-bench-")
        pg = None
        try:
            if backend == "sqlite":
                database = os.path.join(tmp, "sync.db")
            else:
                try:
                    pg = Postgres()
                except (RuntimeError, subprocess.CalledProcessError) as error:
                    print(f"| PostgreSQL | skipped: {error} |")
                    continue
                database = pg.uri
            n = args.processes if backend == "postgresql" else 1
            servers = [start_server(args.server_bin, database) for _ in range(n)]
            try:
                r = bench([port for _, port in servers], args.clients, args.results, args.same_user)
            finally:
                for proc, _ in servers:
                    proc.terminate()
                    proc.wait()
            failed |= r["errors"] > 0
            print(f"| {'SQLite' if backend == 'sqlite' else 'PostgreSQL'} | {n} | {r['puts']} | {r['errors']} | "
                  f"{r['seconds']:.2f} | {r['per_second']:.0f} | {r['p50']:.1f} | {r['p90']:.1f} | "
                  f"{r['p99']:.1f} | {r['max']:.1f} |", flush=True)
        finally:
            if pg:
                pg.stop()
            shutil.rmtree(tmp, ignore_errors=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
