#!/usr/bin/env bash
# Starts, stops or kills one service of a system started by deploy/run.sh (used by operators and
# by the end-to-end failure tests).
#   deploy/service.sh start|stop|kill|status NAME      NAME: customer-service, subscription-service, ...
set -euo pipefail
source "$(cd "$(dirname "$0")" && pwd)/services.sh"
action=${1:-} name=${2:-}
port=
for entry in $SERVICES; do [ "${entry%%:*}" != "$name" ] || port=${entry##*:}; done
[ -n "$port" ] || { echo "usage: $0 start|stop|kill|status <service>   (services: $SERVICES)" >&2; exit 2; }
case "$action" in
  start) start_service "$name" "$port"; wait_healthy "$name" "$port"; echo "$name: healthy" ;;
  stop) stop_service "$name" ;;
  kill) stop_service "$name" KILL ;;
  status) if service_pid "$name" >/dev/null; then echo "$name: running"; else echo "$name: not running"; exit 1; fi ;;
  *) echo "usage: $0 start|stop|kill|status <service>" >&2; exit 2 ;;
esac
