#!/usr/bin/env bash
# Trains one of the bench's reference networks as twice does and written in SameDiff, alternated in
# one JVM, and prints images a second for each round as JSON lines (docs/performance.md, Levers).
# Usage: scripts/samediff-comparison.sh mlp256|cnn16|resnet18k16 [ROUNDS] [--threads N]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
threads=2
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) threads="$2"; shift ;;
    *) args+=("$1") ;;
  esac
  shift
done
if [ "${#args[@]}" -lt 1 ] || [ "${#args[@]}" -gt 2 ]; then
  echo "usage: scripts/samediff-comparison.sh mlp256|cnn16|resnet18k16 [ROUNDS] [--threads N]" >&2
  exit 2
fi

# The comparison is a test class of the scheduler module; package compiles it with the rest.
mvn -q -B -Dstyle.color=never -f "$root/pom.xml" -DskipTests package 2>&1 | sed "s/\x1b\[[0-9;]*m//g" >&2
touch "$root/scheduler/target/.built"
classpath="$root/scheduler/target/test-classes:$root/scheduler/target/classes"
classpath="$classpath:$(cat "$root/scheduler/target/classpath.txt")"
export OMP_NUM_THREADS="$threads"
# As the launcher sets it (see ./twice).
if [ -z "${OMP_WAIT_POLICY:-}" ] && [ -z "${GOMP_SPINCOUNT:-}" ]; then
  export GOMP_SPINCOUNT=1000
fi
exec java -Djava.awt.headless=true -cp "$classpath" \
  org.twice.scheduler.bench.SameDiffComparison "${args[@]}"
