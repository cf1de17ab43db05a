#!/usr/bin/env bash
# Mints an RS256 token for local use, signed with a key pair made on first run (never committed).
#   deploy/token.sh partner [acme|globex|<partner uuid>]   a demo partner (default acme)
#   deploy/token.sh desk <customer uuid>                   the Desk app of one customer
#   deploy/token.sh ops                                    operations
# The token alone is printed on the last line. TOKEN_TTL sets its lifetime in seconds (default 8 h).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
keys="$here/.work/keys"
issuer=${JWT_ISSUER:-https://auth.imcredits.local}
ttl=${TOKEN_TTL:-28800}
ACME=8a1c2f4e-0b6d-4c8e-9f3a-1d2e3f4a5b6c
GLOBEX=3f9e8d7c-6b5a-4a3b-8c2d-1e0f9a8b7c6d

ensure_keys() {
  [ -s "$keys/private.pem" ] && return
  mkdir -p "$keys"; chmod 700 "$keys"
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$keys/private.pem" 2>/dev/null
  openssl pkey -in "$keys/private.pem" -pubout -out "$keys/public.pem"
  echo "generated a demo key pair in $keys" >&2
}

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

mint() { # subject, groups, extra claims (JSON fragment, may be empty)
  local now header payload unsigned
  now=$(date +%s)
  header=$(printf '{"alg":"RS256","typ":"JWT","kid":"demo"}' | b64url)
  payload=$(printf '{"iss":"%s","sub":"%s","upn":"%s","groups":["%s"],"iat":%d,"exp":%d,"jti":"%s"%s}' \
    "$issuer" "$1" "$1" "$2" "$now" $((now + ttl)) "$(cat /proc/sys/kernel/random/uuid)" "$3" | b64url)
  unsigned="$header.$payload"
  printf '%s.%s\n' "$unsigned" "$(printf '%s' "$unsigned" | openssl dgst -sha256 -sign "$keys/private.pem" -binary | b64url)"
}

ensure_keys
case "${1:-}" in
  partner)
    case "${2:-acme}" in acme) id=$ACME ;; globex) id=$GLOBEX ;; *) id=$2 ;; esac
    mint "partner-$id" partner ",\"partner_id\":\"$id\"" ;;
  desk)
    [ -n "${2:-}" ] || { echo "usage: $0 desk <customer uuid>" >&2; exit 2; }
    mint "desk-$2" desk ",\"customer_id\":\"$2\"" ;;
  ops) mint ops-console ops "" ;;
  keys) echo "$keys/public.pem" ;;
  *) sed -n '2,7p' "$0" >&2; exit 2 ;;
esac
