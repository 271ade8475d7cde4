package io.runnel.streams.kstream;

/** Creates the initial aggregate of a key (or window, or session). */
@FunctionalInterface
public interface Initializer<VA> {
    VA apply();
}
