package io.runnel.state.internal.segment;

/** A store whose data is segmented by time; the caching layer uses these to key and expire its entries alike. */
public interface TimeSegmented {
    long retentionPeriod();

    long segmentInterval();

    /** The largest segment time written so far, -1 if none. */
    long observedStreamTime();
}
