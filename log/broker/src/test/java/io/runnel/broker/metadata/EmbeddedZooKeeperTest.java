package io.runnel.broker.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EmbeddedZooKeeperTest {
    @TempDir
    Path dir;

    private static void write(String connect, String path, String value) throws Exception {
        try (CuratorFramework client = CuratorFrameworkFactory.newClient(connect, new RetryOneTime(100))) {
            client.start();
            client.blockUntilConnected(30, TimeUnit.SECONDS);
            client.create().forPath(path, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String read(String connect, String path) throws Exception {
        try (CuratorFramework client = CuratorFrameworkFactory.newClient(connect, new RetryOneTime(100))) {
            client.start();
            client.blockUntilConnected(30, TimeUnit.SECONDS);
            return new String(client.getData().forPath(path), StandardCharsets.UTF_8);
        }
    }

    private static List<String> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void shouldKeepSnapshotsAndTheTransactionLogInTheirOwnDirectoriesWhenStarted() throws Exception {
        try (EmbeddedZooKeeper zooKeeper = EmbeddedZooKeeper.start(dir, 0)) {
            write(zooKeeper.connectString(), "/kept", "value");
        }

        try (EmbeddedZooKeeper zooKeeper = EmbeddedZooKeeper.start(dir, 0)) {
            assertThat(read(zooKeeper.connectString(), "/kept")).isEqualTo("value");
        }

        assertThat(files(dir.resolve("snapshots/version-2")))
                .isNotEmpty()
                .allMatch(name -> name.startsWith("snapshot."));
        assertThat(files(dir.resolve("txnlog/version-2"))).isNotEmpty().allMatch(name -> name.startsWith("log."));
    }

    @Test
    void shouldReadADataDirectoryWrittenWithItsDirectoriesSwappedWhenStarted() throws Exception {
        Path snapshots = Files.createDirectories(dir.resolve("snapshots"));
        Path txnLogs = Files.createDirectories(dir.resolve("txnlog"));
        // As earlier versions started it: ZooKeeperServer(File, File, int) takes the transaction log directory first.
        ZooKeeperServer old = new ZooKeeperServer(snapshots.toFile(), txnLogs.toFile(), 500);
        ServerCnxnFactory connections = ServerCnxnFactory.createFactory();
        connections.configure(new InetSocketAddress("127.0.0.1", 0), 10);
        connections.startup(old);
        try {
            write("127.0.0.1:" + connections.getLocalPort(), "/kept", "from before");
        } finally {
            connections.shutdown();
            old.shutdown();
        }
        assertThat(files(dir.resolve("snapshots/version-2"))).anyMatch(name -> name.startsWith("log."));

        try (EmbeddedZooKeeper zooKeeper = EmbeddedZooKeeper.start(dir, 0)) {
            assertThat(read(zooKeeper.connectString(), "/kept")).isEqualTo("from before");
        }

        assertThat(files(dir.resolve("snapshots/version-2"))).allMatch(name -> name.startsWith("snapshot."));
        assertThat(files(dir.resolve("txnlog/version-2"))).isNotEmpty().allMatch(name -> name.startsWith("log."));
    }
}
