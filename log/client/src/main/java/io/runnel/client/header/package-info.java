/** Record headers: {@link io.runnel.client.header.Headers} of {@link io.runnel.client.header.Header}. */
@NullMarked
package io.runnel.client.header;

import org.jspecify.annotations.NullMarked;
