package io.runnel.client.admin;

/** Options of {@link Admin#describeTopics}: the timeout. */
public final class DescribeTopicsOptions extends AbstractOptions<DescribeTopicsOptions> {}
