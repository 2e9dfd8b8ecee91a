# Shared by deploy/troupe and deploy/cluster (sourced, not run): the project root, the Java 17
# flags Spark needs, and the application jar with Spark's Maven-resolved classpath, built on
# first use or when the sources are newer than the jar (TROUPE_NO_BUILD=1 turns that off).
# The sourcing script sets PROG (its name, for messages) first.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGET="$ROOT/jobs/target"
SPARK_CP_FILE="$TARGET/spark-classpath.txt"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

# Spark needs these on Java 17 (kept in step with the POM and JavaModuleOpens by a test).
JAVA17_OPENS=(
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
)

app_jar() {
  ls "$TARGET"/troupe-jobs-*-app.jar 2>/dev/null | head -n 1
}

needs_build() {
  local jar
  jar="$(app_jar)"
  [ -z "$jar" ] || [ ! -f "$SPARK_CP_FILE" ] && return 0
  # Rebuild when any module's sources or a POM changed after the jar was made.
  [ -n "$(find "$ROOT/pom.xml" "$ROOT"/{worker-model,driver,jobs}/pom.xml "$ROOT"/{worker-model,driver,jobs}/src/main \
      -newer "$jar" -type f -print -quit 2>/dev/null)" ]
}

build() {
  command -v mvn >/dev/null 2>&1 || { echo "$PROG: Maven (mvn) is needed to build the application jar" >&2; exit 1; }
  echo "$PROG: building the application jar (first use or sources changed) ..." >&2
  # Some Maven builds print bare colour resets even in batch mode; keep the terminal clean.
  if ! (cd "$ROOT" && mvn -B -q -Dstyle.color=never -DskipTests -pl jobs -am package 2>&1 | sed 's/\x1b\[0m//g' >&2); then
    echo "$PROG: build failed; run 'mvn -DskipTests package' in $ROOT to see why" >&2
    exit 1
  fi
}

# Builds the jar if needed; afterwards JAR and SPARK_CP_FILE exist or the script has exited.
ensure_built() {
  if [ "${TROUPE_NO_BUILD:-0}" != "1" ] && needs_build; then
    build
  fi
  JAR="$(app_jar)"
  [ -n "$JAR" ] && [ -f "$SPARK_CP_FILE" ] || { echo "$PROG: no application jar in $TARGET (unset TROUPE_NO_BUILD to build it)" >&2; exit 1; }
}

# A file holding a secret must be ours and closed to group and others; prints why not, if not.
unsafe_secret_file() {
  local file="$1" mode
  mode="$(stat -c %a "$file")"
  if [ ! -O "$file" ]; then
    echo "$file is not owned by $(id -un)"
  elif (( 8#$mode & 8#077 )); then
    echo "$file is accessible by group or others (mode $mode); run 'chmod 600 $file' or delete it"
  fi
}
