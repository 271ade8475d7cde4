#!/usr/bin/env bash
# Consumer groups on Apache Kafka 4.4's broker and on Runnel's, side by side on loopback: rebalance time of a group of
# Kafka's own KafkaConsumers (classic protocol, eager and cooperative) after a member leaves or joins, and one member's
# commitSync rate (io.runnel.bench.group.GroupRebalanceComparison; see bench/README.md, "Consumer group comparison").
# Writes bench/results/group-<UTC time>/: report.md (the tables), results.csv (every measurement), machine.txt, and
# each broker's log.
#
# Usage: bench/group-compare.sh [--rounds 1] [--cycles 3] [--warmup-cycles 1] [--members 10] [--partitions 60]
#                               [--session-timeout-ms 10000] [--heartbeat-interval-ms 100] [--max-poll-interval-ms 30000]
#                               [--initial-rebalance-delay-ms 3000] [--offsets-topic-partitions 50] [--poll-ms 100]
#                               [--settle-ms 1000] [--commit-seconds 10] [--commit-warmup-seconds 3]
#                               [--brokers KAFKA,RUNNEL] [--broker-jvm "-Xms1g -Xmx1g -XX:+UseG1GC"] [--dir DIR]
# Builds bench (and what it needs) first if bench/target/broker-classpath.txt is missing.
set -euo pipefail

cd "$(dirname "$0")/.."
cp_file=bench/target/broker-classpath.txt
jar=bench/target/benchmarks.jar
if [[ ! -f $cp_file || ! -f $jar ]]; then
    mvn -q -B -pl bench -am package -DskipTests
fi
out=bench/results/group-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$out"
{
    echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
    echo "nproc: $(nproc)"
    grep -m1 'model name' /proc/cpuinfo || true
    free -h
    java -version 2>&1
    echo "loadavg: $(cat /proc/loadavg)"
    echo "command: $0 $*"
} > "$out/machine.txt"
cat "$out/machine.txt"

java -Xmx1g -cp "$jar" io.runnel.bench.group.GroupRebalanceComparison --classpath-file "$cp_file" --out "$out" "$@"
echo "loadavg after: $(cat /proc/loadavg)" >> "$out/machine.txt"
