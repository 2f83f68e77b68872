package dev.infradash.deploy;

import static dev.infradash.deploy.DeployFiles.BASEDIR;
import static dev.infradash.deploy.DeployFiles.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/install-deps.sh, the real script run by bash, on a simulated machine: its PATH is one
 * folder holding only what the test puts there (stubs of dpkg-query, id, apt-get, sudo, java...),
 * so "a fresh Debian with nothing installed" is a folder with no java, no curl and a dpkg-query
 * that knows no package. The apt-get stub "installs" by recording the package and, for the JDK,
 * dropping java and javac stubs into the folder, so a second run sees what apt would have left.
 */
class InstallDepsTest {

    private static final Path SCRIPT = BASEDIR.resolve("scripts/install-deps.sh");
    private static final List<String> RUN_PACKAGES = List.of(
            "openjdk-17-jdk-headless",
            "curl",
            "prometheus",
            "prometheus-node-exporter",
            "prometheus-alertmanager",
            "prometheus-blackbox-exporter");
    private static final List<String> TEST_PACKAGES =
            concat(RUN_PACKAGES, List.of("chromium", "chromium-driver", "victoria-metrics", "dnsmasq-base"));
    private static final String JAVA_17 = "openjdk version \"17.0.15\" 2025-04-15";
    private static final String JAVA_11 = "openjdk version \"11.0.25\" 2024-10-15";
    private static final String JAVA_21 = "openjdk version \"21.0.5\" 2024-10-15";
    private static final String JAVA_8 = "java version \"1.8.0_402\"";

    @TempDir
    Path dir;

    // ---- what a fresh machine gets ----------------------------------------------------------

    @Test
    void onAFreshDebianTheTestSetUpInstallsTheJdkCurlPrometheusNodeExporterAndChromium() {
        Machine machine = Machine.freshDebian(dir);
        Result result = machine.run("--test", "--dry-run");
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.plannedCommands())
                .containsExactly(
                        "apt-get update -qq",
                        "env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq " + String.join(" ", TEST_PACKAGES));
        assertThat(machine.aptLog()).as("a dry run runs nothing").isEmpty();
    }

    @Test
    void onAFreshDebianTheRunSetUpInstallsWhatRunLocalRunsAndNoBrowser() {
        Machine machine = Machine.freshDebian(dir);
        Result result = machine.run("--dry-run");
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.installedByPlan()).containsExactlyElementsOf(RUN_PACKAGES);
        assertThat(machine.aptLog()).isEmpty();
    }

    @Test
    void theDryRunCanAlsoBeAskedForThroughTheEnvironment() {
        Machine machine = Machine.freshDebian(dir);
        Result result = machine.run(Map.of("INFRADASH_DRY_RUN", "1"), "--test");
        assertThat(result.installedByPlan()).containsExactlyElementsOf(TEST_PACKAGES);
        assertThat(machine.aptLog()).isEmpty();
    }

    @Test
    void aRealRunRunsWhatTheDryRunPrintedAndASecondRunInstallsNothing() {
        Machine machine = Machine.freshDebian(dir);
        List<String> planned = machine.run("--test", "--dry-run").plannedCommands();

        Result install = machine.run("--test");
        assertThat(install.exit()).as(install.output()).isZero();
        assertThat(machine.aptLog())
                .as("the apt-get calls of the real run")
                .containsExactlyElementsOf(planned.stream()
                        .map(c -> c.substring(c.indexOf("apt-get")))
                        .toList());
        assertThat(machine.installed()).containsExactlyInAnyOrderElementsOf(TEST_PACKAGES);

        Result again = machine.run("--test", "--dry-run");
        assertThat(again.exit()).as(again.output()).isZero();
        assertThat(again.plannedCommands()).isEmpty();
        assertThat(again.output()).contains("nothing to install");
        int aptCalls = machine.aptLog().size();
        assertThat(machine.run("--test").exit()).isZero();
        assertThat(machine.aptLog())
                .as("with everything present apt-get is not called")
                .hasSize(aptCalls);
    }

    @Test
    void onASystemdHostThePackagedPrometheusServicesItInstalledAreStoppedAgain() throws IOException {
        Machine machine = Machine.freshDebian(dir).withPackages("prometheus").bootedWithSystemd();
        List<String> planned = machine.run("--dry-run").plannedCommands();
        assertThat(planned)
                .last()
                .isEqualTo("systemctl disable --now prometheus-node-exporter.service prometheus-alertmanager.service"
                        + " prometheus-blackbox-exporter.service");

        assertThat(machine.run("--test").exit()).isZero();
        assertThat(read(machine.root().resolve("systemctl.log")).strip())
                .as("only the service of the package this run installed; a Prometheus that was there stays as it was")
                .isEqualTo("disable --now prometheus-node-exporter.service prometheus-alertmanager.service"
                        + " prometheus-blackbox-exporter.service victoria-metrics.service");

        Machine noSystemd = Machine.freshDebian(dir.resolve("container"));
        assertThat(noSystemd.run("--test", "--dry-run").plannedCommands()).noneMatch(c -> c.contains("systemctl"));
    }

    @Test
    void withEverythingPresentNothingIsInstalled() {
        Machine machine = Machine.freshDebian(dir)
                .withJava(JAVA_17, true)
                .withCommand("curl")
                .withPackages(
                        "prometheus",
                        "prometheus-node-exporter",
                        "prometheus-alertmanager",
                        "prometheus-blackbox-exporter",
                        "chromium",
                        "chromium-driver",
                        "victoria-metrics",
                        "dnsmasq-base")
                .withScript("node", "echo v20.20.2");
        Result result = machine.run("--test", "--dry-run");
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.plannedCommands()).isEmpty();
        assertThat(machine.run("--test").output())
                .as("a run with nothing to do stays quiet")
                .isEmpty();
        assertThat(machine.aptLog()).isEmpty();
    }

    @Test
    void withoutNode20TheRunSetUpSaysTheProductionBuildWillFetchItsOwnAndInstallsNone() {
        Machine machine = Machine.freshDebian(dir).withScript("node", "echo v18.20.4");
        Result result = machine.run("--dry-run");
        assertThat(result.output()).contains("no Node.js 20+ on the PATH (v18.20.4)");
        assertThat(result.installedByPlan()).doesNotContain("nodejs");
        assertThat(Machine.freshDebian(dir.resolve("none")).run("--dry-run").output())
                .contains("no Node.js 20+ on the PATH;");
        assertThat(machine.run("--test", "--dry-run").output())
                .as("the tests run on the committed dev bundle, without Node")
                .doesNotContain("Node.js");
    }

    @Test
    void onlyWhatIsMissingIsInstalled() {
        Machine machine = Machine.freshDebian(dir)
                .withJava(JAVA_17, true)
                .withCommand("curl")
                .withPackages("prometheus", "prometheus-blackbox-exporter", "chromium");
        assertThat(machine.run("--test", "--dry-run").installedByPlan())
                .containsExactly(
                        "prometheus-node-exporter",
                        "prometheus-alertmanager",
                        "chromium-driver",
                        "victoria-metrics",
                        "dnsmasq-base");
    }

    // ---- the JDK ----------------------------------------------------------------------------

    @Test
    void aJavaOlderThan17OnThePathGetsAJdk17() {
        for (String old : List.of(JAVA_11, JAVA_8)) {
            Machine machine = Machine.freshDebian(dir.resolve(old.contains("1.8") ? "java8" : "java11"))
                    .withJava(old, true)
                    .withCommand("curl")
                    .withPackages(
                            "prometheus",
                            "prometheus-node-exporter",
                            "prometheus-alertmanager",
                            "prometheus-blackbox-exporter");
            Result result = machine.run("--dry-run");
            assertThat(result.installedByPlan()).as(old).containsExactly("openjdk-17-jdk-headless");
            assertThat(result.output()).contains("is Java " + (old.contains("1.8") ? 8 : 11));
        }
    }

    @Test
    void aJavaRuntimeWithoutJavacGetsAJdk() {
        Machine machine = Machine.freshDebian(dir)
                .withJava(JAVA_17, false)
                .withCommand("curl")
                .withPackages(
                        "prometheus",
                        "prometheus-node-exporter",
                        "prometheus-alertmanager",
                        "prometheus-blackbox-exporter");
        Result result = machine.run("--dry-run");
        assertThat(result.installedByPlan()).containsExactly("openjdk-17-jdk-headless");
        assertThat(result.output()).contains("no javac");
    }

    @Test
    void aNewerJdkIsEnough() {
        Machine machine = Machine.freshDebian(dir)
                .withJava(JAVA_21, true)
                .withCommand("curl")
                .withPackages(
                        "prometheus",
                        "prometheus-node-exporter",
                        "prometheus-alertmanager",
                        "prometheus-blackbox-exporter");
        assertThat(machine.run("--dry-run").plannedCommands()).isEmpty();
    }

    @Test
    void aJavaHomeOnAnOldJdkIsReportedNotPaperedOverByAnInstall() {
        Path oldJdk = dir.resolve("jdk11");
        Machine.writeJava(oldJdk.resolve("bin"), JAVA_11, true);
        Machine machine = Machine.freshDebian(dir.resolve("machine"))
                .withCommand("curl")
                .withPackages(
                        "prometheus",
                        "prometheus-node-exporter",
                        "prometheus-alertmanager",
                        "prometheus-blackbox-exporter");
        Result result = machine.run(Map.of("JAVA_HOME", oldJdk.toString()), "--dry-run");
        assertThat(result.exit()).isNotZero();
        assertThat(result.output()).contains("JAVA_HOME=" + oldJdk).contains("Java 11");
        assertThat(result.plannedCommands()).isEmpty();

        Path jdk21 = dir.resolve("jdk21");
        Machine.writeJava(jdk21.resolve("bin"), JAVA_21, true);
        Result fine = machine.run(Map.of("JAVA_HOME", jdk21.toString()), "--dry-run");
        assertThat(fine.exit()).as(fine.output()).isZero();
        assertThat(fine.plannedCommands())
                .as("JAVA_HOME wins over a missing java on the PATH, as in ./mvnw")
                .isEmpty();
    }

    // ---- machines it cannot serve -------------------------------------------------------------

    @Test
    void asAUserWithSudoItInstallsThroughSudo() {
        Machine machine = Machine.freshDebian(dir).asUser(1000).withSudo();
        Result result = machine.run("--test", "--dry-run");
        assertThat(result.plannedCommands()).allSatisfy(c -> assertThat(c).startsWith("sudo "));

        assertThat(machine.run("--test").exit()).isZero();
        assertThat(machine.installed()).containsExactlyInAnyOrderElementsOf(TEST_PACKAGES);
        assertThat(read(machine.sudoLog()))
                .as("sudo keeps the non-interactive frontend through env")
                .contains("env DEBIAN_FRONTEND=noninteractive apt-get install");
    }

    @Test
    void asAUserWithoutSudoItSaysSoAndInstallsNothing() {
        Machine machine = Machine.freshDebian(dir).asUser(1000);
        Result result = machine.run("--test");
        assertThat(result.exit()).isNotZero();
        assertThat(result.output()).contains("Run as root, or install sudo");
        assertThat(machine.aptLog()).isEmpty();
    }

    @Test
    void withoutAptItNamesWhatToInstallInOneLine() {
        Machine machine = Machine.freshDebian(dir).withoutApt();
        Result result = machine.run("--test");
        assertThat(result.exit()).isNotZero();
        String line = result.output()
                .lines()
                .filter(l -> l.contains("apt only"))
                .findFirst()
                .orElseThrow();
        assertThat(line)
                .contains(
                        "a JDK 17+",
                        "curl",
                        "prometheus",
                        "prometheus-node-exporter",
                        "chromium",
                        "chromium-driver",
                        "victoria-metrics",
                        "dnsmasq-base");
    }

    @Test
    void onUbuntuTheBrowserTestsSayWhyTheyCannotBeSetUp() throws IOException {
        Machine machine = Machine.freshDebian(dir).withOsRelease("NAME=\"Ubuntu\"\nID=ubuntu\nVERSION_ID=\"24.04\"\n");
        Result test = machine.run("--test");
        assertThat(test.exit()).isNotZero();
        assertThat(test.output()).contains("snap").contains("Debian 12");
        assertThat(machine.aptLog()).isEmpty();

        Result run = machine.run("--dry-run");
        assertThat(run.exit()).as("Ubuntu has run-local.sh's packages").isZero();
        assertThat(run.installedByPlan()).containsExactlyElementsOf(RUN_PACKAGES);
    }

    @Test
    void anUnknownOptionIsRefused() {
        Result result = Machine.freshDebian(dir).run("--tests");
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.output()).contains("usage:");
    }

    // ---- the tests' own binaries come from those packages --------------------------------------

    /**
     * Every /usr/bin program a test starts belongs to a package the test set-up installs, so a
     * test that needs something new (an Alertmanager, say) fails here until install-deps.sh
     * installs it, instead of on the next fresh machine. Asks this machine's dpkg, which knows
     * the programs because the test command installed them before the tests ran. Programs of
     * Essential packages (coreutils...) are on every Debian and need no install.
     */
    @Test
    void everyProgramTheTestsStartIsInstalledByTheTestSetUp() throws IOException {
        Set<String> programs = new LinkedHashSet<>();
        Pattern usrBin = Pattern.compile("\"(/usr/s?bin/[A-Za-z0-9._-]+)\"");
        try (var files = Files.walk(BASEDIR.resolve("src/test/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = usrBin.matcher(read(file));
                while (m.find()) {
                    programs.add(m.group(1));
                }
            }
        }
        assertThat(programs).as("programs the tests start").contains("/usr/bin/prometheus", "/usr/bin/chromium");

        List<String> installed =
                Machine.freshDebian(dir).run("--test", "--dry-run").installedByPlan();
        for (String program : programs) {
            Result owner = Result.of(new ProcessBuilder("dpkg-query", "-S", program), dir);
            assertThat(owner.exit())
                    .as(
                            "%s belongs to no installed package (%s): add its package to %s",
                            program, owner.output().strip(), SCRIPT)
                    .isZero();
            String pkg = owner.output().lines().findFirst().orElseThrow().split(":")[0];
            Result essential = Result.of(new ProcessBuilder("dpkg-query", "-W", "-f=${Essential}", pkg), dir);
            if (essential.output().strip().equals("yes")) {
                continue; // on every Debian (coreutils' env, say): nothing to install
            }
            assertThat(installed)
                    .as("package %s (of %s) installed by install-deps.sh --test", pkg, program)
                    .contains(pkg);
        }
    }

    // ---- the simulated machine -----------------------------------------------------------------

    /** A PATH folder standing for a machine: only Debian's Essential tools the script relies on, plus stubs. */
    record Machine(Path root, Path bin) {

        static Machine freshDebian(Path root) {
            Path bin = root.resolve("bin");
            try {
                Files.createDirectories(bin);
                Files.createFile(root.resolve("installed"));
                Files.createFile(root.resolve("apt.log"));
                Files.writeString(
                        root.resolve("os-release"), "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\n");
                // coreutils' env: Essential on every Debian, so present on a fresh one
                Files.createSymbolicLink(bin.resolve("env"), Path.of("/usr/bin/env"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Machine machine = new Machine(root, bin);
            machine.script("dpkg-query", """
                    pkg="${@: -1}"
                    while read -r p; do [[ "$p" == "$pkg" ]] && { printf 'install ok installed'; exit 0; }; done < "%s"
                    echo "dpkg-query: no packages found matching $pkg" >&2
                    exit 1
                    """.formatted(root.resolve("installed")));
            machine.script("id", "echo 0");
            machine.script(
                    "apt-get", """
                    echo "apt-get $*" >> "%1$s"
                    [[ "$1" == update ]] && exit 0
                    for p in "$@"; do
                      [[ "$p" == -* || "$p" == install ]] && continue
                      echo "$p" >> "%2$s"
                      [[ "$p" == curl ]] && printf '#!/bin/bash\\n' > "%3$s/curl" && /bin/chmod +x "%3$s/curl"
                      [[ "$p" == openjdk-17-jdk-headless ]] && /bin/cp "%4$s"/* "%3$s/"
                    done
                    exit 0
                    """.formatted(root.resolve("apt.log"), root.resolve("installed"), bin, jdk17(root)));
            return machine;
        }

        /** What apt would put on the PATH for openjdk-17-jdk-headless. */
        private static Path jdk17(Path root) {
            Path jdk = root.resolve("apt-jdk17");
            writeJava(jdk, JAVA_17, true);
            return jdk;
        }

        static void writeJava(Path binDir, String versionLine, boolean withJavac) {
            try {
                Files.createDirectories(binDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            writeScript(binDir.resolve("java"), "echo '" + versionLine + "' >&2");
            if (withJavac) {
                writeScript(binDir.resolve("javac"), "echo javac");
            }
        }

        Machine withJava(String versionLine, boolean withJavac) {
            writeJava(bin, versionLine, withJavac);
            return this;
        }

        Machine withCommand(String name) {
            return withScript(name, "exit 0");
        }

        Machine withScript(String name, String body) {
            script(name, body);
            return this;
        }

        Machine withPackages(String... packages) {
            try {
                Files.write(
                        root.resolve("installed"),
                        Arrays.asList(packages),
                        StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Machine asUser(int uid) {
            script("id", "echo " + uid);
            return this;
        }

        Machine withSudo() {
            script("sudo", "echo \"sudo $*\" >> \"" + sudoLog() + "\"\nexec \"$@\"");
            return this;
        }

        Machine bootedWithSystemd() throws IOException {
            Files.createDirectories(root.resolve("run-systemd-system"));
            return withScript("systemctl", "echo \"$*\" >> \"" + root.resolve("systemctl.log") + "\"");
        }

        Machine withoutApt() {
            try {
                Files.delete(bin.resolve("apt-get"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Machine withOsRelease(String content) throws IOException {
            Files.writeString(root.resolve("os-release"), content);
            return this;
        }

        Path sudoLog() {
            return root.resolve("sudo.log");
        }

        List<String> aptLog() {
            return read(root.resolve("apt.log")).lines().toList();
        }

        List<String> installed() {
            return read(root.resolve("installed")).lines().toList();
        }

        Result run(String... args) {
            return run(Map.of(), args);
        }

        Result run(Map<String, String> env, String... args) {
            List<String> command = new ArrayList<>(List.of("/bin/bash", SCRIPT.toString()));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().clear();
            builder.environment().put("PATH", bin.toString());
            builder.environment()
                    .put("INFRADASH_OS_RELEASE", root.resolve("os-release").toString());
            builder.environment()
                    .put(
                            "INFRADASH_SYSTEMD_DIR",
                            root.resolve("run-systemd-system").toString());
            builder.environment().putAll(env);
            return Result.of(builder, root);
        }

        private void script(String name, String body) {
            writeScript(bin.resolve(name), body);
        }

        private static void writeScript(Path file, String body) {
            try {
                Files.writeString(file, "#!/bin/bash\n" + body + "\n");
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    record Result(int exit, String output) {

        private static final String WOULD_RUN = "[install-deps] would run: ";

        static Result of(ProcessBuilder builder, Path dir) {
            try {
                Path log = Files.createTempFile(dir, "run-", ".log");
                Process process = builder.redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                    fail("%s did not finish within 60 s: %s", builder.command(), read(log));
                }
                return new Result(process.exitValue(), read(log));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        /** The commands a dry run printed, in order. */
        List<String> plannedCommands() {
            return output.lines()
                    .filter(l -> l.startsWith(WOULD_RUN))
                    .map(l -> l.substring(WOULD_RUN.length()))
                    .toList();
        }

        /** The packages of the dry run's apt-get install, in order. */
        List<String> installedByPlan() {
            List<String> installs = plannedCommands().stream()
                    .filter(c -> c.contains("apt-get install"))
                    .toList();
            assertThat(installs)
                    .as("apt-get install commands planned; output:%n%s", output)
                    .hasSize(1);
            String install = installs.get(0);
            return Arrays.stream(install.substring(install.indexOf("apt-get install") + "apt-get install".length())
                            .trim()
                            .split(" +"))
                    .filter(a -> !a.startsWith("-"))
                    .toList();
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
