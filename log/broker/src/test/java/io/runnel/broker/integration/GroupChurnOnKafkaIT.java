package io.runnel.broker.integration;

import io.runnel.broker.testkit.TestCluster;

/** {@link GroupChurnSuite} against Apache Kafka's broker, the oracle. */
class GroupChurnOnKafkaIT extends GroupChurnSuite {
    GroupChurnOnKafkaIT() {
        super(TestCluster.Kind.KAFKA);
    }
}
