package io.runnel.broker.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.broker.Broker;
import io.runnel.broker.config.BrokerConfig;
import io.runnel.broker.testkit.BrokerProcess;
import io.runnel.common.TopicPartition;
import io.runnel.storage.Log;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
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
        Path logs;
        try (BrokerProcess broker = BrokerProcess.start(dir, Map.of())) {
            logs = broker.logDir();
            Map<String, Object> config = Map.of("bootstrap.servers", broker.bootstrapServers());
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

            assertThat(broker.terminate()).isEqualTo(143); // SIGTERM: 128 + 15, after the shutdown hook ran
            assertThat(broker.output()).contains("Shutdown signal received");
        }
        assertThat(logs.resolve(".kafka_cleanshutdown")).exists();

        try (Broker restarted = Broker.start(
                BrokerConfig.fromMap(Map.of("listeners", "PLAINTEXT://127.0.0.1:0", "log.dirs", logs.toString())))) {
            Log log = restarted.logManager().log(new TopicPartition("kept", 0)).orElseThrow();
            assertThat(log.logEndOffset()).isEqualTo(500);
            assertThat(log.segmentsRecoveredOnOpen()).isZero();
        }
    }
}
