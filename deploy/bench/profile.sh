#!/usr/bin/env bash
# CPU profile of one training run, summarised as shares of the training loop.
#   deploy/bench/profile.sh <config.yaml> [--out DIR] [--set path=value]...
# Fetches async-profiler 3.0 from Maven Central (tools.profiler:async-profiler) on first use, runs
# `deploy/troupe train` under it (1 ms CPU samples) and writes DIR/prof.collapsed (collapsed
# stacks, for flame graph tools) and DIR/shares.txt, which it also prints. DIR: out/profile.
# Linux x86-64 only (the profiler's native agent). Exit codes: 0, 2 bad arguments, 1 failures.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VERSION=3.0

[ $# -ge 1 ] && [ -f "$1" ] || { echo "profile: first argument: expected a config file, got '${1:-}'" >&2; exit 2; }
CONFIG="$1"; shift
OUT="out/profile"
ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --out) [ $# -ge 2 ] || { echo "profile: --out: expected a directory" >&2; exit 2; }; OUT="$2"; shift 2 ;;
    *) ARGS+=("$1"); shift ;;
  esac
done
[ "$(uname -s)-$(uname -m)" = Linux-x86_64 ] || { echo "profile: async-profiler's agent here is for Linux x86-64 only" >&2; exit 2; }
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"

AGENT_DIR="$ROOT/run/async-profiler-$VERSION"
AGENT="$AGENT_DIR/linux-x64/libasyncProfiler.so"
if [ ! -f "$AGENT" ]; then
  mkdir -p "$AGENT_DIR"
  mvn -q dependency:copy -Dartifact="tools.profiler:async-profiler:$VERSION" -DoutputDirectory="$AGENT_DIR" >&2
  (cd "$AGENT_DIR" && unzip -q -o "async-profiler-$VERSION.jar" linux-x64/libasyncProfiler.so)
fi

TROUPE_JAVA_OPTS="${TROUPE_JAVA_OPTS:-} -agentpath:$AGENT=start,event=cpu,interval=1ms,file=$OUT/prof.collapsed,collapsed" \
  "$ROOT/deploy/troupe" train "$CONFIG" --out "$OUT/run" "${ARGS[@]}" >"$OUT/train.log" 2>&1 \
  || { echo "profile: the training run failed; see $OUT/train.log" >&2; exit 1; }

python3 - "$OUT/prof.collapsed" <<'EOF' | tee "$OUT/shares.txt"
import collections, sys
# Inclusive shares of the training loop: a stack counts for a part when the part's frame is on it
# ("A>B": B on the stack above A).
PARTS = [
    ("training loop", "TrainingSession.trainEpoch"),
    ("  fit (forward, backprop, update)", "MultiLayerNetwork.fit"),
    ("    forward pass", "MultiLayerNetwork.ffToLayerActivationsInWs"),
    ("    backprop", "MultiLayerNetwork.calcBackpropGradients"),
    ("      pre-activation computed again in backprop", "BaseLayer.backpropGradient>BaseLayer.preOutputWithPreNorm"),
    ("    updater (e.g. Adam)", "UpdaterBlock.updateExternalGradient"),
    ("  batch assembly", "ReusedBatches.batch"),
    ("  all GEMMs", "gemm"),
    ("  native shape buffers made per op", "createShapeInfo"),
]
counts = collections.Counter()
total = 0
for line in open(sys.argv[1]):
    stack, n = line.rsplit(" ", 1)
    n = int(n)
    total += n
    for _, frame in PARTS:
        outer, _, inner = frame.rpartition(">")
        at = stack.find(outer) if outer else 0
        if at >= 0 and stack.find(inner, at) >= 0:
            counts[frame] += n
loop = counts["TrainingSession.trainEpoch"] or 1
print(f"{total} samples; the training loop is {100 * loop / max(total, 1):.0f}% of them")
for name, frame in PARTS:
    print(f"{100 * counts[frame] / loop:5.1f}%  {name}  ({frame})")
EOF
echo "profile: $OUT/prof.collapsed, $OUT/shares.txt"
