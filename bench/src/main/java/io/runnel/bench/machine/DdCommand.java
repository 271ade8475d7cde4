package io.runnel.bench.machine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sequential write bandwidth measured by {@code dd}, the reference the issue names, so that the Java figures can be
 * checked against a tool everyone trusts: {@code oflag=dsync} (every 1 MiB write is synchronous, like {@code
 * fdatasync} per MiB) and {@code conv=fdatasync} (one {@code fdatasync} at the end). {@code dd} writes zeros from
 * {@code /dev/zero}; the output file is deleted afterwards.
 */
final class DdCommand {
    private static final Pattern SUMMARY = Pattern.compile("^(\\d+) bytes .* copied, ([0-9.,]+) s, .*$");

    private final Path directory;
    private final int megabytes;

    DdCommand(Path directory, int megabytes) {
        this.directory = directory;
        this.megabytes = megabytes;
    }

    /** Whether a {@code dd} is on the PATH. */
    static boolean available() {
        try {
            Process process = new ProcessBuilder("dd", "--version")
                    .redirectErrorStream(true)
                    .start();
            process.getInputStream().readAllBytes();
            return process.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code dd bs=1M oflag=dsync}: a synchronous write per MiB. */
    Optional<Bandwidth> dsync() throws IOException, InterruptedException {
        return run("oflag=dsync", "dd bs=1M oflag=dsync (sync per 1 MiB)");
    }

    /** {@code dd bs=1M conv=fdatasync}: one fdatasync at the end. */
    Optional<Bandwidth> fdatasyncAtEnd() throws IOException, InterruptedException {
        return run("conv=fdatasync", "dd bs=1M conv=fdatasync (one sync)");
    }

    private Optional<Bandwidth> run(String syncFlag, String name) throws IOException, InterruptedException {
        Path file = directory.resolve("machine-limits-dd.bin");
        List<String> command = List.of("dd", "if=/dev/zero", "of=" + file, "bs=1M", "count=" + megabytes, syncFlag);
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IOException("dd failed: " + String.join(" ", command) + "\n" + output);
            }
            return parse(output, name, String.join(" ", command).replace(file.toString(), "<dir>/file"));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static Optional<Bandwidth> parse(String output, String name, String how) {
        for (String line : output.lines().toList()) {
            Matcher matcher = SUMMARY.matcher(line.trim());
            if (matcher.matches()) {
                long bytes = Long.parseLong(matcher.group(1));
                double seconds = Double.parseDouble(matcher.group(2).replace(',', '.'));
                return Optional.of(new Bandwidth(name, bytes, Math.max(1L, (long) (seconds * 1e9)), how));
            }
        }
        return Optional.empty();
    }
}
