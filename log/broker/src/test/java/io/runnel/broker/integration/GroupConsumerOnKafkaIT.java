package io.runnel.broker.integration;

import io.runnel.broker.testkit.TestCluster;

/** {@link GroupConsumerSuite} against Apache Kafka's broker and group coordinator. */
class GroupConsumerOnKafkaIT extends GroupConsumerSuite {
    GroupConsumerOnKafkaIT() {
        super(TestCluster.Kind.KAFKA);
    }
}
