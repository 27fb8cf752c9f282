#!/usr/bin/env python3
# sync-health.py — /health latency of stockcast-sync-server while N clients
# register at once (each registration hashes a password with Argon2id).
#
# Starts a real server on 127.0.0.1 with SQLite in a temp folder (the
# registration limit per address lifted, so every request wants a hash),
# sends N concurrent POST /api/v1/accounts and, meanwhile, GET /api/v1/health
# one after another; prints the slowest and median /health and how the
# registrations were answered (201, or 503 + Retry-After beyond the queue).
#
#   tests/bench/sync-health.py [--server-bin build/src/server/stockcast-sync-server] [--clients 40]
import argparse, json, os, statistics, subprocess, sys, tempfile, threading, time, urllib.error, urllib.request

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--server-bin", default="build/src/server/stockcast-sync-server")
    parser.add_argument("--clients", type=int, default=40)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        server = subprocess.Popen([args.server_bin, "--listen", "127.0.0.1:0", "--database",
                                   os.path.join(tmp, "sync.db"), "--registrations-per-hour", "0"],
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            line = server.stdout.readline()
            base = line.split("listening on ")[1].split()[0].rstrip("/")
            statuses = []
            def register(i):
                body = json.dumps({"username": "user%d" % i, "email": "u%d@example.org" % i,
                                   "password": "correct horse"}).encode()
                request = urllib.request.Request(base + "/api/v1/accounts", data=body, method="POST",
                                                 headers={"Content-Type": "application/json"})
                try:
                    statuses.append(urllib.request.urlopen(request, timeout=120).status)
                except urllib.error.HTTPError as e:
                    statuses.append(e.code)
            threads = [threading.Thread(target=register, args=(i,)) for i in range(args.clients)]
            for t in threads:
                t.start()
            health = []
            while any(t.is_alive() for t in threads):
                start = time.monotonic()
                urllib.request.urlopen(base + "/api/v1/health", timeout=120).read()
                health.append(time.monotonic() - start)
            for t in threads:
                t.join()
        finally:
            server.terminate()
            server.wait()

    counts = {s: statuses.count(s) for s in sorted(set(statuses))}
    print("%d concurrent registrations: %s" % (args.clients, counts))
    print("/health during them: %d requests, median %.1f ms, slowest %.1f ms (load %.1f)"
          % (len(health), statistics.median(health) * 1000, max(health) * 1000, os.getloadavg()[0]))
    return 0

if __name__ == "__main__":
    sys.exit(main())
