package io.apogee.namesrv;

import io.apogee.common.config.ConfigBinder;
import io.apogee.common.config.ConfigException;
import io.apogee.namesrv.config.NamesrvConfig;
import io.apogee.namesrv.config.NamesrvConfigs;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Paths;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a NameServer from the command line: {@code -c file} reads RocketMQ-style {@code key=value} settings (of
 * {@link NamesrvConfig} and the remoting server, {@code listenPort} 9876 by default; a RocketMQ 4.9 key we do not
 * apply is warned about and ignored, an unknown key refused), {@code -p} prints the effective settings and exits.
 * SIGTERM (or any JVM exit) shuts it down gracefully.
 */
public final class NamesrvStartup {

    /** RocketMQ's default NameServer port. */
    public static final int DEFAULT_LISTEN_PORT = NamesrvConfigs.DEFAULT_LISTEN_PORT;

    private static final Logger LOG = LoggerFactory.getLogger(NamesrvStartup.class);

    private NamesrvStartup() {
    }

    public static void main(String[] args) throws InterruptedException {
        try {
            CountDownLatch stopped = new CountDownLatch(1);
            NamesrvController controller = start(args, System.out, started -> Runtime.getRuntime()
                    .addShutdownHook(new Thread(() -> {
                        started.shutdown();
                        stopped.countDown();
                    }, "ApogeeNamesrvShutdown")));
            if (controller != null) {
                // Every server thread is a daemon: the main thread holds the JVM up until SIGTERM.
                stopped.await();
            }
        } catch (ParseException | ConfigException | IOException | IllegalStateException e) {
            System.err.println("NameServer not started: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Parses {@code args}, binds the settings and starts a NameServer.
     *
     * @return the started NameServer, or {@code null} when {@code -p} or {@code -h} only printed something
     */
    static NamesrvController start(String[] args, PrintStream out) throws ParseException, IOException {
        return start(args, out, started -> { });
    }

    /**
     * As {@link #start(String[], PrintStream)}, running {@code onStarted} (e.g. installing the shutdown hook) before
     * "boot success" is printed, so whoever waits for that line can rely on a graceful SIGTERM.
     */
    static NamesrvController start(String[] args, PrintStream out, Consumer<NamesrvController> onStarted)
            throws ParseException, IOException {
        Options options = options();
        CommandLine line = new DefaultParser().parse(options, args);
        if (line.hasOption('h')) {
            new HelpFormatter().printHelp("mqnamesrv", options, true);
            return null;
        }
        Properties properties = line.hasOption('c') ? ConfigBinder.load(Paths.get(line.getOptionValue('c')))
                : new Properties();
        NamesrvConfigs configs = NamesrvConfigs.bind(properties);
        for (String warning : configs.unbound().warnings()) {
            LOG.warn(warning);
            System.err.println("mqnamesrv: warning: " + warning);
        }
        if (line.hasOption('p')) {
            out.print(configs.render());
            return null;
        }
        NamesrvController controller = new NamesrvController(configs);
        try {
            controller.start();
        } catch (IOException | RuntimeException e) {
            controller.shutdown();
            throw e;
        }
        onStarted.accept(controller);
        out.println("The Name Server boot success. listenPort=" + controller.listenPort());
        return controller;
    }

    private static Options options() {
        return new Options()
                .addOption(Option.builder("c").longOpt("configFile").hasArg().argName("file")
                        .desc("NameServer config properties file").build())
                .addOption(Option.builder("p").longOpt("printConfigItem")
                        .desc("print the effective config and exit").build())
                .addOption(Option.builder("h").longOpt("help").desc("print this help and exit").build());
    }
}
