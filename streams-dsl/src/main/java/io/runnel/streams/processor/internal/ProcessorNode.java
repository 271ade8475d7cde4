package io.runnel.streams.processor.internal;

import io.runnel.streams.errors.StreamsException;
import io.runnel.streams.processor.api.Processor;
import io.runnel.streams.processor.api.Record;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One node of a running task: a processor instance, its children and the stores it may use. Owned by one task and
 * its thread.
 */
public final class ProcessorNode {
    private final String name;
    private final Processor<Object, Object, Object, Object> processor;
    private final Set<String> stores;
    private final List<ProcessorNode> children = new ArrayList<>();
    private final Map<String, ProcessorNode> childrenByName = new HashMap<>();

    ProcessorNode(String name, Processor<Object, Object, Object, Object> processor, Set<String> stores) {
        this.name = name;
        this.processor = processor;
        this.stores = Set.copyOf(stores);
    }

    void addChild(ProcessorNode child) {
        children.add(child);
        childrenByName.put(child.name, child);
    }

    public String name() {
        return name;
    }

    public List<ProcessorNode> children() {
        return Collections.unmodifiableList(children);
    }

    @Nullable
    ProcessorNode child(String childName) {
        return childrenByName.get(childName);
    }

    boolean canAccess(String store) {
        return stores.contains(store);
    }

    void init(ProcessorContextImpl context) {
        try {
            processor.init(context);
        } catch (StreamsException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StreamsException("Failed to initialize processor " + name + ": " + e, e);
        }
    }

    void process(Record<Object, Object> record) {
        processor.process(record);
    }

    void close() {
        processor.close();
    }

    @Override
    public String toString() {
        return name;
    }
}
