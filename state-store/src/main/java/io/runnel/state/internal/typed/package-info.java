/** The outermost layer of every store: typed keys and values over the byte-level layers, through serdes. */
@NullMarked
package io.runnel.state.internal.typed;

import org.jspecify.annotations.NullMarked;
