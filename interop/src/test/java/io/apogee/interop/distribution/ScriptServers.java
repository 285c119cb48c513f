package io.apogee.interop.distribution;

import static org.awaitility.Awaitility.await;

import io.apogee.testsupport.FreePorts;
import io.apogee.testsupport.RunningServer;
import io.apogee.testsupport.ServerLauncher;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * Our NameServer and broker started as an operator starts them: {@code bin/mqnamesrv -c file} and
 * {@code bin/mqbroker -c file} of an unpacked tarball, with the launcher's own JVM settings (heap, collector) — no
 * {@code APOGEE_HEAP}, and {@code JAVA_OPT} only when the caller gives one. Each server logs under its directory
 * ({@code APOGEE_LOG_DIR}); it counts as started once its port accepts connections.
 */
public final class ScriptServers implements ServerLauncher {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Distribution dist;
    private final String javaOpt;

    private ScriptServers(Distribution dist, String javaOpt) {
        this.dist = dist;
        this.javaOpt = javaOpt;
    }

    /**
     * Unpacks the tarball into {@code dir}.
     *
     * @param javaOpt {@code JAVA_OPT} of every server (appended after the launcher's options), or empty for none
     */
    public static ScriptServers unpack(Path dir, String javaOpt) throws IOException, InterruptedException {
        return new ScriptServers(Distribution.unpack(dir), javaOpt);
    }

    @Override
    public RunningServer startNamesrv(int port, Path dir) throws IOException {
        Properties conf = new Properties();
        conf.setProperty("listenPort", String.valueOf(port));
        conf.setProperty("kvConfigPath", dir.resolve("kvConfig.json").toString());
        return start("mqnamesrv", conf, port, dir);
    }

    @Override
    public RunningServer startBroker(Properties brokerConf, Path dir) throws IOException {
        return start("mqbroker", brokerConf, Integer.parseInt(brokerConf.getProperty("listenPort")), dir);
    }

    private RunningServer start(String script, Properties conf, int port, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path confFile = dir.resolve(script + ".conf");
        try (Writer out = Files.newBufferedWriter(confFile)) {
            conf.store(out, null);
        }
        Map<String, String> env = dist.environment();
        env.remove("APOGEE_HEAP");
        env.put("APOGEE_LOG_DIR", dir.resolve("logs").toString());
        env.put("JAVA_OPT", javaOpt.isBlank() ? null : javaOpt);
        Distribution.Server server = dist.start(script + "-" + port, env, script, "-c", confFile.toString());
        try {
            await(script + " accepting on port " + port).atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(20))
                    .until(() -> {
                        if (!server.isAlive()) {
                            throw new IllegalStateException(script + " exited: " + server.output());
                        }
                        return FreePorts.accepting(port);
                    });
        } catch (RuntimeException e) {
            close(server);
            throw e;
        }
        return new RunningServer() {
            @Override
            public long pid() {
                return server.pid();
            }

            @Override
            public void close() {
                ScriptServers.close(server);
            }
        };
    }

    private static void close(Distribution.Server server) {
        try {
            server.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
