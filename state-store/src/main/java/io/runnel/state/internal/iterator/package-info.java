/** Iterators that stores and layers compose: over snapshots, segments, merged cache and store, and mapped types. */
@NullMarked
package io.runnel.state.internal.iterator;

import org.jspecify.annotations.NullMarked;
