/** Shared client internals: the network client with its selector, metadata, configuration helpers. Not for users. */
@NullMarked
package io.runnel.client.internal;

import org.jspecify.annotations.NullMarked;
