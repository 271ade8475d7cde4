package io.runnel.client.admin;

/** Options of {@link Admin#deleteConsumerGroupOffsets}: the timeout. */
public final class DeleteConsumerGroupOffsetsOptions extends AbstractOptions<DeleteConsumerGroupOffsetsOptions> {}
