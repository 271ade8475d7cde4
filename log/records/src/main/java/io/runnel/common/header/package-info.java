/** Record headers: {@link io.runnel.common.header.Headers} of {@link io.runnel.common.header.Header}. */
@NullMarked
package io.runnel.common.header;

import org.jspecify.annotations.NullMarked;
