package io.runnel.bench.client;

import io.runnel.bench.broker.BrokerKind;
import io.runnel.bench.workload.Impl;
import io.runnel.bench.workload.Workload;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Producer throughput and allocation: Runnel's {@code RunnelProducer} against Kafka's {@code KafkaProducer}
 * ({@code client}), each against Runnel's and Kafka's broker ({@code broker}), in one run.
 *
 * <p>One invocation sends {@value #RECORDS_PER_INVOCATION} records of 100-byte values ({@link Workload}, cycling
 * through 1,024 distinct values) with null keys to a 6-partition topic, without a callback, building a
 * {@code ProducerRecord} per record as an application does, then calls {@code flush()} and checks the last record's
 * future. One operation is one record: ops/s is records/s acknowledged, and {@code -prof gc}'s {@code
 * gc.alloc.rate.norm} is the bytes the client allocated per record, on every thread of the JMH fork (the
 * application thread and the client's I/O thread). Settings: {@link ClientSettings#producer}, {@code acks=1} by
 * default (so neither producer is idempotent), {@code batch.size} 16384, {@code linger.ms} 5, no compression.
 *
 * <p>The broker is started once per trial in a child JVM ({@link TrialBroker}), so its allocations are not counted.
 * At the end of the trial the topic's end offsets must add up to the records sent.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar ProducerClientBenchmark -prof gc
 * java -jar bench/target/benchmarks.jar ProducerClientBenchmark -p broker=RUNNEL -p compression=lz4 -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseG1GC"})
public class ProducerClientBenchmark {
    static final int RECORDS_PER_INVOCATION = 10_000;
    private static final String TOPIC = "client-bench-produce";
    private static final int VALUES = 1024;

    @Param({"RUNNEL", "KAFKA"})
    public Impl client;

    @Param({"RUNNEL", "KAFKA"})
    public BrokerKind broker;

    @Param({"1"})
    public String acks;

    @Param({"none"})
    public String compression;

    /** Where the broker's data goes; empty for {@code <java.io.tmpdir>/runnel-client-bench}. */
    @Param({""})
    public String dir;

    /** The broker child JVM's class path file, relative to the working directory (the repository root). */
    @Param({"bench/target/broker-classpath.txt"})
    public String classpathFile;

    private TrialBroker trialBroker;
    private BenchProducer producer;
    private byte[][] values;
    private int next;
    private long sent;

    @Setup(Level.Trial)
    public void start() throws IOException, InterruptedException {
        Workload workload = Workload.ofValues(VALUES);
        values = new byte[VALUES][];
        for (int i = 0; i < VALUES; i++) {
            values[i] = workload.value(i);
        }
        trialBroker = TrialBroker.start(broker, dir, classpathFile, TOPIC, ClientSettings.PARTITIONS);
        producer = BenchProducer.create(
                client, ClientSettings.producer(trialBroker.bootstrapServers(), "bench-producer", acks, compression));
        next = 0;
        sent = 0;
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS_PER_INVOCATION)
    public void send() throws InterruptedException, ExecutionException {
        Future<?> last = null;
        int index = next;
        for (int i = 0; i < RECORDS_PER_INVOCATION; i++) {
            last = producer.send(TOPIC, values[index]);
            index = (index + 1) & (VALUES - 1);
        }
        next = index;
        producer.flush();
        sent += RECORDS_PER_INVOCATION;
        if (last != null) {
            last.get();
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException, InterruptedException {
        try {
            producer.close();
            trialBroker.checkAlive();
            long stored = trialBroker.recordCount(TOPIC, ClientSettings.PARTITIONS);
            if (stored != sent) {
                throw new IllegalStateException(
                        client + " producer sent " + sent + " records to " + broker + ", which holds " + stored);
            }
        } finally {
            trialBroker.close();
        }
    }
}
