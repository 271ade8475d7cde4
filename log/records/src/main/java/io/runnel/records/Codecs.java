package io.runnel.records;

import com.github.luben.zstd.RecyclingBufferPool;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import io.runnel.common.errors.CorruptRecordException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.xerial.snappy.SnappyError;
import org.xerial.snappy.SnappyInputStream;
import org.xerial.snappy.SnappyOutputStream;

/**
 * Compresses and decompresses the records section of a batch with the framing Apache Kafka uses, so that each side
 * reads the other's batches and, for the same input and level, writes the same bytes:
 *
 * <ul>
 *   <li>gzip: a GZIP member (RFC 1952) from {@link GZIPOutputStream} at the given deflate level;
 *   <li>snappy: snappy-java's stream framing ({@link SnappyOutputStream}, 32 KiB blocks);
 *   <li>lz4: the LZ4 frame format, see {@link Lz4Frame};
 *   <li>zstd: one zstd frame from zstd-jni's streaming compressor.
 * </ul>
 */
final class Codecs {
    static final int GZIP_DEFAULT_LEVEL = Deflater.DEFAULT_COMPRESSION;
    static final int LZ4_DEFAULT_LEVEL = 9;
    static final int ZSTD_DEFAULT_LEVEL = 3;

    private static final int GZIP_BUFFER_SIZE = 8 * 1024;
    private static final int READ_CHUNK = 16 * 1024;

    private Codecs() {}

    static int defaultLevel(CompressionType type) {
        return switch (type) {
            case GZIP -> GZIP_DEFAULT_LEVEL;
            case LZ4 -> LZ4_DEFAULT_LEVEL;
            case ZSTD -> ZSTD_DEFAULT_LEVEL;
            case NONE, SNAPPY -> 0;
        };
    }

    /** Checks a level against the codec's range, as Kafka's {@code compression.<codec>.level} does. */
    static void validateLevel(CompressionType type, int level) {
        boolean ok =
                switch (type) {
                    case GZIP ->
                        level == Deflater.DEFAULT_COMPRESSION
                                || (level >= Deflater.BEST_SPEED && level <= Deflater.BEST_COMPRESSION);
                    case LZ4 -> level >= 1 && level <= 17;
                    case ZSTD -> level >= -131072 && level <= 22;
                    case NONE, SNAPPY -> true;
                };
        if (!ok) {
            throw new IllegalArgumentException("compression level " + level + " is out of range for " + type);
        }
    }

    /** Appends the compressed form of {@code source}'s remaining bytes to {@code out}; consumes {@code source}. */
    static void compress(CompressionType type, int level, ByteBuffer source, GrowableBuffer out) {
        try {
            switch (type) {
                case NONE -> out.write(source);
                case GZIP -> {
                    try (OutputStream gzip = new LeveledGzipOutputStream(out, level)) {
                        writeAll(source, gzip);
                    }
                }
                case SNAPPY -> {
                    try (OutputStream snappy = new SnappyOutputStream(out)) {
                        writeAll(source, snappy);
                    }
                }
                case LZ4 -> Lz4Frame.compress(source, out, level);
                case ZSTD -> {
                    try (OutputStream zstd =
                            new ZstdOutputStreamNoFinalizer(out, RecyclingBufferPool.INSTANCE).setLevel(level)) {
                        writeAll(source, zstd);
                        // Kafka closes a BufferedOutputStream over the zstd stream, which flushes before the frame
                        // ends: that flush emits an empty block. Do the same so the bytes match.
                        zstd.flush();
                    }
                }
            }
        } catch (IOException e) {
            // Only the in-memory GrowableBuffer is written to, which never throws: this is a codec failure.
            throw new UncheckedIOException("compressing with " + type + " failed", e);
        }
    }

    /**
     * Appends the decompressed form of {@code source}'s remaining bytes to {@code out}.
     *
     * @throws CorruptRecordException if the data does not decompress or is larger than {@code out}'s limit
     */
    static void decompress(CompressionType type, ByteBuffer source, GrowableBuffer out) {
        try {
            switch (type) {
                case NONE -> out.write(source);
                case GZIP -> {
                    try (InputStream in = new GZIPInputStream(new ByteBufferInputStream(source), GZIP_BUFFER_SIZE)) {
                        readAll(in, out);
                    }
                }
                case SNAPPY -> {
                    try (InputStream in = new SnappyInputStream(new ByteBufferInputStream(source))) {
                        readAll(in, out);
                    }
                }
                case LZ4 -> Lz4Frame.decompress(source, out);
                case ZSTD -> {
                    try (InputStream in = new ZstdInputStreamNoFinalizer(
                            new ByteBufferInputStream(source), RecyclingBufferPool.INSTANCE)) {
                        readAll(in, out);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof CorruptRecordException corrupt) {
                throw corrupt;
            }
            throw new CorruptRecordException("records do not decompress with " + type + ": " + e.getMessage(), e);
        } catch (SnappyError e) {
            // snappy-java reports bad framing (a chunk size out of range) as an Error, not an exception.
            throw new CorruptRecordException("records do not decompress with " + type + ": " + e.getMessage(), e);
        }
    }

    private static void writeAll(ByteBuffer source, OutputStream out) throws IOException {
        if (source.hasArray()) {
            out.write(source.array(), source.arrayOffset() + source.position(), source.remaining());
            source.position(source.limit());
            return;
        }
        byte[] chunk = new byte[Math.min(READ_CHUNK, source.remaining())];
        while (source.hasRemaining()) {
            int n = Math.min(chunk.length, source.remaining());
            source.get(chunk, 0, n);
            out.write(chunk, 0, n);
        }
    }

    private static void readAll(InputStream in, GrowableBuffer out) throws IOException {
        while (true) {
            out.ensureRemaining(READ_CHUNK);
            ByteBuffer buffer = out.buffer();
            int n = in.read(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
            if (n < 0) {
                return;
            }
            buffer.position(buffer.position() + n);
        }
    }

    /** Kafka's gzip framing: an 8 KiB deflate buffer at a configurable level. */
    private static final class LeveledGzipOutputStream extends GZIPOutputStream {
        LeveledGzipOutputStream(OutputStream out, int level) throws IOException {
            super(out, GZIP_BUFFER_SIZE);
            def.setLevel(level);
        }
    }

    /** Reads a ByteBuffer's remaining bytes, consuming them. */
    static final class ByteBufferInputStream extends InputStream {
        private final ByteBuffer buffer;

        ByteBufferInputStream(ByteBuffer buffer) {
            this.buffer = buffer;
        }

        @Override
        public int read() {
            return buffer.hasRemaining() ? buffer.get() & 0xff : -1;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (!buffer.hasRemaining()) {
                return -1;
            }
            int n = Math.min(length, buffer.remaining());
            buffer.get(bytes, offset, n);
            return n;
        }

        @Override
        public int available() {
            return buffer.remaining();
        }
    }
}
