package io.apogee.interop.distribution;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The binary tarball as an operator gets it: {@code distribution/target/apogee-<version>-bin.tar.gz} (built by the
 * {@code distribution} module, which the interop module depends on so that it is built first), unpacked with
 * {@code tar} into a temp dir, its {@code bin/} scripts run as real processes. Every script gets {@code JAVA_HOME}
 * of the test JVM and a small heap ({@code APOGEE_HEAP}); callers may change the environment of each run.
 */
public final class Distribution {

    /** The tarball's directory, relative to the interop module (Surefire's working directory). */
    static final Path TARGET = Path.of("..", "distribution", "target");

    private final Path home;

    private Distribution(Path home) {
        this.home = home;
    }

    /** Unpacks the tarball into {@code dir} and returns the installation ({@code dir/apogee-<version>}). */
    public static Distribution unpack(Path dir) throws IOException, InterruptedException {
        Path tarball = tarball();
        Process tar = new ProcessBuilder("tar", "-xzf", tarball.toAbsolutePath().toString(), "-C", dir.toString())
                .redirectErrorStream(true).start();
        String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (tar.waitFor() != 0) {
            throw new IOException("tar -xzf " + tarball + " failed: " + output);
        }
        String name = tarball.getFileName().toString();
        return new Distribution(dir.resolve(name.substring(0, name.length() - "-bin.tar.gz".length())));
    }

    private static Path tarball() throws IOException {
        List<Path> found = new ArrayList<>();
        if (Files.isDirectory(TARGET)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(TARGET, "apogee-*-bin.tar.gz")) {
                files.forEach(found::add);
            }
        }
        if (found.size() != 1) {
            throw new IllegalStateException("expected one apogee-*-bin.tar.gz in " + TARGET.toAbsolutePath()
                    + ", found " + found + "; build it with the distribution module (mvn -pl interop -am ...)");
        }
        return found.get(0);
    }

    Path home() {
        return home;
    }

    Path bin(String script) {
        return home.resolve("bin").resolve(script);
    }

    /** The environment every script run starts from. */
    Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("APOGEE_HEAP", "256m");
        return env;
    }

    /** Runs a script to completion (at most 60 s) and returns its exit code and combined output. */
    Result run(Map<String, String> env, String script, String... args) throws IOException, InterruptedException {
        return run(env, List.of(bin(script).toString()), args);
    }

    /** Runs {@code command} (e.g. {@code /bin/bash bin/x}) to completion with {@code env} merged in. */
    Result run(Map<String, String> env, List<String> command, String... args)
            throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(command);
        all.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(all).directory(home.toFile()).redirectErrorStream(true);
        apply(builder, env);
        Process process = builder.start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException(all + " did not finish within 60 s: " + output);
            }
            return new Result(process.exitValue(), output.strip());
        } finally {
            process.destroyForcibly();
        }
    }

    /** Starts a long-running script; its output goes to {@code <name>.out} beside the installation. */
    Server start(String name, Map<String, String> env, String script, String... args) throws IOException {
        List<String> all = new ArrayList<>();
        all.add(bin(script).toString());
        all.addAll(List.of(args));
        Path out = home.resolveSibling(name + ".out");
        Files.deleteIfExists(out);
        ProcessBuilder builder = new ProcessBuilder(all).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        apply(builder, env);
        return new Server(name, builder.start(), out);
    }

    private static void apply(ProcessBuilder builder, Map<String, String> env) {
        env.forEach((key, value) -> {
            if (value == null) {
                builder.environment().remove(key);
            } else {
                builder.environment().put(key, value);
            }
        });
    }

    /** Exit code and output of a finished script. */
    record Result(int exitCode, String output) {
    }

    /** A server started from a script: the script execs the JVM, so this process is the JVM. */
    static final class Server implements AutoCloseable {

        private final String name;
        private final Process process;
        private final Path out;

        private Server(String name, Process process, Path out) {
            this.name = name;
            this.process = process;
            this.out = out;
        }

        /** Waits until a line of its output contains {@code text}; fails early if the process exits. */
        void awaitOutput(String text, Duration timeout) {
            await(name + " printing '" + text + "'").atMost(timeout).pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        if (!process.isAlive() && !output().contains(text)) {
                            throw new IllegalStateException(name + " exited with " + process.exitValue() + ": "
                                    + output());
                        }
                        return output().contains(text);
                    });
        }

        String output() {
            try {
                return Files.exists(out) ? Files.readString(out) : "";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        long pid() {
            return process.pid();
        }

        /** Waits for the process to exit on its own (after {@code mqshutdown}) and returns its exit code. */
        int awaitExit(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name + " still running after " + timeout);
            }
            return process.exitValue();
        }

        boolean isAlive() {
            return process.isAlive();
        }

        /** SIGTERM, then SIGKILL after 30 s: for finally blocks. */
        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }
}
