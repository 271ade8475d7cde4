package io.runnel.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** One {@code runnel} command line run in this JVM, with its exit code and what it printed. */
record CommandRun(int exitCode, String out, String err) {
    static CommandRun withInput(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Runnel.execute(
                args,
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        return new CommandRun(code, out.toString(), err.toString());
    }

    static CommandRun run(String... args) {
        return withInput("", args);
    }

    /** The lines of standard output. */
    java.util.List<String> lines() {
        return out.lines().toList();
    }
}
