package io.runnel.common.serialization;

import io.runnel.common.errors.SerializationException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** UTF-8 by default; {@code key.serializer.encoding}, {@code value.serializer.encoding} or {@code serializer.encoding} choose another charset. Thread-safe. */
public final class StringDeserializer implements Deserializer<String> {
    private Charset encoding = StandardCharsets.UTF_8;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        String key = isKey ? "key.deserializer.encoding" : "value.deserializer.encoding";
        Object name = configs.get(key);
        if (name == null) {
            key = "deserializer.encoding";
            name = configs.get(key);
        }
        if (name != null) {
            try {
                encoding = Charset.forName(name.toString());
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                throw new SerializationException("unknown charset '" + name + "' in " + key, e);
            }
        }
    }

    @Override
    public @Nullable String deserialize(String topic, byte @Nullable [] data) {
        return data == null ? null : new String(data, encoding);
    }
}
