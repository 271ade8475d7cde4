/** The admin client's internals. Not for users. */
@NullMarked
package io.runnel.client.admin.internal;

import org.jspecify.annotations.NullMarked;
