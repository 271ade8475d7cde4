package io.runnel.bench.storage;

/** When the append benchmark forces the log to disk: never (the OS writes back), or after every MiB appended. */
public enum FsyncPolicy {
    NEVER(0),
    EVERY_1_MIB(1024 * 1024);

    /** Bytes appended between two flushes; 0 for never. */
    final int intervalBytes;

    FsyncPolicy(int intervalBytes) {
        this.intervalBytes = intervalBytes;
    }
}
