package io.runnel.cli;

import picocli.CommandLine;

/** {@code runnel --version}: the version the jar was built as. */
final class RunnelVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Runnel.class.getPackage().getImplementationVersion();
        return new String[] {"runnel " + (version == null ? "(development build)" : version)};
    }
}
