/**
 * The broker's network layer on Netty: framing, request dispatch, responses in order per connection, and the bounds
 * on what clients can make the broker hold (request bytes, unsent responses, idle and half-sent connections).
 */
@NullMarked
package io.runnel.broker.network;

import org.jspecify.annotations.NullMarked;
