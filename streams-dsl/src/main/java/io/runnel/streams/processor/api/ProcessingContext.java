package io.runnel.streams.processor.api;

import io.runnel.state.StateStore;
import io.runnel.streams.processor.Cancellable;
import io.runnel.streams.processor.PunctuationType;
import io.runnel.streams.processor.Punctuator;
import io.runnel.streams.processor.TaskId;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What every processor can ask of the task running it. Only the task's thread may call these methods, and only
 * during {@code init}, {@code process}, a punctuation or {@code close}.
 */
public interface ProcessingContext {
    String applicationId();

    TaskId taskId();

    /** The input record's topic, partition and offset; empty in a punctuation. */
    Optional<RecordMetadata> recordMetadata();

    Map<String, Object> appConfigs();

    /**
     * A store connected to the calling processor.
     *
     * @throws io.runnel.streams.errors.StreamsException if no such store exists or it is not connected to this
     *     processor
     */
    <S extends StateStore> S getStateStore(String name);

    /**
     * Calls the punctuator every {@code interval} of stream time or wall-clock time, starting one interval after
     * now.
     *
     * @throws IllegalArgumentException if the interval is shorter than 1 ms
     */
    Cancellable schedule(Duration interval, PunctuationType type, Punctuator callback);

    /** Asks the runtime to commit the task soon (the test driver commits after every input record anyway). */
    void commit();

    long currentSystemTimeMs();

    /** The task's stream time: the largest timestamp it has processed, or -1 before the first record. */
    long currentStreamTimeMs();
}
