package io.runnel.bench.group;

import io.runnel.bench.broker.BrokerKind;
import io.runnel.bench.broker.BrokerProcess;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Random;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * One broker's share of one round: the rebalance cycles with each protocol, then the commit loops, against a broker
 * that is already running. Not thread-safe: the comparison's main thread runs it.
 *
 * <p>Per protocol, a group of {@code members} consumers starts and is waited for until stable; then, per cycle, the
 * most recently started member leaves ({@code close()}) and the group is timed until stable again, and a new member
 * joins and the group is timed again. The first {@code warmupCycles} cycles are not reported (both brokers' JITs
 * compile the group paths there). After each stable group the harness waits {@code settle} plus a random part of one
 * heartbeat interval and checks that the generation has not moved on: a later rebalance would make the figure a lie.
 * The random part matters: every member resets its heartbeat timer when a rebalance completes, so the members'
 * heartbeats run in step, and a fixed pause would put every change at the same point of their heartbeat cycle. The
 * pauses come from a seeded generator, the same sequence for both brokers.
 */
final class GroupRound {
    static final String TOPIC = "group-bench";

    private final GroupRebalanceComparison.Options options;
    private final BrokerProcess broker;
    private final int round;
    private final List<Measurement> measurements = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private int nextMember = 1;
    private Random pauses = new Random(0);

    GroupRound(GroupRebalanceComparison.Options options, BrokerProcess broker, int round) {
        this.options = options;
        this.broker = broker;
        this.round = round;
    }

    List<Measurement> measurements() {
        return List.copyOf(measurements);
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    void run() throws IOException, InterruptedException {
        broker.createTopic(TOPIC, options.partitions());
        for (Scenario.Protocol protocol : Scenario.Protocol.values()) {
            try {
                rebalances(protocol);
            } catch (IllegalStateException e) {
                failures.add(kind().title() + ", " + protocol + ": " + e.getMessage());
            }
        }
        try {
            commits();
        } catch (RuntimeException e) {
            failures.add(kind().title() + ", commits: " + e);
        }
    }

    private BrokerKind kind() {
        return broker.kind();
    }

    private void rebalances(Scenario.Protocol protocol) throws InterruptedException {
        String group = "rebalance-" + protocol.name().toLowerCase(Locale.ROOT) + "-r" + round;
        List<PollingMember> members = new ArrayList<>();
        pauses = new Random(round * 31L + protocol.ordinal());
        try {
            for (int i = 0; i < options.members(); i++) {
                members.add(startMember(group, protocol));
            }
            Stable stable = awaitStable(members, -1, "the first " + options.members() + " members");
            int generation = settle(members, stable, protocol, "start");
            for (int cycle = 1 - options.warmupCycles(); cycle <= options.cycles(); cycle++) {
                PollingMember leaver = members.remove(members.size() - 1);
                long left = leaver.leave();
                stable = awaitStable(members, generation, "after " + leaver.name() + " left");
                record(protocol, true, cycle, left, stable, generation, members, nanosToMs(leaver.closeNanos()));
                generation = settle(members, stable, protocol, "leave");

                PollingMember joiner = startMember(group, protocol);
                List<PollingMember> before = List.copyOf(members);
                members.add(joiner);
                stable = awaitStable(members, generation, "after " + joiner.name() + " joined");
                record(protocol, false, cycle, joiner.startNanos(), stable, generation, before, Double.NaN);
                generation = settle(members, stable, protocol, "join");
            }
        } finally {
            for (PollingMember m : members) {
                m.requestLeave();
            }
            for (PollingMember m : members) {
                m.close();
            }
        }
    }

    private PollingMember startMember(String group, Scenario.Protocol protocol) throws InterruptedException {
        String name = kind().name().toLowerCase(Locale.ROOT) + "-r" + round + "-m" + nextMember++;
        return PollingMember.start(
                name, options.consumerConfig(broker.bootstrapServers(), group, protocol), TOPIC, options.pollTimeout());
    }

    private void record(
            Scenario.Protocol protocol,
            boolean leave,
            int cycle,
            long changeNanos,
            Stable stable,
            int generationBefore,
            List<PollingMember> stayed,
            double closeMs) {
        if (cycle < 1) {
            return;
        }
        double rejoinStarted = Double.NaN;
        if (protocol == Scenario.Protocol.EAGER) {
            rejoinStarted = lastRejoinMs(stayed, changeNanos);
        }
        Measurement m = Measurement.rebalance(
                round,
                kind(),
                Scenario.rebalance(protocol, leave),
                cycle,
                nanosToMs(stable.nanos() - changeNanos),
                rejoinStarted,
                firstRebalanceMs(stayed, generationBefore + 1, changeNanos),
                stable.generation() - generationBefore,
                closeMs);
        measurements.add(m);
        System.out.printf(
                Locale.ROOT,
                "[round %d] %-6s %-18s cycle %d: %8.1f ms (rejoin started %.1f ms, first generation %.1f ms, %d"
                        + " generation(s))%n",
                round,
                kind().name(),
                m.scenario().name(),
                cycle,
                m.value(),
                rejoinStarted,
                m.firstRebalanceMs(),
                m.generations());
    }

    /** What the group looked like when it became stable. */
    private record Stable(long nanos, int generation) {}

    private Stable awaitStable(List<PollingMember> members, int afterGeneration, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + options.stableTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            for (PollingMember m : members) {
                Throwable failure = m.failure();
                if (failure != null) {
                    throw new IllegalStateException("member " + m.name() + " failed: " + failure, failure);
                }
            }
            List<PollingMember.Snapshot> snapshots =
                    members.stream().map(PollingMember::snapshot).toList();
            OptionalLong since = GroupView.stableSince(snapshots, options.partitions(), afterGeneration);
            if (since.isPresent()) {
                return new Stable(since.getAsLong(), snapshots.get(0).generation());
            }
            Thread.sleep(2);
        }
        throw new IllegalStateException(
                "group not stable within " + options.stableTimeout() + " " + what + ": " + describe(members));
    }

    /**
     * Waits {@code settle}, then checks that the group is still stable at the same generation.
     *
     * @return the generation the group is at now
     */
    private int settle(List<PollingMember> members, Stable stable, Scenario.Protocol protocol, String after)
            throws InterruptedException {
        Thread.sleep(options.settle().toMillis() + pauses.nextInt(options.heartbeatIntervalMs()));
        List<PollingMember.Snapshot> now =
                members.stream().map(PollingMember::snapshot).toList();
        int generation = now.get(0).generation();
        if (generation != stable.generation()) {
            failures.add(String.format(
                    "%s, %s, round %d: the group moved from generation %d to %d within %s of being stable (%s)",
                    kind().title(), protocol, round, stable.generation(), generation, options.settle(), after));
            return awaitStable(members, generation - 1, "after a late rebalance")
                    .generation();
        }
        return generation;
    }

    private static String describe(List<PollingMember> members) {
        StringBuilder b = new StringBuilder();
        for (PollingMember m : members) {
            PollingMember.Snapshot s = m.snapshot();
            b.append(String.format(
                    " %s gen %d %d partitions;",
                    m.name(), s.generation(), s.assignment().size()));
        }
        return b.toString();
    }

    private void commits() {
        String group = "commits-r" + round;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(PollingMember.withDeserializers(
                options.consumerConfig(broker.bootstrapServers(), group, Scenario.Protocol.EAGER)))) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + options.stableTimeout().toNanos();
            while (consumer.assignment().size() < options.partitions()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the commit member got "
                            + consumer.assignment().size() + " partitions within " + options.stableTimeout());
                }
                consumer.poll(options.pollTimeout());
            }
            CommitThroughput loop = new CommitThroughput(consumer);
            commit(loop, Scenario.COMMIT_ONE, 1);
            commit(loop, Scenario.COMMIT_ALL, options.partitions());
        }
    }

    private void commit(CommitThroughput loop, Scenario scenario, int partitions) {
        CommitThroughput.Result r = loop.run(partitions, options.commitWarmUp(), options.commitTime());
        Measurement m = Measurement.commits(round, kind(), scenario, r.perSecond(), r.p50Us(), r.p99Us());
        measurements.add(m);
        System.out.printf(
                Locale.ROOT,
                "[round %d] %-6s %-18s %10.1f commits/s (p50 %.0f µs, p99 %.0f µs)%n",
                round,
                kind().name(),
                scenario.name(),
                r.perSecond(),
                r.p50Us(),
                r.p99Us());
    }

    private static double nanosToMs(long nanos) {
        return nanos < 0 ? Double.NaN : nanos / 1e6;
    }

    /** When the last of {@code members} completed {@code generation}, ms after {@code changeNanos}; NaN if one did not. */
    private static double firstRebalanceMs(List<PollingMember> members, int generation, long changeNanos) {
        long last = Long.MIN_VALUE;
        for (PollingMember m : members) {
            long done = m.completedNanos(generation);
            if (done < 0) {
                return Double.NaN;
            }
            last = Math.max(last, done);
        }
        return members.isEmpty() ? Double.NaN : nanosToMs(last - changeNanos);
    }

    /** When the last of {@code stayed} began its eager rejoin, ms after {@code changeNanos}; NaN if one did not. */
    private static double lastRejoinMs(List<PollingMember> stayed, long changeNanos) {
        long last = Long.MIN_VALUE;
        for (PollingMember m : stayed) {
            long revoked = m.lastRevokeNanos();
            if (revoked < changeNanos) {
                return Double.NaN;
            }
            last = Math.max(last, revoked);
        }
        return stayed.isEmpty() ? Double.NaN : nanosToMs(last - changeNanos);
    }
}
