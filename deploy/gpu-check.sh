#!/usr/bin/env bash
# On a GPU host: builds twice with the CUDA backend (-Pcuda), shows which ND4J backend and device
# it loads, times a matrix product on it, then runs the quickstart experiment end to end on an
# embedded PostgreSQL and reports how long it took. Nothing is written outside a temporary
# directory (and ~/.m2 while Maven downloads the CUDA jars, about 600 MB, once).
#
#   deploy/gpu-check.sh [SPEC] [WORKER_SLOTS]     # defaults: examples/quickstart.yaml 1
#   GPU_CHECK_MAVEN_ARGS= deploy/gpu-check.sh      # the same with the CPU build, for comparison
#
# Needs an NVIDIA driver for CUDA 11.6 or later, the CUDA 11.6 runtime libraries (or an image
# such as nvidia/cuda:11.6.2-cudnn8-runtime-ubuntu20.04), a JDK 17+ and Maven.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
spec="${1:-$root/examples/quickstart.yaml}"
slots="${2:-1}"
maven_args="${GPU_CHECK_MAVEN_ARGS--Pcuda}"
work="$(mktemp -d "${TMPDIR:-/tmp}/twice-gpu-check.XXXXXX")"

elapsed() {
  echo $(($(date +%s) - $1))
}

echo "== GPUs"
if command -v nvidia-smi >/dev/null; then
  nvidia-smi --query-gpu=index,name,driver_version,memory.total --format=csv
else
  echo "nvidia-smi not found: is the NVIDIA driver installed?" >&2
fi

echo "== build (${maven_args:-CPU})"
started=$(date +%s)
# The build goes to a copy, so that the CPU build in the checkout stays as it is.
mkdir -p "$work/src"
cp -r "$root"/{pom.xml,migrations,store,worker,scheduler} "$work/src/"
rm -rf "$work"/src/*/target
# shellcheck disable=SC2086
mvn -q -B -f "$work/src/pom.xml" $maven_args -DskipTests package
classpath="$work/src/scheduler/target/twice-scheduler-0.1.0-SNAPSHOT.jar:$(cat "$work/src/scheduler/target/classpath.txt")"
if [[ "$maven_args" == *cuda* ]] && ! grep -q nd4j-cuda <<<"$classpath"; then
  echo "gpu-check: the build has no nd4j-cuda jar; is the cuda profile in pom.xml?" >&2
  exit 1
fi
echo "build seconds=$(elapsed "$started")"

echo "== backend"
cat >"$work/Backend.java" <<'JAVA'
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

public class Backend {
  public static void main(String[] args) {
    System.out.println("backend=" + Nd4j.getBackend().getClass().getSimpleName());
    System.out.println("devices=" + Nd4j.getAffinityManager().getNumberOfDevices());
    System.out.println("environment=" + Nd4j.getExecutioner().getEnvironmentInformation());
    INDArray a = Nd4j.rand(4096, 4096);
    a.mmul(a);
    Nd4j.getExecutioner().commit();
    long start = System.nanoTime();
    for (int i = 0; i < 10; i++) {
      a.mmul(a);
    }
    Nd4j.getExecutioner().commit();
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("mmul 4096x4096 x10 seconds=%.3f gflops=%.0f%n", seconds,
        10 * 2.0 * Math.pow(4096, 3) / seconds / 1e9);
  }
}
JAVA
if ! java -cp "$classpath" "$work/Backend.java"; then
  echo "gpu-check: ND4J's backend did not load; a GPU host needs an NVIDIA driver and the" \
    "CUDA 11.6 runtime (deploy/README.md, section GPU)" >&2
  exit 1
fi

echo "== experiment $(basename "$spec") with $slots worker slot(s)"
started=$(date +%s)
status=0
TWICE_HOME="$work/home" java -cp "$classpath" org.twice.scheduler.cli.Twice \
  run "$spec" --workers "$slots" || status=$?
echo "experiment seconds=$(elapsed "$started") exit=$status"
# Mean time per task kind, from the workers' "task succeeded ... kind=K ... ms=N" lines.
grep "task succeeded" "$work/home/logs/twice.log" |
  sed -E 's/.*kind=([a-z]+).* ms=([0-9]+).*/\1 \2/' |
  awk '{ n[$1]++; ms[$1] += $2 }
       END { for (k in n) printf "kind=%s tasks=%d mean_ms=%.0f\n", k, n[k], ms[k] / n[k] }'
echo "gpu-check: logs and build in $work"
exit "$status"
