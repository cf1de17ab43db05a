#!/usr/bin/env bash
# Stops what deploy/run.sh started: the services (second instances too), then the Kafka broker and Keycloak.
set -euo pipefail
source "$(cd "$(dirname "$0")" && pwd)/services.sh"
for pidfile in "$work"/pids/*.pid; do
  [ -e "$pidfile" ] || continue
  name=$(basename "$pidfile" .pid)
  stop_service "$name" &
done
wait
"$here/kafka.sh" stop &
"$here/keycloak.sh" stop &
wait
