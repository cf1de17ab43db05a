#!/usr/bin/env bash
# Runs the whole test suite: makes sure the test databases exist, starts Kafka if it is not
# running, runs ./mvnw verify for all modules, and stops the broker again if it started it.
# Extra arguments go to Maven (e.g. deploy/test.sh -pl credits-service).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")

"$here/databases.sh"
if ! "$here/kafka.sh" status >/dev/null 2>&1; then
  "$here/kafka.sh" start
  trap '"$here/kafka.sh" stop' EXIT
fi
cd "$root"
./mvnw -B verify "$@"
