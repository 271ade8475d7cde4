package io.runnel.broker.integration;

import io.runnel.broker.testkit.TestCluster;

/** {@link ProducerSuite} against Apache Kafka's broker. */
class ProducerOnKafkaIT extends ProducerSuite {
    ProducerOnKafkaIT() {
        super(TestCluster.Kind.KAFKA);
    }
}
