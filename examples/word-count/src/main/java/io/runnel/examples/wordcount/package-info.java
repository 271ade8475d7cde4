/** Word count on RunnelStreams: a topology, and a command that feeds it a text and prints the top words. */
@NullMarked
package io.runnel.examples.wordcount;

import org.jspecify.annotations.NullMarked;
