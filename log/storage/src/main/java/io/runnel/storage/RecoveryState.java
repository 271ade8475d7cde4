package io.runnel.storage;

/**
 * What the log manager knows of a partition's state from its checkpoints when it opens the log.
 *
 * @param logStartOffset the checkpointed log start offset (0 if none)
 * @param recoveryPoint the offset below which everything was flushed (0 if none: recover everything)
 * @param cleanShutdown whether the directory was closed cleanly, so recovery can be skipped
 */
public record RecoveryState(long logStartOffset, long recoveryPoint, boolean cleanShutdown) {
    /** A log never opened before, or one whose checkpoints are lost: trust nothing. */
    public static final RecoveryState NONE = new RecoveryState(0L, 0L, false);

    public RecoveryState {
        if (logStartOffset < 0 || recoveryPoint < 0) {
            throw new IllegalArgumentException(
                    "offsets must be >= 0: logStartOffset " + logStartOffset + ", recoveryPoint " + recoveryPoint);
        }
    }
}
