package io.runnel.common.serialization;

import io.runnel.common.errors.SerializationException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** UTF-8 by default; {@code key.serializer.encoding}, {@code value.serializer.encoding} or {@code serializer.encoding} choose another charset. Thread-safe. */
public final class StringSerializer implements Serializer<String> {
    private Charset encoding = StandardCharsets.UTF_8;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        String key = isKey ? "key.serializer.encoding" : "value.serializer.encoding";
        Object name = configs.get(key);
        if (name == null) {
            key = "serializer.encoding";
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
    public byte @Nullable [] serialize(String topic, @Nullable String data) {
        return data == null ? null : data.getBytes(encoding);
    }
}
