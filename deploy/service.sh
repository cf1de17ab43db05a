#!/usr/bin/env bash
# Starts, stops or kills one service of a system started by deploy/run.sh (used by operators and
# by the end-to-end failure tests).
#   deploy/service.sh start|stop|kill|status NAME [2]   NAME: customer-service, subscription-service, ...
# With 2: the service's second instance, on its port + 10 (customer-service 8091 … billing-service 8094).
set -euo pipefail
source "$(cd "$(dirname "$0")" && pwd)/services.sh"
action=${1:-} name=${2:-}
[ "${3:-1}" = 1 ] || name="$name@$3"
port=$(instance_port "$name") || { echo "usage: $0 start|stop|kill|status <service> [2]   (services: $SERVICES)" >&2; exit 2; }
case "$action" in
  start) start_service "$name" "$port"; wait_healthy "$name" "$port"; echo "$name: healthy on port $port" ;;
  stop) stop_service "$name" ;;
  kill) stop_service "$name" KILL ;;
  status) if service_pid "$name" >/dev/null; then echo "$name: running on port $port"; else echo "$name: not running"; exit 1; fi ;;
  *) echo "usage: $0 start|stop|kill|status <service> [2]" >&2; exit 2 ;;
esac
