package io.runnel.state.internal.session;

import io.runnel.common.utils.Bytes;
import io.runnel.state.SessionStore;
import io.runnel.state.internal.segment.TimeSegmented;

/** A byte-level session store whose layers know its segmentation (every layer Runnel builds). */
public interface SessionBytesStore extends SessionStore<Bytes, byte[]>, TimeSegmented {}
