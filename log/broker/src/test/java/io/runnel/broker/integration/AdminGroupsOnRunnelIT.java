package io.runnel.broker.integration;

import io.runnel.broker.testkit.TestCluster;

/** {@link AdminGroupsSuite} against Runnel's broker. */
class AdminGroupsOnRunnelIT extends AdminGroupsSuite {
    AdminGroupsOnRunnelIT() {
        super(TestCluster.Kind.RUNNEL);
    }
}
