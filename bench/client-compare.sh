#!/usr/bin/env bash
# Runnel's producer and consumer against Apache Kafka's kafka-clients 4.4.0, each against Runnel's broker and Kafka's,
# in one JMH run with -prof gc: records/s and bytes allocated per record (io.runnel.bench.client; see bench/README.md,
# "Client comparison"). Every broker runs in a child JVM, started once per JMH trial, so -prof gc counts the client's
# allocations only.
#
# Builds nothing: build first, from the repository root (never `install`, which writes to the shared ~/.m2):
#   mvn -q -B -pl bench -am package -DskipTests
#
# Usage: bench/client-compare.sh [--forks 1] [--warmup 5] [--iterations 5] [--time 2s] [--clients RUNNEL,KAFKA]
#                                [--brokers RUNNEL,KAFKA] [--benchmarks 'ProducerClientBenchmark|ConsumerClientBenchmark']
#                                [--dir /tmp/runnel-client-bench] [-- more JMH options, e.g. -p compression=lz4 -prof jfr]
# Writes bench/results/client-<UTC time>/: machine.txt, jmh.txt (JMH's output), jmh.csv and table.md (the table).
# With the defaults (8 forks: 2 benchmarks x 2 clients x 2 brokers) a run takes about 6 minutes on 2 cores.
set -euo pipefail

cd "$(dirname "$0")/.."
jar=bench/target/benchmarks.jar
cp_file=bench/target/broker-classpath.txt
forks=1
warmup=5
iterations=5
time=2s
clients=RUNNEL,KAFKA
brokers=RUNNEL,KAFKA
benchmarks='ProducerClientBenchmark|ConsumerClientBenchmark'
dir=
extra=()
while [[ $# -gt 0 ]]; do
    case $1 in
        --forks) forks=$2; shift 2 ;;
        --warmup) warmup=$2; shift 2 ;;
        --iterations) iterations=$2; shift 2 ;;
        --time) time=$2; shift 2 ;;
        --clients) clients=$2; shift 2 ;;
        --brokers) brokers=$2; shift 2 ;;
        --benchmarks) benchmarks=$2; shift 2 ;;
        --dir) dir=$2; shift 2 ;;
        --) shift; extra=("$@"); break ;;
        *) echo "unknown option: $1 (see the usage at the top of $0)" >&2; exit 2 ;;
    esac
done
if [[ ! -f $jar || ! -f $cp_file ]]; then
    echo "$jar or $cp_file is missing: run 'mvn -q -B -pl bench -am package -DskipTests' first" >&2
    exit 1
fi

out=bench/results/client-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$out"
{
    echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
    echo "nproc: $(nproc)"
    grep -m1 'model name' /proc/cpuinfo || true
    free -h
    java -version 2>&1
    echo "loadavg before: $(cat /proc/loadavg)"
    echo "command: $0 --forks $forks --warmup $warmup --iterations $iterations --time $time --clients $clients" \
        "--brokers $brokers --benchmarks '$benchmarks' ${dir:+--dir $dir} ${extra[*]:+-- ${extra[*]}}"
} > "$out/machine.txt"
cat "$out/machine.txt"

params=(-p "client=$clients" -p "broker=$brokers" -p "classpathFile=$cp_file")
if [[ -n $dir ]]; then
    params+=(-p "dir=$dir")
fi
java -jar "$jar" "$benchmarks" -f "$forks" -wi "$warmup" -w "$time" -i "$iterations" -r "$time" -prof gc \
    "${params[@]}" "${extra[@]}" -rf csv -rff "$out/jmh.csv" | tee "$out/jmh.txt"
echo "loadavg after: $(cat /proc/loadavg)" >> "$out/machine.txt"

java -cp "$jar" io.runnel.bench.report.ClientComparisonTable "$out/jmh.csv" | tee "$out/table.md"
echo "Results in $out"
