/**
 * Log compaction ({@code cleanup.policy=compact}): background threads that keep the latest record per key in a
 * partition log's inactive segments, drop tombstones after {@code delete.retention.ms}, and swap the cleaned segments
 * in crash-safely. The entry point is {@link io.runnel.storage.cleaner.LogCleaner}; see {@code docs/compaction.md}.
 */
@NullMarked
package io.runnel.storage.cleaner;

import org.jspecify.annotations.NullMarked;
