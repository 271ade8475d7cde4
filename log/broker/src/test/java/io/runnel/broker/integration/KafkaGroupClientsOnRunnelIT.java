package io.runnel.broker.integration;

import io.runnel.broker.testkit.TestCluster;

/** {@link KafkaGroupClientsSuite} against Runnel's broker. */
class KafkaGroupClientsOnRunnelIT extends KafkaGroupClientsSuite {
    KafkaGroupClientsOnRunnelIT() {
        super(TestCluster.Kind.RUNNEL);
    }
}
