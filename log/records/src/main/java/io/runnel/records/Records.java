package io.runnel.records;

/**
 * Record batches to be sent: in memory ({@link MemoryRecords}, as decoded from a request or built by a client) or a
 * region of a segment file ({@link FileRecords}, as a broker answers a fetch). The protocol writer frames either kind;
 * a file region reaches the socket with zero copy.
 */
public sealed interface Records permits MemoryRecords, FileRecords {
    /** The bytes these records take on the wire. Fixed for a {@link FileRecords#slice slice}. */
    int sizeInBytes();

    /**
     * These records in memory: {@code this} for {@link MemoryRecords}; a file region is read into a new heap buffer
     * (one copy), for callers that must look inside the batches, such as tests and tools.
     *
     * @throws java.io.UncheckedIOException if reading the file fails
     */
    MemoryRecords toMemoryRecords();
}
