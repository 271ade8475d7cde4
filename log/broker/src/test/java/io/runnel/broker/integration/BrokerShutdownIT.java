package io.runnel.broker.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.broker.Broker;
import io.runnel.broker.BrokerMain;
import io.runnel.broker.config.BrokerConfig;
import io.runnel.common.TopicPartition;
import io.runnel.storage.Log;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM to a broker process shuts it down cleanly: acknowledged data stays and the next start skips recovery. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class BrokerShutdownIT {
    @TempDir
    Path dir;

    @Test
    void shouldShutDownCleanlyOnSigtermAndRestartWithoutRecovery() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path logs = dir.resolve("logs");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                BrokerMain.class.getName(),
                "--override",
                "listeners=PLAINTEXT://127.0.0.1:" + port,
                "--override",
                "log.dirs=" + logs));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("broker.log").toFile())
                .start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
                try (Socket socket = new Socket("127.0.0.1", port)) {
                    return true;
                }
            });
            Map<String, Object> config = new HashMap<>();
            config.put("bootstrap.servers", "127.0.0.1:" + port);
            try (Admin admin = Admin.create(config)) {
                admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1)))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            }
            try (KafkaProducer<byte[], byte[]> producer =
                    new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
                for (int i = 0; i < 500; i++) {
                    producer.send(new ProducerRecord<>("kept", 0, null, new byte[] {(byte) i}))
                            .get(30, TimeUnit.SECONDS);
                }
            }

            process.destroy(); // SIGTERM
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.destroyForcibly();
        }
        assertThat(logs.resolve(".kafka_cleanshutdown")).exists();
        assertThat(Files.readString(dir.resolve("broker.log"))).contains("Shutdown signal received");

        try (Broker restarted = Broker.start(
                BrokerConfig.fromMap(Map.of("listeners", "PLAINTEXT://127.0.0.1:0", "log.dirs", logs.toString())))) {
            Log log = restarted.logManager().log(new TopicPartition("kept", 0)).orElseThrow();
            assertThat(log.logEndOffset()).isEqualTo(500);
            assertThat(log.segmentsRecoveredOnOpen()).isZero();
        }
    }
}
