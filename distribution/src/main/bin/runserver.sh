#!/usr/bin/env bash
# Shared launcher behind bin/mqnamesrv, bin/mqbroker, bin/mqstandalone, bin/mqconsole (servers) and bin/mqadmin, bin/mqbench
# (tools); not meant to be run directly.
#
#   runserver.sh <namesrv|broker|standalone|console|admin|bench> <main class> [options of the main class...]
#
# It finds Java 17+ ($JAVA_HOME/bin/java, else java on PATH). For a server it then checks, before the JVM starts,
# the -c config file, the server port(s) and the store/data directory, each failure being one line on stderr and
# exit 1, and execs the JVM in the foreground (same pid, so SIGTERM from bin/mqshutdown reaches it) with:
#   - a small initial heap that the JVM grows on demand up to a maximum sized to the machine (RAM or cgroup limit;
#     see heap_mb) unless APOGEE_HEAP (e.g. 2g) sets the maximum; a collector chosen by the CPU count (gc_options);
#   - JAVA_OPT appended last, so any option there (-Xmx4g, -XX:...) wins; one that picks a collector
#     (-XX:+UseParallelGC, ...) replaces ours and its options;
#   - GC logging and logback's rolling logs under APOGEE_LOG_DIR (default $APOGEE_HOME/logs), logback config
#     conf/logback_<role>.xml, each server's files named after it (server_name: namesrv-9876.log,
#     broker-broker-a-0.log, namesrv-9876_gc.log), no GC log for -p / -h.
# A tool gets a small heap (mqbench: sized like a server's) and JAVA_OPT, and logs errors on stderr.
# APOGEE_HOME is always the directory above this script.
set -euo pipefail

usage="usage: runserver.sh <namesrv|broker|standalone|console|admin|bench> <main class> [args...]"
role="${1:?$usage}"
main_class="${2:?$usage}"
shift 2
prog="mq${role}"

here="${BASH_SOURCE[0]%/*}"
[ "$here" = "${BASH_SOURCE[0]}" ] && here=.
APOGEE_HOME="$(cd -P "$here/.." && pwd)"
log_dir="${APOGEE_LOG_DIR:-$APOGEE_HOME/logs}"

die() {
  echo "$prog: $*" >&2
  exit 1
}

# --- Java ------------------------------------------------------------------------------------------------------
# Prints 'version "<JAVA_VERSION>" <JAVA_RUNTIME_VERSION>' from the release file of the JDK that java $1 belongs to,
# the way "java -version" starts its first line; fails when there is none or it names no version.
release_version() {
  local real line version="" runtime=""
  real="$(readlink -f "$1" 2>/dev/null)" || return 1
  [ -r "${real%/bin/java}/release" ] || return 1
  while IFS= read -r line; do
    case "$line" in
      JAVA_VERSION=*) version="${line#JAVA_VERSION=}" ;;
      JAVA_RUNTIME_VERSION=*) runtime="${line#JAVA_RUNTIME_VERSION=}" ;;
    esac
  done <"${real%/bin/java}/release"
  [ -n "$version" ] || return 1
  echo "version $version $runtime"
}

find_java() {
  local java version major
  if [ -n "${JAVA_HOME:-}" ]; then
    java="$JAVA_HOME/bin/java"
    [ -x "$java" ] || die "JAVA_HOME=$JAVA_HOME has no bin/java; point JAVA_HOME at a JDK 17 or newer"
  elif ! java="$(command -v java)"; then
    die "no Java found: install JDK 17 or newer and set JAVA_HOME or put java on PATH"
  fi
  # The JDK's release file says its version without starting a JVM (~30 ms saved at every start); else ask java.
  version="$(release_version "$java")" \
    || version="$("$java" -version 2>&1)" || die "$java -version failed; point JAVA_HOME at a JDK 17 or newer"
  if ! [[ "$version" =~ version\ \"([0-9]+)(\.([0-9]+))?(\.([0-9]+))? ]]; then
    die "cannot tell the version of $java; Apogee needs Java 17 or newer"
  fi
  major="${BASH_REMATCH[1]}"
  [ "$major" = 1 ] && major="${BASH_REMATCH[3]:-0}"
  [ "$major" -ge 17 ] || die "Java $major at $java is too old; Apogee needs Java 17 or newer (set JAVA_HOME)"
  JAVA="$java"
  JAVA_VERSION="$version"
  JAVA_MAJOR="$major"
  JAVA_UPDATE="${BASH_REMATCH[5]:-0}"
}

# --- Arguments and config files ----------------------------------------------------------------------------------
conf_file=""
data_opt=""
namesrv_port_opt=""
broker_port_opt=""
console_port_opt=""
bind_opt=""
print_only=false
scan_args() {
  while [ $# -gt 0 ]; do
    case "$1" in
      -c | --configFile) conf_file="${2-}"; [ $# -ge 2 ] || die "$1 needs a file"; shift ;;
      --configFile=*) conf_file="${1#*=}" ;;
      -d | --dataDir) data_opt="${2-}"; [ $# -ge 2 ] || die "$1 needs a directory"; shift ;;
      --dataDir=*) data_opt="${1#*=}" ;;
      --namesrvPort) namesrv_port_opt="${2-}"; [ $# -ge 2 ] || die "$1 needs a port"; shift ;;
      --brokerPort) broker_port_opt="${2-}"; [ $# -ge 2 ] || die "$1 needs a port"; shift ;;
      --consolePort) console_port_opt="${2-}"; [ $# -ge 2 ] || die "$1 needs a port"; shift ;;
      -p)
        # mqconsole's -p is its port; every other server's prints its config.
        if [ "$role" = console ]; then
          console_port_opt="${2-}"; [ $# -ge 2 ] || die "$1 needs a port"; shift
        else
          print_only=true
        fi
        ;;
      -b | --bind) bind_opt="${2-}"; [ $# -ge 2 ] || die "$1 needs an address"; shift ;;
      --printConfigItem | -h | --help) print_only=true ;;
    esac
    shift
  done
}

# The last value of a key in a properties file (key=value, key: value or key value), trimmed; empty if absent.
conf_value() {
  local key="$1" file="$2" line value=""
  [ -n "$file" ] || return 0
  while IFS= read -r line || [ -n "$line" ]; do
    if [[ "$line" =~ ^[[:space:]]*${key}([[:space:]]*[=:][[:space:]]*|[[:space:]]+)(.*)$ ]]; then
      value="${BASH_REMATCH[2]}"
    fi
  done <"$file"
  value="${value%"${value##*[![:space:]]}"}"
  printf '%s' "$value"
}

# --- Ports and directories ---------------------------------------------------------------------------------------
check_port() {
  local port="$1" what="$2" host="${3:-127.0.0.1}"
  [[ "$port" =~ ^[0-9]+$ ]] || die "$what '$port' is not a port number"
  [ "$port" -eq 0 ] && return 0
  [ "$host" = 0.0.0.0 ] && host=127.0.0.1
  if (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then
    die "port $port ($what) is already in use; stop what listens there or choose another port"
  fi
}

# A directory is usable when it is a writable directory, or when its nearest existing ancestor is one.
check_dir() {
  local dir="$1" what="$2" probe
  [[ "$dir" = /* ]] || dir="$PWD/$dir"
  probe="$dir"
  while [ ! -e "$probe" ]; do
    probe="${probe%/*}"
    [ -n "$probe" ] || probe=/
  done
  if [ ! -d "$probe" ] || [ ! -w "$probe" ]; then
    die "cannot write $what $dir ($probe is not a writable directory)"
  fi
}

preflight() {
  if [ -n "$conf_file" ] && [ ! -f "$conf_file" ]; then
    die "config file $conf_file not found"
  fi
  if [ -n "$conf_file" ] && [ ! -r "$conf_file" ]; then
    die "config file $conf_file is not readable"
  fi
  $print_only && return 0
  local bind port store
  bind="$(conf_value bindAddress "$conf_file")"
  case "$role" in
    namesrv)
      port="$(conf_value listenPort "$conf_file")"
      check_port "${port:-9876}" listenPort "$bind"
      store="$(conf_value kvConfigPath "$conf_file")"
      if [ -z "$store" ]; then
        case "${port:-9876}" in
          9876 | 0) store="$HOME/namesrv/kvConfig.json" ;;
          *) store="$HOME/namesrv/kvConfig-$port.json" ;;
        esac
      fi
      [[ "$store" = */* ]] || store="./$store"
      check_dir "${store%/*}" "the directory of kvConfigPath"
      ;;
    broker)
      port="$(conf_value listenPort "$conf_file")"
      port="${port:-10911}"
      check_port "$port" listenPort "$bind"
      [[ "$port" =~ ^[0-9]+$ ]] && [ "$port" -gt 2 ] && check_port "$((port - 2))" "VIP port, listenPort - 2" "$bind"
      store="$(conf_value storePathRootDir "$conf_file")"
      check_dir "${store:-$HOME/store}" "storePathRootDir"
      store="$(conf_value storePathCommitLog "$conf_file")"
      [ -z "$store" ] || check_dir "$store" "storePathCommitLog"
      ;;
    standalone)
      check_port "${namesrv_port_opt:-9876}" "NameServer port"
      port="${broker_port_opt:-$(conf_value listenPort "$conf_file")}"
      port="${port:-10911}"
      check_port "$port" "broker port" "$bind"
      [[ "$port" =~ ^[0-9]+$ ]] && [ "$port" -gt 2 ] && check_port "$((port - 2))" "broker VIP port" "$bind"
      local data="${data_opt:-${APOGEE_DATA:-$HOME/apogee-data}}"
      check_dir "$data" "data directory"
      store="$(conf_value storePathRootDir "$conf_file")"
      [ -z "$store" ] || check_dir "$store" "storePathRootDir"
      # Without --consolePort the launcher takes any free port when 8080 is taken.
      if [ -n "$console_port_opt" ] && [ "$console_port_opt" != -1 ]; then
        check_port "$console_port_opt" "console port"
      fi
      ;;
    console)
      port="${console_port_opt:-$(conf_value consolePort "$conf_file")}"
      check_port "${port:-8080}" "console port" "${bind_opt:-$(conf_value consoleListenAddress "$conf_file")}"
      ;;
  esac
}

# --- Log names ---------------------------------------------------------------------------------------------------
# The name of this server's log and GC log, unique among the servers of one host: a NameServer by its port, a broker
# by its brokerName (RocketMQ's default: the host name) and brokerId, a standalone by its NameServer port.
server_name() {
  local port name id
  case "$role" in
    namesrv)
      port="$(conf_value listenPort "$conf_file")"
      echo "namesrv-${port:-9876}"
      ;;
    broker)
      name="$(conf_value brokerName "$conf_file")"
      id="$(conf_value brokerId "$conf_file")"
      echo "broker-${name:-$(hostname)}-${id:-0}"
      ;;
    console)
      port="${console_port_opt:-$(conf_value consolePort "$conf_file")}"
      echo "console-${port:-8080}"
      ;;
    *) echo "$role-${namesrv_port_opt:-9876}" ;;
  esac
}

# --- Memory ------------------------------------------------------------------------------------------------------
# Physical memory in MiB, lowered to the cgroup limit when there is one; 0 when unknown.
machine_mb() {
  local total=0 limit line
  if [ -r /proc/meminfo ]; then
    while read -r line; do
      if [[ "$line" =~ ^MemTotal:[[:space:]]+([0-9]+) ]]; then
        total=$((BASH_REMATCH[1] / 1024))
        break
      fi
    done </proc/meminfo
  elif command -v sysctl >/dev/null 2>&1; then
    line="$(sysctl -n hw.memsize 2>/dev/null || echo 0)"
    [[ "$line" =~ ^[0-9]+$ ]] && total=$((line / 1048576))
  fi
  for line in /sys/fs/cgroup/memory.max /sys/fs/cgroup/memory/memory.limit_in_bytes; do
    if [ -r "$line" ]; then
      read -r limit <"$line" || true
      if [[ "$limit" =~ ^[0-9]+$ ]] && [ "${#limit}" -lt 16 ]; then
        limit=$((limit / 1048576))
        if [ "$total" -eq 0 ] || [ "$limit" -lt "$total" ]; then
          total="$limit"
        fi
      fi
      break
    fi
  done
  echo "$total"
}

# Maximum heap in MiB: a share of the machine, within bounds. The broker keeps messages in the page cache
# (memory-mapped commit log), not on the heap, so it takes a quarter at most; the NameServer holds only routes.
# A server starts with initial_heap_mb and commits more only when it needs it, so the maximum is a ceiling, not a
# reservation: four brokers of a 2m-2s example on one host commit what they use, not a quarter of the host each.
heap_mb() {
  local mem share min max heap
  mem="$(machine_mb)"
  case "$role" in
    namesrv) share=8 min=128 max=1024 ;;
    console) share=16 min=128 max=512 ;;
    broker) share=4 min=256 max=8192 ;;
    bench) share=8 min=256 max=2048 ;;
    *) share=4 min=256 max=4096 ;;
  esac
  [ "$mem" -gt 0 ] || { echo "$min"; return; }
  heap=$((mem / share))
  [ "$heap" -lt "$min" ] && heap="$min"
  [ "$heap" -gt "$max" ] && heap="$max"
  echo "$heap"
}

# Initial heap in MiB: what a server needs right after start, so that an idle one stays small; never above the
# maximum ($1, a JVM size such as 512m or 2g). mqstandalone, the try-it-on-a-laptop server, starts at half: its young
# generation (a third of the heap) is resident as it cycles, and idle it needs less (RSS 102 -> 98 MiB).
initial_heap_mb() {
  local initial=32 max_mb
  [ "$role" = standalone ] && initial=16
  if [[ "$1" =~ ^([0-9]+)([kKmMgG]?)$ ]]; then
    case "${BASH_REMATCH[2]}" in
      k | K) max_mb=$((BASH_REMATCH[1] / 1024)) ;;
      g | G) max_mb=$((BASH_REMATCH[1] * 1024)) ;;
      m | M) max_mb="${BASH_REMATCH[1]}" ;;
      *) max_mb=$((BASH_REMATCH[1] / 1048576)) ;;
    esac
    [ "$max_mb" -lt "$initial" ] && initial="$max_mb"
  fi
  echo "$initial"
}

# The collector, unless JAVA_OPT picks one. On one or two CPUs the serial collector: the heap holds little that
# lives long (messages are in the page cache), so its young collections are short, and it spends neither a
# concurrent thread nor G1's write barriers of the CPU the broker and its clients share (BrokerBenchmark on 2 CPUs:
# about a fifth less broker CPU per message and a smaller RSS than G1). With more CPUs G1, whose periodic collection
# (after 60 s without one) gives committed heap back once load stops.
gc_options() {
  local option
  for option in ${extra[@]+"${extra[@]}"}; do
    [[ "$option" =~ ^-XX:\+Use[A-Za-z]+GC$ ]] && return 0
  done
  if [ "$(nproc 2>/dev/null || echo 1)" -le 2 ]; then
    echo -XX:+UseSerialGC
  else
    echo -XX:+UseG1GC -XX:MaxGCPauseMillis=100 -XX:+ParallelRefProcEnabled -XX:G1PeriodicGCInterval=60000
  fi
}

# Memory the JVM's own native allocations freed goes back to the system every 30 s, on the JDKs that can
# (17.0.9+, 21.0.1+, 22+): C2's compilations otherwise leave tens of MiB in malloc's free lists.
trim_options() {
  if [ "$JAVA_MAJOR" -ge 22 ] || { [ "$JAVA_MAJOR" = 21 ] && [ "$JAVA_UPDATE" -ge 1 ]; } \
    || { [ "$JAVA_MAJOR" = 17 ] && [ "$JAVA_UPDATE" -ge 9 ]; }; then
    echo -XX:TrimNativeHeapInterval=30000
  fi
}

# --- Class-data sharing ------------------------------------------------------------------------------------------
# A server's own classes (Netty, fastjson2, logback, ours) come from a dynamic CDS archive instead of being read,
# parsed and verified at every start (on the loaded 2-core machine, launch to answering: NameServer 3.2 -> 1.6 s and
# 2.5 -> 1.2 CPU seconds, broker registered 4.8 -> 2.2 s and 3.5 -> 1.75 CPU seconds). The archive belongs to one JDK build and one set of jars, so
# its name carries a checksum of both. The first start with a new JDK or new jars writes <name>.new when the server
# exits (ArchiveClassesAtExit); the next start checks that one (it maps, checksums match) with a throw-away JVM and
# renames it, so a dump cut short by kill -9 is dropped; later starts map it with -Xshare:auto, where a stale archive
# costs a warning, never the start. It lives in lib/.cds, or in ~/.apogee/cds when the home is read-only; without a
# writable place, with APOGEE_CDS=off, or when JAVA_OPT sets -Xshare or an archive itself, there is none.
# The archives are mapped at the address they were written for (ArchiveRelocationMode=0, relocated only when that
# address is taken): current JDKs (17.0.15 here) relocate them by default, which writes every page of them, turning
# about 20 MiB of shared, clean class data into private memory of each server (an idle mqstandalone: 79 -> 60 MiB
# anonymous). The check of a new archive runs with the same options: a JDK without them fails it and runs without.
cds_options() {
  local option dir key file mapping="-XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0"
  [ "${APOGEE_CDS:-on}" = off ] && return 0
  for option in ${extra[@]+"${extra[@]}"}; do
    case "$option" in -Xshare:* | -XX:SharedArchiveFile=* | -XX:ArchiveClassesAtExit=*) return 0 ;; esac
  done
  for dir in "$APOGEE_HOME/lib/.cds" "${HOME:-/nonexistent}/.apogee/cds"; do
    if mkdir -p "$dir" 2>/dev/null && [ -w "$dir" ]; then
      key="$({ printf '%s\n' "$JAVA" "$JAVA_VERSION"; ls -lL "$APOGEE_HOME/lib/"*.jar; } 2>/dev/null | cksum)"
      file="$dir/$role-${key%% *}.jsa"
      if [ ! -s "$file" ] && [ -s "$file.new" ]; then
        if "$JAVA" $mapping -Xshare:on -XX:+VerifySharedSpaces "-XX:SharedArchiveFile=$file.new" -cp "$class_path" \
          -version >/dev/null 2>&1; then
          mv -f "$file.new" "$file" 2>/dev/null || true
        else
          rm -f "$file.new"
        fi
      fi
      if [ -s "$file" ]; then
        echo "$mapping -Xshare:auto -XX:SharedArchiveFile=$file"
      else
        echo "-XX:ArchiveClassesAtExit=$file.new"
      fi
      return 0
    fi
  done
}

# --- Launch ------------------------------------------------------------------------------------------------------
read -r -a extra <<<"${JAVA_OPT:-}"
find_java
case "$role" in
  admin)
    # Starts fast: a one-shot command line tool.
    exec "$JAVA" "-Dapogee.home=$APOGEE_HOME" -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
      ${extra[@]+"${extra[@]}"} -cp "$APOGEE_HOME/lib/*" "$main_class" "$@"
    ;;
  bench)
    heap="${APOGEE_HEAP:-$(heap_mb)m}"
    exec "$JAVA" "-Dapogee.home=$APOGEE_HOME" "-Xms$heap" "-Xmx$heap" -XX:+UseG1GC \
      ${extra[@]+"${extra[@]}"} -cp "$APOGEE_HOME/lib/*" "$main_class" "$@"
    ;;
esac

scan_args "$@"
preflight
if ! mkdir -p "$log_dir" 2>/dev/null || [ ! -w "$log_dir" ]; then
  die "cannot write log directory $log_dir (set APOGEE_LOG_DIR)"
fi

heap="${APOGEE_HEAP:-$(heap_mb)m}"
name="$(server_name)"
read -r -a memory <<<"$(gc_options) $(trim_options)"
# conf comes last on the class path: CDS archives no class from a directory and refuses one that precedes a jar.
class_path="$APOGEE_HOME/lib/*:$APOGEE_HOME/conf"
cds=()
$print_only || read -r -a cds <<<"$(cds_options)"
jvm=(
  "-Dapogee.home=$APOGEE_HOME"
  "-Dapogee.role=$role"
  "-Dapogee.log.dir=$log_dir"
  "-Dapogee.log.name=$name"
  "-Dlogback.configurationFile=$APOGEE_HOME/conf/logback_$role.xml"
  -server "-Xms$(initial_heap_mb "$heap")m" "-Xmx$heap" ${memory[@]+"${memory[@]}"} ${cds[@]+"${cds[@]}"}
  -XX:-OmitStackTraceInFastThrow -XX:+HeapDumpOnOutOfMemoryError "-XX:HeapDumpPath=$log_dir"
  # Netty's direct buffers without a cleaner: not zeroed when allocated, so only the pages used are resident.
  -Dio.netty.tryReflectionSetAccessible=true --add-opens=java.base/java.nio=ALL-UNNAMED
)
# Few malloc arenas: the JVM's own native allocations from many threads otherwise spread over up to 8 per core.
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
# Each start rotates its GC log (filecount), so -p and -h, which start no server, write none.
$print_only || jvm+=("-Xlog:gc*:file=$log_dir/${name}_gc.log:time,uptime,level,tags:filecount=5,filesize=20m")
exec "$JAVA" "${jvm[@]}" ${extra[@]+"${extra[@]}"} -cp "$class_path" "$main_class" "$@"
