/** Test helpers that start Runnel brokers, in this JVM or as child processes, for integration and failure tests. */
@NullMarked
package io.runnel.broker.testkit;

import org.jspecify.annotations.NullMarked;
