#!/usr/bin/env bash
# Apache Kafka 4.4's broker against Runnel's, side by side on loopback, loaded by Kafka's own ProducerPerformance and
# ConsumerPerformance tools (io.runnel.bench.broker.BrokerComparison; see bench/README.md, "Broker comparison").
# Writes bench/results/broker-<UTC time>/: report.md (the tables), machine.txt, and every child JVM's log.
#
# Usage: bench/broker-compare.sh [--records 2000000] [--warmup-records N] [--consume-passes 3] [--rounds 2] [--broker-jvm "-Xms1g -Xmx1g -XX:+UseG1GC"]
#                                [--tool-jvm "-Xmx1g"] [--brokers KAFKA,RUNNEL] [--dir /tmp/runnel-broker-bench]
# Builds bench (and what it needs) first if bench/target/broker-classpath.txt is missing.
set -euo pipefail

cd "$(dirname "$0")/.."
cp_file=bench/target/broker-classpath.txt
jar=bench/target/benchmarks.jar
if [[ ! -f $cp_file || ! -f $jar ]]; then
    mvn -q -B -pl bench -am package -DskipTests
fi
out=bench/results/broker-$(date -u +%Y%m%dT%H%M%SZ)
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

java -Xmx512m -cp "$jar" io.runnel.bench.broker.BrokerComparison --classpath-file "$cp_file" --out "$out" "$@"
