package io.runnel.broker.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.broker.Broker;
import io.runnel.broker.config.BrokerConfig;
import io.runnel.common.errors.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second broker started on the data directory of a live one is refused before it writes anything there: the live
 * broker's files (its logs, checkpoints, and its embedded ZooKeeper's snapshots and transaction log) are byte for byte
 * what they were.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DataDirectoryLockIT {
    @TempDir
    Path dir;

    /** Every regular file under {@code root} by relative path, with a digest of its contents. */
    private static Map<String, String> contents(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : paths) {
            files.put(root.relativize(file).toString(), sha256(file));
        }
        return files;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldLeaveTheLiveBrokersDirectoryUnchangedWhenASecondBrokerIsRefused() throws Exception {
        Path logs = dir.resolve("logs");
        Map<String, String> config = Map.of(
                "listeners", "PLAINTEXT://127.0.0.1:0",
                "log.dirs", logs.toString(),
                "log.cleaner.enable", "false",
                // Nothing of the live broker's own writes a file while the test compares.
                "log.flush.offset.checkpoint.interval.ms", "3600000",
                "log.retention.check.interval.ms", "3600000",
                "producer.id.expiration.check.interval.ms", "3600000");
        try (Broker live = Broker.start(BrokerConfig.fromMap(config))) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", live.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("kept", 2, (short) 1)))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            }
            Map<String, String> before = contents(logs);
            assertThat(before.keySet())
                    .as("the comparison covers ZooKeeper's files and the logs")
                    .anyMatch(path -> path.startsWith("zookeeper/"))
                    .anyMatch(path -> path.startsWith("kept-0/"));

            assertThatThrownBy(() -> Broker.start(BrokerConfig.fromMap(config)))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("in use");

            assertThat(contents(logs)).isEqualTo(before);
        }
    }
}
