package io.runnel.streams.processor.internal;

import io.runnel.streams.processor.Cancellable;
import io.runnel.streams.processor.Punctuator;
import java.util.PriorityQueue;

/**
 * The punctuations of one task for one kind of time, ordered by when they are next due. A punctuation that fell
 * more than one interval behind (a gap in the input for stream time, a stall for wall-clock time) fires once and is
 * rescheduled at the next multiple of its interval after now, as Kafka does; it never fires in a burst.
 *
 * <p>Owned by the task's thread.
 */
final class PunctuationQueue {

    /** Runs a punctuator as the node that scheduled it. */
    interface Runner {
        void run(ProcessorNode node, long time, Punctuator punctuator);
    }

    private static final class Schedule implements Cancellable {
        final ProcessorNode node;
        final long interval;
        final Punctuator punctuator;
        final long seq;
        long next;
        boolean cancelled;

        Schedule(ProcessorNode node, long first, long interval, Punctuator punctuator, long seq) {
            this.node = node;
            this.next = first;
            this.interval = interval;
            this.punctuator = punctuator;
            this.seq = seq;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    private final PriorityQueue<Schedule> queue = new PriorityQueue<>((a, b) -> {
        int c = Long.compare(a.next, b.next);
        return c != 0 ? c : Long.compare(a.seq, b.seq);
    });
    private long seq;

    Cancellable schedule(ProcessorNode node, long first, long interval, Punctuator punctuator) {
        Schedule s = new Schedule(node, first, interval, punctuator, seq++);
        queue.add(s);
        return s;
    }

    /** Fires every punctuation due at {@code now}; returns whether any fired. */
    boolean mayPunctuate(long now, Runner runner) {
        boolean fired = false;
        Schedule head;
        while ((head = queue.peek()) != null && head.next <= now) {
            queue.poll();
            if (head.cancelled) {
                continue;
            }
            long next = head.next + head.interval;
            if (now >= next) {
                long missed = (now - head.next) / head.interval;
                next = head.next + (missed + 1) * head.interval;
            }
            head.next = next;
            runner.run(head.node, now, head.punctuator);
            fired = true;
            if (!head.cancelled) {
                queue.add(head);
            }
        }
        return fired;
    }

    void clear() {
        queue.clear();
    }
}
