package io.runnel.broker.group;

import io.runnel.common.TopicPartition;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A group as the classic protocol sees it: its state, generation, members, selected protocol and leader, and its
 * committed offsets. The rules that move it between states live in {@link GroupCoordinator}; this class keeps the
 * data and answers questions about it.
 *
 * <p>Not thread-safe: owned by the coordinator thread.
 */
final class ClassicGroup {
    private static final ByteBuffer NO_ASSIGNMENT = ByteBuffer.allocate(0).asReadOnlyBuffer();
    private final String groupId;
    private final int partition;
    private GroupState state = GroupState.EMPTY;
    private long stateTimestamp;
    private int generation;
    private @Nullable String protocolType;
    private @Nullable String protocolName;
    private @Nullable String leaderId;
    private final Map<String, GroupMember> members = new LinkedHashMap<>();
    /** group.instance.id → member id of the static members. */
    private final Map<String, String> staticMembers = new HashMap<>();
    /** Member ids handed out with MEMBER_ID_REQUIRED whose owners have not joined with them yet. */
    private final Set<String> pendingMembers = new HashSet<>();
    /** Members that got this generation's JoinGroup response and have not sent SyncGroup yet. */
    private final Set<String> pendingSync = new HashSet<>();

    private final Map<TopicPartition, GroupRecords.OffsetValue> offsets = new LinkedHashMap<>();
    /** Whether a member joined during the current initial-rebalance delay (which is then extended). */
    private boolean newMemberAdded;
    /** Whether the rebalance under way is the first one of an empty group, held for the initial delay. */
    private boolean initialDelay;

    ClassicGroup(String groupId, int partition, long nowMs) {
        this.groupId = groupId;
        this.partition = partition;
        this.stateTimestamp = nowMs;
    }

    String groupId() {
        return groupId;
    }

    /** The {@code __consumer_offsets} partition that holds this group. */
    int partition() {
        return partition;
    }

    GroupState state() {
        return state;
    }

    boolean is(GroupState candidate) {
        return state == candidate;
    }

    void transitionTo(GroupState target, long nowMs) {
        state = target;
        stateTimestamp = nowMs;
    }

    long stateTimestamp() {
        return stateTimestamp;
    }

    int generation() {
        return generation;
    }

    @Nullable
    String protocolType() {
        return protocolType;
    }

    @Nullable
    String protocolName() {
        return protocolName;
    }

    @Nullable
    String leaderId() {
        return leaderId;
    }

    boolean isLeader(String memberId) {
        return memberId.equals(leaderId);
    }

    Map<String, GroupMember> members() {
        return members;
    }

    boolean isEmpty() {
        return members.isEmpty();
    }

    @Nullable
    GroupMember member(String memberId) {
        return members.get(memberId);
    }

    @Nullable
    String staticMemberId(String groupInstanceId) {
        return staticMembers.get(groupInstanceId);
    }

    void add(GroupMember member) {
        if (members.isEmpty()) {
            protocolType = member.protocolType();
        }
        members.put(member.memberId(), member);
        if (member.groupInstanceId() != null) {
            staticMembers.put(member.groupInstanceId(), member.memberId());
        }
        if (leaderId == null) {
            leaderId = member.memberId();
        }
        pendingMembers.remove(member.memberId());
    }

    void remove(String memberId) {
        GroupMember removed = members.remove(memberId);
        pendingSync.remove(memberId);
        if (removed != null && removed.groupInstanceId() != null) {
            staticMembers.remove(removed.groupInstanceId(), memberId);
        }
        if (memberId.equals(leaderId)) {
            leaderId = members.isEmpty() ? null : members.keySet().iterator().next();
        }
    }

    /** A restarted static member: its entry moves to {@code newMemberId}, keeping its assignment. */
    GroupMember replaceStaticMember(String oldMemberId, String newMemberId) {
        GroupMember member = members.remove(oldMemberId);
        if (member == null) {
            throw new IllegalStateException("no member " + oldMemberId + " in group " + groupId);
        }
        member.replaceMemberId(newMemberId);
        members.put(newMemberId, member);
        staticMembers.put(member.groupInstanceId(), newMemberId);
        if (oldMemberId.equals(leaderId)) {
            leaderId = newMemberId;
        }
        if (pendingSync.remove(oldMemberId)) {
            pendingSync.add(newMemberId);
        }
        return member;
    }

    Set<String> pendingMembers() {
        return pendingMembers;
    }

    Set<String> pendingSync() {
        return pendingSync;
    }

    boolean newMemberAdded() {
        return newMemberAdded;
    }

    void newMemberAdded(boolean value) {
        newMemberAdded = value;
    }

    boolean initialDelay() {
        return initialDelay;
    }

    void initialDelay(boolean value) {
        initialDelay = value;
    }

    /** Whether every member has sent its JoinGroup for this rebalance, and no MEMBER_ID_REQUIRED join is pending. */
    boolean allMembersJoined() {
        for (GroupMember member : members.values()) {
            if (!member.isAwaitingJoin()) {
                return false;
            }
        }
        return pendingMembers.isEmpty();
    }

    /** The longest rebalance timeout of the members: how long a rebalance waits for them to rejoin. */
    int rebalanceTimeoutMs() {
        int max = 0;
        for (GroupMember member : members.values()) {
            max = Math.max(max, member.rebalanceTimeoutMs());
        }
        return max;
    }

    /**
     * Whether a member of {@code protocolType} supporting {@code protocols} can join: the type must match and, once
     * there are members, some protocol must be supported by all of them and the newcomer.
     */
    boolean supportsProtocols(String memberProtocolType, Collection<String> protocols) {
        if (members.isEmpty()) {
            return !memberProtocolType.isEmpty() && !protocols.isEmpty();
        }
        if (!memberProtocolType.equals(protocolType)) {
            return false;
        }
        for (String protocol : protocols) {
            if (candidateProtocols().contains(protocol)) {
                return true;
            }
        }
        return false;
    }

    /** The protocols every member supports. */
    private Set<String> candidateProtocols() {
        Set<String> candidates = null;
        for (GroupMember member : members.values()) {
            if (candidates == null) {
                candidates = new HashSet<>(member.protocols().keySet());
            } else {
                candidates.retainAll(member.protocols().keySet());
            }
        }
        return candidates == null ? Set.of() : candidates;
    }

    /**
     * Kafka's protocol selection: among the protocols every member supports, each member votes for the first in its
     * own order of preference; the most votes win, ties going to the protocol voted for first in member order.
     */
    String selectProtocol() {
        Set<String> candidates = candidateProtocols();
        Map<String, Integer> votes = new LinkedHashMap<>();
        for (GroupMember member : members.values()) {
            for (String protocol : member.protocols().keySet()) {
                if (candidates.contains(protocol)) {
                    votes.merge(protocol, 1, Integer::sum);
                    break;
                }
            }
        }
        String best = null;
        int bestVotes = -1;
        for (Map.Entry<String, Integer> entry : votes.entrySet()) {
            if (entry.getValue() > bestVotes) {
                best = entry.getKey();
                bestVotes = entry.getValue();
            }
        }
        if (best == null) {
            throw new IllegalStateException("group " + groupId + " has no protocol all members support");
        }
        return best;
    }

    /**
     * Starts the next generation: a new generation id, the selected protocol (or none without members), and the
     * leader kept if it is still a member.
     */
    void initNextGeneration(long nowMs) {
        generation++;
        if (members.isEmpty()) {
            protocolName = null;
            transitionTo(GroupState.EMPTY, nowMs);
        } else {
            protocolName = selectProtocol();
            transitionTo(GroupState.COMPLETING_REBALANCE, nowMs);
        }
        pendingSync.clear();
        pendingSync.addAll(members.keySet());
    }

    /** Restores what a {@code __consumer_offsets} group record holds. */
    void restore(GroupRecords.GroupValue value, long nowMs) {
        members.clear();
        staticMembers.clear();
        generation = value.generation();
        protocolType = value.protocolType().isEmpty() ? null : value.protocolType();
        protocolName = value.protocol();
        leaderId = value.leader();
        for (GroupRecords.MemberValue m : value.members()) {
            Map<String, ByteBuffer> protocols = new LinkedHashMap<>();
            if (protocolName != null) {
                protocols.put(protocolName, m.subscription());
            }
            GroupMember member = new GroupMember(
                    m.memberId(),
                    m.groupInstanceId(),
                    m.clientId(),
                    m.clientHost(),
                    m.rebalanceTimeoutMs(),
                    m.sessionTimeoutMs(),
                    value.protocolType(),
                    protocols);
            member.assignment(m.assignment());
            member.joined();
            add(member);
        }
        leaderId = value.leader();
        long timestamp = value.currentStateTimestamp() >= 0 ? value.currentStateTimestamp() : nowMs;
        transitionTo(members.isEmpty() ? GroupState.EMPTY : GroupState.STABLE, timestamp);
    }

    /** What a {@code __consumer_offsets} group record stores of this group now. */
    GroupRecords.GroupValue snapshot() {
        return snapshot(null, stateTimestamp);
    }

    /**
     * What a group record would store with the given assignments (a member missing from the map gets an empty one)
     * and state timestamp: the record of a generation's assignment, written before the members get it.
     *
     * @param assignments member id → assignment, or null for the members' current assignments
     */
    GroupRecords.GroupValue snapshot(@Nullable Map<String, ByteBuffer> assignments, long stateTimestampMs) {
        List<GroupRecords.MemberValue> stored = new ArrayList<>();
        for (GroupMember m : members.values()) {
            stored.add(new GroupRecords.MemberValue(
                    m.memberId(),
                    m.groupInstanceId(),
                    m.clientId(),
                    m.clientHost(),
                    m.rebalanceTimeoutMs(),
                    m.sessionTimeoutMs(),
                    m.metadata(protocolName),
                    assignments == null ? m.assignment() : assignments.getOrDefault(m.memberId(), NO_ASSIGNMENT)));
        }
        return new GroupRecords.GroupValue(
                protocolType == null ? "" : protocolType, generation, protocolName, leaderId, stateTimestampMs, stored);
    }

    Map<TopicPartition, GroupRecords.OffsetValue> offsets() {
        return offsets;
    }

    @Override
    public String toString() {
        return "ClassicGroup(" + groupId + ", " + state.kafkaName() + ", generation " + generation + ", "
                + members.size() + " members)";
    }
}
