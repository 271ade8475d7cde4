package io.runnel.client.internal;

import io.runnel.client.producer.Partitioner;
import io.runnel.common.errors.InvalidConfigurationException;
import io.runnel.common.serialization.Deserializer;
import io.runnel.common.serialization.Serializer;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Creates the classes a configuration names ({@code key.serializer}, {@code partitioner.class}, ...) through their
 * public no-argument constructors, and configures them with the client's configuration, as Kafka does.
 */
public final class Plugins {
    private Plugins() {}

    /**
     * The configured serializer.
     *
     * @throws InvalidConfigurationException if none is configured or the class does not fit
     */
    public static Serializer<?> serializer(
            @Nullable String className, String key, Map<String, ?> configs, boolean isKey) {
        Serializer<?> serializer = create(required(className, key), key, Serializer.class);
        serializer.configure(configs, isKey);
        return serializer;
    }

    /**
     * The configured deserializer.
     *
     * @throws InvalidConfigurationException if none is configured or the class does not fit
     */
    public static Deserializer<?> deserializer(
            @Nullable String className, String key, Map<String, ?> configs, boolean isKey) {
        Deserializer<?> deserializer = create(required(className, key), key, Deserializer.class);
        deserializer.configure(configs, isKey);
        return deserializer;
    }

    /** The configured partitioner, or null when none is configured (the built-in one is used). */
    public static @Nullable Partitioner partitioner(@Nullable String className, Map<String, ?> configs) {
        if (className == null) {
            return null;
        }
        Partitioner partitioner = create(className, "partitioner.class", Partitioner.class);
        partitioner.configure(configs);
        return partitioner;
    }

    private static String required(@Nullable String className, String key) {
        if (className == null) {
            throw new InvalidConfigurationException(
                    "Missing required configuration '" + key + "' which has no default value.");
        }
        return className;
    }

    /**
     * An instance of {@code className}, which must be a {@code type} with a public no-argument constructor.
     *
     * @throws InvalidConfigurationException naming {@code key} if it is not
     */
    public static <T> T create(String className, String key, Class<T> type) {
        Class<?> loaded;
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            loaded = Class.forName(className, true, loader != null ? loader : Plugins.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new InvalidConfigurationException(
                    "invalid value '" + className + "' for configuration '" + key + "': class not found");
        }
        if (!type.isAssignableFrom(loaded)) {
            throw new InvalidConfigurationException(
                    "invalid value '" + className + "' for configuration '" + key + "': not a " + type.getName());
        }
        try {
            return type.cast(loaded.getDeclaredConstructor().newInstance());
        } catch (NoSuchMethodException
                | InstantiationException
                | IllegalAccessException
                | InvocationTargetException e) {
            throw new InvalidConfigurationException("invalid value '" + className + "' for configuration '" + key
                    + "': cannot create an instance (" + e + ")");
        }
    }
}
