/** Read-only views over the local instances of a store, one per task, for interactive queries. */
@NullMarked
package io.runnel.state.internal.query;

import org.jspecify.annotations.NullMarked;
