/** The broker's configuration, parsed from Kafka-named properties into typed records. */
@NullMarked
package io.runnel.broker.config;

import org.jspecify.annotations.NullMarked;
