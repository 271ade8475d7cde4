package io.runnel.broker.integration;

import io.runnel.broker.testkit.TestCluster;

/** {@link ProducerConsumerSuite} against Apache Kafka's broker. */
class ProducerConsumerOnKafkaIT extends ProducerConsumerSuite {
    ProducerConsumerOnKafkaIT() {
        super(TestCluster.Kind.KAFKA);
    }
}
