package io.runnel.bench.state;

import io.runnel.state.RocksDBMemory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.CompactionStyle;
import org.rocksdb.CompressionType;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

/**
 * The baseline: rocksdbjni called directly, opened with the same options Runnel's stores use (shared block cache and
 * write buffer manager, bloom filter, universal compaction, LZ4, no WAL), so that the difference is the store layer.
 */
final class RawRocksDB implements AutoCloseable {
    private final List<AutoCloseable> owned = new ArrayList<>();
    private final RocksDB db;
    private final WriteOptions writeOptions;
    private final ReadOptions readOptions;
    private final org.rocksdb.ColumnFamilyOptions familyOptions;
    private final java.util.Map<Long, org.rocksdb.ColumnFamilyHandle> families = new java.util.HashMap<>();

    RawRocksDB(Path dir, RocksDBMemory memory) throws RocksDBException {
        BloomFilter filter = own(new BloomFilter(10));
        BlockBasedTableConfig table = new BlockBasedTableConfig()
                .setBlockCache(memory.blockCache())
                .setBlockSize(16 * 1024L)
                .setFilterPolicy(filter)
                .setCacheIndexAndFilterBlocks(true)
                .setCacheIndexAndFilterBlocksWithHighPriority(true)
                .setPinTopLevelIndexAndFilter(true);
        Options options = own(new Options()
                .setCreateIfMissing(true)
                .setTableFormatConfig(table)
                .setWriteBufferManager(memory.writeBufferManager())
                .setWriteBufferSize(16L * 1024 * 1024)
                .setMaxWriteBufferNumber(3)
                .setCompactionStyle(CompactionStyle.UNIVERSAL)
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
                .setMaxOpenFiles(-1)
                .setIncreaseParallelism(2));
        writeOptions = own(new WriteOptions().setDisableWAL(true));
        readOptions = own(new ReadOptions());
        familyOptions = own(new org.rocksdb.ColumnFamilyOptions(options));
        db = own(RocksDB.open(options, dir.toString()));
    }

    private <T extends AutoCloseable> T own(T object) {
        owned.add(object);
        return object;
    }

    /** A column family for one time segment, created on first use, with the database's options. */
    org.rocksdb.ColumnFamilyHandle family(long segment) throws RocksDBException {
        org.rocksdb.ColumnFamilyHandle handle = families.get(segment);
        if (handle == null) {
            handle = own(db.createColumnFamily(new org.rocksdb.ColumnFamilyDescriptor(
                    ("segment-" + segment).getBytes(java.nio.charset.StandardCharsets.UTF_8), familyOptions)));
            families.put(segment, handle);
        }
        return handle;
    }

    void put(org.rocksdb.ColumnFamilyHandle family, byte[] key, byte[] value) throws RocksDBException {
        db.put(family, writeOptions, key, value);
    }

    long scan(org.rocksdb.ColumnFamilyHandle family, byte[] from, byte[] to) {
        long seen = 0;
        try (RocksIterator it = db.newIterator(family, readOptions)) {
            it.seek(from);
            while (it.isValid()) {
                byte[] key = it.key();
                if (java.util.Arrays.compareUnsigned(key, to) > 0) {
                    break;
                }
                seen += key.length + it.value().length;
                it.next();
            }
        }
        return seen;
    }

    void put(byte[] key, byte[] value) throws RocksDBException {
        db.put(writeOptions, key, value);
    }

    byte @org.jspecify.annotations.Nullable [] get(byte[] key) throws RocksDBException {
        return db.get(key);
    }

    /** Reads {@code count} pairs from {@code from} on, or from {@code from} to {@code to}; returns bytes seen. */
    long scan(byte[] from, byte[] to, int count) {
        long seen = 0;
        try (RocksIterator it = db.newIterator(readOptions)) {
            it.seek(from);
            for (int i = 0; i < count && it.isValid(); i++) {
                byte[] key = it.key();
                if (java.util.Arrays.compareUnsigned(key, to) > 0) {
                    break;
                }
                seen += key.length + it.value().length;
                it.next();
            }
        }
        return seen;
    }

    @Override
    public void close() throws Exception {
        for (int i = owned.size() - 1; i >= 0; i--) {
            owned.get(i).close();
        }
    }
}
