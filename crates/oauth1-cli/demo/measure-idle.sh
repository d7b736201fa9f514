#!/usr/bin/env bash
# Resident memory of `oauth1 serve` before and after N idle connections
# (what an idle connection costs the provider). Raises the open-file limit to N + 1024 for both sides.
#
#   measure-idle.sh OAUTH1_BINARY [N]   (N defaults to 10000)
set -euo pipefail
binary=$1
count=${2:-10000}
ulimit -n $((count + 1024))
out=$(mktemp)
"$binary" serve --port 0 --quiet --max-connections $((count + 100)) --idle-timeout 600 >"$out" 2>/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -f "$out"' EXIT
for _ in $(seq 100); do [ -s "$out" ] && break; sleep 0.1; done
addr=$(head -n 1 "$out" | sed 's#http://##')
rss() { awk '/VmRSS/ {print $2}' /proc/$pid/status; }
before=$(rss)
python3 - "$addr" "$count" "$pid" "$before" <<'PY'
import socket, sys, time, urllib.request
host, port = sys.argv[1].rsplit(":", 1)
count, pid, before = int(sys.argv[2]), sys.argv[3], sys.argv[4]
sockets = []
for _ in range(count):
    s = socket.create_connection((host, int(port)))
    sockets.append(s)
time.sleep(2)
rss = next(l.split()[1] for l in open(f"/proc/{pid}/status") if l.startswith("VmRSS"))
with urllib.request.urlopen(f"http://{host}:{port}/", timeout=10) as r:
    answered = r.status
print(f"oauth1 serve: RSS {before} KiB idle, {rss} KiB with {count} idle connections "
      f"({(int(rss) - int(before)) * 1024 / count:.0f} bytes each); a new request meanwhile answered {answered}")
PY
