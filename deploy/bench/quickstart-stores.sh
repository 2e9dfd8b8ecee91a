#!/usr/bin/env bash
# Acceptance check by hand: the quickstart compare (conf/quickstart.yaml) with --out on local disk,
# on a real HDFS (in-process MiniDFSCluster) and on a real S3 API (S3Proxy on loopback, s3a), and
# whether the three comparison tables are identical. About three quickstart runs of time.
# Usage: deploy/bench/quickstart-stores.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
"$ROOT/deploy/install-data.sh"
cd "$ROOT"
exec mvn -B -q -Dstyle.color=never -pl jobs -am test -Dtest=QuickstartOnEveryStoreBench \
  -Dsurefire.failIfNoSpecifiedTests=false
