/** The exception hierarchy shared by every Runnel module, rooted at {@link io.runnel.common.errors.RunnelException}. */
@NullMarked
package io.runnel.common.errors;

import org.jspecify.annotations.NullMarked;
