package io.runnel.broker.integration;

import io.runnel.broker.testkit.TestCluster;

/** {@link ProducerSuite} against Runnel's broker. */
class ProducerOnRunnelIT extends ProducerSuite {
    ProducerOnRunnelIT() {
        super(TestCluster.Kind.RUNNEL);
    }
}
