package io.runnel.broker.group;

import io.runnel.protocol.message.JoinGroupResponse;
import io.runnel.protocol.message.SyncGroupResponse;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One member of a classic group: what it sent in its last JoinGroup, its assignment, and the responses it is waiting
 * for. A JoinGroup or SyncGroup that cannot be answered yet parks its response callback here until the rebalance
 * moves on.
 *
 * <p>Not thread-safe: owned by the coordinator thread, like its {@link ClassicGroup}.
 */
final class GroupMember {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private String memberId;
    private final @Nullable String groupInstanceId;
    private String clientId;
    private String clientHost;
    private int rebalanceTimeoutMs;
    private int sessionTimeoutMs;
    private final String protocolType;
    /** Protocol name → metadata, in the member's order of preference. */
    private Map<String, ByteBuffer> protocols;

    private ByteBuffer assignment = EMPTY;
    private @Nullable Consumer<JoinGroupResponse> awaitingJoin;
    private @Nullable Consumer<SyncGroupResponse> awaitingSync;
    /** True until the member's first join completes: a new member that never completes is dropped at once. */
    private boolean isNew = true;

    GroupMember(
            String memberId,
            @Nullable String groupInstanceId,
            String clientId,
            String clientHost,
            int rebalanceTimeoutMs,
            int sessionTimeoutMs,
            String protocolType,
            Map<String, ByteBuffer> protocols) {
        this.memberId = memberId;
        this.groupInstanceId = groupInstanceId;
        this.clientId = clientId;
        this.clientHost = clientHost;
        this.rebalanceTimeoutMs = rebalanceTimeoutMs;
        this.sessionTimeoutMs = sessionTimeoutMs;
        this.protocolType = protocolType;
        this.protocols = new LinkedHashMap<>(protocols);
    }

    String memberId() {
        return memberId;
    }

    /** A restarted static member takes over its old entry under a new member id. */
    void replaceMemberId(String newMemberId) {
        this.memberId = newMemberId;
    }

    @Nullable
    String groupInstanceId() {
        return groupInstanceId;
    }

    boolean isStatic() {
        return groupInstanceId != null;
    }

    String clientId() {
        return clientId;
    }

    String clientHost() {
        return clientHost;
    }

    int rebalanceTimeoutMs() {
        return rebalanceTimeoutMs;
    }

    int sessionTimeoutMs() {
        return sessionTimeoutMs;
    }

    String protocolType() {
        return protocolType;
    }

    Map<String, ByteBuffer> protocols() {
        return protocols;
    }

    /** Whether the member would send the same JoinGroup again: same protocols, same metadata. */
    boolean sameProtocols(Map<String, ByteBuffer> other) {
        return protocols.equals(other);
    }

    /** Takes what a rejoining member sent. */
    void update(
            String clientId,
            String clientHost,
            int rebalanceTimeoutMs,
            int sessionTimeoutMs,
            Map<String, ByteBuffer> protocols) {
        this.clientId = clientId;
        this.clientHost = clientHost;
        this.rebalanceTimeoutMs = rebalanceTimeoutMs;
        this.sessionTimeoutMs = sessionTimeoutMs;
        this.protocols = new LinkedHashMap<>(protocols);
    }

    /** A copy of what {@link #update} changes, for {@link #restore}. */
    GroupMember copy() {
        return new GroupMember(
                memberId,
                groupInstanceId,
                clientId,
                clientHost,
                rebalanceTimeoutMs,
                sessionTimeoutMs,
                protocolType,
                protocols);
    }

    /** Undoes an {@link #update} with what {@link #copy} kept. */
    void restore(GroupMember before) {
        update(
                before.clientId,
                before.clientHost,
                before.rebalanceTimeoutMs,
                before.sessionTimeoutMs,
                before.protocols);
    }

    /** The member's metadata for {@code protocol}; empty if it does not support it. */
    ByteBuffer metadata(@Nullable String protocol) {
        ByteBuffer metadata = protocol == null ? null : protocols.get(protocol);
        return metadata == null ? EMPTY : metadata.duplicate();
    }

    ByteBuffer assignment() {
        return assignment.duplicate();
    }

    void assignment(ByteBuffer assignment) {
        this.assignment = assignment;
    }

    boolean isAwaitingJoin() {
        return awaitingJoin != null;
    }

    void awaitJoin(Consumer<JoinGroupResponse> callback) {
        this.awaitingJoin = callback;
    }

    /** Answers the parked JoinGroup, if any. */
    void completeJoin(JoinGroupResponse response) {
        Consumer<JoinGroupResponse> callback = awaitingJoin;
        awaitingJoin = null;
        if (callback != null) {
            callback.accept(response);
        }
    }

    boolean isAwaitingSync() {
        return awaitingSync != null;
    }

    void awaitSync(Consumer<SyncGroupResponse> callback) {
        this.awaitingSync = callback;
    }

    /** Answers the parked SyncGroup, if any. */
    void completeSync(SyncGroupResponse response) {
        Consumer<SyncGroupResponse> callback = awaitingSync;
        awaitingSync = null;
        if (callback != null) {
            callback.accept(response);
        }
    }

    boolean isNew() {
        return isNew;
    }

    void joined() {
        isNew = false;
    }

    @Override
    public String toString() {
        return "GroupMember(" + memberId + (groupInstanceId == null ? "" : ", instance " + groupInstanceId) + ")";
    }
}
