/** Store builders and suppliers behind {@link io.runnel.state.Stores}. */
@NullMarked
package io.runnel.state.internal.builder;

import org.jspecify.annotations.NullMarked;
