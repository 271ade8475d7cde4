/** Cluster metadata in ZooKeeper (through Curator) and the embedded ZooKeeper server of a single node. */
@NullMarked
package io.runnel.broker.metadata;

import org.jspecify.annotations.NullMarked;
