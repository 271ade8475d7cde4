/** Store implementations behind the public API. Users never import these packages. */
@NullMarked
package io.runnel.state.internal;

import org.jspecify.annotations.NullMarked;
