/** The DSL: {@link io.runnel.streams.kstream.KStream}, {@link io.runnel.streams.kstream.KTable}, grouping, windows and their option objects, in the shape of Kafka Streams' {@code kstream} package. */
@NullMarked
package io.runnel.streams.kstream;

import org.jspecify.annotations.NullMarked;
