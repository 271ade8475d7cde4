package io.runnel.broker.handler;

import io.runnel.broker.config.BrokerConfig;
import io.runnel.broker.config.ConfigCatalog;
import io.runnel.broker.config.ConfigEntry;
import io.runnel.broker.config.TopicConfigChange;
import io.runnel.broker.metadata.MetadataStore;
import io.runnel.broker.metadata.TopicMetadata;
import io.runnel.broker.metadata.TopicNames;
import io.runnel.broker.partition.PartitionManager;
import io.runnel.common.config.ConfigDefinition;
import io.runnel.common.errors.UnknownTopicOrPartitionException;
import io.runnel.protocol.errors.Errors;
import io.runnel.protocol.errors.InvalidRequestException;
import io.runnel.protocol.message.AlterConfigsRequest;
import io.runnel.protocol.message.AlterConfigsResponse;
import io.runnel.protocol.message.DescribeConfigsRequest;
import io.runnel.protocol.message.DescribeConfigsResponse;
import io.runnel.protocol.message.IncrementalAlterConfigsRequest;
import io.runnel.protocol.message.IncrementalAlterConfigsResponse;
import io.runnel.storage.LogConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * DescribeConfigs, IncrementalAlterConfigs and AlterConfigs, with Kafka's semantics and error codes.
 *
 * <ul>
 *   <li>Topics ({@code resourceType} 2): every topic key with its value and source; changes are validated whole per
 *       resource (one bad entry changes nothing), stored in the topic's ZooKeeper node by compare-and-set, then
 *       applied to the topic's live logs before the answer goes out. The metadata watch applies them again, which is
 *       harmless, and applies them on every other broker.
 *   <li>The broker ({@code resourceType} 4, name = this broker's id, or "" for cluster-wide dynamic defaults, of which
 *       Runnel has none): described read-only; changing it is refused with {@code INVALID_REQUEST}, since Runnel has no
 *       dynamic broker configs yet. Another broker's id is {@code INVALID_REQUEST}, as in Kafka.
 *   <li>Any other resource type: {@code INVALID_REQUEST} naming it.
 * </ul>
 *
 * <p>Each resource is answered on its own: an error in one does not hold the others. Runs on the I/O threads (it
 * blocks on ZooKeeper). Thread-safe: changes are serialised by one lock, so that the live logs see them in the order
 * they were stored.
 */
final class ConfigHandlers {
    static final byte TOPIC = 2;
    static final byte BROKER = 4;

    private final BrokerConfig config;
    private final MetadataStore metadata;
    private final PartitionManager partitions;
    private final ConfigCatalog catalog;
    private final LogConfig brokerDefaults;
    private final Object alterLock = new Object();

    ConfigHandlers(BrokerConfig config, MetadataStore metadata, PartitionManager partitions) {
        this.config = config;
        this.metadata = metadata;
        this.partitions = partitions;
        this.catalog = new ConfigCatalog(config);
        this.brokerDefaults = config.logManager().defaultLogConfig();
    }

    DescribeConfigsResponse describeConfigs(DescribeConfigsRequest request) {
        List<DescribeConfigsResponse.DescribeConfigsResult> results = new ArrayList<>();
        for (DescribeConfigsRequest.DescribeConfigsResource resource : request.resources()) {
            try {
                List<ConfigEntry> entries = describe(resource.resourceType(), resource.resourceName());
                results.add(new DescribeConfigsResponse.DescribeConfigsResult(
                        Errors.NONE.code(),
                        null,
                        resource.resourceType(),
                        resource.resourceName(),
                        toWire(entries, resource.configurationKeys(), request)));
            } catch (RuntimeException e) {
                results.add(new DescribeConfigsResponse.DescribeConfigsResult(
                        BrokerErrors.code(e),
                        e.getMessage(),
                        resource.resourceType(),
                        resource.resourceName(),
                        List.of()));
            }
        }
        return new DescribeConfigsResponse(0, results);
    }

    private List<ConfigEntry> describe(byte resourceType, String name) {
        if (resourceType == TOPIC) {
            return catalog.describeTopic(existingTopic(name).configs());
        }
        if (resourceType == BROKER) {
            // "" asks for the cluster-wide dynamic defaults; Runnel has none.
            return checkBroker(name) ? catalog.describeBroker() : List.of();
        }
        throw unsupportedType(resourceType);
    }

    private static List<DescribeConfigsResponse.DescribeConfigsResourceResult> toWire(
            List<ConfigEntry> entries, @Nullable List<String> keys, DescribeConfigsRequest request) {
        Set<String> wanted = keys == null ? null : new HashSet<>(keys);
        List<DescribeConfigsResponse.DescribeConfigsResourceResult> configs = new ArrayList<>();
        for (ConfigEntry entry : entries) {
            if (wanted != null && !wanted.contains(entry.name())) {
                continue;
            }
            List<DescribeConfigsResponse.DescribeConfigsSynonym> synonyms = new ArrayList<>();
            if (request.includeSynonyms()) {
                for (ConfigEntry.Synonym synonym : entry.synonyms()) {
                    synonyms.add(new DescribeConfigsResponse.DescribeConfigsSynonym(
                            synonym.name(), synonym.value(), synonym.source().id()));
                }
            }
            configs.add(new DescribeConfigsResponse.DescribeConfigsResourceResult(
                    entry.name(),
                    entry.value(),
                    entry.readOnly(),
                    entry.source().id(),
                    false,
                    synonyms,
                    typeId(entry.type()),
                    request.includeDocumentation() ? entry.documentation() : null));
        }
        return configs;
    }

    /** Kafka's {@code ConfigType} ids: BOOLEAN 1, STRING 2, INT 3, SHORT 4, LONG 5, DOUBLE 6, LIST 7. */
    private static byte typeId(ConfigDefinition.Type type) {
        return switch (type) {
            case BOOLEAN -> 1;
            case STRING -> 2;
            case INT -> 3;
            case LONG -> 5;
            case DOUBLE -> 6;
            case LIST -> 7;
        };
    }

    IncrementalAlterConfigsResponse incrementalAlterConfigs(IncrementalAlterConfigsRequest request) {
        List<IncrementalAlterConfigsResponse.AlterConfigsResourceResponse> responses = new ArrayList<>();
        for (IncrementalAlterConfigsRequest.AlterConfigsResource resource : request.resources()) {
            Errors error = Errors.NONE;
            String message = null;
            try {
                List<TopicConfigChange.Op> ops = new ArrayList<>();
                for (IncrementalAlterConfigsRequest.AlterableConfig entry : resource.configs()) {
                    ops.add(new TopicConfigChange.Op(
                            entry.name(), TopicConfigChange.OpType.forId(entry.configOperation()), entry.value()));
                }
                alter(
                        resource.resourceType(),
                        resource.resourceName(),
                        request.validateOnly(),
                        () -> TopicConfigChange.incremental(ops));
            } catch (RuntimeException e) {
                error = BrokerErrors.of(e);
                message = e.getMessage();
            }
            responses.add(new IncrementalAlterConfigsResponse.AlterConfigsResourceResponse(
                    error.code(), message, resource.resourceType(), resource.resourceName()));
        }
        return new IncrementalAlterConfigsResponse(0, responses);
    }

    AlterConfigsResponse alterConfigs(AlterConfigsRequest request) {
        List<AlterConfigsResponse.AlterConfigsResourceResponse> responses = new ArrayList<>();
        for (AlterConfigsRequest.AlterConfigsResource resource : request.resources()) {
            Errors error = Errors.NONE;
            String message = null;
            try {
                List<TopicConfigChange.Op> sets = new ArrayList<>();
                for (AlterConfigsRequest.AlterableConfig entry : resource.configs()) {
                    sets.add(new TopicConfigChange.Op(entry.name(), TopicConfigChange.OpType.SET, entry.value()));
                }
                alter(
                        resource.resourceType(),
                        resource.resourceName(),
                        request.validateOnly(),
                        () -> TopicConfigChange.replacing(sets));
            } catch (RuntimeException e) {
                error = BrokerErrors.of(e);
                message = e.getMessage();
            }
            responses.add(new AlterConfigsResponse.AlterConfigsResourceResponse(
                    error.code(), message, resource.resourceType(), resource.resourceName()));
        }
        return new AlterConfigsResponse(0, responses);
    }

    /** Validates a change of one resource and, unless {@code validateOnly}, stores it and applies it live. */
    private void alter(byte resourceType, String name, boolean validateOnly, Supplier<TopicConfigChange> change) {
        if (resourceType == BROKER) {
            checkBroker(name);
            throw new InvalidRequestException("dynamic broker configs are not supported by Runnel yet: set them in"
                    + " the broker's properties and restart it");
        }
        if (resourceType != TOPIC) {
            throw unsupportedType(resourceType);
        }
        TopicConfigChange topicChange = change.get();
        if (validateOnly) {
            topicChange.applyTo(existingTopic(name).configs(), brokerDefaults);
            return;
        }
        TopicNames.validate(name);
        synchronized (alterLock) {
            TopicMetadata updated =
                    metadata.updateTopicConfigs(name, current -> topicChange.applyTo(current, brokerDefaults));
            partitions.topicChanged(updated);
        }
    }

    private TopicMetadata existingTopic(String name) {
        TopicNames.validate(name);
        return metadata.topic(name)
                .orElseThrow(() -> new UnknownTopicOrPartitionException("topic '" + name + "' does not exist"));
    }

    /**
     * Checks a broker resource name as Kafka does.
     *
     * @return true for this broker's id, false for "" (the cluster-wide default)
     * @throws InvalidRequestException for a name that is not an integer or another broker's id
     */
    private boolean checkBroker(String name) {
        if (name.isEmpty()) {
            return false;
        }
        int id;
        try {
            id = Integer.parseInt(name);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("broker id must be an integer, but it is: " + name);
        }
        if (id != config.brokerId()) {
            throw new InvalidRequestException(
                    "unexpected broker id, expected " + config.brokerId() + " or empty string, but received " + name);
        }
        return true;
    }

    private static InvalidRequestException unsupportedType(byte resourceType) {
        String name =
                switch (resourceType) {
                    case 8 -> "BROKER_LOGGER";
                    case 16 -> "CLIENT_METRICS";
                    case 32 -> "GROUP";
                    default -> "UNKNOWN";
                };
        return new InvalidRequestException("unsupported resource type " + resourceType + " (" + name
                + "): Runnel has configs for topics (2)" + " and brokers (4) only");
    }
}
