package io.apogee.tools.chaos;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One server of the cluster under test, run as {@code bin/<script> -c <conf>} of an Apogee installation. The script
 * execs the JVM, so the child's pid is the server's: signals reach it directly. Its output is appended to
 * {@code <name>.out} in the work directory across restarts.
 */
final class ChildServer implements AutoCloseable {

    private final String name;
    private final Path home;
    private final String script;
    private final Path conf;
    private final Map<String, String> env;
    private final Path out;
    private final int port;
    private Process process;
    private boolean paused;

    ChildServer(String name, Path home, String script, Path conf, Map<String, String> env, Path workDir, int port) {
        this.name = name;
        this.home = home;
        this.script = script;
        this.conf = conf;
        this.env = env;
        this.out = workDir.resolve(name + ".out");
        this.port = port;
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    /** Starts the server and waits until its port accepts connections. */
    synchronized void start(Duration timeout) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin").resolve(script).toString(), "-c",
                conf.toString()).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()));
        builder.environment().putAll(env);
        process = builder.start();
        paused = false;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!accepting()) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with " + process.exitValue() + " while starting; see " + out);
            }
            if (System.nanoTime() > deadline) {
                close();
                throw new IOException(name + " not accepting on port " + port + " after " + timeout + "; see " + out);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    /** {@code kill -9}: the server dies without flushing or closing anything. */
    synchronized void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        paused = false;
    }

    /** {@code SIGSTOP}: the server freezes with its connections open. */
    synchronized void pause() throws IOException, InterruptedException {
        signal("STOP");
        paused = true;
    }

    /** {@code SIGCONT} after {@link #pause()}. */
    synchronized void resume() throws IOException, InterruptedException {
        signal("CONT");
        paused = false;
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid()))
                .redirectErrorStream(true).start();
        String output = new String(kill.getInputStream().readAllBytes());
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + signal + " " + process.pid() + " (" + name + ") failed: " + output);
        }
    }

    private boolean accepting() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Resumes a paused server, then SIGTERM, then SIGKILL after 30 s. */
    @Override
    public synchronized void close() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        if (paused) {
            try {
                resume();
            } catch (IOException e) {
                process.destroyForcibly();
            }
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
