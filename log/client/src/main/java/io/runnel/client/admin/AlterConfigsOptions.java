package io.runnel.client.admin;

/** Options of {@link Admin#incrementalAlterConfigs}: the timeout, and whether to validate only. */
public final class AlterConfigsOptions extends AbstractOptions<AlterConfigsOptions> {
    private boolean validateOnly;

    /** Whether the broker only checks the request and changes nothing. */
    public AlterConfigsOptions validateOnly(boolean validateOnly) {
        this.validateOnly = validateOnly;
        return this;
    }

    public boolean shouldValidateOnly() {
        return validateOnly;
    }
}
