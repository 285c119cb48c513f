#!/usr/bin/env bash
# Builds Apogee and runs a NameServer (127.0.0.1:9876) and a broker (127.0.0.1:10911) locally with embedded
# defaults; data under ${APOGEE_DATA:-~/apogee-data}. Ctrl-C (or SIGTERM) stops the broker, then the NameServer.
# Until the distribution tarball lands this is the development way to run the whole system.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v java >/dev/null || { echo "start-local: java not found on PATH (JDK 17+ needed)" >&2; exit 1; }
command -v mvn >/dev/null || { echo "start-local: mvn not found on PATH (Maven 3.6.3+ needed)" >&2; exit 1; }

data="${APOGEE_DATA:-$HOME/apogee-data}"
mkdir -p "$data"
[ -w "$data" ] || { echo "start-local: cannot write to $data" >&2; exit 1; }

echo "start-local: building (mvn install -DskipTests)..."
mvn -B -ntp -q install -DskipTests
cp_file="$(mktemp)"
mvn -B -ntp -q dependency:build-classpath -pl broker,namesrv -Dmdep.outputFile="$cp_file" -Dmdep.appendOutput=true
classpath="namesrv/target/classes:broker/target/classes:$(tr '\n' ':' < "$cp_file")"
rm -f "$cp_file"
jvm=(-Xms256m -Xmx512m -Dlogback.configurationFile=dev/logback.xml)

cat > "$data/broker.conf" <<CONF
brokerClusterName=DefaultCluster
brokerName=broker-a
brokerIP1=127.0.0.1
namesrvAddr=127.0.0.1:9876
storePathRootDir=$data/store
mappedFileSizeCommitLog=134217728
CONF
cat > "$data/namesrv.properties" <<CONF
kvConfigPath=$data/namesrv/kvConfig.json
configStorePath=$data/namesrv/namesrv.properties
CONF

java "${jvm[@]}" -cp "$classpath" io.apogee.namesrv.NamesrvStartup -c "$data/namesrv.properties" &
namesrv=$!
broker=""
stop() {
  set +e
  trap - EXIT INT TERM
  [ -n "$broker" ] && kill "$broker" 2>/dev/null && wait "$broker"
  kill "$namesrv" 2>/dev/null && wait "$namesrv"
  exit 0
}
trap stop EXIT INT TERM
for _ in $(seq 1 50); do
  (exec 3<>/dev/tcp/127.0.0.1/9876) 2>/dev/null && break
  kill -0 "$namesrv" 2>/dev/null || { echo "start-local: the NameServer did not start" >&2; exit 1; }
  sleep 0.2
done
java "${jvm[@]}" -cp "$classpath" io.apogee.broker.BrokerStartup -c "$data/broker.conf" &
broker=$!
wait "$broker"
