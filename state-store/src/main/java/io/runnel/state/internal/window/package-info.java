/** Window stores: the segmented byte store, its key layout, and the logging and caching layers. */
@NullMarked
package io.runnel.state.internal.window;

import org.jspecify.annotations.NullMarked;
