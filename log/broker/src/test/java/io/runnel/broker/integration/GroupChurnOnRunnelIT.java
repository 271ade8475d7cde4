package io.runnel.broker.integration;

import io.runnel.broker.testkit.TestCluster;

/** {@link GroupChurnSuite} against Runnel's broker. */
class GroupChurnOnRunnelIT extends GroupChurnSuite {
    GroupChurnOnRunnelIT() {
        super(TestCluster.Kind.RUNNEL);
    }
}
