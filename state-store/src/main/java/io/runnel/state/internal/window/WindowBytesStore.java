package io.runnel.state.internal.window;

import io.runnel.common.utils.Bytes;
import io.runnel.state.WindowStore;
import io.runnel.state.internal.segment.TimeSegmented;

/** A byte-level window store whose layers know its segmentation (every layer Runnel builds). */
public interface WindowBytesStore extends WindowStore<Bytes, byte[]>, TimeSegmented {
    long windowSize();

    boolean retainDuplicates();
}
