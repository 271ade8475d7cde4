package io.runnel.client.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class OffsetAndMetadataTest {
    @Test
    void shouldStoreEmptyMetadataAndNoEpochWhenOnlyTheOffsetIsGiven() {
        OffsetAndMetadata offset = new OffsetAndMetadata(42);

        assertThat(offset.offset()).isEqualTo(42);
        assertThat(offset.metadata()).isEmpty();
        assertThat(offset.leaderEpoch()).isEmpty();
    }

    @Test
    void shouldStoreNullMetadataAsEmptyWhenGivenNull() {
        assertThat(new OffsetAndMetadata(1, null).metadata()).isEmpty();
    }

    @Test
    void shouldBeEqualWhenOffsetEpochAndMetadataAre() {
        OffsetAndMetadata one = new OffsetAndMetadata(7, Optional.of(3), "m");
        OffsetAndMetadata other = new OffsetAndMetadata(7, Optional.of(3), "m");

        assertThat(one).isEqualTo(other).hasSameHashCodeAs(other);
        assertThat(one).isNotEqualTo(new OffsetAndMetadata(7, "m"));
        assertThat(one).hasToString("OffsetAndMetadata{offset=7, leaderEpoch=3, metadata='m'}");
    }

    @Test
    void shouldRejectTheOffsetWhenNegative() {
        assertThatThrownBy(() -> new OffsetAndMetadata(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("offset must be >= 0: -1");
    }
}
