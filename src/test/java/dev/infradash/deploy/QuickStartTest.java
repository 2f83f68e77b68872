package dev.infradash.deploy;

import static dev.infradash.deploy.DeployFiles.BASEDIR;
import static dev.infradash.deploy.DeployFiles.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's quick start is two commands, one that runs the app and one that passes the tests,
 * each doing its own set-up, and CI runs exactly the second: what a newcomer types is what CI
 * proves. InstallDepsTest covers what the set-up installs.
 */
class QuickStartTest {

    private static final Path README = BASEDIR.resolve("README.md");
    private static final Path CI = BASEDIR.resolve(".ci/run");
    private static final Pattern ASSIGNMENT = Pattern.compile("[A-Z_][A-Z0-9_]*=\\S*");

    /** A quick-start line: the command before {@code #}, labelled by the comment's first word. */
    record Command(String label, String command) {}

    /** The commands of the first bash block under "## Quick start". */
    static List<Command> quickStart() {
        String readme = read(README);
        int section = readme.indexOf("\n## Quick start\n");
        assertThat(section).as("a '## Quick start' section in README.md").isNotNegative();
        int open = readme.indexOf("```bash\n", section);
        int close = readme.indexOf("\n```", open + 1);
        assertThat(open).isPositive();
        List<Command> commands = new ArrayList<>();
        for (String line :
                readme.substring(open + "```bash\n".length(), close).lines().toList()) {
            int hash = line.indexOf(" #");
            String command = (hash < 0 ? line : line.substring(0, hash)).strip();
            String comment = hash < 0 ? "" : line.substring(hash + 2).strip();
            if (!command.isEmpty()) {
                commands.add(
                        new Command(comment.contains(":") ? comment.substring(0, comment.indexOf(':')) : "", command));
            }
        }
        return commands;
    }

    static String command(String label) {
        return quickStart().stream()
                .filter(c -> c.label().equals(label))
                .map(Command::command)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no quick-start command labelled '" + label + ":' in README.md"));
    }

    /** A script's commands: no shebang, comments, blank lines, {@code set -euo pipefail} or the cd to the repo. */
    static List<String> commands(Path script) {
        return read(script)
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .filter(l -> !l.equals("set -euo pipefail") && !l.equals("cd \"$(dirname \"$0\")/..\""))
                .toList();
    }

    @Test
    void theQuickStartIsOneCommandToRunAndOneToTest() {
        assertThat(quickStart()).extracting(Command::label).containsExactly("run", "test");
        for (Command c : quickStart()) {
            Path script = BASEDIR.resolve(c.command().split(" ")[0]);
            assertThat(script).as("the %s command's script", c.label()).isRegularFile();
            assertThat(Files.isExecutable(script))
                    .as("%s is executable, as the README calls it", script)
                    .isTrue();
        }
    }

    @Test
    void ciRunsExactlyTheReadmeTestCommandAndNothingElse() {
        String test = command("test");
        assertThat(commands(CI)).as("the commands of .ci/run").containsExactly("exec " + test);
    }

    @Test
    void theTestCommandSetsUpWhatTheTestsNeedThenRunsTheWholeSuite() {
        List<String> commands = commands(BASEDIR.resolve(command("test")));
        assertThat(commands).as("commands of %s", command("test")).hasSize(2);
        assertThat(commands.get(0)).isEqualTo("bash scripts/install-deps.sh --test");
        assertThat(commands.get(1))
                .startsWith("exec ./mvnw ")
                .contains(" verify")
                .doesNotContain("-Dtest", "-Dit.test", "skip");
    }

    @Test
    void theRunCommandSetsUpWhatItRunsBeforeAnythingElse() {
        List<String> commands = commands(BASEDIR.resolve(command("run")));
        int install = commands.indexOf("bash scripts/install-deps.sh");
        assertThat(install).as("run-local.sh calls scripts/install-deps.sh").isNotNegative();
        assertThat(commands.subList(0, install))
                .as("what run-local.sh does before install-deps.sh: only setting variables")
                .allMatch(l -> ASSIGNMENT.matcher(l).matches());
    }

    @Test
    void theReadmeSaysWhichDistributionsAreSupported() {
        String readme = read(README);
        String quickStart = readme.substring(
                readme.indexOf("## Quick start"), readme.indexOf("\n## ", readme.indexOf("## Quick start") + 1));
        assertThat(quickStart).contains("Supported distributions: Debian 12");
    }
}
