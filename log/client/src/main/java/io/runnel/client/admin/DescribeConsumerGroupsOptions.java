package io.runnel.client.admin;

/** Options of {@link Admin#describeConsumerGroups}: the timeout. */
public final class DescribeConsumerGroupsOptions extends AbstractOptions<DescribeConsumerGroupsOptions> {}
