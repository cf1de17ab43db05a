#!/usr/bin/env bash
# A real single-node Kafka broker (KRaft) from the Apache Kafka jars on Maven Central.
#   deploy/kafka.sh start | stop | status | kill   (kill: kill -9, as a crash would)
#   deploy/kafka.sh lag            what the services' consumer groups have still to read, per group and topic
#   deploy/kafka.sh dead-letters [SERVICE]   each record of the services' dead-letter topics (<service>.dlq), one
#                                             a line: where it sits (PARTITION:OFFSET), where it came from, why it failed
#   deploy/kafka.sh replay SERVICE PARTITION:OFFSET|all   after a fix, sends dead letters again to the topic they came
#                                             from; the inbox applies each once, however often it is replayed
# start is idempotent: a broker that already answers is left alone.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
work="$here/.work/kafka"
pidfile="$work/kafka.pid"
bootstrap=127.0.0.1:9092
mkdir -p "$work"

mvnw() { "$root/mvnw" -B -q -f "$here/kafka/pom.xml" "$@"; }

# Resolves the broker at the kafka-clients version the Quarkus BOM manages; cached per pom.
classpath() {
  local stamp="$work/classpath.$(sha1sum "$here/kafka/pom.xml" | cut -c1-12)"
  if [ ! -s "$stamp" ]; then
    mvnw dependency:list -DexcludeTransitive=true -DoutputFile="$work/clients.txt" >&2
    local version
    version=$(grep -o 'org.apache.kafka:kafka-clients:jar:[^:]*' "$work/clients.txt" | cut -d: -f4)
    [ -n "$version" ] || { echo "could not read the kafka-clients version from the Quarkus BOM" >&2; exit 1; }
    mvnw dependency:build-classpath -Dkafka.version="$version" -Dmdep.outputFile="$stamp.tmp" >&2
    mv "$stamp.tmp" "$stamp"
  fi
  cat "$stamp"
}

java_kafka() { java -Xms256m -Xmx512m -cp "$(classpath)" "$@"; }

tool() { # main class, arguments: a Kafka command-line tool against the broker
  java_kafka -Dlog4j2.configurationFile="$here/kafka/log4j2.properties" -Dkafka.logs.dir="$work/tools" "$@"
}

# A real protocol round trip. Nothing listening on the port answers "no" at once: the admin client
# would otherwise wait out its 60 s timeout against a dead broker before a start could begin.
answers() {
  (exec 3<>"/dev/tcp/${bootstrap%:*}/${bootstrap##*:}") 2>/dev/null || return 1
  tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$bootstrap" --command-config "$here/kafka/probe.properties" --list >/dev/null 2>&1
}

running_pid() {
  [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null && cat "$pidfile"
}

start() {
  if running_pid >/dev/null; then echo "kafka: already running (pid $(cat "$pidfile"))"; return; fi
  if answers; then echo "kafka: a broker started elsewhere already answers on $bootstrap"; return; fi
  local config="$work/server.properties"
  { cat "$here/kafka/server.properties"; echo "log.dirs=$work/data"; } > "$config"
  if [ ! -f "$work/data/meta.properties" ]; then
    java_kafka kafka.tools.StorageTool format -t "$(java_kafka kafka.tools.StorageTool random-uuid)" \
      -c "$config" --standalone >/dev/null
  fi
  setsid nohup java -Xms256m -Xmx512m -XX:+UseG1GC -Dlog4j2.configurationFile="$here/kafka/log4j2.properties" \
    -Dkafka.logs.dir="$work" -cp "$(classpath)" kafka.Kafka "$config" >"$work/stdout.log" 2>&1 &
  echo $! > "$pidfile"
  for _ in $(seq 1 60); do
    if answers; then echo "kafka: ready on $bootstrap (pid $(cat "$pidfile"))"; return; fi
    kill -0 "$(cat "$pidfile")" 2>/dev/null || { echo "kafka: died, see $work/server.log" >&2; tail -20 "$work/stdout.log" >&2; exit 1; }
    sleep 1
  done
  echo "kafka: not ready after 60 s, see $work/server.log" >&2; exit 1
}

stop() {
  local pid
  if ! pid=$(running_pid); then echo "kafka: not running"; rm -f "$pidfile"; return; fi
  kill "$pid"
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || { rm -f "$pidfile"; echo "kafka: stopped"; return; }; sleep 1; done
  kill -9 "$pid" 2>/dev/null || true; rm -f "$pidfile"; echo "kafka: killed"
}

# What the services' own consumer groups (not the tests' *-test ones) have still to read, a line per
# group and topic with a lag above zero.
lag() {
  local groups
  groups=$(tool org.apache.kafka.tools.consumer.group.ConsumerGroupCommand --bootstrap-server "$bootstrap" \
    --describe --all-groups --timeout 5000 2>/dev/null) || { echo "kafka: no answer from $bootstrap, so what the consumers have still to read is unknown"; return; }
  echo "$groups" | awk '$1 ~ /^(subscription|credits|billing)-service$/ && $6 ~ /^[0-9]+$/ && $6 > 0 { lag[$1 " " $2] += $6 }
    END { for (k in lag) { split(k, g, " "); print g[1] ": " lag[k] " records of " g[2] " not yet read" } }'
}

dead_letters() { # list [SERVICE] | replay SERVICE PARTITION:OFFSET|all
  tool -Dkafka.bootstrap.servers="$bootstrap" "$here/kafka/DeadLetters.java" "$@"
}

case "${1:-}" in
  start) start ;;
  lag) lag ;;
  dead-letters) dead_letters list ${2:+"$2"} ;;
  replay) shift; dead_letters replay "$@" ;;
  stop) stop ;;
  kill) if pid=$(running_pid); then kill -9 "$pid"; echo "kafka: killed (kill -9)"; fi; rm -f "$pidfile" ;;
  status) if running_pid >/dev/null || answers; then echo "kafka: running"; else echo "kafka: not running"; exit 1; fi ;;
  *) echo "usage: $0 start|stop|kill|status|lag|dead-letters [SERVICE]|replay SERVICE PARTITION:OFFSET|all" >&2; exit 2 ;;
esac
