package io.runnel.bench.client;

import io.runnel.bench.broker.BrokerKind;
import io.runnel.bench.workload.Impl;
import io.runnel.bench.workload.Workload;
import java.io.IOException;
import java.time.Duration;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Consumer throughput and allocation: Runnel's {@code RunnelConsumer} against Kafka's {@code KafkaConsumer}
 * ({@code client}), each against Runnel's and Kafka's broker ({@code broker}), in one run.
 *
 * <p>Once per trial a 6-partition topic is filled with {@code records} records (default 1,200,000, the same number
 * in every partition) of 100-byte values ({@link Workload}) and null keys, always by Kafka's producer with the
 * settings of {@link ClientSettings#producer} ({@code acks=1}, 16 KiB batches, {@code linger.ms} 5, no compression),
 * so that both consumers read the same batches. The consumer is created once per trial. One invocation
 * {@code assign()}s the 6 partitions (no group), seeks each to the invocation's start offset (advancing by 20,000 per
 * invocation, wrapping to 0 before the end of the data), and polls until {@value #RECORDS_PER_INVOCATION} records
 * have gone into a {@link Blackhole} (key, value and offset of each); the rest of the last poll, fewer than {@code
 * max.poll.records} (500), is dropped. One operation is one record: ops/s is records/s, and {@code -prof gc}'s
 * {@code gc.alloc.rate.norm} is the bytes the client allocated per record on every thread of the JMH fork (the
 * application thread, which deserializes, and the client's I/O thread).
 *
 * <p>The broker runs in a child JVM ({@link TrialBroker}), so its allocations are not counted.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar ConsumerClientBenchmark -prof gc
 * java -jar bench/target/benchmarks.jar ConsumerClientBenchmark -p broker=KAFKA -p records=2400000 -prof gc
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
public class ConsumerClientBenchmark {
    static final int RECORDS_PER_INVOCATION = 120_000;
    private static final String TOPIC = "client-bench-consume";
    private static final int VALUES = 1024;
    private static final int STEP = RECORDS_PER_INVOCATION / ClientSettings.PARTITIONS;
    /** Records per partition kept beyond an invocation's share, since partitions are not read evenly. */
    private static final int SLACK = 2 * ClientSettings.MAX_POLL_RECORDS;

    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);
    private static final long INVOCATION_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

    @Param({"RUNNEL", "KAFKA"})
    public Impl client;

    @Param({"RUNNEL", "KAFKA"})
    public BrokerKind broker;

    /** Records in the topic, a multiple of 6, at least {@code 6 * (20,000 + 1,000)}. */
    @Param({"1200000"})
    public int records;

    /** Where the broker's data goes; empty for {@code <java.io.tmpdir>/runnel-client-bench}. */
    @Param({""})
    public String dir;

    /** The broker child JVM's class path file, relative to the working directory (the repository root). */
    @Param({"bench/target/broker-classpath.txt"})
    public String classpathFile;

    private TrialBroker trialBroker;
    private BenchConsumer consumer;
    private long perPartition;
    private long start;

    @Setup(Level.Trial)
    public void start() throws IOException, InterruptedException {
        if (records % ClientSettings.PARTITIONS != 0 || records / ClientSettings.PARTITIONS < STEP + SLACK) {
            throw new IllegalArgumentException("records must be a multiple of " + ClientSettings.PARTITIONS
                    + " and at least " + ClientSettings.PARTITIONS * (STEP + SLACK) + ": " + records);
        }
        perPartition = records / ClientSettings.PARTITIONS;
        trialBroker = TrialBroker.start(broker, dir, classpathFile, TOPIC, ClientSettings.PARTITIONS);
        fill();
        consumer =
                BenchConsumer.create(client, ClientSettings.consumer(trialBroker.bootstrapServers(), "bench-consumer"));
        start = 0;
    }

    private void fill() throws IOException, InterruptedException {
        Workload workload = Workload.ofValues(VALUES);
        try (BenchProducer filler = BenchProducer.create(
                Impl.KAFKA, ClientSettings.producer(trialBroker.bootstrapServers(), "bench-filler", "1", "none"))) {
            for (int i = 0; i < records; i++) {
                filler.send(TOPIC, i % ClientSettings.PARTITIONS, workload.value(i % VALUES));
            }
            filler.flush();
        }
        long stored = trialBroker.recordCount(TOPIC, ClientSettings.PARTITIONS);
        if (stored != records) {
            throw new IllegalStateException(broker + " holds " + stored + " records after filling " + records);
        }
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS_PER_INVOCATION)
    public int poll(Blackhole sink) {
        consumer.assign(TOPIC, ClientSettings.PARTITIONS);
        for (int p = 0; p < ClientSettings.PARTITIONS; p++) {
            consumer.seek(TOPIC, p, start);
        }
        start = start + 2L * STEP + SLACK > perPartition ? 0 : start + STEP;
        long deadline = System.nanoTime() + INVOCATION_TIMEOUT_NANOS;
        int remaining = RECORDS_PER_INVOCATION;
        while (remaining > 0) {
            remaining -= consumer.poll(POLL_TIMEOUT, remaining, sink);
            if (remaining > 0 && System.nanoTime() - deadline > 0) {
                throw failOnStall(remaining);
            }
        }
        return remaining;
    }

    private IllegalStateException failOnStall(int remaining) {
        trialBroker.checkAlive();
        return new IllegalStateException(client + " consumer got " + (RECORDS_PER_INVOCATION - remaining) + " of "
                + RECORDS_PER_INVOCATION + " records from " + broker + " in 60 s");
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        try {
            consumer.close();
        } finally {
            trialBroker.close();
        }
    }
}
