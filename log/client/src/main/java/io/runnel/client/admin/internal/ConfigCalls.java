package io.runnel.client.admin.internal;

import io.runnel.client.Node;
import io.runnel.client.admin.AlterConfigOp;
import io.runnel.client.admin.Config;
import io.runnel.client.admin.ConfigEntry;
import io.runnel.client.admin.ConfigResource;
import io.runnel.common.errors.RunnelException;
import io.runnel.protocol.ApiKey;
import io.runnel.protocol.message.DescribeConfigsRequest;
import io.runnel.protocol.message.DescribeConfigsResponse;
import io.runnel.protocol.message.IncrementalAlterConfigsRequest;
import io.runnel.protocol.message.IncrementalAlterConfigsResponse;
import io.runnel.protocol.message.Message;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Describe and alter configs. A broker's configs are asked of that broker; topic configs of any broker. One call per
 * target.
 */
public final class ConfigCalls {
    private ConfigCalls() {}

    /** The broker id a resource must be sent to, or null if any broker will do. */
    static @Nullable Integer brokerOf(ConfigResource resource) {
        if ((resource.type() == ConfigResource.Type.BROKER || resource.type() == ConfigResource.Type.BROKER_LOGGER)
                && !resource.name().isEmpty()) {
            try {
                return Integer.parseInt(resource.name());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("a broker resource's name must be a broker id: " + resource.name());
            }
        }
        return null;
    }

    /** Groups resources by the broker that must answer for them (-1: any). */
    public static <T> Map<Integer, Map<ConfigResource, T>> byTarget(Map<ConfigResource, T> resources) {
        Map<Integer, Map<ConfigResource, T>> grouped = new HashMap<>();
        resources.forEach((resource, value) -> {
            Integer broker = brokerOf(resource);
            grouped.computeIfAbsent(broker == null ? -1 : broker, b -> new HashMap<>())
                    .put(resource, value);
        });
        return grouped;
    }

    /** Describes the configs of {@code futures}' resources, all sent to {@code broker} (-1: any). */
    public static Call describeConfigs(
            int broker,
            Map<ConfigResource, CompletableFuture<Config>> futures,
            boolean includeSynonyms,
            boolean includeDocumentation,
            long deadlineMs) {
        return new Call("DescribeConfigs", deadlineMs) {
            @Override
            protected @Nullable Node target(Targets targets) {
                return broker < 0 ? targets.any() : targets.node(broker);
            }

            @Override
            protected ApiKey apiKey() {
                return ApiKey.DESCRIBE_CONFIGS;
            }

            @Override
            protected Message request(int timeoutMs) {
                List<DescribeConfigsRequest.DescribeConfigsResource> resources = new ArrayList<>();
                for (ConfigResource resource : futures.keySet()) {
                    resources.add(new DescribeConfigsRequest.DescribeConfigsResource(
                            resource.type().id(), resource.name(), null));
                }
                return new DescribeConfigsRequest(resources, includeSynonyms, includeDocumentation);
            }

            @Override
            protected void handle(Message response, AdminRunner runner) {
                for (DescribeConfigsResponse.DescribeConfigsResult result :
                        ((DescribeConfigsResponse) response).results()) {
                    ConfigResource resource =
                            new ConfigResource(ConfigResource.Type.forId(result.resourceType()), result.resourceName());
                    CompletableFuture<Config> future = futures.get(resource);
                    if (future == null) {
                        continue;
                    }
                    RunnelException error = AdminErrors.exception(result.errorCode(), result.errorMessage());
                    if (error != null) {
                        future.completeExceptionally(error);
                        continue;
                    }
                    List<ConfigEntry> entries = new ArrayList<>(result.configs().size());
                    for (DescribeConfigsResponse.DescribeConfigsResourceResult c : result.configs()) {
                        List<ConfigEntry.ConfigSynonym> synonyms =
                                new ArrayList<>(c.synonyms().size());
                        for (DescribeConfigsResponse.DescribeConfigsSynonym s : c.synonyms()) {
                            synonyms.add(new ConfigEntry.ConfigSynonym(
                                    s.name(), s.value(), ConfigEntry.ConfigSource.forId(s.source())));
                        }
                        entries.add(new ConfigEntry(
                                c.name(),
                                c.value(),
                                ConfigEntry.ConfigSource.forId(c.configSource()),
                                c.isSensitive(),
                                c.readOnly(),
                                synonyms,
                                ConfigEntry.ConfigType.forId(c.configType()),
                                c.documentation()));
                    }
                    future.complete(new Config(entries));
                }
                futures.forEach((resource, future) ->
                        future.completeExceptionally(new RunnelException("the broker did not describe " + resource)));
            }

            @Override
            protected void fail(Throwable error) {
                futures.values().forEach(future -> future.completeExceptionally(error));
            }
        };
    }

    /** Alters the configs of the given resources, all sent to {@code broker} (-1: any). */
    public static Call incrementalAlterConfigs(
            int broker,
            Map<ConfigResource, Collection<AlterConfigOp>> ops,
            Map<ConfigResource, CompletableFuture<Void>> futures,
            boolean validateOnly,
            long deadlineMs) {
        return new Call("IncrementalAlterConfigs", deadlineMs) {
            @Override
            protected @Nullable Node target(Targets targets) {
                return broker < 0 ? targets.any() : targets.node(broker);
            }

            @Override
            protected ApiKey apiKey() {
                return ApiKey.INCREMENTAL_ALTER_CONFIGS;
            }

            @Override
            protected Message request(int timeoutMs) {
                List<IncrementalAlterConfigsRequest.AlterConfigsResource> resources = new ArrayList<>();
                ops.forEach((resource, changes) -> {
                    List<IncrementalAlterConfigsRequest.AlterableConfig> configs = new ArrayList<>();
                    for (AlterConfigOp op : changes) {
                        configs.add(new IncrementalAlterConfigsRequest.AlterableConfig(
                                op.configEntry().name(),
                                op.opType().id(),
                                op.configEntry().value()));
                    }
                    resources.add(new IncrementalAlterConfigsRequest.AlterConfigsResource(
                            resource.type().id(), resource.name(), configs));
                });
                return new IncrementalAlterConfigsRequest(resources, validateOnly);
            }

            @Override
            protected void handle(Message response, AdminRunner runner) {
                for (IncrementalAlterConfigsResponse.AlterConfigsResourceResponse result :
                        ((IncrementalAlterConfigsResponse) response).responses()) {
                    ConfigResource resource =
                            new ConfigResource(ConfigResource.Type.forId(result.resourceType()), result.resourceName());
                    CompletableFuture<Void> future = futures.get(resource);
                    if (future == null) {
                        continue;
                    }
                    RunnelException error = AdminErrors.exception(result.errorCode(), result.errorMessage());
                    if (error != null) {
                        future.completeExceptionally(error);
                    } else {
                        future.complete(null);
                    }
                }
                futures.forEach((resource, future) ->
                        future.completeExceptionally(new RunnelException("the broker did not answer for " + resource)));
            }

            @Override
            protected void fail(Throwable error) {
                futures.values().forEach(future -> future.completeExceptionally(error));
            }
        };
    }
}
