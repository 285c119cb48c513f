package io.apogee.distribution;

import io.apogee.broker.BrokerController;
import io.apogee.broker.config.BrokerConfigs;
import io.apogee.common.config.ConfigBinder;
import io.apogee.common.config.ConfigException;
import io.apogee.console.ConsoleServer;
import io.apogee.console.ConsoleStartup;
import io.apogee.console.config.ConsoleConfig;
import io.apogee.namesrv.NamesrvController;
import io.apogee.namesrv.config.NamesrvConfigs;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bin/mqstandalone}: a NameServer and one broker in a single JVM with embedded defaults, for development and
 * the README's first command. The NameServer listens on 9876 and the broker on 10911 (VIP port 10909), the broker
 * advertises {@code 127.0.0.1} and keeps its data under {@code ~/apogee-data} ({@code -d} or {@code APOGEE_DATA}
 * override it); {@code -c} reads broker.conf keys over these defaults. Both serve Prometheus metrics on loopback, the
 * broker on 5557 and the NameServer on 5558 (any free port when that one is taken), and the web console on
 * {@code 127.0.0.1:8080} ({@code --consolePort}, {@code --consoleAddress}; any free port when 8080 is taken and no port
 * was asked for; {@code --consolePort -1} serves none), its users under {@code <data>/console}. It prints where each
 * listens and where the console's initial admin password is, then {@value #READY}. SIGTERM (Ctrl-C) stops the
 * console, the broker, then the NameServer.
 *
 * <p>This launcher is the only code in the distribution module; everything else there is packaging.
 */
public final class Standalone {

    /** The line printed once both servers serve. */
    public static final String READY = "ready";
    /** Environment variable naming the data directory. */
    public static final String DATA_ENV = "APOGEE_DATA";
    /** Default NameServer port (RocketMQ's). */
    public static final int DEFAULT_NAMESRV_PORT = 9876;
    /** Default broker port (RocketMQ's). */
    public static final int DEFAULT_BROKER_PORT = BrokerConfigs.DEFAULT_LISTEN_PORT;
    /** Commit-log file size of a development broker (128 MiB instead of 1 GiB). */
    static final int DEV_COMMIT_LOG_FILE_SIZE = 128 * 1024 * 1024;
    /** Metrics ports tried first: RocketMQ 5's broker default, and the NameServer's beside it. */
    static final int BROKER_METRICS_PORT = 5557;
    static final int NAMESRV_METRICS_PORT = 5558;
    /** The console's default port (rocketmq-dashboard's). */
    static final int CONSOLE_PORT = 8080;

    private static final Logger LOG = LoggerFactory.getLogger(Standalone.class);

    private final NamesrvController namesrv;
    private final BrokerController broker;
    private final ConsoleServer console;

    private Standalone(NamesrvController namesrv, BrokerController broker, ConsoleServer console) {
        this.namesrv = namesrv;
        this.broker = broker;
        this.console = console;
    }

    public static void main(String[] args) throws InterruptedException {
        Standalone standalone;
        try {
            standalone = start(args, System.out, System.err);
        } catch (Exception e) {
            LOG.error("standalone not started", e);
            System.err.println("mqstandalone: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        if (standalone == null) {
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            standalone.shutdown();
            stopped.countDown();
        }, "ApogeeStandaloneShutdown"));
        // Only now: whoever waits for "ready" and then sends SIGTERM gets a graceful stop.
        System.out.println(READY);
        System.out.flush();
        // Every server thread is a daemon: the main thread holds the JVM up until SIGTERM.
        stopped.await();
    }

    /**
     * Parses {@code args}, starts the NameServer, then the broker, and prints where they listen ({@link #main} prints
     * {@value #READY} once its shutdown hook is in place).
     *
     * @return the running pair, or {@code null} when {@code -h} only printed the help
     */
    static Standalone start(String[] args, PrintStream out, PrintStream err) throws Exception {
        Options options = options();
        CommandLine line = parse(options, args);
        if (line.hasOption('h')) {
            new HelpFormatter().printHelp(new PrintWriter(out, true), HelpFormatter.DEFAULT_WIDTH,
                    "mqstandalone", null, options, HelpFormatter.DEFAULT_LEFT_PAD, HelpFormatter.DEFAULT_DESC_PAD, null,
                    true);
            return null;
        }
        Path data = dataDir(line.getOptionValue('d'), System.getenv(DATA_ENV));
        int namesrvPort = port(line, "namesrvPort", DEFAULT_NAMESRV_PORT);
        BrokerConfigs brokerConfigs = BrokerConfigs.bind(brokerKeys(line, data, namesrvPort));
        for (String warning : brokerConfigs.unbound().warnings()) {
            err.println("mqstandalone: warning: " + warning);
        }
        writable(data);

        NamesrvConfigs namesrvConfigs = namesrvConfigs(data, namesrvPort);
        NamesrvController namesrv = startNamesrv(namesrvConfigs);
        BrokerController broker = null;
        try {
            broker = new BrokerController(brokerConfigs);
            broker.start();
        } catch (IOException | RuntimeException e) {
            try {
                if (broker != null) {
                    broker.shutdown();
                }
            } finally {
                namesrv.shutdown();
            }
            throw new IOException("broker port " + brokerConfigs.netty().getListenPort() + ": " + e.getMessage(), e);
        }
        out.printf("NameServer listening on %s:%d (clients use namesrvAddr=127.0.0.1:%d)%n",
                namesrvConfigs.netty().getBindAddress(), namesrv.listenPort(), namesrv.listenPort());
        out.printf("Broker %s of cluster %s listening on %s:%d (VIP %d), registered as %s%n",
                brokerConfigs.broker().getBrokerName(), brokerConfigs.broker().getBrokerClusterName(),
                brokerConfigs.netty().getBindAddress(),
                broker.listenPort(), broker.vipPort(), broker.brokerAddr());
        if (broker.metricsUrl() != null) {
            out.println("Broker metrics at " + broker.metricsUrl());
        }
        if (namesrv.metricsUrl() != null) {
            out.println("NameServer metrics at " + namesrv.metricsUrl());
        }
        out.println("Data under " + data + ", logs under " + System.getProperty("apogee.log.dir", "(console)"));
        ConsoleServer console = null;
        ConsoleConfig consoleConfig = consoleConfig(line, data, namesrv.listenPort());
        if (consoleConfig != null) {
            try {
                console = new ConsoleServer(consoleConfig);
                console.start();
            } catch (Exception e) {
                if (console != null) {
                    console.shutdown();
                }
                broker.shutdown();
                namesrv.shutdown();
                throw new IOException("console port " + consoleConfig.port() + ": " + e.getMessage(), e);
            }
            ConsoleStartup.printWelcome(console, out);
        }
        return new Standalone(namesrv, broker, console);
    }

    /**
     * The console's keys: loopback, {@code --consolePort} (else 8080, else any free port), users under
     * {@code <data>/console}; {@code null} for {@code --consolePort -1}.
     */
    static ConsoleConfig consoleConfig(CommandLine line, Path data, int namesrvPort) {
        String asked = line.getOptionValue("consolePort");
        if (asked != null && asked.trim().equals("-1")) {
            return null;
        }
        int port = asked != null ? port(line, "consolePort", CONSOLE_PORT) : freeOrAny(CONSOLE_PORT);
        Properties keys = new Properties();
        keys.setProperty("namesrvAddr", "127.0.0.1:" + namesrvPort);
        keys.setProperty("consolePort", String.valueOf(port));
        keys.setProperty("consoleListenAddress", line.getOptionValue("consoleAddress", "127.0.0.1"));
        keys.setProperty("consoleDataDir", data.resolve("console").toString());
        return ConfigBinder.conclude(ConsoleConfig::new, keys);
    }

    /** Stops the console, the broker (it unregisters and flushes), then the NameServer. */
    void shutdown() {
        if (console != null) {
            console.shutdown();
        }
        broker.shutdown();
        namesrv.shutdown();
    }

    /** The option, else the environment variable, else {@code ~/apogee-data}; made absolute. */
    static Path dataDir(String option, String env) {
        String dir = option != null ? option : env != null && !env.isBlank() ? env
                : Path.of(System.getProperty("user.home"), "apogee-data").toString();
        return Path.of(dir).toAbsolutePath().normalize();
    }

    /**
     * The broker's keys: the development defaults, then the {@code -c} file's keys, then {@code --brokerPort}
     * ({@code listenPort} 10911 when neither sets it). UPDATE_BROKER_CONFIG writes its changes back to the {@code -c}
     * file, so a restart with it keeps them.
     */
    static Properties brokerKeys(CommandLine line, Path data, int namesrvPort) {
        Properties keys = brokerDefaults(data, namesrvPort);
        if (line.hasOption('c')) {
            Path file = Path.of(line.getOptionValue('c')).toAbsolutePath();
            keys.putAll(ConfigBinder.load(file));
            keys.setProperty("brokerConfigPath", file.toString());
        }
        if (line.hasOption("brokerPort") || !keys.containsKey("listenPort")) {
            keys.setProperty("listenPort", String.valueOf(port(line, "brokerPort", DEFAULT_BROKER_PORT)));
        }
        keys.putIfAbsent("metricsPromExporterPort", String.valueOf(freeOrAny(BROKER_METRICS_PORT)));
        return keys;
    }

    /** Broker keys of the development broker, before {@code -c} overrides them. */
    static Properties brokerDefaults(Path data, int namesrvPort) {
        Properties keys = new Properties();
        keys.setProperty("brokerClusterName", "DefaultCluster");
        keys.setProperty("brokerName", "broker-a");
        keys.setProperty("brokerIP1", "127.0.0.1");
        keys.setProperty("namesrvAddr", "127.0.0.1:" + namesrvPort);
        keys.setProperty("storePathRootDir", data.resolve("store").toString());
        keys.setProperty("mappedFileSizeCommitLog", String.valueOf(DEV_COMMIT_LOG_FILE_SIZE));
        keys.setProperty("metricsExporterType", "PROM");
        keys.setProperty("metricsPromExporterHost", "127.0.0.1");
        return keys;
    }

    /** The NameServer's keys: its files under the data directory, the port. */
    static NamesrvConfigs namesrvConfigs(Path data, int port) {
        Properties keys = new Properties();
        keys.setProperty("kvConfigPath", data.resolve("namesrv").resolve("kvConfig.json").toString());
        keys.setProperty("configStorePath", data.resolve("namesrv").resolve("namesrv.properties").toString());
        keys.setProperty("listenPort", String.valueOf(port));
        keys.setProperty("metricsExporterType", "PROM");
        keys.setProperty("metricsPromExporterHost", "127.0.0.1");
        keys.setProperty("namesrvMetricsPromExporterPort", String.valueOf(freeOrAny(NAMESRV_METRICS_PORT)));
        return NamesrvConfigs.bind(keys);
    }

    /** {@code port} when nothing listens on it on loopback, else 0 (any free port, printed once bound). */
    static int freeOrAny(int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return port;
        } catch (IOException e) {
            return 0;
        }
    }

    private static NamesrvController startNamesrv(NamesrvConfigs configs) throws IOException {
        NamesrvController namesrv = new NamesrvController(configs);
        try {
            namesrv.start();
        } catch (IOException | RuntimeException e) {
            namesrv.shutdown();
            throw new IOException("NameServer port " + configs.netty().getListenPort() + ": " + e.getMessage(), e);
        }
        return namesrv;
    }

    private static void writable(Path data) throws IOException {
        try {
            Files.createDirectories(data);
        } catch (IOException e) {
            throw new IOException("cannot create data directory " + data + " (" + e.getMessage() + ")", e);
        }
        if (!Files.isWritable(data)) {
            throw new IOException("cannot write data directory " + data);
        }
    }

    private static int port(CommandLine line, String option, int defaultPort) {
        String value = line.getOptionValue(option);
        if (value == null) {
            return defaultPort;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new ConfigException(option, "not a port: '" + value + "'");
        }
    }

    static CommandLine parse(String... args) throws ParseException {
        return parse(options(), args);
    }

    private static CommandLine parse(Options options, String... args) throws ParseException {
        return new DefaultParser().parse(options, args);
    }

    private static Options options() {
        return new Options()
                .addOption(Option.builder("d").longOpt("dataDir").hasArg().argName("dir")
                        .desc("data directory (default $" + DATA_ENV + ", else ~/apogee-data)").build())
                .addOption(Option.builder("c").longOpt("configFile").hasArg().argName("file")
                        .desc("broker.conf keys applied over the embedded defaults").build())
                .addOption(Option.builder().longOpt("namesrvPort").hasArg().argName("port")
                        .desc("NameServer port (default " + DEFAULT_NAMESRV_PORT + ")").build())
                .addOption(Option.builder().longOpt("brokerPort").hasArg().argName("port")
                        .desc("broker port (default " + DEFAULT_BROKER_PORT + "; the VIP port is 2 below)").build())
                .addOption(Option.builder().longOpt("consolePort").hasArg().argName("port")
                        .desc("web console port (default " + CONSOLE_PORT + ", any free one when taken; -1: no console)")
                        .build())
                .addOption(Option.builder().longOpt("consoleAddress").hasArg().argName("address")
                        .desc("address the console listens on (default 127.0.0.1; 0.0.0.0 for every interface)")
                        .build())
                .addOption(Option.builder("h").longOpt("help").desc("print this help and exit").build());
    }
}
