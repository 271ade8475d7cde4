package io.runnel.broker.integration;

import io.runnel.broker.testkit.TestCluster;

/** {@link KafkaGroupClientsSuite} against Apache Kafka's broker, the oracle. */
class KafkaGroupClientsOnKafkaIT extends KafkaGroupClientsSuite {
    KafkaGroupClientsOnKafkaIT() {
        super(TestCluster.Kind.KAFKA);
    }
}
