package io.runnel.client.admin;

/** Options of {@link Admin#deleteRecords}: the timeout. */
public final class DeleteRecordsOptions extends AbstractOptions<DeleteRecordsOptions> {}
