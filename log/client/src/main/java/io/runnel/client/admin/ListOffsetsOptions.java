package io.runnel.client.admin;

/** Options of {@link Admin#listOffsets}: the timeout. */
public final class ListOffsetsOptions extends AbstractOptions<ListOffsetsOptions> {}
