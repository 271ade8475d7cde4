package io.runnel.broker.integration;

import io.runnel.broker.testkit.TestCluster;

/** {@link AdminSuite} against Apache Kafka's broker. */
class AdminOnKafkaIT extends AdminSuite {
    AdminOnKafkaIT() {
        super(TestCluster.Kind.KAFKA);
    }
}
