package io.runnel.client.admin;

/** Options of {@link Admin#deleteConsumerGroups}: the timeout. */
public final class DeleteConsumerGroupsOptions extends AbstractOptions<DeleteConsumerGroupsOptions> {}
