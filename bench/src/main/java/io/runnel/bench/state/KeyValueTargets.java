package io.runnel.bench.state;

import io.runnel.common.utils.Bytes;
import io.runnel.state.KeyValue;
import io.runnel.state.KeyValueIterator;
import io.runnel.state.KeyValueStore;
import io.runnel.state.RocksDBMemory;
import io.runnel.state.StateManager;
import io.runnel.state.Stores;
import java.io.File;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.jspecify.annotations.Nullable;
import org.rocksdb.RocksDBException;

/** The three key-value stores compared, behind one small interface. */
final class KeyValueTargets {
    private KeyValueTargets() {}

    interface Target extends AutoCloseable {
        void put(byte[] key, byte[] value);

        byte @Nullable [] get(byte[] key);

        /** Reads up to {@code count} pairs in {@code [from, to]}; returns the bytes seen. */
        long scan(byte[] from, byte[] to, int count);
    }

    static Target open(String impl, Path dir, RocksDBMemory memory) throws RocksDBException {
        switch (impl) {
            case "runnel":
                return new Runnel(dir, memory);
            case "raw-rocksdb":
                return new Raw(new RawRocksDB(dir, memory));
            case "kafka-streams":
                return new Kafka(dir);
            default:
                throw new IllegalArgumentException("unknown impl " + impl);
        }
    }

    /** Runnel's byte-level RocksDB key-value store: the layer every typed, cached or logged store ends in. */
    static final class Runnel implements Target {
        private final StateManager context;
        private final KeyValueStore<Bytes, byte[]> store;

        Runnel(Path dir, RocksDBMemory memory) {
            context = StateManager.builder("0_0", dir, memory).build();
            store = Stores.persistentKeyValueStore("kv").get();
            store.init(context, store);
        }

        @Override
        public void put(byte[] key, byte[] value) {
            store.put(Bytes.wrap(key), value);
        }

        @Override
        public byte @Nullable [] get(byte[] key) {
            return store.get(Bytes.wrap(key));
        }

        @Override
        public long scan(byte[] from, byte[] to, int count) {
            long seen = 0;
            try (KeyValueIterator<Bytes, byte[]> it = store.range(Bytes.wrap(from), Bytes.wrap(to))) {
                for (int i = 0; i < count && it.hasNext(); i++) {
                    KeyValue<Bytes, byte[]> kv = it.next();
                    seen += kv.key().length() + kv.value().length;
                }
            }
            return seen;
        }

        @Override
        public void close() {
            context.close();
        }
    }

    static final class Raw implements Target {
        private final RawRocksDB db;

        Raw(RawRocksDB db) {
            this.db = db;
        }

        @Override
        public void put(byte[] key, byte[] value) {
            try {
                db.put(key, value);
            } catch (RocksDBException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public byte @Nullable [] get(byte[] key) {
            try {
                return db.get(key);
            } catch (RocksDBException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public long scan(byte[] from, byte[] to, int count) {
            return db.scan(from, to, count);
        }

        @Override
        public void close() throws Exception {
            db.close();
        }
    }

    /** Kafka Streams' RocksDBStore (its own defaults), initialised through MockProcessorContext. */
    static final class Kafka implements Target {
        private final org.apache.kafka.streams.state.KeyValueStore<org.apache.kafka.common.utils.Bytes, byte[]> store;

        Kafka(Path dir) {
            Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench");
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
            MockProcessorContext<Object, Object> context =
                    new MockProcessorContext<>(props, new TaskId(0, 0), new File(dir.toString()));
            store = org.apache.kafka.streams.state.Stores.persistentKeyValueStore("kv")
                    .get();
            store.init(context.getStateStoreContext(), store);
        }

        @Override
        public void put(byte[] key, byte[] value) {
            store.put(org.apache.kafka.common.utils.Bytes.wrap(key), value);
        }

        @Override
        public byte @Nullable [] get(byte[] key) {
            return store.get(org.apache.kafka.common.utils.Bytes.wrap(key));
        }

        @Override
        public long scan(byte[] from, byte[] to, int count) {
            long seen = 0;
            try (org.apache.kafka.streams.state.KeyValueIterator<org.apache.kafka.common.utils.Bytes, byte[]> it =
                    store.range(
                            org.apache.kafka.common.utils.Bytes.wrap(from),
                            org.apache.kafka.common.utils.Bytes.wrap(to))) {
                for (int i = 0; i < count && it.hasNext(); i++) {
                    org.apache.kafka.streams.KeyValue<org.apache.kafka.common.utils.Bytes, byte[]> kv = it.next();
                    seen += kv.key.get().length + kv.value.length;
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
