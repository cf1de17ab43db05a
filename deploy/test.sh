#!/usr/bin/env bash
# Runs the whole test suite against a real PostgreSQL and a real Kafka broker:
#   1. every module's tests (./mvnw verify: unit tests and @QuarkusTest against the *_test databases);
#   2. the end-to-end suite (deploy/e2e) against the four services as deploy/run.sh starts them.
# It starts Kafka and the services only if they are not running, and stops what it started.
#   deploy/test.sh                 everything
#   deploy/test.sh e2e             the end-to-end suite only
#   deploy/test.sh <maven args>    the modules only, e.g. deploy/test.sh -pl credits-service
set -euo pipefail
source "$(cd "$(dirname "$0")" && pwd)/services.sh"

started=()
cleanup() {
  for name in "${started[@]}"; do
    [ "$name" = kafka ] || stop_service "$name" &
  done
  wait
  [[ " ${started[*]} " != *" kafka "* ]] || "$here/kafka.sh" stop
}
trap cleanup EXIT

"$here/databases.sh"
if ! "$here/kafka.sh" status >/dev/null 2>&1; then
  "$here/kafka.sh" start
  started=(kafka)
fi
cd "$root"

if [ "${1:-}" != e2e ]; then
  ./mvnw -B verify "$@"
  [ $# -eq 0 ] || exit 0
fi

for entry in $SERVICES; do
  service_pid "${entry%%:*}" >/dev/null || started=("${entry%%:*}" "${started[@]}")
done
mkdir -p "$work/logs"
"$here/run.sh" >"$work/logs/test-run.log" 2>&1 || { cat "$work/logs/test-run.log"; exit 1; }
./mvnw -B -f deploy/e2e/pom.xml verify
