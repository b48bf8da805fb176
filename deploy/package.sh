#!/usr/bin/env bash
# Lays out a built twice under DEST (default /opt/twice): DEST/twice, the launcher, and DEST/lib,
# every jar it runs with. Build first: `mvn -B -DskipTests package` (add -Pcuda for GPU hosts).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="${1:-/opt/twice}"
classpath_file="$root/scheduler/target/classpath.txt"
jars=("$root"/scheduler/target/twice-scheduler-*.jar)

if [ ! -f "$classpath_file" ] || [ ! -f "${jars[0]}" ]; then
  echo "package.sh: no build in $root/scheduler/target; run mvn -B -DskipTests package first" >&2
  exit 1
fi

mkdir -p "$dest/lib"
rm -f "$dest"/lib/*.jar
cp "${jars[@]}" "$dest/lib/"
tr ":" "\n" <"$classpath_file" | while IFS= read -r jar || [ -n "$jar" ]; do
  [ -n "$jar" ] && cp "$jar" "$dest/lib/"
done
install -m 0755 "$root/deploy/bin/twice" "$dest/twice"
echo "package.sh: twice installed in $dest ($(ls "$dest/lib" | wc -l) jars)"
