package io.runnel.broker.integration;

import io.runnel.broker.testkit.TestCluster;

/** {@link IdempotenceSuite} against Runnel's broker. */
class IdempotenceOnRunnelIT extends IdempotenceSuite {
    IdempotenceOnRunnelIT() {
        super(TestCluster.Kind.RUNNEL);
    }
}
