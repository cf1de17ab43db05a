#!/usr/bin/env bash
# Runs the whole system locally: databases, a Kafka broker, the four services (built if needed),
# demo data (two partners with a few customers each). Prints the addresses and demo tokens.
# deploy/stop.sh stops everything this started.
set -euo pipefail
source "$(cd "$(dirname "$0")" && pwd)/services.sh"
began=$SECONDS

"$here/databases.sh"
"$here/kafka.sh" start

# Build when a jar is missing or older than its module's sources.
stale=no
for entry in $SERVICES; do
  jar="$root/${entry%%:*}/target/quarkus-app/quarkus-run.jar"
  if [ ! -f "$jar" ] || [ -n "$(find "$root/${entry%%:*}/src" "$root/${entry%%:*}/pom.xml" "$root/pom.xml" -newer "$jar" -print -quit)" ]; then stale=yes; fi
done
if [ "$stale" = yes ]; then
  echo "building the services..."
  (cd "$root" && ./mvnw -B -q package -DskipTests)
fi

for entry in $SERVICES; do start_service "${entry%%:*}" "${entry##*:}"; done
for entry in $SERVICES; do
  t=$SECONDS
  wait_healthy "${entry%%:*}" "${entry##*:}"
  echo "${entry%%:*}: healthy on http://127.0.0.1:${entry##*:} (waited $((SECONDS - t)) s)"
done

"$here/demo-data.sh"

cat <<INFO

The system is up ($((SECONDS - began)) s). Consoles (OpenAPI + Swagger UI, no token needed to open them):
  customer-service      http://127.0.0.1:8081/q/swagger-ui
  subscription-service  http://127.0.0.1:8082/q/swagger-ui
  credits-service       http://127.0.0.1:8083/q/swagger-ui
  billing-service       http://127.0.0.1:8084/q/swagger-ui
Tokens (valid 8 h; make more with deploy/token.sh):
  partner Acme:    $("$here/token.sh" partner acme | tail -1)
  partner Globex:  $("$here/token.sh" partner globex | tail -1)
  ops:             $("$here/token.sh" ops | tail -1)
Try: curl -H "Authorization: Bearer \$(deploy/token.sh partner acme | tail -1)" http://127.0.0.1:8081/api/customers
Logs: $work/logs/   Stop: deploy/stop.sh
INFO
