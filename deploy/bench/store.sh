#!/usr/bin/env bash
# The result store's figures, side by side in one JVM on local disk, a real HDFS (in-process
# MiniDFSCluster) and a real S3 API (S3Proxy on loopback, through s3a): record write latency,
# what append() costs the dispatch loop, dispatch overhead per no-op trial with each result
# recorded on that file system, and the time to open a 10,000-trial run for --resume.
# Usage: deploy/bench/store.sh [JSON_OUT]   (default out/bench/store.json)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${1:-$ROOT/out/bench/store.json}"
mkdir -p "$(dirname "$OUT")"
OUT="$(cd "$(dirname "$OUT")" && pwd)/$(basename "$OUT")"
cd "$ROOT"
exec mvn -B -q -Dstyle.color=never -pl jobs -am test -Dtest=StoreBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtroupe.bench.json="$OUT"
