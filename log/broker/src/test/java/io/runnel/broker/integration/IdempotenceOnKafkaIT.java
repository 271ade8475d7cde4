package io.runnel.broker.integration;

import io.runnel.broker.testkit.TestCluster;

/** {@link IdempotenceSuite} against Apache Kafka's broker. */
class IdempotenceOnKafkaIT extends IdempotenceSuite {
    IdempotenceOnKafkaIT() {
        super(TestCluster.Kind.KAFKA);
    }
}
