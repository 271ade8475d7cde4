/** The broker's network layer on Netty: framing, request dispatch, responses in order per connection. */
@NullMarked
package io.runnel.broker.network;

import org.jspecify.annotations.NullMarked;
