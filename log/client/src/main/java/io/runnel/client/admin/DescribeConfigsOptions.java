package io.runnel.client.admin;

/** Options of {@link Admin#describeConfigs}: the timeout, synonyms and documentation. */
public final class DescribeConfigsOptions extends AbstractOptions<DescribeConfigsOptions> {
    private boolean includeSynonyms;
    private boolean includeDocumentation;

    /** Whether each entry lists its synonyms (the broker default a topic value overrides, ...). */
    public DescribeConfigsOptions includeSynonyms(boolean includeSynonyms) {
        this.includeSynonyms = includeSynonyms;
        return this;
    }

    /** Whether each entry carries its documentation. */
    public DescribeConfigsOptions includeDocumentation(boolean includeDocumentation) {
        this.includeDocumentation = includeDocumentation;
        return this;
    }

    public boolean includeSynonyms() {
        return includeSynonyms;
    }

    public boolean includeDocumentation() {
        return includeDocumentation;
    }
}
