package io.apogee.interop.broker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A broker in its own JVM (so its memory can be measured apart from the load generator): ours or Apache's 4.9.7,
 * started from a {@code broker.conf} with RocketMQ's key names and the same JVM options.
 */
final class ChildBroker implements AutoCloseable {

    /** JVM options both brokers get. */
    static final List<String> JVM_OPTIONS = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC",
            "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED");

    private final Process process;

    private ChildBroker(Process process) {
        this.process = process;
    }

    /**
     * Starts a broker JVM.
     *
     * @param mainClass {@code io.apogee.broker.BrokerStartup} or Apache's {@code org.apache.rocketmq.broker.BrokerStartup}
     * @param home      a directory for the config, logs and store
     * @param config    broker.conf keys
     */
    static ChildBroker start(String mainClass, Path home, Map<String, String> config) throws IOException {
        Path conf = Files.createDirectories(home.resolve("conf"));
        for (String name : new String[] {"logback_broker.xml", "logback_namesrv.xml", "logback_tools.xml"}) {
            Files.writeString(conf.resolve(name), "<configuration/>");
        }
        StringBuilder text = new StringBuilder();
        config.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Path file = conf.resolve("broker.conf");
        Files.writeString(file, text);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.add("-Duser.home=" + home);
        command.add("-Drocketmq.home.dir=" + home);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.add("-c");
        command.add(file.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(home.resolve("stdout.log").toFile());
        builder.environment().put("ROCKETMQ_HOME", home.toString());
        return new ChildBroker(builder.start());
    }

    /** Resident set size of the broker JVM in MiB, from {@code /proc}. */
    long rssMib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, then waits up to 30 s (SIGKILL after that). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
