package io.runnel.bench.state;

import io.runnel.common.utils.Bytes;
import io.runnel.state.KeyValue;
import io.runnel.state.RocksDBMemory;
import io.runnel.state.StateManager;
import io.runnel.state.Stores;
import io.runnel.state.WindowStore;
import io.runnel.state.WindowStoreIterator;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.rocksdb.RocksDBException;

/** The three window stores compared, behind one small interface. */
final class WindowTargets {
    private WindowTargets() {}

    interface Target extends AutoCloseable {
        void put(byte[] key, byte[] value, long windowStart);

        /** Reads the key's windows starting in {@code [from, to]}; returns the bytes seen. */
        long fetch(byte[] key, long from, long to);
    }

    static Target open(String impl, Path dir, RocksDBMemory memory, Duration retention, Duration size)
            throws RocksDBException {
        switch (impl) {
            case "runnel":
                return new Runnel(dir, memory, retention, size);
            case "raw-rocksdb":
                return new Raw(new RawRocksDB(dir, memory));
            case "raw-rocksdb-segmented":
                return new RawSegmented(new RawRocksDB(dir, memory), retention.toMillis() / 2);
            case "kafka-streams":
                return new Kafka(dir, retention, size);
            default:
                throw new IllegalArgumentException("unknown impl " + impl);
        }
    }

    /** Runnel's byte-level RocksDB window store: one column family per segment. */
    static final class Runnel implements Target {
        private final StateManager context;
        private final WindowStore<Bytes, byte[]> store;

        Runnel(Path dir, RocksDBMemory memory, Duration retention, Duration size) {
            context = StateManager.builder("0_0", dir, memory).build();
            store = Stores.persistentWindowStore("win", retention, size, false).get();
            store.init(context, store);
        }

        @Override
        public void put(byte[] key, byte[] value, long windowStart) {
            store.put(Bytes.wrap(key), value, windowStart);
        }

        @Override
        public long fetch(byte[] key, long from, long to) {
            long seen = 0;
            try (WindowStoreIterator<byte[]> it = store.fetch(Bytes.wrap(key), from, to)) {
                while (it.hasNext()) {
                    KeyValue<Long, byte[]> kv = it.next();
                    seen += kv.value().length + 8;
                }
            }
            return seen;
        }

        @Override
        public void close() {
            context.close();
        }
    }

    /** rocksdbjni directly, one database, keys laid out as {@code [key][start][seqnum]} like both stores do. */
    static final class Raw implements Target {
        private final RawRocksDB db;

        Raw(RawRocksDB db) {
            this.db = db;
        }

        private static byte[] windowKey(byte[] key, long start, int seq) {
            return ByteBuffer.allocate(key.length + 12)
                    .put(key)
                    .putLong(start)
                    .putInt(seq)
                    .array();
        }

        @Override
        public void put(byte[] key, byte[] value, long windowStart) {
            try {
                db.put(windowKey(key, windowStart, 0), value);
            } catch (RocksDBException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public long fetch(byte[] key, long from, long to) {
            return db.scan(windowKey(key, from, 0), windowKey(key, to, -1), Integer.MAX_VALUE);
        }

        @Override
        public void close() throws Exception {
            db.close();
        }
    }

    /** rocksdbjni directly with the same segmentation as Runnel: one column family per segment. */
    static final class RawSegmented implements Target {
        private final RawRocksDB db;
        private final long segmentInterval;

        RawSegmented(RawRocksDB db, long segmentInterval) {
            this.db = db;
            this.segmentInterval = segmentInterval;
        }

        @Override
        public void put(byte[] key, byte[] value, long windowStart) {
            try {
                db.put(db.family(windowStart / segmentInterval), Raw.windowKey(key, windowStart, 0), value);
            } catch (RocksDBException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public long fetch(byte[] key, long from, long to) {
            try {
                long seen = 0;
                for (long segment = from / segmentInterval; segment <= to / segmentInterval; segment++) {
                    seen += db.scan(db.family(segment), Raw.windowKey(key, from, 0), Raw.windowKey(key, to, -1));
                }
                return seen;
            } catch (RocksDBException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() throws Exception {
            db.close();
        }
    }

    /** Kafka Streams' RocksDBWindowStore (segments as separate databases), with its own defaults. */
    static final class Kafka implements Target {
        private final org.apache.kafka.streams.state.WindowStore<org.apache.kafka.common.utils.Bytes, byte[]> store;

        Kafka(Path dir, Duration retention, Duration size) {
            Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench");
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
            MockProcessorContext<Object, Object> context =
                    new MockProcessorContext<>(props, new TaskId(0, 0), new File(dir.toString()));
            store = org.apache.kafka.streams.state.Stores.persistentWindowStore("win", retention, size, false)
                    .get();
            store.init(context.getStateStoreContext(), store);
        }

        @Override
        public void put(byte[] key, byte[] value, long windowStart) {
            store.put(org.apache.kafka.common.utils.Bytes.wrap(key), value, windowStart);
        }

        @Override
        public long fetch(byte[] key, long from, long to) {
            long seen = 0;
            try (org.apache.kafka.streams.state.WindowStoreIterator<byte[]> it =
                    store.fetch(org.apache.kafka.common.utils.Bytes.wrap(key), from, to)) {
                while (it.hasNext()) {
                    seen += it.next().value.length + 8;
                }
            }
            return seen;
        }

        @Override
        public void close() {
            store.close();
        }
    }
}
