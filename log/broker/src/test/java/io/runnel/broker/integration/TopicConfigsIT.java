package io.runnel.broker.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.broker.Broker;
import io.runnel.broker.config.BrokerConfig;
import io.runnel.broker.testkit.RawKafkaConnection;
import io.runnel.protocol.ApiKey;
import io.runnel.protocol.errors.Errors;
import io.runnel.protocol.message.AlterConfigsRequest;
import io.runnel.protocol.message.AlterConfigsResponse;
import io.runnel.protocol.message.DescribeConfigsRequest;
import io.runnel.protocol.message.DescribeConfigsResponse;
import io.runnel.storage.Log;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.AlterConfigsOptions;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeConfigsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Topic and broker configs through Apache Kafka's own Admin client (DescribeConfigs v4, IncrementalAlterConfigs v1)
 * and, for the legacy AlterConfigs that kafka-clients 4.x no longer sends, raw requests from our own codec.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class TopicConfigsIT {
    private static final String TOPIC = "configured";
    private static final ConfigResource RESOURCE = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
    private static final ConfigResource BROKER = new ConfigResource(ConfigResource.Type.BROKER, "0");

    @TempDir
    Path dir;

    Broker broker;
    Admin admin;

    Broker startBroker() {
        return Broker.start(BrokerConfig.fromMap(Map.of(
                "listeners", "PLAINTEXT://127.0.0.1:0",
                "log.dirs", dir.resolve("logs").toString(),
                "log.retention.check.interval.ms", "100",
                "log.message.timestamp.after.max.ms", "7200000",
                "num.io.threads", "2",
                "num.network.threads", "1")));
    }

    Admin admin() {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", broker.bootstrapServers());
        config.put("default.api.timeout.ms", 30_000);
        return Admin.create(config);
    }

    @BeforeEach
    void start() throws Exception {
        broker = startBroker();
        admin = admin();
        admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1).configs(Map.of("retention.ms", "86400000"))))
                .all()
                .get(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        admin.close();
        broker.close();
    }

    Config describe(ConfigResource resource) throws Exception {
        return admin.describeConfigs(
                        List.of(resource),
                        new DescribeConfigsOptions().includeSynonyms(true).includeDocumentation(true))
                .all()
                .get(30, TimeUnit.SECONDS)
                .get(resource);
    }

    void alter(AlterConfigOp... ops) throws Exception {
        admin.incrementalAlterConfigs(Map.of(RESOURCE, List.of(ops))).all().get(30, TimeUnit.SECONDS);
    }

    static AlterConfigOp op(String name, String value, AlterConfigOp.OpType type) {
        return new AlterConfigOp(new ConfigEntry(name, value), type);
    }

    static Throwable failure(Map<ConfigResource, Collection<AlterConfigOp>> ops, Admin admin) {
        try {
            admin.incrementalAlterConfigs(ops).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the change was accepted: " + ops);
    }

    Log partitionLog() {
        return broker.logManager()
                .log(new io.runnel.common.TopicPartition(TOPIC, 0))
                .orElseThrow();
    }

    @Test
    void shouldDescribeEveryTopicConfigWithItsSource() throws Exception {
        Config config = describe(RESOURCE);

        ConfigEntry retention = config.get("retention.ms");
        assertThat(retention.value()).isEqualTo("86400000");
        assertThat(retention.source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
        assertThat(retention.isReadOnly()).isFalse();
        assertThat(retention.isSensitive()).isFalse();
        assertThat(retention.type()).isEqualTo(ConfigEntry.ConfigType.LONG);
        assertThat(retention.documentation()).isNotBlank();
        assertThat(retention.synonyms())
                .extracting(s -> s.name() + "=" + s.value() + "@" + s.source())
                .containsExactly(
                        "retention.ms=86400000@DYNAMIC_TOPIC_CONFIG", "log.retention.ms=604800000@DEFAULT_CONFIG");
        ConfigEntry afterMax = config.get("message.timestamp.after.max.ms");
        assertThat(afterMax.value()).isEqualTo("7200000");
        assertThat(afterMax.source()).isEqualTo(ConfigEntry.ConfigSource.STATIC_BROKER_CONFIG);
        ConfigEntry policy = config.get("cleanup.policy");
        assertThat(policy.value()).isEqualTo("delete");
        assertThat(policy.source()).isEqualTo(ConfigEntry.ConfigSource.DEFAULT_CONFIG);
        assertThat(policy.type()).isEqualTo(ConfigEntry.ConfigType.LIST);
        assertThat(config.entries()).hasSize(18);
    }

    @Test
    void shouldAnswerOtherResourcesWhenOneTopicIsUnknown() throws Exception {
        ConfigResource missing = new ConfigResource(ConfigResource.Type.TOPIC, "missing");

        DescribeConfigsResult result = admin.describeConfigs(List.of(RESOURCE, missing));

        assertThat(result.values()
                        .get(RESOURCE)
                        .get(30, TimeUnit.SECONDS)
                        .get("retention.ms")
                        .value())
                .isEqualTo("86400000");
        assertThatThrownBy(() -> result.values().get(missing).get(30, TimeUnit.SECONDS))
                .hasCauseInstanceOf(UnknownTopicOrPartitionException.class);
    }

    @Test
    void shouldDescribeTheBrokerReadOnly() throws Exception {
        Config config = describe(BROKER);

        assertThat(config.get("broker.id").value()).isEqualTo("0");
        assertThat(config.get("log.retention.check.interval.ms").value()).isEqualTo("100");
        assertThat(config.get("log.retention.check.interval.ms").source())
                .isEqualTo(ConfigEntry.ConfigSource.STATIC_BROKER_CONFIG);
        assertThat(config.get("log.segment.bytes").source()).isEqualTo(ConfigEntry.ConfigSource.DEFAULT_CONFIG);
        assertThat(config.entries()).allMatch(ConfigEntry::isReadOnly);
    }

    @Test
    void shouldRefuseAnotherBrokerIdAndOtherResourceTypesWithInvalidRequest() throws Exception {
        try (RawKafkaConnection raw = new RawKafkaConnection(broker.port())) {
            DescribeConfigsResponse response = raw.send(
                    ApiKey.DESCRIBE_CONFIGS,
                    new DescribeConfigsRequest(
                            List.of(
                                    new DescribeConfigsRequest.DescribeConfigsResource((byte) 4, "5", null),
                                    new DescribeConfigsRequest.DescribeConfigsResource((byte) 4, "", null),
                                    new DescribeConfigsRequest.DescribeConfigsResource((byte) 32, "group", null),
                                    new DescribeConfigsRequest.DescribeConfigsResource(
                                            (byte) 2, TOPIC, List.of("cleanup.policy", "segment.bytes"))),
                            false,
                            false));

            List<DescribeConfigsResponse.DescribeConfigsResult> results = response.results();
            assertThat(results.get(0).errorCode()).isEqualTo(Errors.INVALID_REQUEST.code());
            assertThat(results.get(0).errorMessage()).contains("expected 0");
            assertThat(results.get(1).errorCode()).isEqualTo(Errors.NONE.code());
            assertThat(results.get(1).configs())
                    .as("no dynamic broker defaults")
                    .isEmpty();
            assertThat(results.get(2).errorCode()).isEqualTo(Errors.INVALID_REQUEST.code());
            assertThat(results.get(3).configs())
                    .extracting(DescribeConfigsResponse.DescribeConfigsResourceResult::name)
                    .containsExactly("segment.bytes", "cleanup.policy");
            assertThat(results.get(3).configs()).allSatisfy(c -> {
                assertThat(c.synonyms()).isEmpty();
                assertThat(c.documentation()).isNull();
            });
        }
    }

    @Test
    void shouldSetAndDeleteTopicConfigs() throws Exception {
        alter(
                op("max.message.bytes", "2048", AlterConfigOp.OpType.SET),
                op("retention.ms", null, AlterConfigOp.OpType.DELETE));

        Config config = describe(RESOURCE);
        assertThat(config.get("max.message.bytes").value()).isEqualTo("2048");
        assertThat(config.get("max.message.bytes").source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
        assertThat(config.get("retention.ms").value()).isEqualTo("604800000");
        assertThat(config.get("retention.ms").source()).isEqualTo(ConfigEntry.ConfigSource.DEFAULT_CONFIG);
        assertThat(partitionLog().config().maxMessageBytes()).isEqualTo(2048);
    }

    @Test
    void shouldAppendAndSubtractCleanupPolicies() throws Exception {
        alter(op("cleanup.policy", "compact", AlterConfigOp.OpType.APPEND));

        assertThat(describe(RESOURCE).get("cleanup.policy").value()).isEqualTo("delete,compact");
        assertThat(partitionLog().config().compact()).isTrue();
        assertThat(partitionLog().config().delete()).isTrue();

        alter(op("cleanup.policy", "delete", AlterConfigOp.OpType.SUBTRACT));

        assertThat(describe(RESOURCE).get("cleanup.policy").value()).isEqualTo("compact");
        assertThat(partitionLog().config().delete()).isFalse();
    }

    @Test
    void shouldChangeNothingWhenValidateOnly() throws Exception {
        admin.incrementalAlterConfigs(
                        Map.of(RESOURCE, List.of(op("retention.ms", "1000", AlterConfigOp.OpType.SET))),
                        new AlterConfigsOptions().validateOnly(true))
                .all()
                .get(30, TimeUnit.SECONDS);

        assertThat(describe(RESOURCE).get("retention.ms").value()).isEqualTo("86400000");
        assertThat(partitionLog().config().retention()).isEqualTo(Duration.ofDays(1));
        Throwable invalid =
                failure(Map.of(RESOURCE, List.of(op("retention.ms", "soon", AlterConfigOp.OpType.SET))), admin);
        assertThat(invalid).isInstanceOf(InvalidConfigurationException.class);
    }

    @Test
    void shouldRefuseTheWholeResourceWhenAKeyOrValueIsBad() throws Exception {
        Throwable unknownKey = failure(
                Map.of(
                        RESOURCE,
                        List.of(
                                op("retention.ms", "1000", AlterConfigOp.OpType.SET),
                                op("retention.mss", "1000", AlterConfigOp.OpType.SET))),
                admin);
        Throwable badValue =
                failure(Map.of(RESOURCE, List.of(op("segment.bytes", "12", AlterConfigOp.OpType.SET))), admin);
        Throwable notAList =
                failure(Map.of(RESOURCE, List.of(op("retention.ms", "5", AlterConfigOp.OpType.APPEND))), admin);

        assertThat(unknownKey).isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("retention.mss");
        assertThat(badValue).isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("segment.bytes");
        assertThat(notAList).isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("retention.ms");
        assertThat(describe(RESOURCE).get("retention.ms").value()).isEqualTo("86400000");
    }

    @Test
    void shouldReportUnknownTopicsAndRefuseBrokerChanges() {
        ConfigResource missing = new ConfigResource(ConfigResource.Type.TOPIC, "missing");

        Throwable unknown = failure(Map.of(missing, List.of(op("retention.ms", "1", AlterConfigOp.OpType.SET))), admin);
        Throwable brokerChange =
                failure(Map.of(BROKER, List.of(op("log.retention.ms", "1", AlterConfigOp.OpType.SET))), admin);

        assertThat(unknown).isInstanceOf(UnknownTopicOrPartitionException.class);
        assertThat(brokerChange)
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("dynamic broker configs are not supported");
    }

    @Test
    void shouldRefuseAProduceWhenMaxMessageBytesIsLowered() throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", broker.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, 0, null, new byte[5000])).get(30, TimeUnit.SECONDS);

            alter(op("max.message.bytes", "1024", AlterConfigOp.OpType.SET));

            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(TOPIC, 0, null, new byte[5000]))
                            .get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(RecordTooLargeException.class);
            producer.send(new ProducerRecord<>(TOPIC, 0, null, new byte[100])).get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldRollAndShrinkTheLogWhenSegmentAndRetentionBytesAreLowered() throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", broker.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 50; i++) {
                producer.send(new ProducerRecord<>(TOPIC, 0, null, new byte[1000]))
                        .get(30, TimeUnit.SECONDS);
            }
            assertThat(partitionLog().numberOfSegments()).isEqualTo(1);

            alter(
                    op("segment.bytes", "4096", AlterConfigOp.OpType.SET),
                    op("retention.bytes", "8192", AlterConfigOp.OpType.SET));
            for (int i = 0; i < 50; i++) {
                producer.send(new ProducerRecord<>(TOPIC, 0, null, new byte[1000]))
                        .get(30, TimeUnit.SECONDS);
            }
        }

        assertThat(partitionLog().numberOfSegments()).isGreaterThan(1);
        TopicPartition tp = new TopicPartition(TOPIC, 0);
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            long earliest = admin.listOffsets(Map.of(tp, OffsetSpec.earliest()))
                    .partitionResult(tp)
                    .get(30, TimeUnit.SECONDS)
                    .offset();
            assertThat(earliest).isGreaterThan(50);
            assertThat(partitionLog().sizeInBytes()).isLessThan(8192 + 4096 + 4096);
        });
    }

    @Test
    void shouldKeepAChangeWhenTheBrokerRestarts() throws Exception {
        alter(
                op("cleanup.policy", "compact", AlterConfigOp.OpType.APPEND),
                op("retention.ms", "123456", AlterConfigOp.OpType.SET));
        admin.close();
        broker.close();

        broker = startBroker();
        admin = admin();

        assertThat(partitionLog().config().compact())
                .as("opened with its topic config")
                .isTrue();
        assertThat(partitionLog().config().retention()).isEqualTo(Duration.ofMillis(123456));
        Config config = describe(RESOURCE);
        assertThat(config.get("cleanup.policy").value()).isEqualTo("delete,compact");
        assertThat(config.get("retention.ms").value()).isEqualTo("123456");
    }

    @Test
    void shouldReplaceEveryOverrideWithLegacyAlterConfigs() throws Exception {
        alter(op("max.message.bytes", "2048", AlterConfigOp.OpType.SET));

        try (RawKafkaConnection raw = new RawKafkaConnection(broker.port())) {
            AlterConfigsResponse validated = raw.send(ApiKey.ALTER_CONFIGS, legacy("cleanup.policy", "compact", true));
            AlterConfigsResponse bad = raw.send(ApiKey.ALTER_CONFIGS, legacy("segment.bytes", "1", false));
            AlterConfigsResponse nullValue = raw.send(ApiKey.ALTER_CONFIGS, legacy("segment.bytes", null, false));
            assertThat(validated.responses().get(0).errorCode()).isEqualTo(Errors.NONE.code());
            assertThat(bad.responses().get(0).errorCode()).isEqualTo(Errors.INVALID_CONFIG.code());
            assertThat(bad.responses().get(0).errorMessage()).contains("segment.bytes");
            assertThat(nullValue.responses().get(0).errorCode()).isEqualTo(Errors.INVALID_CONFIG.code());
            assertThat(describe(RESOURCE).get("max.message.bytes").value()).isEqualTo("2048");

            AlterConfigsResponse replaced = raw.send(ApiKey.ALTER_CONFIGS, legacy("cleanup.policy", "compact", false));

            assertThat(replaced.responses().get(0).errorCode()).isEqualTo(Errors.NONE.code());
        }
        Config config = describe(RESOURCE);
        assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        assertThat(config.get("max.message.bytes").source()).isEqualTo(ConfigEntry.ConfigSource.DEFAULT_CONFIG);
        assertThat(config.get("retention.ms").source()).isEqualTo(ConfigEntry.ConfigSource.DEFAULT_CONFIG);
        assertThat(partitionLog().config().compact()).isTrue();
        assertThat(partitionLog().config().delete()).isFalse();
    }

    static AlterConfigsRequest legacy(String name, @org.jspecify.annotations.Nullable String value, boolean validate) {
        return new AlterConfigsRequest(
                List.of(new AlterConfigsRequest.AlterConfigsResource(
                        (byte) 2, TOPIC, List.of(new AlterConfigsRequest.AlterableConfig(name, value)))),
                validate);
    }
}
