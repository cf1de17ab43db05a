#!/usr/bin/env bash
# The chaos run, on the system deploy/run.sh started, loopback only: a steady load of purchases (quote + confirm)
# and Desk debits, each client retrying a failed request with the same message id or Idempotency-Key, while one
# step at a time breaks something and puts it back. After each step it prints how long until all four services
# were ready again, how many client requests failed meanwhile (and how many once all were ready: none may), and the
# verdict: every accepted debit in the balance once, every order paid once, no request failed once every service was
# ready again (none at all in a rolling restart), and deploy/reconcile.sh's. The clients send each request to the first
# ready instance of a service, as a load balancer would (bench/Balancer.java). Bounded: one debit customer, one buyer,
# five clients.
#   deploy/chaos.sh            every step (about 10 minutes)
#   deploy/chaos.sh short      kill -9 of billing-service, PostgreSQL restarted, kill -9 of the broker, a rolling
#                              restart (the test command runs this one)
#   deploy/chaos.sh STEP...    the named steps: "kill <service>", postgresql-restart, kafka-kill, rolling-restart
set -euo pipefail
source "$(cd "$(dirname "$0")" && pwd)/services.sh"
bench="$here/bench"

if [ $# -eq 0 ]; then
  steps=()
  for entry in $SERVICES; do steps+=("kill ${entry%%:*}"); done
  steps+=(postgresql-restart kafka-kill rolling-restart)
elif [ "$1" = short ]; then
  steps=("kill billing-service" postgresql-restart kafka-kill rolling-restart)
else
  steps=("$@")
fi
for entry in $SERVICES; do
  curl -sf "http://127.0.0.1:${entry##*:}/q/health/ready" >/dev/null \
    || { echo "${entry%%:*} is not running on ${entry##*:}: start the system with deploy/run.sh first" >&2; exit 1; }
done
(cd "$root" && ./mvnw -B -q -f "$bench/pom.xml" package dependency:build-classpath -Dmdep.outputFile="$bench/target/classpath.txt" -DskipTests)
token() { "$here/keycloak.sh" token "$@" | tail -1; }
java -Xms128m -Xmx256m -cp "$bench/target/classes:$(cat "$bench/target/classpath.txt")" \
  -Dbench.ops-token="$(token ops)" -Dbench.partner-token="$(token partner b0000000-0000-4000-a000-000000000000)" \
  -Dbench.deploy="$here" io.imcredits.bench.Bench chaos "${steps[@]}" | tee "$work/chaos.txt"
! grep -q DIFFERENT "$work/chaos.txt"
