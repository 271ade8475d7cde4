package io.runnel.broker.integration;

import io.runnel.broker.testkit.TestCluster;

/** {@link AdminSuite} against Runnel's broker. */
class AdminOnRunnelIT extends AdminSuite {
    AdminOnRunnelIT() {
        super(TestCluster.Kind.RUNNEL);
    }
}
