#!/usr/bin/env bash
# Apache Kafka 4.x, one KRaft node (broker + controller), from Maven Central jars: no Docker, no tarball.
# usage: deploy/local/kafka/kafka.sh start|stop|status|clean
# env:   KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (KAFKA_PORT+1), KINSHIP_ENGINES_DIR (<repo>/tmp/engines),
#        KAFKA_HEAP_OPTS (-Xms256m -Xmx512m), ENGINE_START_TIMEOUT (180 s)
# Prints the bootstrap servers (127.0.0.1:<port>) on stdout once a metadata request succeeds.
ENGINE=kafka
# shellcheck source=../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

PORT="${KAFKA_PORT:-9092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-$((PORT + 1))}"
POM="$LOCAL_DIR/kafka/pom.xml"
LIB="$ENGINE_DIR/lib"
DATA="$ENGINE_DIR/data"
LOGS="$ENGINE_DIR/logs"
PIDFILE="$ENGINE_DIR/pid"
LOGFILE="$LOGS/kafka.log"
BROKERS="127.0.0.1:$PORT"

# The jars are cached per pom.xml content, so a second start (or a fresh run dir) does not re-resolve.
fetch_jars() {
  local want
  want="$(inputs_hash "$POM")"
  if [ -f "$LIB/.inputs" ] && [ "$(cat "$LIB/.inputs")" = "$want" ]; then
    return 0
  fi
  require_command java "a JDK 17+ runs the broker"
  require_command mvn "Maven fetches the Kafka jars from Maven Central"
  log "fetching Kafka jars from Maven Central into $LIB ..."
  rm -rf "$LIB.partial"
  mkdir -p "$LOGS"
  mvn -q -B -f "$POM" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$LIB.partial" \
    >"$LOGS/maven.log" 2>&1 || { tail -n 40 "$LOGS/maven.log" >&2; die "maven could not fetch the Kafka jars; see $LOGS/maven.log"; }
  echo "$want" >"$LIB.partial/.inputs"
  rm -rf "$LIB"
  mv "$LIB.partial" "$LIB"
}

kafka_version() {
  local jar
  jar="$(ls "$LIB"/kafka_2.13-*.jar 2>/dev/null | head -n1)"
  [ -n "$jar" ] || die "no kafka_2.13 jar in $LIB"
  jar="$(basename "$jar" .jar)"
  echo "Apache Kafka ${jar#kafka_2.13-}"
}

read -ra HEAP <<<"${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
JAVA=(java "${HEAP[@]}" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true
  -Dlog4j2.configurationFile="$LOCAL_DIR/kafka/log4j2.properties" -cp "$LIB/*")
java_run() { "${JAVA[@]}" "$@"; }

write_config() {
  # Replication factors of 1 because there is one node; no rebalance delay so test consumers join at once.
  cat >"$ENGINE_DIR/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$DATA
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
log.retention.hours=24
EOF
}

format_storage() {
  # A standalone controller records its own endpoint in the voter set: a port change needs a fresh log.
  local formatted_for="$PORT/$CONTROLLER_PORT"
  if [ -f "$DATA/meta.properties" ] && [ "$(cat "$ENGINE_DIR/formatted-for" 2>/dev/null)" = "$formatted_for" ]; then
    return 0
  fi
  rm -rf "$DATA"
  local cluster_id
  cluster_id="$(java_run kafka.tools.StorageTool random-uuid 2>>"$LOGFILE" | tail -n1)"
  [ -n "$cluster_id" ] || die "StorageTool random-uuid printed nothing; see $LOGFILE"
  log "formatting storage (cluster $cluster_id)"
  java_run kafka.tools.StorageTool format --standalone -t "$cluster_id" -c "$ENGINE_DIR/server.properties" \
    >>"$LOGFILE" 2>&1 || die "StorageTool format failed; see $LOGFILE"
  echo "$formatted_for" >"$ENGINE_DIR/formatted-for"
}

ready() { port_open "$PORT" && node_probe kafka "$BROKERS" >&2; }

start() {
  mkdir -p "$ENGINE_DIR" "$LOGS"
  if pid_alive "$PIDFILE"; then
    ready || die "pid $(cat "$PIDFILE") is alive but does not answer on $BROKERS; see $LOGFILE or run '$0 stop'"
    print_running
    return 0
  fi
  for p in "$PORT" "$CONTROLLER_PORT"; do
    port_open "$p" && die "port $p is taken by another process; set KAFKA_PORT to use other ports"
  done
  require_command java "a JDK 17+ runs the broker"
  require_command node "the readiness probe uses kafkajs"
  fetch_jars
  kafka_version >"$ENGINE_DIR/version"
  write_config
  format_storage
  log "starting $(cat "$ENGINE_DIR/version") on $BROKERS (controller $CONTROLLER_PORT), logs in $LOGFILE"
  echo "== start $(date -u +%FT%TZ)" >>"$LOGFILE"
  spawn_detached "$PIDFILE" "$LOGFILE" "${JAVA[@]}" kafka.Kafka "$ENGINE_DIR/server.properties"
  wait_ready "$ENGINE_START_TIMEOUT" "$PIDFILE" "$LOGFILE" ready || die "did not become ready"
  echo "$BROKERS" >"$ENGINE_DIR/url"
  print_running
}

stop() {
  if pid_alive "$PIDFILE"; then
    log "stopping pid $(cat "$PIDFILE")"
    stop_pid "$PIDFILE" 30
  fi
  rm -f "$ENGINE_DIR/url"
}

status() {
  if ! pid_alive "$PIDFILE"; then
    log "not running"
    return 3
  fi
  ready || { log "pid $(cat "$PIDFILE") is alive but does not answer on $BROKERS; see $LOGFILE" && return 3; }
  print_running
}

case "${1:-}" in
  start) lock_engine && start ;;
  stop) lock_engine && stop ;;
  status) status ;;
  clean) lock_engine && stop && rm -rf "$DATA" "$LOGS" "$ENGINE_DIR/formatted-for" "$ENGINE_DIR/server.properties" ;;
  *) usage ;;
esac
