package io.runnel.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.protocol.ApiKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each API's one version is the newest that kafka-clients 3.9 and 4.4 both speak, so that a client of either
 * negotiates it through ApiVersions. 4.4's ranges come from the kafka-clients jar on the test class path; 3.9.1's
 * maxima were read from its {@code ApiKeys} (every minimum there is 0) and are recorded here and in docs/protocol.md.
 */
@Timeout(10)
class ApiVersionsTableTest {
    private static final Map<ApiKey, Integer> KAFKA_3_9_MAX = Map.ofEntries(
            Map.entry(ApiKey.PRODUCE, 11),
            Map.entry(ApiKey.FETCH, 17),
            Map.entry(ApiKey.LIST_OFFSETS, 9),
            Map.entry(ApiKey.METADATA, 12),
            Map.entry(ApiKey.OFFSET_COMMIT, 9),
            Map.entry(ApiKey.OFFSET_FETCH, 9),
            Map.entry(ApiKey.FIND_COORDINATOR, 6),
            Map.entry(ApiKey.JOIN_GROUP, 9),
            Map.entry(ApiKey.HEARTBEAT, 4),
            Map.entry(ApiKey.LEAVE_GROUP, 5),
            Map.entry(ApiKey.SYNC_GROUP, 5),
            Map.entry(ApiKey.DESCRIBE_GROUPS, 5),
            Map.entry(ApiKey.LIST_GROUPS, 5),
            Map.entry(ApiKey.API_VERSIONS, 4),
            Map.entry(ApiKey.CREATE_TOPICS, 7),
            Map.entry(ApiKey.DELETE_TOPICS, 6),
            Map.entry(ApiKey.DELETE_RECORDS, 2),
            Map.entry(ApiKey.INIT_PRODUCER_ID, 5),
            Map.entry(ApiKey.DESCRIBE_CONFIGS, 4),
            Map.entry(ApiKey.ALTER_CONFIGS, 2),
            Map.entry(ApiKey.DELETE_GROUPS, 2),
            Map.entry(ApiKey.INCREMENTAL_ALTER_CONFIGS, 1),
            Map.entry(ApiKey.OFFSET_DELETE, 0),
            Map.entry(ApiKey.DESCRIBE_CLUSTER, 1));

    @Test
    void shouldChooseNewestVersionBothClientsSpeakWhenComparedToKafkaRanges() {
        assertThat(KAFKA_3_9_MAX.keySet()).containsExactlyInAnyOrder(ApiKey.values());
        for (ApiKey key : ApiKey.values()) {
            ApiKeys kafka = ApiKeys.forId(key.id());

            int newestCommon = Math.min(KAFKA_3_9_MAX.get(key), kafka.latestVersion());

            assertThat(key.name()).isEqualTo(kafka.name());
            assertThat((int) key.version()).as("%s", key).isEqualTo(newestCommon);
            assertThat(key.version()).as("%s", key).isGreaterThanOrEqualTo(kafka.oldestVersion());
        }
    }

    @Test
    void shouldUseKafkaHeaderVersionsWhenVersionIsChosen() {
        for (ApiKey key : ApiKey.values()) {
            ApiKeys kafka = ApiKeys.forId(key.id());

            assertThat(key.requestHeaderVersion()).as("%s", key).isEqualTo(kafka.requestHeaderVersion(key.version()));
            assertThat(key.responseHeaderVersion()).as("%s", key).isEqualTo(kafka.responseHeaderVersion(key.version()));
        }
    }

    @Test
    void shouldFindEachApiByItsKeyWhenLookedUp() {
        for (ApiKey key : ApiKey.values()) {
            assertThat(ApiKey.forId(key.id())).isEqualTo(key);
        }
        assertThat(ApiKey.forId(-1)).isNull();
        assertThat(ApiKey.forId(17)).as("SaslHandshake is not spoken").isNull();
        assertThat(ApiKey.forId(10_000)).isNull();
    }
}
