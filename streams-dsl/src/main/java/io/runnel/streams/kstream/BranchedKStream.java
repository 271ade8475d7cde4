package io.runnel.streams.kstream;

import java.util.Map;

/** The branches of a {@link KStream#split()}: each record goes to the first branch whose predicate accepts it. */
public interface BranchedKStream<K, V> {
    BranchedKStream<K, V> branch(Predicate<? super K, ? super V> predicate);

    BranchedKStream<K, V> branch(Predicate<? super K, ? super V> predicate, Branched<K, V> branched);

    /** Records no predicate accepted go to this last branch; returns every branch by name. */
    Map<String, KStream<K, V>> defaultBranch();

    Map<String, KStream<K, V>> defaultBranch(Branched<K, V> branched);

    /** Records no predicate accepted are dropped; returns every branch by name. */
    Map<String, KStream<K, V>> noDefaultBranch();
}
