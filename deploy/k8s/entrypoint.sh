#!/usr/bin/env bash
# The Troupe image's entrypoint (deploy/k8s/Dockerfile); it runs in front of Spark's own
# (/opt/entrypoint.sh in the apache/spark images):
#   driver ...      Spark on Kubernetes starting the driver: in every argument, @DATE@ becomes
#                   today's date (date +$TROUPE_DATE_FORMAT, default %F, in the container's time
#                   zone: UTC unless TZ is set), so a ScheduledSparkApplication can date each run,
#                   e.g. --set name=nightly-@DATE@. Then Spark's entrypoint starts the driver.
#   troupe <command> <config.yaml> [options]
#                   Troupe on embedded local Spark inside this one container, as deploy/troupe runs
#                   it without --master, e.g. `docker run --rm IMAGE troupe validate
#                   /opt/troupe/conf/examples/synthetic-blobs.yaml`.
#   anything else   (executor, a shell, ...) goes to Spark's entrypoint unchanged.
# Environment: SPARK_ENTRYPOINT (Spark's entrypoint, default /opt/entrypoint.sh), TROUPE_JAR
#   (default <root>/troupe-jobs.jar), TROUPE_SPARK_CLASSPATH (default $SPARK_HOME/jars/*),
#   TROUPE_DATE_FORMAT (%F), TROUPE_JAVA_OPTS and OMP_NUM_THREADS (default 1) as for deploy/troupe.
set -euo pipefail
PROG=entrypoint
# shellcheck source=deploy/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"  # ROOT (the image's /opt/troupe), JAVA, JAVA17_OPENS

SPARK_ENTRYPOINT="${SPARK_ENTRYPOINT:-/opt/entrypoint.sh}"

case "${1:-}" in
  driver)
    stamp="$(date +"${TROUPE_DATE_FORMAT:-%F}")"
    args=()
    for arg in "$@"; do
      args+=("${arg//@DATE@/$stamp}")
    done
    exec "$SPARK_ENTRYPOINT" "${args[@]}"
    ;;
  troupe)
    shift
    level=WARN
    for arg in "$@"; do
      case "$arg" in --verbose|-v) level=INFO ;; esac
    done
    export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
    # shellcheck disable=SC2206
    extra=(${TROUPE_JAVA_OPTS:-})
    exec "$JAVA" "${JAVA17_OPENS[@]}" -Dlog4j2.configurationFile="$ROOT/conf/log4j2.xml" -Dtroupe.log.level="$level" \
      "${extra[@]}" -cp "${TROUPE_JAR:-$ROOT/troupe-jobs.jar}:${TROUPE_SPARK_CLASSPATH:-${SPARK_HOME:-/opt/spark}/jars/*}" \
      io.troupe.jobs.TroupeMain "$@"
    ;;
  *)
    exec "$SPARK_ENTRYPOINT" "$@"
    ;;
esac
