package io.runnel.client.admin;

/** Options of {@link Admin#alterConsumerGroupOffsets}: the timeout. */
public final class AlterConsumerGroupOffsetsOptions extends AbstractOptions<AlterConsumerGroupOffsetsOptions> {}
