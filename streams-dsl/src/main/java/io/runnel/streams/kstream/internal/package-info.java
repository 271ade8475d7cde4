/** The DSL's implementation: it turns DSL calls into nodes of the topology. Applications never import it. */
@NullMarked
package io.runnel.streams.kstream.internal;

import org.jspecify.annotations.NullMarked;
