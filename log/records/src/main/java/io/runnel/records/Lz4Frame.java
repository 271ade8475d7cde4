package io.runnel.records;

import io.runnel.common.errors.CorruptRecordException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;

/**
 * The LZ4 frame format (lz4 project, {@code doc/lz4_Frame_format.md}) as Kafka writes it for magic 2:
 *
 * <pre>
 *   magic        4 bytes LE  0x184D2204
 *   FLG          1 byte      version 01, block independence 1, no block checksum, no content size,
 *                            no content checksum: 0x60
 *   BD           1 byte      block max size id 4 (64 KiB): 0x40
 *   HC           1 byte      (xxHash32(FLG BD, seed 0) >> 8) &amp; 0xFF
 *   blocks       each: 4 bytes LE size, high bit set when the block is stored uncompressed; then the data
 *   end mark     4 bytes LE  0
 * </pre>
 *
 * <p>Level 9, Kafka's default, uses the fast compressor, as Kafka does; other levels use LZ4-HC. The reader accepts
 * any valid frame: block checksums, content size and content checksum are honoured when their flags are set.
 */
final class Lz4Frame {
    static final int MAGIC = 0x184D2204;
    private static final int BLOCK_SIZE = 64 * 1024;
    private static final int FLG_DEFAULT = 0x60;
    private static final int BD_64KB = 0x40;
    private static final int UNCOMPRESSED_FLAG = 0x80000000;

    private static final int FLG_VERSION_MASK = 0xC0;
    private static final int FLG_VERSION = 0x40;
    private static final int FLG_BLOCK_CHECKSUM = 0x10;
    private static final int FLG_CONTENT_SIZE = 0x08;
    private static final int FLG_CONTENT_CHECKSUM = 0x04;
    private static final int FLG_RESERVED = 0x03;
    private static final int FLG_DICT_ID = 0x01;

    private static final LZ4Factory LZ4 = LZ4Factory.fastestInstance();
    private static final XXHash32 XXHASH = XXHashFactory.fastestInstance().hash32();
    private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4.safeDecompressor();

    private Lz4Frame() {}

    static void compress(ByteBuffer source, GrowableBuffer out, int level) {
        LZ4Compressor compressor = level == Codecs.LZ4_DEFAULT_LEVEL ? LZ4.fastCompressor() : LZ4.highCompressor(level);
        out.ensureRemaining(7);
        ByteBuffer header = out.buffer().order(ByteOrder.LITTLE_ENDIAN);
        int headerStart = header.position();
        header.putInt(MAGIC);
        header.put((byte) FLG_DEFAULT);
        header.put((byte) BD_64KB);
        header.put((byte) headerChecksum(header, headerStart + 4, 2));
        header.order(ByteOrder.BIG_ENDIAN);

        int maxCompressed = compressor.maxCompressedLength(BLOCK_SIZE);
        while (source.hasRemaining()) {
            int blockLength = Math.min(BLOCK_SIZE, source.remaining());
            out.ensureRemaining(4 + Math.max(maxCompressed, blockLength));
            ByteBuffer buffer = out.buffer();
            int sizePosition = buffer.position();
            int dataPosition = sizePosition + 4;
            int compressedLength = compressor.compress(
                    source, source.position(), blockLength, buffer, dataPosition, buffer.capacity() - dataPosition);
            int sizeField;
            if (compressedLength >= blockLength) {
                buffer.put(dataPosition, source, source.position(), blockLength);
                sizeField = blockLength | UNCOMPRESSED_FLAG;
                compressedLength = blockLength;
            } else {
                sizeField = compressedLength;
            }
            buffer.putInt(sizePosition, Integer.reverseBytes(sizeField));
            buffer.position(dataPosition + compressedLength);
            source.position(source.position() + blockLength);
        }
        out.ensureRemaining(4);
        out.buffer().putInt(0);
    }

    static void decompress(ByteBuffer in, GrowableBuffer out) {
        ByteBuffer source = in.slice().order(ByteOrder.LITTLE_ENDIAN);
        need(source, 7, "frame header");
        int magic = source.getInt();
        if (magic != MAGIC) {
            throw new CorruptRecordException("lz4 frame has magic 0x" + Integer.toHexString(magic));
        }
        int descriptorStart = source.position();
        int flg = source.get() & 0xff;
        int bd = source.get() & 0xff;
        if ((flg & FLG_VERSION_MASK) != FLG_VERSION || (flg & FLG_RESERVED & ~FLG_DICT_ID) != 0) {
            throw new CorruptRecordException("lz4 frame has unsupported flags 0x" + Integer.toHexString(flg));
        }
        if ((flg & FLG_DICT_ID) != 0) {
            throw new CorruptRecordException("lz4 frames with a dictionary id are not supported");
        }
        int blockSizeId = (bd >> 4) & 0x07;
        if (blockSizeId < 4 || (bd & 0x8F) != 0) {
            throw new CorruptRecordException("lz4 frame has invalid block descriptor 0x" + Integer.toHexString(bd));
        }
        int maxBlockSize = 1 << (2 * blockSizeId + 8);
        if ((flg & FLG_CONTENT_SIZE) != 0) {
            need(source, 8, "content size");
            source.getLong();
        }
        need(source, 1, "header checksum");
        int storedChecksum = source.get() & 0xff;
        int computed = headerChecksum(source, descriptorStart, source.position() - 1 - descriptorStart);
        if (storedChecksum != computed) {
            throw new CorruptRecordException("lz4 frame header checksum mismatch");
        }
        boolean blockChecksum = (flg & FLG_BLOCK_CHECKSUM) != 0;
        while (true) {
            need(source, 4, "block size");
            int sizeField = source.getInt();
            if (sizeField == 0) {
                break;
            }
            boolean uncompressed = (sizeField & UNCOMPRESSED_FLAG) != 0;
            int size = sizeField & ~UNCOMPRESSED_FLAG;
            if (size > maxBlockSize) {
                throw new CorruptRecordException("lz4 block of " + size + " bytes exceeds the maximum " + maxBlockSize);
            }
            need(source, size + (blockChecksum ? 4 : 0), "block data");
            if (blockChecksum) {
                int stored = source.getInt(source.position() + size);
                if (stored != XXHASH.hash(source, source.position(), size, 0)) {
                    throw new CorruptRecordException("lz4 block checksum mismatch");
                }
            }
            if (uncompressed) {
                out.ensureRemaining(size);
                out.buffer().put(source.slice(source.position(), size));
            } else {
                out.ensureRemaining(maxBlockSize);
                ByteBuffer dest = out.buffer();
                int written =
                        DECOMPRESSOR.decompress(source, source.position(), size, dest, dest.position(), maxBlockSize);
                dest.position(dest.position() + written);
            }
            source.position(source.position() + size + (blockChecksum ? 4 : 0));
        }
        if ((flg & FLG_CONTENT_CHECKSUM) != 0) {
            need(source, 4, "content checksum");
            source.getInt();
        }
        in.position(in.position() + source.position());
    }

    private static int headerChecksum(ByteBuffer buffer, int offset, int length) {
        return (XXHASH.hash(buffer, offset, length, 0) >> 8) & 0xff;
    }

    private static void need(ByteBuffer source, int bytes, String what) {
        if (source.remaining() < bytes) {
            throw new CorruptRecordException("lz4 frame is truncated in its " + what);
        }
    }
}
