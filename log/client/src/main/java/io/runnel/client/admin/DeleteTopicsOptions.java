package io.runnel.client.admin;

/** Options of {@code Admin#deleteTopics}: the timeout. */
public final class DeleteTopicsOptions extends AbstractOptions<DeleteTopicsOptions> {}
