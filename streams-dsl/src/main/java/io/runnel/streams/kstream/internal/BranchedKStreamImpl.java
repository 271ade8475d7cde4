package io.runnel.streams.kstream.internal;

import io.runnel.streams.kstream.Branched;
import io.runnel.streams.kstream.BranchedKStream;
import io.runnel.streams.kstream.KStream;
import io.runnel.streams.kstream.Predicate;
import io.runnel.streams.processor.api.ContextualProcessor;
import io.runnel.streams.processor.api.Record;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The branches of a split. The splitter node is added when the branches are complete ({@code defaultBranch} or
 * {@code noDefaultBranch}), with one pass-through child per branch named {@code <splitter><branch name or index>},
 * as Kafka names them (the default branch's index is 0, the others count from 1).
 */
final class BranchedKStreamImpl<K, V> implements BranchedKStream<K, V> {
    private final KStreamImpl<K, V> source;
    private final String splitter;
    private final List<Predicate<? super K, ? super V>> predicates = new ArrayList<>();
    private final List<String> childNames = new ArrayList<>();
    private final List<Options.BranchedInternal<K, V>> branches = new ArrayList<>();
    private boolean done;

    BranchedKStreamImpl(KStreamImpl<K, V> source, String splitter) {
        this.source = source;
        this.splitter = splitter;
    }

    @Override
    public BranchedKStream<K, V> branch(Predicate<? super K, ? super V> predicate) {
        return branch(predicate, Branched.withFunction(s -> s));
    }

    @Override
    public BranchedKStream<K, V> branch(Predicate<? super K, ? super V> predicate, Branched<K, V> branched) {
        checkOpen();
        predicates.add(Objects.requireNonNull(predicate, "predicate cannot be null"));
        addBranch(branched, predicates.size());
        return this;
    }

    private void addBranch(Branched<K, V> branched, int index) {
        Options.BranchedInternal<K, V> b =
                new Options.BranchedInternal<>(Objects.requireNonNull(branched, "branched cannot be null"));
        String child = splitter + (b.name() != null ? b.name() : Integer.toString(index));
        source.builder().newProcessorName(child); // Kafka burns an index per branch; keep later names aligned
        childNames.add(child);
        branches.add(b);
    }

    @Override
    public Map<String, KStream<K, V>> defaultBranch() {
        return defaultBranch(Branched.withFunction(s -> s));
    }

    @Override
    public Map<String, KStream<K, V>> defaultBranch(Branched<K, V> branched) {
        checkOpen();
        addBranch(branched, 0);
        return finish(true);
    }

    @Override
    public Map<String, KStream<K, V>> noDefaultBranch() {
        checkOpen();
        return finish(false);
    }

    private void checkOpen() {
        if (done) {
            throw new IllegalStateException("The branches of " + splitter + " are complete already");
        }
    }

    private Map<String, KStream<K, V>> finish(boolean hasDefault) {
        done = true;
        List<Predicate<? super K, ? super V>> ps = List.copyOf(predicates);
        List<String> children = List.copyOf(childNames);
        source.builder()
                .topology()
                .addProcessor(
                        splitter,
                        () -> new ContextualProcessor<Object, Object, Object, Object>() {
                            @Override
                            public void process(Record<Object, Object> record) {
                                for (int i = 0; i < ps.size(); i++) {
                                    if (KStreamImpl.test(ps.get(i), record)) {
                                        context().forward(record, children.get(i));
                                        return;
                                    }
                                }
                                if (hasDefault) {
                                    context().forward(record, children.get(children.size() - 1));
                                }
                            }
                        },
                        List.of(source.name()));
        Map<String, KStream<K, V>> result = new LinkedHashMap<>();
        for (int i = 0; i < children.size(); i++) {
            String child = children.get(i);
            KStreamImpl<K, V> branch = source.passThroughChild(splitter, child);
            Options.BranchedInternal<K, V> b = branches.get(i);
            if (b.consumer() != null) {
                b.consumer().accept(branch);
            } else {
                KStream<K, V> chained = KStreamImpl.chain(branch, b.function());
                if (chained != null) {
                    result.put(child, chained);
                }
            }
        }
        return result;
    }
}
