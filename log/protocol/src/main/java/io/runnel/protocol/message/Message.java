package io.runnel.protocol.message;

/** The body of a request or response: one generated record per message, read and written by its API's codec. */
public interface Message {}
