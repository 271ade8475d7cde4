#!/usr/bin/env bash
# Measures this machine's limits, then runs the JMH suite with short settings, Runnel beside Kafka, and writes
# everything into bench/results/<UTC time>/ (git-ignored): machine.txt, machine-limits.md (before the benchmarks) and
# machine-limits-after.md (after them), <Benchmark>.r<round>.txt / .csv,
# load.txt (load average around each benchmark) and tables.md (the side-by-side tables).
#
# Usage: bench/run-all.sh            (from anywhere; builds the jar if it is missing)
# Environment:
#   RUNNEL_BENCH_DIR   where logs and test files go (default bench/results/data); must be on the disk under test
#   JMH_OPTS           JMH options for every benchmark (default: -f 1 -wi 2 -i 3)
#   WRITE_MIB          MiB written by each disk measurement of MachineLimits (default 1024)
#   BENCHMARKS         which benchmarks to run (default: all five)
#   ROUNDS             how many times to run the whole list, alternating (default 1); tables.md keeps the best round
#                      per implementation and parameter set, which on a shared machine is the least disturbed one
set -euo pipefail

cd "$(dirname "$0")/.."
jar=bench/target/benchmarks.jar
run_id=$(date -u +%Y%m%dT%H%M%SZ)
out=bench/results/$run_id
data=${RUNNEL_BENCH_DIR:-bench/results/data}
jmh_opts=${JMH_OPTS:--f 1 -wi 2 -i 3}
write_mib=${WRITE_MIB:-1024}
rounds=${ROUNDS:-1}
benchmarks=${BENCHMARKS:-RecordBatchBuildBenchmark RecordBatchReadBenchmark LogAppendBenchmark LogReadBenchmark LogOffsetLookupBenchmark}

if [[ ! -f $jar ]]; then
    mvn -q -B -pl bench -am package -DskipTests
fi
mkdir -p "$out" "$data"

{
    echo "run: $run_id"
    echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
    echo "nproc: $(nproc)"
    grep -m1 'model name' /proc/cpuinfo || true
    free -h
    df -h "$data"
    findmnt -T "$data" 2>/dev/null || true
    java -version 2>&1
    echo "loadavg: $(cat /proc/loadavg)"
} > "$out/machine.txt"
cat "$out/machine.txt"

java -cp "$jar" io.runnel.bench.machine.MachineLimits --dir "$data" --write-mib "$write_mib" | tee "$out/machine-limits.md"

for round in $(seq 1 "$rounds"); do
    for benchmark in $benchmarks; do
        extra=()
        case $benchmark in
            Record*) extra=(-prof gc) ;;
            Log*) extra=(-p "dir=$data") ;;
        esac
        name=$benchmark.r$round
        echo "$name before: $(cat /proc/loadavg)" >> "$out/load.txt"
        # shellcheck disable=SC2086 # jmh_opts is a list of options
        java -jar "$jar" "$benchmark" $jmh_opts "${extra[@]}" -rf csv -rff "$out/$name.csv" | tee "$out/$name.txt"
        echo "$name after:  $(cat /proc/loadavg)" >> "$out/load.txt"
    done
done

# Again at the end: on a shared machine the limits drift, and the log figures are judged against both.
java -cp "$jar" io.runnel.bench.machine.MachineLimits --dir "$data" --write-mib "$write_mib" | tee "$out/machine-limits-after.md"

csvs=()
for benchmark in $benchmarks; do
    for round in $(seq 1 "$rounds"); do
        csvs+=("$out/$benchmark.r$round.csv")
    done
done
java -cp "$jar" io.runnel.bench.report.ResultTable "${csvs[@]}" > "$out/tables.md"
echo
cat "$out/tables.md"
cat "$out/load.txt"
echo "Results in $out"
