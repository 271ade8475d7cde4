/** Configuration key tables with Kafka's key names, parsed into each component's typed config. */
@NullMarked
package io.runnel.common.config;

import org.jspecify.annotations.NullMarked;
