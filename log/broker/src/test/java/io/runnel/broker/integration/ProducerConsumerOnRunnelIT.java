package io.runnel.broker.integration;

import io.runnel.broker.testkit.TestCluster;

/** {@link ProducerConsumerSuite} against Runnel's broker. */
class ProducerConsumerOnRunnelIT extends ProducerConsumerSuite {
    ProducerConsumerOnRunnelIT() {
        super(TestCluster.Kind.RUNNEL);
    }
}
