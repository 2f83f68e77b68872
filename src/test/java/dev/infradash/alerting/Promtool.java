package dev.infradash.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's promtool (package prometheus, in install-deps.sh). Required, not optional: a
 * machine without it fails these tests rather than reporting unchecked rules as fine.
 */
final class Promtool {

    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Promtool() {}

    /** Runs {@code promtool args...} in {@code dir}; returns its output and exit code. */
    static Result run(Path dir, String... args) {
        if (!Files.isExecutable(PROMTOOL)) {
            fail(PROMTOOL + " is missing: run `apt-get install -y prometheus` (it ships promtool)");
        }
        List<String> command = new ArrayList<>();
        command.add(PROMTOOL.toString());
        command.addAll(List.of(args));
        try {
            Path log = Files.createTempFile(dir, "promtool-", ".log");
            Process process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                fail("`%s` did not finish within %s", String.join(" ", command), TIMEOUT);
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.delete(log);
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }

    static String assertSucceeds(Path dir, String... args) {
        Result result = run(dir, args);
        assertThat(result.exitCode())
                .as("exit code of `promtool %s`; output:%n%s", String.join(" ", args), result.output())
                .isZero();
        return result.output();
    }

    record Result(int exitCode, String output) {}
}
