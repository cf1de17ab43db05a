#!/usr/bin/env bash
# Runs the whole test suite against a real PostgreSQL, a real Kafka broker and a real Keycloak:
#   1. every module's tests (./mvnw verify: unit tests and @QuarkusTest against the *_test databases);
#   2. the end-to-end suite (deploy/e2e) against the four services and Keycloak as deploy/run.sh starts them;
#   3. a short chaos run (deploy/chaos.sh short).
# It starts Kafka, Keycloak and the services only if they are not running, and stops what it started.
#   deploy/test.sh                 everything
#   deploy/test.sh e2e             the end-to-end suite only
#   deploy/test.sh <maven args>    the modules only, e.g. deploy/test.sh -pl credits-service
set -euo pipefail
source "$(cd "$(dirname "$0")" && pwd)/services.sh"

started=()
cleanup() {
  local name
  for name in "${started[@]}"; do # the services first: a graceful stop still talks to Kafka
    [[ $name == *-service ]] && stop_service "$name" &
  done
  wait
  for name in "${started[@]}"; do
    [[ $name == *-service ]] || "$here/$name.sh" stop &
  done
  wait
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

"$here/keycloak.sh" status >/dev/null 2>&1 || started=(keycloak "${started[@]}")
for entry in $SERVICES; do
  service_pid "${entry%%:*}" >/dev/null || started=("${entry%%:*}" "${started[@]}")
done
# the browser tests drive Debian's Chromium through its chromedriver
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  echo "installing chromium and chromium-driver (Debian packages) for the browser tests..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi
# the alert rules: valid, and each fires on what it is for (promtool, from Debian's prometheus package)
if ! command -v promtool >/dev/null; then
  echo "installing prometheus (Debian package) for promtool..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null
fi
promtool check rules "$here/prometheus/alerts.yml"
promtool test rules "$here/prometheus/alerts.test.yml"
mkdir -p "$work/logs"
"$here/run.sh" >"$work/logs/test-run.log" 2>&1 || { cat "$work/logs/test-run.log"; exit 1; }
./mvnw -B -f deploy/e2e/pom.xml verify
# a short chaos run: billing-service and then the broker killed (kill -9) under load, nothing lost or doubled
"$here/chaos.sh" short
