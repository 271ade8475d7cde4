package io.runnel.records;

import io.runnel.common.errors.CorruptRecordException;
import java.util.Locale;

/** The codecs of record batch v2, by the id stored in the low three bits of the batch attributes. */
public enum CompressionType {
    NONE(0, "none"),
    GZIP(1, "gzip"),
    SNAPPY(2, "snappy"),
    LZ4(3, "lz4"),
    ZSTD(4, "zstd");

    private static final CompressionType[] BY_ID = values();

    /** The id on disk and on the wire. */
    public final int id;
    /** The name used by {@code compression.type}. */
    public final String configName;

    CompressionType(int id, String configName) {
        this.id = id;
        this.configName = configName;
    }

    /**
     * The codec with the given attribute id.
     *
     * @throws CorruptRecordException if no codec has that id
     */
    public static CompressionType forId(int id) {
        if (id < 0 || id >= BY_ID.length) {
            throw new CorruptRecordException("unknown compression type id " + id);
        }
        return BY_ID[id];
    }

    /**
     * The codec with the given {@code compression.type} name (case-insensitive).
     *
     * @throws IllegalArgumentException naming the accepted values if none matches
     */
    public static CompressionType forName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (CompressionType type : BY_ID) {
            if (type.configName.equals(lower)) {
                return type;
            }
        }
        throw new IllegalArgumentException(
                "unknown compression type '" + name + "': expected one of none, gzip, snappy, lz4, zstd");
    }
}
