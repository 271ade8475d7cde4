package io.runnel.broker.network;

import io.netty.channel.DefaultFileRegion;
import io.runnel.records.FileRecords;

/**
 * A region of a segment file, written to a socket with zero copy: {@code sendfile(2)} under the epoll transport,
 * {@link java.nio.channels.FileChannel#transferTo} under NIO. Both transports take that path only for
 * {@link DefaultFileRegion}, hence the subclass.
 *
 * <p>Ownership: the segment owns the file channel, not this region. {@link DefaultFileRegion} closes its channel when
 * released; this region releases nothing. If the segment is deleted (retention) and its channel closed before the
 * region is written, the write fails and Netty closes the connection; the client reconnects and fetches again, as
 * with Kafka.
 */
final class SegmentFileRegion extends DefaultFileRegion {
    SegmentFileRegion(FileRecords region) {
        super(region.channel(), region.startPosition(), region.sizeInBytes());
    }

    @Override
    protected void deallocate() {
        // The channel belongs to the segment.
    }
}
