/** The partitions a broker hosts and the operations requests run on them: append, fetch, offsets, deletion. */
@NullMarked
package io.runnel.broker.partition;

import org.jspecify.annotations.NullMarked;
