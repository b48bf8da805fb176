#!/usr/bin/env bash
# Runs ./twice bench and the PyTorch reference on the same cores, one after the other, and prints
# a Markdown table of both and their ratio. Needs Debian's python3-torch (apt-get install -y
# python3-torch libopenblas0-pthread). Usage: scripts/bench.sh [--quick] [--threads N]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
threads=2
quick=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=(--quick) ;;
    --threads) threads="$2"; shift ;;
    *) echo "bench.sh: unknown option $1 (allowed: --quick, --threads N)" >&2; exit 2 ;;
  esac
  shift
done
peer="${PEER_SCRIPT:-$root/scripts/peer_pytorch.py}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

echo "bench.sh: load before: $(uptime)" >&2
OMP_NUM_THREADS="$threads" "$root/twice" bench "${quick[@]}" > "$out/twice.jsonl"
/usr/bin/python3 "$peer" --threads "$threads" "${quick[@]}" > "$out/peer.jsonl"
echo "bench.sh: load after: $(uptime)" >&2

/usr/bin/python3 - "$out/twice.jsonl" "$out/peer.jsonl" <<'PY'
import json, sys
twice = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
peer = {r["workload"]: r for r in (json.loads(l) for l in open(sys.argv[2]) if l.startswith("{"))}
print("| workload | unit | twice | PyTorch | ratio | twice heap peak MB | twice RSS peak MB |")
print("|---|---|---:|---:|---:|---:|---:|")
for r in twice:
    p = peer.get(r["workload"])
    ratio = "%.2fx" % (r["value"] / p["value"]) if p else "-"
    other = "%.2f" % p["value"] if p else "-"
    print("| %s | %s | %.2f | %s | %s | %.0f | %.0f |" % (
        r["workload"], r["unit"], r["value"], other, ratio, r["heap_peak_mb"], r["rss_peak_mb"]))
PY
