package io.runnel.bench.storage;

/** Which offsets the lookup benchmark asks for. */
public enum LookupDistribution {
    /** Any offset in the log, equally likely: a consumer group resetting or a replica catching up anywhere. */
    UNIFORM,
    /**
     * Recent offsets far more often than old ones (Zipf, exponent 0.99, over batches counted back from the log
     * end): consumers that lag a little, the common case on a broker.
     */
    ZIPF_FROM_TAIL
}
