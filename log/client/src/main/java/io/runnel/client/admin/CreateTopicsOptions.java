package io.runnel.client.admin;

/** Options of {@link Admin#createTopics}: the timeout, and whether to validate only. */
public final class CreateTopicsOptions extends AbstractOptions<CreateTopicsOptions> {
    private boolean validateOnly;

    /** Whether the broker only checks the request and creates nothing. */
    public CreateTopicsOptions validateOnly(boolean validateOnly) {
        this.validateOnly = validateOnly;
        return this;
    }

    public boolean shouldValidateOnly() {
        return validateOnly;
    }
}
