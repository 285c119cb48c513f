package io.apogee.testsupport;

import static org.awaitility.Awaitility.await;

import io.apogee.broker.BrokerStartup;
import io.apogee.namesrv.NamesrvStartup;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * NameServers and brokers in child JVMs, each started by a RocketMQ-style start-up class ({@code -c file} with
 * {@code key=value} settings) on this JVM's class path: ours ({@link #apogee}) or any other by class name, so that a
 * test can measure a server apart from its load generator without this module depending on that server's jars.
 * Each child gets {@code ROCKETMQ_HOME}, {@code rocketmq.home.dir} and {@code user.home} at its directory, with
 * empty {@code conf/logback_*.xml} files there (RocketMQ's start-up classes need them), and writes its output to
 * {@code stdout.log} there. A child counts as started once its port accepts connections.
 */
public final class ChildProcessServers implements ServerLauncher {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(5);
    private static final long STOP_TIMEOUT_SECONDS = 30;
    private static final List<String> LOGBACK_FILES = List.of("logback_namesrv.xml", "logback_broker.xml",
            "logback_tools.xml");

    private final String namesrvMainClass;
    private final String brokerMainClass;
    private final List<String> jvmOptions;

    /**
     * @param namesrvMainClass the NameServer's start-up class, ours or RocketMQ's {@code NamesrvStartup}
     * @param brokerMainClass  the broker's start-up class, ours or RocketMQ's {@code BrokerStartup}
     * @param jvmOptions       options of every child JVM (heap, GC, {@code --add-opens})
     */
    public ChildProcessServers(String namesrvMainClass, String brokerMainClass, List<String> jvmOptions) {
        this.namesrvMainClass = namesrvMainClass;
        this.brokerMainClass = brokerMainClass;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /** Our NameServer and broker start-ups in child JVMs with {@code jvmOptions}. */
    public static ChildProcessServers apogee(List<String> jvmOptions) {
        return new ChildProcessServers(NamesrvStartup.class.getName(), BrokerStartup.class.getName(), jvmOptions);
    }

    @Override
    public RunningServer startNamesrv(int port, Path dir) throws IOException {
        Properties conf = new Properties();
        conf.setProperty("listenPort", String.valueOf(port));
        conf.setProperty("kvConfigPath", dir.resolve("kvConfig.json").toString());
        conf.setProperty("configStorePath", dir.resolve("namesrv.properties").toString());
        return start(namesrvMainClass, conf, port, dir, "namesrv.conf");
    }

    @Override
    public RunningServer startBroker(Properties brokerConf, Path dir) throws IOException {
        return start(brokerMainClass, brokerConf, Integer.parseInt(brokerConf.getProperty("listenPort")), dir,
                "broker.conf");
    }

    private RunningServer start(String mainClass, Properties conf, int port, Path dir, String confName)
            throws IOException {
        Path confDir = Files.createDirectories(dir.resolve("conf"));
        for (String name : LOGBACK_FILES) {
            Files.writeString(confDir.resolve(name), "<configuration/>");
        }
        Path confFile = confDir.resolve(confName);
        try (Writer out = Files.newBufferedWriter(confFile)) {
            conf.store(out, null);
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Duser.home=" + dir);
        command.add("-Drocketmq.home.dir=" + dir);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.add("-c");
        command.add(confFile.toString());
        Path log = dir.resolve("stdout.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("ROCKETMQ_HOME", dir.toString());
        Child child = new Child(builder.start(), mainClass);
        try {
            await(mainClass + " accepting on port " + port).atMost(START_TIMEOUT).pollDelay(Duration.ZERO)
                    .pollInterval(POLL).until(() -> FreePorts.accepting(port) || !child.process.isAlive());
            if (!child.process.isAlive()) {
                throw new IllegalStateException(mainClass + " exited with " + child.process.exitValue() + ": "
                        + Files.readString(log));
            }
        } catch (RuntimeException e) {
            child.close();
            throw e;
        }
        return child;
    }

    /**
     * A child JVM: SIGTERM on close; one that has not exited 30 s later is killed and the close fails, since a
     * server that ignores SIGTERM is a bug.
     */
    private record Child(Process process, String mainClass) implements RunningServer {
        @Override
        public long pid() {
            return process.pid();
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    throw new IllegalStateException(mainClass + " (pid " + process.pid() + ") ignored SIGTERM for "
                            + STOP_TIMEOUT_SECONDS + " s and was killed");
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
