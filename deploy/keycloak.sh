#!/usr/bin/env bash
# Keycloak, the identity provider of the running system, from its distribution on Maven Central.
#   deploy/keycloak.sh start | stop | status
#   deploy/keycloak.sh desk-client <customer uuid>   registers the Desk app of one customer: prints its client id and secret
#   deploy/keycloak.sh token ops | partner acme|globex|<partner uuid> | desk <customer uuid>
#                                                   an access token from Keycloak, alone on the last line (for tests
#                                                   and an operator's shell: partner and ops tokens come through a
#                                                   password-grant client that only this command creates)
# start imports deploy/keycloak/imcredits-realm.json into an empty realm and leaves an existing realm alone; its
# data lives in the PostgreSQL database "keycloak".
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
work="$here/.work/keycloak"
version=26.4.0
home="$work/keycloak-$version"
pidfile="$work/keycloak.pid"
port=${KEYCLOAK_PORT:-8180}
url="http://127.0.0.1:$port"
realm=imcredits
realm_url="$url/realms/$realm"
admin_user=admin admin_password=admin # the bootstrap admin of a local demo, never of a real deployment
mkdir -p "$work"

install() {
  [ -x "$home/bin/kc.sh" ] && return
  echo "keycloak: fetching keycloak-quarkus-dist $version from Maven Central..."
  "$root/mvnw" -B -q -N -f "$root/pom.xml" dependency:copy \
    -Dartifact="org.keycloak:keycloak-quarkus-dist:$version:zip" -DoutputDirectory="$work"
  # the JDK's jar tool unpacks it wherever Java runs (it drops the execute bits: put back on the scripts)
  (cd "$work" && jar xf "keycloak-quarkus-dist-$version.zip" && rm "keycloak-quarkus-dist-$version.zip")
  chmod +x "$home"/bin/*.sh
}

running_pid() {
  [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null && cat "$pidfile"
}

ready() { curl -sf -o /dev/null "$realm_url/.well-known/openid-configuration"; }

start() {
  if running_pid >/dev/null; then echo "keycloak: already running (pid $(cat "$pidfile"))"; return; fi
  if ready; then echo "keycloak: one started elsewhere already answers on $url"; return; fi
  install
  mkdir -p "$home/data/import"
  cp "$here/keycloak/imcredits-realm.json" "$home/data/import/"
  local began=$SECONDS
  # start-dev: plain HTTP on loopback. The hostname is fixed so that every token names the same issuer,
  # whether it was asked for at 127.0.0.1 or at localhost.
  KC_BOOTSTRAP_ADMIN_USERNAME=$admin_user KC_BOOTSTRAP_ADMIN_PASSWORD=$admin_password \
    JAVA_OPTS_KC_HEAP="${KEYCLOAK_HEAP:--Xms64m -Xmx384m}" \
    KC_DB=postgres KC_DB_URL_HOST=${DB_HOST:-127.0.0.1} KC_DB_URL_PORT=${DB_PORT:-5432} KC_DB_URL_DATABASE=keycloak \
    KC_DB_USERNAME=${DB_USER:-postgres} KC_DB_PASSWORD=${DB_PASSWORD:-postgres} \
    setsid nohup "$home/bin/kc.sh" start-dev --http-host 127.0.0.1 --http-port "$port" --hostname "$url" \
    --import-realm >"$work/keycloak.log" 2>&1 &
  echo $! >"$pidfile"
  for _ in $(seq 1 240); do
    if ready; then echo "keycloak: ready on $url in $((SECONDS - began)) s (pid $(cat "$pidfile"))"; return; fi
    kill -0 "$(cat "$pidfile")" 2>/dev/null || { echo "keycloak: exited, see $work/keycloak.log" >&2; tail -20 "$work/keycloak.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "keycloak: not ready after 120 s, see $work/keycloak.log" >&2; exit 1
}

stop() {
  local pid
  if ! pid=$(running_pid); then echo "keycloak: not running"; rm -f "$pidfile"; return; fi
  # kc.sh runs java as a child: stop the whole process group's java, then the script
  pkill -TERM -P "$pid" 2>/dev/null || true
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || { rm -f "$pidfile"; echo "keycloak: stopped"; return; }; sleep 0.5; done
  pkill -KILL -P "$pid" 2>/dev/null || true; kill -9 "$pid" 2>/dev/null || true; rm -f "$pidfile"; echo "keycloak: killed"
}

# --- the admin REST API, for what the realm file cannot know in advance (Desk clients, test partners) ---

json_field() { grep -o "\"$1\":\"[^\"]*\"" | head -1 | cut -d'"' -f4; } # the first one: ids of nested objects follow

admin_token() {
  curl -sf -d grant_type=password -d client_id=admin-cli -d username=$admin_user -d password=$admin_password \
    "$url/realms/master/protocol/openid-connect/token" | json_field access_token
}

api() { # method path [json body]: the response body; fails on an HTTP error other than 409 (already there)
  local out status
  out=$(mktemp)
  status=$(curl -s -o "$out" -w '%{http_code}' -X "$1" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
    ${3:+--data "$3"} "$url/admin/realms/$realm$2")
  cat "$out"; rm -f "$out"
  [[ $status == 2* || $status == 409 ]] || { echo "keycloak: $1 $2 answered $status" >&2; return 1; }
}

id_of() { # path of a search that returns one object: its id
  api GET "$1" | json_field id
}

# What the services read from every token of this realm: the audience, and the role as "groups" (the realm's
# clients carry the same mappers, see deploy/keycloak/imcredits-realm.json).
AUDIENCE='{"name":"audience","protocol":"openid-connect","protocolMapper":"oidc-audience-mapper","config":{"included.custom.audience":"imcredits-api","access.token.claim":"true","id.token.claim":"false"}}'
ROLES='{"name":"groups","protocol":"openid-connect","protocolMapper":"oidc-usermodel-realm-role-mapper","config":{"claim.name":"groups","multivalued":"true","jsonType.label":"String","access.token.claim":"true","id.token.claim":"false"}}'

# The Desk app of one customer is a confidential client of its own, desk-<customer uuid>, that gets its tokens with
# the client-credentials grant. Hard-coded claims name the role and the customer: the customer is a property of
# the installation, not of whoever asks, and revoking one customer's Desk is disabling one client.
desk_client() {
  local customer=$1 secret_file="$work/desk/$1.secret" secret status
  [[ $customer =~ ^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$ ]] || { echo "not a customer uuid: $customer" >&2; exit 2; }
  if [ -s "$secret_file" ]; then echo "desk-$customer $(cat "$secret_file")"; return; fi
  ADMIN=$(admin_token)
  secret=$(openssl rand -hex 24)
  api POST /clients "{\"clientId\":\"desk-$customer\",\"name\":\"Desk of customer $customer\",\"publicClient\":false,
    \"secret\":\"$secret\",\"serviceAccountsEnabled\":true,\"standardFlowEnabled\":false,\"directAccessGrantsEnabled\":false,
    \"protocolMappers\":[$AUDIENCE,$(hardcoded groups '[\"desk\"]' JSON),$(hardcoded customer_id "$customer" String)]}" >/dev/null
  # already registered (409): keep its secret
  secret=$(api GET "/clients/$(id_of "/clients?clientId=desk-$customer")/client-secret" | json_field value)
  mkdir -p "$work/desk" && (umask 077 && echo "$secret" >"$secret_file")
  echo "desk-$customer $secret"
}

hardcoded() { # claim, value (JSON-escaped), type
  echo "{\"name\":\"$1\",\"protocol\":\"openid-connect\",\"protocolMapper\":\"oidc-hardcoded-claim-mapper\",
    \"config\":{\"claim.name\":\"$1\",\"claim.value\":\"$2\",\"jsonType.label\":\"$3\",\"access.token.claim\":\"true\"}}"
}

# For tests and an operator's shell only: a client allowed the password grant, which the realm file leaves out.
TESTS_CLIENT=imcredits-tests
tests_client() {
  [ -f "$work/tests-client" ] && return
  ADMIN=$(admin_token)
  api POST /clients "{\"clientId\":\"$TESTS_CLIENT\",\"publicClient\":true,\"standardFlowEnabled\":false,
    \"directAccessGrantsEnabled\":true,\"attributes\":{\"access.token.lifespan\":\"900\"},\"protocolMappers\":[$AUDIENCE,$ROLES,
    {\"name\":\"partner_id\",\"protocol\":\"openid-connect\",\"protocolMapper\":\"oidc-usermodel-attribute-mapper\",
    \"config\":{\"user.attribute\":\"partner_id\",\"claim.name\":\"partner_id\",\"jsonType.label\":\"String\",\"access.token.claim\":\"true\"}}]}" >/dev/null
  touch "$work/tests-client"
}

# A partner made by a test: a group /partners/<uuid> carrying partner_id and the partner role, and one user in it.
partner_user() {
  local partner=$1 group user
  [ -f "$work/partners/$partner" ] && return
  ADMIN=$(admin_token)
  local parent
  parent=$(api GET "/groups?search=partners&exact=true" | json_field id)
  api POST "/groups/$parent/children" "{\"name\":\"$partner\",\"attributes\":{\"partner_id\":[\"$partner\"]}}" >/dev/null
  group=$(api GET "/groups/$parent/children?search=$partner&exact=true" | json_field id)
  api POST "/groups/$group/role-mappings/realm" "[$(api GET /roles/partner)]" >/dev/null
  api POST /users "{\"username\":\"partner-$partner\",\"enabled\":true,\"emailVerified\":true,\"email\":\"$partner@partners.example\",
    \"firstName\":\"Test\",\"lastName\":\"Partner\",\"credentials\":[{\"type\":\"password\",\"value\":\"$partner\",\"temporary\":false}]}" >/dev/null
  user=$(api GET "/users?username=partner-$partner&exact=true" | json_field id)
  api PUT "/users/$user/groups/$group" >/dev/null
  mkdir -p "$work/partners" && touch "$work/partners/$partner"
}

password_token() { # username password
  tests_client
  curl -sf -d grant_type=password -d client_id=$TESTS_CLIENT -d scope=openid --data-urlencode "username=$1" \
    --data-urlencode "password=$2" "$realm_url/protocol/openid-connect/token" | json_field access_token
}

token() {
  case "${1:-}" in
    ops) password_token ops ops-demo ;;
    partner)
      case "${2:-acme}" in
        acme) password_token acme acme-demo ;;
        globex) password_token globex globex-demo ;;
        *) partner_user "$2"; password_token "partner-$2" "$2" ;;
      esac ;;
    desk)
      local client
      read -r client secret < <(desk_client "${2:?usage: $0 token desk <customer uuid>}")
      curl -sf -d grant_type=client_credentials -d client_id="$client" --data-urlencode "client_secret=$secret" \
        "$realm_url/protocol/openid-connect/token" | json_field access_token ;;
    *) sed -n '2,8p' "$0" >&2; exit 2 ;;
  esac
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if running_pid >/dev/null && ready; then echo "keycloak: running on $url"; else echo "keycloak: not running"; exit 1; fi ;;
  desk-client) desk_client "${2:?usage: $0 desk-client <customer uuid>}" ;;
  token) shift; token "$@" ;;
  *) sed -n '2,10p' "$0" >&2; exit 2 ;;
esac
