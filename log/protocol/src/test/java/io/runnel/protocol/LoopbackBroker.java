package io.runnel.protocol;

import io.runnel.protocol.errors.UnsupportedVersionException;
import io.runnel.protocol.message.ApiVersionsResponse;
import io.runnel.protocol.message.CreateTopicsRequest;
import io.runnel.protocol.message.DeleteRecordsRequest;
import io.runnel.protocol.message.DeleteTopicsRequest;
import io.runnel.protocol.message.DescribeClusterRequest;
import io.runnel.protocol.message.DescribeClusterResponse;
import io.runnel.protocol.message.DescribeConfigsRequest;
import io.runnel.protocol.message.DescribeGroupsRequest;
import io.runnel.protocol.message.FetchRequest;
import io.runnel.protocol.message.FetchResponse;
import io.runnel.protocol.message.FindCoordinatorRequest;
import io.runnel.protocol.message.IncrementalAlterConfigsRequest;
import io.runnel.protocol.message.InitProducerIdResponse;
import io.runnel.protocol.message.JoinGroupRequest;
import io.runnel.protocol.message.LeaveGroupRequest;
import io.runnel.protocol.message.ListOffsetsRequest;
import io.runnel.protocol.message.ListOffsetsResponse;
import io.runnel.protocol.message.Message;
import io.runnel.protocol.message.MetadataResponse;
import io.runnel.protocol.message.OffsetCommitRequest;
import io.runnel.protocol.message.OffsetFetchRequest;
import io.runnel.protocol.message.ProduceRequest;
import io.runnel.protocol.message.ProduceResponse;
import io.runnel.protocol.message.SyncGroupRequest;
import io.runnel.records.MemoryRecords;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A minimal broker on loopback for integration tests: it speaks only through {@link RequestCodec} and
 * {@link ResponseCodec}, and answers ApiVersions, Metadata, DescribeCluster, InitProducerId, Produce, ListOffsets and
 * Fetch for a one-node cluster with one single-partition topic, and the group APIs for one consumer
 * ({@link LoopbackGroupCoordinator}) and the administrative APIs ({@link LoopbackAdminApis}), whose "log" is the list of batches produced to it
 * (kept as the decoded views: each request frame is a fresh buffer that nothing else reuses). It records what it
 * was asked. One thread accepts, one thread serves each connection; {@link #close()} stops them all.
 */
final class LoopbackBroker implements AutoCloseable {
    static final String CLUSTER_ID = "runnel-loopback";
    static final String TOPIC = "events";
    static final int NODE_ID = 1;

    private final ServerSocketChannel server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "loopback-broker");
        thread.setDaemon(true);
        return thread;
    });
    private final List<SocketChannel> connections = new CopyOnWriteArrayList<>();
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final List<MemoryRecords> batches = new ArrayList<>(); // guarded by this
    private long nextOffset; // guarded by this
    private final LoopbackGroupCoordinator groups = new LoopbackGroupCoordinator(); // guarded by this
    private final LoopbackAdminApis admin = new LoopbackAdminApis(); // guarded by this

    LoopbackBroker() throws IOException {
        server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        threads.execute(this::acceptLoop);
    }

    int port() {
        try {
            return ((InetSocketAddress) server.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What was asked, in order: "API_VERSIONS v4", "refused API key 18 v5", … */
    List<String> seen() {
        return List.copyOf(seen);
    }

    /** Anything the broker failed on other than a client closing its connection. */
    List<Throwable> failures() {
        return List.copyOf(failures);
    }

    private void acceptLoop() {
        try {
            while (server.isOpen()) {
                SocketChannel connection = server.accept();
                connections.add(connection);
                threads.execute(() -> serve(connection));
            }
        } catch (ClosedChannelException closed) {
            // close() was called
        } catch (IOException e) {
            failures.add(e);
        }
    }

    private void serve(SocketChannel connection) {
        try (connection) {
            while (true) {
                ByteBuffer frame = readFrame(connection);
                try {
                    RequestCodec.DecodedRequest request = RequestCodec.decode(frame);
                    seen.add(request.apiKey() + " v" + request.header().apiVersion());
                    Message response;
                    synchronized (this) {
                        response = answer(request);
                    }
                    write(
                            connection,
                            ResponseCodec.encode(
                                    request.apiKey(), request.header().correlationId(), response));
                } catch (UnsupportedVersionException e) {
                    seen.add("refused API key " + e.apiKey() + " v" + e.apiVersion());
                    if (e.apiKey() != ApiKey.API_VERSIONS.id()) {
                        return;
                    }
                    write(connection, List.of(ResponseCodec.encodeApiVersionsFallback(e.correlationId())));
                }
            }
        } catch (EOFException | ClosedChannelException closed) {
            // the client went away, or close() was called
        } catch (IOException | RuntimeException e) {
            failures.add(e);
        }
    }

    /** What the administrative APIs recorded; read it after the client is done. */
    synchronized LoopbackAdminApis admin() {
        return admin;
    }

    /** The committed offset of a partition of the loopback group, or -1. */
    synchronized long committed(String topic, int partition) {
        return groups.committed(topic, partition);
    }

    private Message answer(RequestCodec.DecodedRequest request) {
        return switch (request.apiKey()) {
            case API_VERSIONS ->
                new ApiVersionsResponse((short) 0, ResponseCodec.supportedApis(), 0, List.of(), -1L, List.of(), false);
            case METADATA ->
                new MetadataResponse(
                        0,
                        List.of(new MetadataResponse.MetadataResponseBroker(NODE_ID, "127.0.0.1", port(), null)),
                        CLUSTER_ID,
                        NODE_ID,
                        List.of(new MetadataResponse.MetadataResponseTopic(
                                (short) 0,
                                TOPIC,
                                new UUID(11, 12),
                                false,
                                List.of(new MetadataResponse.MetadataResponsePartition(
                                        (short) 0, 0, NODE_ID, 0, List.of(NODE_ID), List.of(NODE_ID), List.of())),
                                Integer.MIN_VALUE)));
            case DESCRIBE_CLUSTER ->
                new DescribeClusterResponse(
                        0,
                        (short) 0,
                        null,
                        ((DescribeClusterRequest) request.body()).endpointType(),
                        CLUSTER_ID,
                        NODE_ID,
                        List.of(new DescribeClusterResponse.DescribeClusterBroker(NODE_ID, "127.0.0.1", port(), null)),
                        Integer.MIN_VALUE);
            case INIT_PRODUCER_ID -> new InitProducerIdResponse(0, (short) 0, 4000L, (short) 0);
            case PRODUCE -> produce((ProduceRequest) request.body());
            case LIST_OFFSETS -> listOffsets((ListOffsetsRequest) request.body());
            case FETCH -> fetch((FetchRequest) request.body());
            case FIND_COORDINATOR -> groups.findCoordinator((FindCoordinatorRequest) request.body(), port());
            case JOIN_GROUP -> groups.join((JoinGroupRequest) request.body());
            case SYNC_GROUP -> groups.sync((SyncGroupRequest) request.body());
            case HEARTBEAT -> groups.heartbeat();
            case OFFSET_FETCH -> groups.fetchOffsets((OffsetFetchRequest) request.body());
            case OFFSET_COMMIT -> groups.commitOffsets((OffsetCommitRequest) request.body());
            case LEAVE_GROUP -> groups.leave((LeaveGroupRequest) request.body());
            case CREATE_TOPICS -> admin.createTopics((CreateTopicsRequest) request.body());
            case DELETE_TOPICS -> admin.deleteTopics((DeleteTopicsRequest) request.body());
            case DESCRIBE_CONFIGS -> admin.describeConfigs((DescribeConfigsRequest) request.body());
            case INCREMENTAL_ALTER_CONFIGS -> admin.alterConfigs((IncrementalAlterConfigsRequest) request.body());
            case DELETE_RECORDS -> admin.deleteRecords((DeleteRecordsRequest) request.body());
            case LIST_GROUPS -> admin.listGroups();
            case DESCRIBE_GROUPS -> admin.describeGroups((DescribeGroupsRequest) request.body());
            default -> throw new IllegalStateException("the loopback broker does not answer " + request.apiKey());
        };
    }

    private synchronized ProduceResponse produce(ProduceRequest request) {
        MemoryRecords records =
                request.topicData().get(0).partitionData().get(0).records();
        if (records == null) {
            throw new IllegalStateException("produce request without records");
        }
        long baseOffset = nextOffset;
        nextOffset += records.validateForAppend().recordCount();
        batches.add(records);
        return new ProduceResponse(
                List.of(new ProduceResponse.TopicProduceResponse(
                        TOPIC,
                        List.of(new ProduceResponse.PartitionProduceResponse(
                                0,
                                (short) 0,
                                baseOffset,
                                -1L,
                                0L,
                                List.of(),
                                null,
                                new ProduceResponse.LeaderIdAndEpoch(-1, -1))))),
                0,
                List.of());
    }

    private synchronized ListOffsetsResponse listOffsets(ListOffsetsRequest request) {
        long timestamp = request.topics().get(0).partitions().get(0).timestamp();
        long offset = timestamp == -2L ? 0L : nextOffset; // EARLIEST, or LATEST for anything else
        return new ListOffsetsResponse(
                0,
                List.of(new ListOffsetsResponse.ListOffsetsTopicResponse(
                        TOPIC,
                        List.of(new ListOffsetsResponse.ListOffsetsPartitionResponse(0, (short) 0, -1L, offset, 0)))));
    }

    private synchronized FetchResponse fetch(FetchRequest request) {
        List<FetchResponse.FetchableTopicResponse> topics = new ArrayList<>();
        for (FetchRequest.FetchTopic topic : request.topics()) {
            long fetchOffset = topic.partitions().get(0).fetchOffset();
            MemoryRecords records = fetchOffset == 0 && !batches.isEmpty()
                    ? batches.get(0)
                    : MemoryRecords.wrap(ByteBuffer.allocate(0));
            topics.add(new FetchResponse.FetchableTopicResponse(
                    topic.topicId(),
                    List.of(new FetchResponse.PartitionData(
                            0,
                            (short) 0,
                            nextOffset,
                            nextOffset,
                            0L,
                            new FetchResponse.EpochEndOffset(-1, -1L),
                            new FetchResponse.LeaderIdAndEpoch(-1, -1),
                            new FetchResponse.SnapshotId(-1L, -1),
                            null,
                            -1,
                            records))));
        }
        return new FetchResponse(0, (short) 0, 0, topics, List.of());
    }

    private static ByteBuffer readFrame(SocketChannel connection) throws IOException {
        ByteBuffer size = readFully(connection, ByteBuffer.allocate(Frames.SIZE_PREFIX_LENGTH));
        return readFully(connection, ByteBuffer.allocate(size.getInt(0))).flip();
    }

    private static ByteBuffer readFully(SocketChannel connection, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (connection.read(buffer) < 0) {
                throw new EOFException();
            }
        }
        return buffer;
    }

    private static void write(SocketChannel connection, List<ByteBuffer> buffers) throws IOException {
        ByteBuffer[] array = buffers.stream().map(ByteBuffer::duplicate).toArray(ByteBuffer[]::new);
        long remaining = buffers.stream().mapToLong(ByteBuffer::remaining).sum();
        while (remaining > 0) {
            remaining -= connection.write(array);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (SocketChannel connection : connections) {
            connection.close();
        }
        threads.shutdownNow();
    }
}
