/**
 * The {@code runnel} command line: {@code runnel broker}, {@code runnel topics create|list|describe|delete},
 * {@code runnel produce}, {@code runnel consume}. Built on picocli and Runnel's own clients; packaged as one runnable
 * jar ({@code log/cli/target/runnel.jar}) started by the {@code bin/runnel} launcher.
 *
 * <p>Exit codes: 0 success, 1 the operation failed (one line on stderr says why), 2 a bad argument (one line on
 * stderr, and the usage hint).
 */
@NullMarked
package io.runnel.cli;

import org.jspecify.annotations.NullMarked;
