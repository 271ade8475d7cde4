/** The broker's answers to each Kafka API, run off the network event loops. */
@NullMarked
package io.runnel.broker.handler;

import org.jspecify.annotations.NullMarked;
