# Sourced by the deploy scripts: the four services, where they listen, and how to start and stop one.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
work="$here/.work"
SERVICES="customer-service:8081 subscription-service:8082 credits-service:8083 billing-service:8084"
# How start_service runs each service's JVM (and which JIT), unless JAVA_OPTS says otherwise (see there why)
SERVICE_JAVA_OPTS="-XX:+UseSerialGC -Xms64m -Xmx256m -XX:MetaspaceSize=128m -XX:MaxMetaspaceSize=160m -XX:MaxNewSize=24m -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=40 -XX:ReservedCodeCacheSize=64m -Xss512k -XX:TrimNativeHeapInterval=5000"

service_pid() { # prints the pid of a running service
  local pidfile="$work/pids/$1.pid"
  [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null && cat "$pidfile"
}

# A second instance of a service is named NAME@2 and listens 10 ports above the first (8091-8094): it shares the
# first one's database and consumer group (the broker splits the partitions between the two).
instance_port() { # name[@2]: prints its port
  local entry base
  for entry in $SERVICES; do [ "${entry%%:*}" != "${1%@*}" ] || base=${entry##*:}; done
  [ -n "${base:-}" ] || return 1
  if [[ $1 == *@* ]]; then echo $((base + 10 * (${1#*@} - 1))); else echo "$base"; fi
}

start_service() { # name[@2] port
  local name=$1 port=$2
  mkdir -p "$work/pids" "$work/logs"
  if service_pid "$name" >/dev/null; then echo "$name: already running"; return; fi
  # Resident memory (the benchmark prints it): the heap grows from 64 MB only as far as the live set needs, up to
  # 256 MB (credits-service's cache of verified tokens: about 1.4 KB a Desk token, 20,000 at most). Its young
  # generation stops at 24 MB and the old one keeps 20-40 % free after a full collection (the defaults, a third of
  # the heap and 40-70 %, had credits-service at 131 MB of heap for 53 MB live): 45 MB less in credits- and
  # subscription-service under the benchmark, for a young collection every 0.2 s instead of 0.3 (3 ms each). The serial
  # collector has no per-region bookkeeping (G1's cost 45 MB here) and on two cores collects a heap this small in
  # milliseconds; two malloc arenas instead of one per thread, and what the JIT compilers freed given back to the
  # system every 5 s (glibc kept it: subscription-service gave back 52 MB at once after the benchmark). The first
  # collection for class metadata waits until 128 MB of it (the JVM's default, 21 MB, cost every service a full
  # collection of 100-330 ms soon after start or under its first load).
  # Class data sharing: a run without an archive writes one when it stops (the classes it loaded, parsed and
  # verified) and later runs of the same build map it instead of loading them again (credits-service ready in about
  # 3 s instead of 4.5 here). A rebuilt service is newer than its archive and writes a new one. One archive a
  # service (about 100 MB): a second instance maps the first one's and never writes one.
  # The JIT: credits-service answers Desk on every screen and every message and needs C2 (with C1 alone it served 25-47 %
  # fewer debits and reads). The other three serve people and the purchase saga, a few requests a second: C1 alone
  # compiles their code at once, in less code cache and without C2's compiler arenas (in the benchmark
  # subscription-service 273 MB instead of 335, billing 240 instead of 299, customer 208 instead of 234; purchases no slower).
  local jit=-XX:TieredStopAtLevel=1
  [ "${name%@*}" != credits-service ] || jit=
  local jar="$root/${name%@*}/target/quarkus-app/quarkus-run.jar" cds="$work/cds/${name%@*}.jsa" share=-Xshare:auto
  mkdir -p "$work/cds"
  if [ "$cds" -nt "$jar" ]; then share="-XX:SharedArchiveFile=$cds"
  elif [[ $name != *@* ]]; then rm -f "$cds"; share="-XX:ArchiveClassesAtExit=$cds"; fi
  # what class data sharing reports (thousands of lines when an archive is written) goes to a log of its own
  MALLOC_ARENA_MAX=2 setsid nohup java ${JAVA_OPTS:-$SERVICE_JAVA_OPTS $jit} "$share" -Xlog:cds*=off \
    "-Xlog:cds*=warning:file=$work/logs/$name.cds.log::filecount=0" -Dquarkus.http.port="$port" \
    -jar "$jar" >>"$work/logs/$name.log" 2>&1 &
  echo $! >"$work/pids/$name.pid"
}

wait_healthy() { # name port [seconds]
  local name=$1 port=$2 limit=${3:-120} started=$SECONDS
  until curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null; do
    if ! service_pid "$name" >/dev/null; then
      echo "$name: exited; the end of $work/logs/$name.log:" >&2; tail -20 "$work/logs/$name.log" >&2; return 1
    fi
    if [ $((SECONDS - started)) -ge "$limit" ]; then echo "$name: not healthy after $limit s" >&2; return 1; fi
    sleep 0.2
  done
}

stop_service() { # name [signal]
  local name=$1 signal=${2:-TERM} pid
  if ! pid=$(service_pid "$name"); then rm -f "$work/pids/$name.pid"; return; fi
  kill "-$signal" "$pid" 2>/dev/null || true
  # a graceful stop leaves unfinished records uncommitted and waits for the rest (up to 5 s a channel)
  for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$work/pids/$name.pid"
  echo "$name: stopped"
}
