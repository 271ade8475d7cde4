package io.runnel.streams.kstream;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One branch of {@link KStream#split()}: its name suffix and what to do with the branch stream. Immutable.
 */
public class Branched<K, V> {
    protected final @Nullable String name;
    protected final @Nullable Function<? super KStream<K, V>, ? extends @Nullable KStream<K, V>> chainFunction;
    protected final @Nullable Consumer<? super KStream<K, V>> chainConsumer;

    protected Branched(
            @Nullable String name,
            @Nullable Function<? super KStream<K, V>, ? extends @Nullable KStream<K, V>> chainFunction,
            @Nullable Consumer<? super KStream<K, V>> chainConsumer) {
        this.name = name;
        this.chainFunction = chainFunction;
        this.chainConsumer = chainConsumer;
    }

    protected Branched(Branched<K, V> o) {
        this(o.name, o.chainFunction, o.chainConsumer);
    }

    public static <K, V> Branched<K, V> as(String name) {
        return new Branched<>(Named.check(name), null, null);
    }

    public static <K, V> Branched<K, V> withFunction(
            Function<? super KStream<K, V>, ? extends @Nullable KStream<K, V>> chain) {
        return new Branched<>(null, Objects.requireNonNull(chain, "chain cannot be null"), null);
    }

    public static <K, V> Branched<K, V> withConsumer(Consumer<? super KStream<K, V>> chain) {
        return new Branched<>(null, null, Objects.requireNonNull(chain, "chain cannot be null"));
    }

    public static <K, V> Branched<K, V> withFunction(
            Function<? super KStream<K, V>, ? extends @Nullable KStream<K, V>> chain, String name) {
        return new Branched<>(Named.check(name), Objects.requireNonNull(chain, "chain cannot be null"), null);
    }

    public static <K, V> Branched<K, V> withConsumer(Consumer<? super KStream<K, V>> chain, String name) {
        return new Branched<>(Named.check(name), null, Objects.requireNonNull(chain, "chain cannot be null"));
    }
}
