package io.runnel.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real kafka-clients <em>3.9.1</em> Admin and producer against the loopback broker. Kafka 3.9 and 4.4 cannot share
 * a class path, so Maven copies the 3.9.1 jar to {@code target/kafka-clients-3.9} and this test loads it child-first
 * ({@code org.apache.kafka.*} from that jar, everything else, such as SLF4J, from the test class path) and drives it
 * by reflection. A 3.9 client opens with ApiVersions v4, which Runnel speaks, so no fallback is needed.
 */
@Timeout(60)
class Kafka39ClientHandshakeIT {
    @Test
    void shouldNegotiateAndProduceWhenKafka39ClientsConnect() throws Exception {
        try (LoopbackBroker broker = new LoopbackBroker();
                URLClassLoader kafka39 = new Kafka39Loader(jar())) {
            Map<String, Object> config = Map.of(
                    "bootstrap.servers",
                    "127.0.0.1:" + broker.port(),
                    "client.id",
                    "kafka-3.9",
                    "enable.metrics.push",
                    false,
                    "max.block.ms",
                    30_000);

            Object admin = kafka39.loadClass("org.apache.kafka.clients.admin.Admin")
                    .getMethod("create", Map.class)
                    .invoke(null, config);
            String clusterId;
            try (AutoCloseable closeAdmin = (AutoCloseable) admin) {
                Object cluster = call(admin, "describeCluster");
                clusterId = (String) get(call(cluster, "clusterId"));
            }
            Class<?> serializer = kafka39.loadClass("org.apache.kafka.common.serialization.StringSerializer");
            Class<?> serializerType = kafka39.loadClass("org.apache.kafka.common.serialization.Serializer");
            Constructor<?> newProducer = kafka39.loadClass("org.apache.kafka.clients.producer.KafkaProducer")
                    .getConstructor(Map.class, serializerType, serializerType);
            Object producer = newProducer.newInstance(
                    config,
                    serializer.getConstructor().newInstance(),
                    serializer.getConstructor().newInstance());
            Object metadata;
            try (AutoCloseable closeProducer = (AutoCloseable) producer) {
                Object record = kafka39.loadClass("org.apache.kafka.clients.producer.ProducerRecord")
                        .getConstructor(String.class, Integer.class, Object.class, Object.class)
                        .newInstance(LoopbackBroker.TOPIC, 0, "k", "v");
                Method send = producer.getClass()
                        .getMethod("send", kafka39.loadClass("org.apache.kafka.clients.producer.ProducerRecord"));
                metadata = ((Future<?>) send.invoke(producer, record)).get(30, TimeUnit.SECONDS);
            }

            assertThat(clusterId).isEqualTo(LoopbackBroker.CLUSTER_ID);
            assertThat(call(metadata, "offset")).isEqualTo(0L);
            assertThat(broker.seen()).first().isEqualTo("API_VERSIONS v4");
            assertThat(broker.seen()).noneMatch(seen -> seen.startsWith("refused"));
            assertThat(broker.seen()).contains("DESCRIBE_CLUSTER v1", "INIT_PRODUCER_ID v5", "PRODUCE v11");
            assertThat(broker.failures()).isEmpty();
        }
    }

    private static URL jar() throws Exception {
        Path jar = Path.of(System.getProperty("kafka39.jar", "target/kafka-clients-3.9/kafka-clients-3.9.1.jar"));
        assertThat(jar)
                .as("copied by maven-dependency-plugin in generate-test-resources")
                .exists();
        return jar.toUri().toURL();
    }

    private static Object call(Object target, String method) throws Exception {
        Method m = target.getClass().getMethod(method);
        m.setAccessible(true);
        return m.invoke(target);
    }

    private static Object get(Object kafkaFuture) throws Exception {
        Method get = kafkaFuture.getClass().getMethod("get", long.class, TimeUnit.class);
        return get.invoke(kafkaFuture, 30L, TimeUnit.SECONDS);
    }

    /** Loads {@code org.apache.kafka.*} from the 3.9.1 jar first, everything else from the test class path. */
    private static final class Kafka39Loader extends URLClassLoader {
        Kafka39Loader(URL jar) {
            super(new URL[] {jar}, Kafka39ClientHandshakeIT.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("org.apache.kafka.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    loaded = findClass(name);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }

        @Override
        public URL getResource(String name) {
            URL own = findResource(name);
            return own != null ? own : super.getResource(name);
        }
    }
}
