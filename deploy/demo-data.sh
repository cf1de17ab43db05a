#!/usr/bin/env bash
# Loads demo data into a running system: two partners (Acme, Globex) with a few customers each.
# Safe to run again: partners are onboarded idempotently, customers only added to a partner that has none.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
api=${CUSTOMER_API:-http://127.0.0.1:8081}
ops=$("$here/keycloak.sh" token ops | tail -1)
# the partner ids the realm's partner groups carry (deploy/keycloak/imcredits-realm.json)
ACME=8a1c2f4e-0b6d-4c8e-9f3a-1d2e3f4a5b6c
GLOBEX=3f9e8d7c-6b5a-4a3b-8c2d-1e0f9a8b7c6d

call() { # method path token [body]
  curl -sf -X "$1" "$api$2" -H "Authorization: Bearer $3" -H 'Content-Type: application/json' ${4:+-d "$4"}
}

onboard() { # key name country currency customers...
  local key=$1 name=$2 country=$3 currency=$4; shift 4
  local id token
  id=${!key}
  call PUT "/api/partners/$id" "$ops" "{\"name\":\"$name\",\"country\":\"$country\",\"currency\":\"$currency\"}" >/dev/null
  token=$("$here/keycloak.sh" token partner "${key,,}" | tail -1)
  if call GET "/api/customers?size=1" "$token" | grep -q '"total":0'; then
    for customer in "$@"; do call POST /api/customers "$token" "$customer" >/dev/null; done
    echo "demo partner $name: onboarded with $# customers"
  else
    echo "demo partner $name: already has customers"
  fi
}

onboard ACME "Acme Resellers" GB USD \
  '{"companyName":"Zylker Corp","contactName":"Ann Lee","email":"ann@zylker.example","phone":"+44 20 7946 0958","country":"GB","planCode":"STANDARD","agents":5}' \
  '{"companyName":"Initech","contactName":"Bill Lumbergh","email":"bill@initech.example","phone":"+1 415 555 0100","country":"US","planCode":"PROFESSIONAL","agents":12}' \
  '{"companyName":"Umbrella Health","contactName":"Alice Abernathy","email":"alice@umbrella.example","phone":"+91 80 4000 1234","country":"IN","planCode":"STANDARD","agents":3}'
onboard GLOBEX "Globex Partners" DE EUR \
  '{"companyName":"Soylent GmbH","contactName":"Sol Roth","email":"sol@soylent.example","phone":"+49 30 901820","country":"DE","planCode":"ENTERPRISE","agents":40}' \
  '{"companyName":"Hooli Brasil","contactName":"Gavin Belson","email":"gavin@hooli.example","phone":"+55 11 3000 1000","country":"BR","planCode":"STANDARD","agents":8}'
