package io.runnel.broker.integration;

import io.runnel.broker.testkit.TestCluster;

/** {@link GroupConsumerSuite} against Runnel's broker and its group coordinator. */
class GroupConsumerOnRunnelIT extends GroupConsumerSuite {
    GroupConsumerOnRunnelIT() {
        super(TestCluster.Kind.RUNNEL);
    }
}
