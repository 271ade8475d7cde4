package io.runnel.runtime.internal;

import io.runnel.client.admin.Admin;
import io.runnel.client.admin.AlterConsumerGroupOffsetsOptions;
import io.runnel.client.admin.ListConsumerGroupOffsetsOptions;
import io.runnel.client.consumer.OffsetAndMetadata;
import io.runnel.common.TopicPartition;
import io.runnel.common.errors.InterruptException;
import io.runnel.common.errors.RetriableException;
import io.runnel.common.errors.TimeoutException;
import io.runnel.streams.errors.StreamsException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Commits input offsets to the group {@code application.id} through the admin client (OffsetCommit for a group with
 * no members, which the coordinator accepts), and reads them back (OffsetFetch). Correct while this instance is the
 * only one running the application, with its threads assigned partitions directly. Thread-safe; borrows the admin.
 */
public final class AdminOffsetCommitter implements OffsetCommitter {
    private final Admin admin;
    private final String groupId;
    private final Duration timeout;

    public AdminOffsetCommitter(Admin admin, String groupId, Duration timeout) {
        this.admin = admin;
        this.groupId = groupId;
        this.timeout = timeout;
    }

    @Override
    public Map<TopicPartition, Long> committed(Set<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        CompletableFuture<Map<TopicPartition, OffsetAndMetadata>> future = admin.listConsumerGroupOffsets(
                        groupId, new ListConsumerGroupOffsetsOptions())
                .partitionsToOffsetAndMetadata();
        Map<TopicPartition, OffsetAndMetadata> all = await(future, "read the committed offsets of group " + groupId);
        Map<TopicPartition, Long> out = new HashMap<>();
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata committed = all.get(tp);
            if (committed != null) {
                out.put(tp, committed.offset());
            }
        }
        return out;
    }

    @Override
    public void commit(Map<TopicPartition, Long> offsets) {
        if (offsets.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> request = new HashMap<>();
        offsets.forEach((tp, offset) -> request.put(tp, new OffsetAndMetadata(offset)));
        await(
                admin.alterConsumerGroupOffsets(groupId, request, new AlterConsumerGroupOffsetsOptions())
                        .all(),
                "commit offsets of group " + groupId);
    }

    private <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new TimeoutException("Could not " + what + " within " + timeout);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof RetriableException retriable) {
                throw retriable;
            }
            throw new StreamsException("Could not " + what + ": " + cause, cause);
        }
    }
}
