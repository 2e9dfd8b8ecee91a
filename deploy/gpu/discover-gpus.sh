#!/usr/bin/env bash
# Spark GPU discovery script: prints the GPUs this executor (or standalone worker) may use, in the
# resource format Spark expects, e.g.
#   {"name": "gpu", "addresses": ["0","1"]}
# Point spark.executor.resource.gpu.discoveryScript (Kubernetes, YARN) or
# spark.worker.resource.gpu.discoveryScript (standalone workers) at it. Spark hands each task some
# of these addresses, and a trial binds ND4J's CUDA backend to the first one, as a CUDA device ordinal.
#
# Addresses are therefore CUDA ordinals as the executor JVM sees them:
#   - CUDA_VISIBLE_DEVICES unset: every GPU nvidia-smi lists, by its index.
#   - CUDA_VISIBLE_DEVICES=2,3 (indices, GPU-<uuid> or MIG-<uuid>): CUDA renumbers the visible
#     devices 0..n-1, so this prints "0","1" (after checking that GPUs 2 and 3 exist). As CUDA
#     does, an entry that names no GPU hides it and every entry after it (a warning says so).
#   - CUDA_VISIBLE_DEVICES empty or -1: no GPU is visible, which is an error here.
# nvidia-smi itself ignores CUDA_VISIBLE_DEVICES. In a container the NVIDIA runtime shows only the
# GPUs given to it (NVIDIA_VISIBLE_DEVICES), numbered from 0, so nothing needs restricting there.
#
# Exit codes: 0 addresses printed on stdout; 1 nvidia-smi missing or failing, or no GPU visible;
# 2 bad arguments. Errors go to stderr. Uses only bash builtins besides nvidia-smi.
set -euo pipefail
PROG=discover-gpus

case "${1:-}" in
  "") ;;
  -h|--help) echo "usage: discover-gpus.sh   (prints {\"name\": \"gpu\", \"addresses\": [...]}; see the comments in this file)"; exit 0 ;;
  *) echo "$PROG: unexpected argument '$1'; it takes none" >&2; exit 2 ;;
esac

die() {
  echo "$PROG: $1" >&2
  exit 1
}

command -v nvidia-smi >/dev/null 2>&1 \
  || die "nvidia-smi not found on PATH; install the NVIDIA driver (or use an image with the NVIDIA container runtime), or do not request GPUs"

# Runs nvidia-smi --query-gpu=FIELD into QUERY_OUT, one value per line (in this shell, so a
# failure exits the script).
query() {
  local code=0
  QUERY_OUT="$(nvidia-smi --query-gpu="$1" --format=csv,noheader 2>&1)" || code=$?
  (( code == 0 )) || die "nvidia-smi --query-gpu=$1 failed (exit $code): ${QUERY_OUT//$'\n'/ }"
}

trim() {  # prints $1 without leading and trailing white space (nvidia-smi may end lines with \r)
  local s="$1"
  s="${s#"${s%%[![:space:]]*}"}"
  printf '%s' "${s%"${s##*[![:space:]]}"}"
}

query index
INDICES=()
while IFS= read -r line || [ -n "$line" ]; do
  line="$(trim "$line")"
  [ -n "$line" ] || continue
  [[ "$line" =~ ^[0-9]+$ ]] || die "nvidia-smi printed '$line' where a GPU index was expected"
  INDICES+=("$line")
done <<< "$QUERY_OUT"
(( ${#INDICES[@]} > 0 )) || die "nvidia-smi lists no GPUs"

UUIDS=()
has_uuid() {  # whether some GPU's UUID starts with $1 (CUDA accepts unique prefixes)
  local u
  if (( ${#UUIDS[@]} == 0 )); then
    query uuid
    while IFS= read -r u || [ -n "$u" ]; do
      u="$(trim "$u")"
      [ -n "$u" ] && UUIDS+=("$u")
    done <<< "$QUERY_OUT"
  fi
  for u in "${UUIDS[@]}"; do
    [[ "$u" == "$1"* ]] && return 0
  done
  return 1
}

has_index() {
  local i
  for i in "${INDICES[@]}"; do
    (( 10#$i == 10#$1 )) && return 0
  done
  return 1
}

COUNT=${#INDICES[@]}
if [ -n "${CUDA_VISIBLE_DEVICES+set}" ]; then
  COUNT=0
  IFS=',' read -r -a ENTRIES <<< "$CUDA_VISIBLE_DEVICES"
  for entry in "${ENTRIES[@]}"; do
    entry="$(trim "$entry")"
    if [[ "$entry" =~ ^[0-9]+$ ]] && has_index "$entry"; then
      COUNT=$((COUNT + 1))
    elif [[ "$entry" == GPU-?* ]] && has_uuid "$entry"; then
      COUNT=$((COUNT + 1))
    elif [[ "$entry" == MIG-?* ]]; then
      COUNT=$((COUNT + 1))  # a MIG instance is one CUDA device; nvidia-smi's GPU list cannot check it
    else
      [ "$entry" = -1 ] || [ -z "$entry" ] \
        || echo "$PROG: warning: CUDA_VISIBLE_DEVICES entry '$entry' names no GPU (nvidia-smi lists ${INDICES[*]}); CUDA hides it and every entry after it" >&2
      break
    fi
  done
  (( COUNT > 0 )) || die "CUDA_VISIBLE_DEVICES='$CUDA_VISIBLE_DEVICES' leaves no GPU visible"
  INDICES=()
  for ((i = 0; i < COUNT; i++)); do INDICES+=("$i"); done
fi

json='{"name": "gpu", "addresses": ['
sep=""
for i in "${INDICES[@]}"; do
  json+="$sep\"$((10#$i))\""
  sep=","
done
printf '%s]}\n' "$json"
