#!/usr/bin/env bash
# Stops what deploy/run.sh started: the four services, then the Kafka broker and Keycloak.
set -euo pipefail
source "$(cd "$(dirname "$0")" && pwd)/services.sh"
for entry in $SERVICES; do stop_service "${entry%%:*}" & done
wait
"$here/kafka.sh" stop &
"$here/keycloak.sh" stop &
wait
