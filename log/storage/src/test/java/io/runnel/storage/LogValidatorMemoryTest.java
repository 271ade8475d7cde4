package io.runnel.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.records.DecompressionBuffer;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What an idle log pays for validation: nothing per log; one decompression buffer per appending thread. */
@Timeout(30)
class LogValidatorMemoryTest {

    @Test
    void shouldHoldNoDecompressionBufferWhenALogIsCreated() {
        assertThat(Arrays.stream(LogValidator.class.getDeclaredFields())
                        .filter(field -> !Modifier.isStatic(field.getModifiers()))
                        .map(Field::getType))
                .as("instance fields of the validator every log holds")
                .doesNotContain(DecompressionBuffer.class);
    }

    @Test
    void shouldShareOneDecompressionBufferPerThreadWhenValidatingForManyLogs() throws Exception {
        DecompressionBuffer here = LogValidator.scratch();

        DecompressionBuffer elsewhere =
                CompletableFuture.supplyAsync(LogValidator::scratch).get();

        assertThat(LogValidator.scratch()).isSameAs(here);
        assertThat(elsewhere).isNotSameAs(here);
    }
}
