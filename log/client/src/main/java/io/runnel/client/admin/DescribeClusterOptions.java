package io.runnel.client.admin;

/** Options of {@link Admin#describeCluster}: the timeout. */
public final class DescribeClusterOptions extends AbstractOptions<DescribeClusterOptions> {}
