#!/usr/bin/env bash
# The quotable run of issue 12: records and full handshakes of reactls, reactls + ACCP, the JDK's SSLEngine and
# BoringSSL (Netty) in one JMH run per JDK (JDK 17 and Temurin 25), -f 3, then the same-run ratios with their errors
# and PASS/FAIL against the issue's targets as Markdown (report.md), ready for BENCHMARKS.md. Optionally the
# 10,000-connection memory run and the loopback throughput run. Needs a built jar:
#   mvn -o -q -pl benchmarks -am package -DskipTests
# Usage: benchmarks/quotable.sh [--out DIR] [--memory] [--loopback] [--jdk17 JAVA] [--jdk25 JAVA|none]
#          [--forks N] [--warmups N] [--iterations N] [--time S] [--hs-time S] [--only 17|25] [--ignore-lock]
#          [--connections N] [--loopback-bytes N] [--extras-on 17|25|17,25] [--dry-run]
# --memory and --loopback run on JDK 17 only unless --extras-on says otherwise; --connections and --loopback-bytes
# shrink them for a smoke test (the defaults are the quotable ones).
# Run it on a quiet machine (load average below 1); it prints the estimated wall time before it starts.
set -euo pipefail

command_line="benchmarks/quotable.sh $*"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/benchmarks/target/benchmarks.jar"
out="$root/bench-results/quotable-$(date -u +%Y%m%dT%H%MZ)"
jdk17="java"
jdk25="/usr/lib/jvm/temurin-25-jdk-amd64/bin/java"
forks=3
warmups=5
iterations=4
time_s=1       # seconds per record iteration
hs_time_s=2    # seconds per handshake iteration
hs_warmups=5
memory=0
connections=10000
loopback=0
loopback_bytes=
extras_jdks=17   # the JDKs --memory and --loopback run on
only=""
lock_args=()
dry=0

usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --out) out="$2"; shift ;;
    --jar) jar="$2"; shift ;;
    --jdk17) jdk17="$2"; shift ;;
    --jdk25) jdk25="$2"; shift ;;
    --forks) forks="$2"; shift ;;
    --warmups) warmups="$2"; hs_warmups="$2"; shift ;;
    --hs-warmups) hs_warmups="$2"; shift ;;
    --iterations) iterations="$2"; shift ;;
    --time) time_s="$2"; shift ;;
    --hs-time) hs_time_s="$2"; shift ;;
    --memory) memory=1 ;;
    --connections) connections="$2"; shift ;;
    --loopback) loopback=1 ;;
    --loopback-bytes) loopback_bytes="$2"; shift ;;
    --extras-on) extras_jdks="$2"; shift ;;
    --only) only="$2"; shift ;;
    --ignore-lock) lock_args=(-Djmh.ignoreLock=true) ;;
    --dry-run) dry=1 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "quotable: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

[[ -f "$jar" ]] || { echo "quotable: $jar is missing; build it: mvn -o -q -pl benchmarks -am package -DskipTests" >&2; exit 2; }

# The matrix. Records: 16 KiB (the JDK sends two TLS 1.3 records) and 16,000 B (one record on every stack),
# TLS 1.3 AES-128-GCM, heap buffers for every stack, direct ones where a stack has a direct path (the native stacks
# and reactls, whose Netty users hand it direct buffers). Handshakes: full, TLS 1.3 x25519 + ECDSA P-256 and
# TLS 1.2 ECDHE-RSA (x25519, RSA 2048).
stacks="reactls,reactls-native,jdk,boringssl"
direct_stacks="reactls,reactls-native,boringssl"
suite="TLS_AES_128_GCM_SHA256"
sizes="16000,16384"
kinds="TLS13_X25519,TLS12_ECDHE_RSA"

jdks=()
[[ "$only" != 25 ]] && jdks+=("17=$jdk17")
[[ "$only" != 17 && "$jdk25" != none ]] && jdks+=("25=$jdk25")

# Estimated wall time: per fork ~2 s of JVM start and setup, then the warm-up and measured iterations.
count() { local IFS=,; set -- $1; echo $#; }
record_trials=$(( ($(count "$stacks") + $(count "$direct_stacks")) * $(count "$sizes") ))
hs_trials=$(( $(count "$stacks") * $(count "$kinds") ))
per_jdk=$(( forks * (record_trials * (2 + (warmups + iterations) * time_s) \
                     + hs_trials * (3 + (hs_warmups + iterations) * hs_time_s)) + 20 ))
extra=0
(( memory )) && extra=$(( extra + 240 ))
(( loopback )) && extra=$(( extra + 150 ))
extra_runs=0
for entry in "${jdks[@]}"; do [[ ",$extras_jdks," == *",${entry%%=*},"* ]] && extra_runs=$(( extra_runs + 1 )); done
extra=$(( extra * extra_runs ))
total=$(( per_jdk * ${#jdks[@]} + extra ))
printf 'quotable: %d record trials + %d handshake trials per JDK, -f %d; JDKs: %s\n' "$record_trials" "$hs_trials" \
  "$forks" "${jdks[*]}"
printf 'quotable: estimated wall time %d min %02d s (%d s per JDK for records and handshakes%s)\n' \
  $((total / 60)) $((total % 60)) "$per_jdk" "$( (( extra )) && echo ", + ~$extra s memory/loopback on JDK $extras_jdks" )"
printf 'quotable: load average now %s; results in %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)" "$out"
(( dry )) && exit 0

mkdir -p "$out"
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "command: $command_line"
  echo "commit: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$root" diff --quiet 2>/dev/null || echo ' (modified)')"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) CPUs"
  echo "load_start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "settings: -f $forks; records -wi $warmups -w ${time_s}s -i $iterations -r ${time_s}s -prof gc; handshakes -wi $hs_warmups -w ${hs_time_s}s -i $iterations -r ${hs_time_s}s"
} > "$out/run.txt"

for entry in "${jdks[@]}"; do
  v="${entry%%=*}"
  java_bin="${entry#*=}"
  version="$("$java_bin" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p')"
  vendor="$("$java_bin" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.vendor = //p')"
  echo "jdk$v: $java_bin, $version ($vendor)" >> "$out/run.txt"
  native=()
  major="${version%%[.+-]*}"
  (( major >= 22 )) && native=(--enable-native-access=ALL-UNNAMED)
  jvm_append=()
  (( ${#native[@]} )) && jvm_append=(-jvmArgsAppend "${native[*]}")

  echo "== JDK $v ($version): fairness check (WorkPerOp)"
  "$java_bin" "${native[@]}" -cp "$jar" io.reactls.benchmarks.WorkPerOp --stacks "$stacks" --kinds "$kinds" \
      --suite "$suite" --sizes "$sizes" > "$out/work-per-op-jdk$v.md" 2> "$out/work-per-op-jdk$v.log" \
    || echo "quotable: WorkPerOp on JDK $v reported unequal work (see work-per-op-jdk$v.md); measuring anyway"
  grep -E '^(FAIR|NOT FAIR|UNEQUAL|KNOWN|EXPECTED)' "$out/work-per-op-jdk$v.md" || true

  jmh() {
    local name="$1"; shift
    echo "== JDK $v: $name"
    "$java_bin" "${lock_args[@]}" -jar "$jar" "$@" "${jvm_append[@]}" -f "$forks" -foe false \
        -rf json -rff "$out/$name-jdk$v.json" > "$out/$name-jdk$v.log" 2>&1 \
      || echo "quotable: JMH $name on JDK $v ended with an error (see $name-jdk$v.log)"
    grep -E '^(Benchmark  |[A-Za-z]+Benchmark\.[a-z]+ )' "$out/$name-jdk$v.log" | grep -v '·gc\.' || true
  }
  jmh records-heap EngineTransferBenchmark.transfer -p stack="$stacks" -p suite="$suite" -p size="$sizes" \
      -p buffer=heap -wi "$warmups" -w "${time_s}s" -i "$iterations" -r "${time_s}s" -prof gc
  jmh records-direct EngineTransferBenchmark.transfer -p stack="$direct_stacks" -p suite="$suite" -p size="$sizes" \
      -p buffer=direct -wi "$warmups" -w "${time_s}s" -i "$iterations" -r "${time_s}s" -prof gc
  jmh handshakes HandshakeBenchmark.handshake -p stack="$stacks" -p kind="$kinds" -p resumption=full \
      -wi "$hs_warmups" -w "${hs_time_s}s" -i "$iterations" -r "${hs_time_s}s"

  extras=0
  [[ ",$extras_jdks," == *",$v,"* ]] && extras=1
  if (( memory && extras )); then
    echo "== JDK $v: ConnectionMemory ($connections idle TLS 1.3 connections per server)"
    # Each JVM (the clients', and each server's) holds one descriptor per connection.
    need=$(( connections + 1000 ))
    limit="$(ulimit -n)"
    if [[ "$limit" != unlimited ]] && (( limit < need )); then
      ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
      limit="$(ulimit -n)"
    fi
    if [[ "$limit" != unlimited ]] && (( limit < need )); then
      echo "quotable: ulimit -n is $limit; ConnectionMemory needs $need descriptors per JVM, skipped" \
        | tee "$out/memory-jdk$v.md"
    else
      "$java_bin" "${native[@]}" -cp "$jar" io.reactls.benchmarks.ConnectionMemory --connections "$connections" \
          --stacks reactls,jdk,openssl > "$out/memory-jdk$v.md" 2>"$out/memory-jdk$v.log" \
        || echo "quotable: ConnectionMemory on JDK $v failed (see memory-jdk$v.log)"
      grep '^|' "$out/memory-jdk$v.md" || true
    fi
  fi
  if (( loopback && extras )); then
    echo "== JDK $v: LoopbackThroughput (1 GiB each way, 16 KiB writes)"
    sizing=()
    [[ -n "$loopback_bytes" ]] && sizing=(--bytes "$loopback_bytes" --warmup "$(( loopback_bytes / 4 ))")
    "$java_bin" "${native[@]}" -cp "$jar" io.reactls.benchmarks.LoopbackThroughput --stacks reactls,openssl,jdk "${sizing[@]}" \
        > "$out/loopback-jdk$v.md" 2>"$out/loopback-jdk$v.log" \
      || echo "quotable: LoopbackThroughput on JDK $v failed (see loopback-jdk$v.log)"
    grep '^|' "$out/loopback-jdk$v.md" || true
  fi
done
echo "load_end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/run.txt"

python3 "$root/benchmarks/quotable_report.py" "$out" | tee "$out/report.md"
echo "quotable: report in $out/report.md"
