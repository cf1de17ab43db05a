#!/usr/bin/env bash
# Runs the whole system locally: databases, a Kafka broker, Keycloak (the identity provider), the four
# services (built if needed), demo data (two partners with a few customers each, and one customer's Desk).
# Prints the addresses, the demo users and how Desk gets a token. deploy/stop.sh stops everything this started.
set -euo pipefail
source "$(cd "$(dirname "$0")" && pwd)/services.sh"
began=$SECONDS

"$here/databases.sh"
# Keycloak takes the longest to start: it starts while Kafka starts and the services build
mkdir -p "$work/logs"
"$here/keycloak.sh" start >"$work/logs/keycloak-start.log" 2>&1 &
keycloak=$!
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

wait "$keycloak" || { cat "$work/logs/keycloak-start.log" >&2; exit 1; }
cat "$work/logs/keycloak-start.log"
for entry in $SERVICES; do start_service "${entry%%:*}" "${entry##*:}"; done
for entry in $SERVICES; do
  t=$SECONDS
  wait_healthy "${entry%%:*}" "${entry##*:}"
  echo "${entry%%:*}: healthy on http://127.0.0.1:${entry##*:} (waited $((SECONDS - t)) s)"
done

"$here/demo-data.sh"
# the Desk of Acme's first customer by name, as a customer's helpdesk would be registered
first=$(curl -sf -H "Authorization: Bearer $("$here/keycloak.sh" token partner acme | tail -1)" \
  "http://127.0.0.1:8081/api/customers?size=1&sort=name")
desk_customer=$(grep -o '"id":"[^"]*"' <<<"$first" | head -1 | cut -d'"' -f4)
desk_company=$(grep -o '"companyName":"[^"]*"' <<<"$first" | head -1 | cut -d'"' -f4)
read -r desk_client desk_secret < <("$here/keycloak.sh" desk-client "$desk_customer")

cat <<INFO

The system is up ($((SECONDS - began)) s).
Partner portal: http://127.0.0.1:8081/portal   (sign in as acme / acme-demo, or globex / globex-demo)
Consoles (OpenAPI + Swagger UI; "Authorize" signs in through Keycloak):
  all four APIs         http://127.0.0.1:8081/q/swagger-ui   (pick the service at the top right)
  customer-service      http://127.0.0.1:8081/q/swagger-ui
  subscription-service  http://127.0.0.1:8082/q/swagger-ui
  credits-service       http://127.0.0.1:8083/q/swagger-ui
  billing-service       http://127.0.0.1:8084/q/swagger-ui
Keycloak: http://127.0.0.1:8180 (realm imcredits; its admin console: admin / admin)
Demo users, for the demo only:
  acme / acme-demo       partner Acme Resellers
  globex / globex-demo   partner Globex Partners
  ops / ops-demo         operations
Desk of $desk_company ($desk_customer), a token from the token endpoint:
  curl -s -d grant_type=client_credentials -d client_id=$desk_client -d client_secret=$desk_secret \\
    http://127.0.0.1:8180/realms/imcredits/protocol/openid-connect/token
Tokens in a shell: deploy/keycloak.sh token partner acme | ops | desk <customer id>   (the token is the last line)
Logs: $work/logs/   Stop: deploy/stop.sh
INFO
