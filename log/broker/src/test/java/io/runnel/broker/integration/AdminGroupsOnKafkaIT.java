package io.runnel.broker.integration;

import io.runnel.broker.testkit.TestCluster;

/** {@link AdminGroupsSuite} against Apache Kafka's broker. */
class AdminGroupsOnKafkaIT extends AdminGroupsSuite {
    AdminGroupsOnKafkaIT() {
        super(TestCluster.Kind.KAFKA);
    }
}
