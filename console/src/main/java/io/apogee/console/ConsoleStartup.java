package io.apogee.console;

import io.apogee.common.config.ConfigBinder;
import io.apogee.common.config.ConfigException;
import io.apogee.console.config.ConsoleConfig;
import java.io.PrintStream;
import java.io.PrintWriter;
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
 * {@code bin/mqconsole -n ns1:9876;ns2:9876}: the console for a whole cluster. Prints its URL and where the initial
 * admin password is, then {@value #READY}; SIGTERM stops it.
 */
public final class ConsoleStartup {

    /** Printed once the console serves. */
    public static final String READY = "ready";

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleStartup.class);

    private ConsoleStartup() {
    }

    public static void main(String[] args) throws InterruptedException {
        ConsoleServer console;
        try {
            console = start(args, System.out);
        } catch (ParseException | ConfigException | IllegalStateException e) {
            System.err.println("mqconsole: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        } catch (Exception e) {
            LOG.error("console not started", e);
            System.err.println("mqconsole: cannot start: " + e);
            System.exit(1);
            return;
        }
        if (console == null) {
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            console.shutdown();
            stopped.countDown();
        }, "ApogeeConsoleShutdown"));
        System.out.println(READY);
        System.out.flush();
        stopped.await();
    }

    /** Parses {@code args} and starts the console; {@code null} when {@code -h} only printed the help. */
    static ConsoleServer start(String[] args, PrintStream out) throws Exception {
        Options options = new Options()
                .addOption(Option.builder("n").longOpt("namesrvAddr").hasArg().argName("addr")
                        .desc("NameServer addresses, ';'-separated (default NAMESRV_ADDR)").build())
                .addOption(Option.builder("p").longOpt("consolePort").hasArg().argName("port")
                        .desc("HTTP port (default 8080)").build())
                .addOption(Option.builder("b").longOpt("bind").hasArg().argName("address")
                        .desc("address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)").build())
                .addOption(Option.builder("d").longOpt("dataDir").hasArg().argName("dir")
                        .desc("users, audit log and history (default ~/apogee-data/console)").build())
                .addOption(Option.builder("c").longOpt("configFile").hasArg().argName("file")
                        .desc("properties file of console keys (consolePort, consoleListenAddress, ...)").build())
                .addOption(Option.builder("h").longOpt("help").desc("print this help").build());
        CommandLine line = new DefaultParser().parse(options, args);
        if (line.hasOption('h')) {
            new HelpFormatter().printHelp(new PrintWriter(out, true), HelpFormatter.DEFAULT_WIDTH, "mqconsole", null,
                    options, HelpFormatter.DEFAULT_LEFT_PAD, HelpFormatter.DEFAULT_DESC_PAD, null, true);
            return null;
        }
        Properties keys = line.hasOption('c') ? ConfigBinder.load(Path.of(line.getOptionValue('c')))
                : new Properties();
        set(keys, line, 'n', "namesrvAddr");
        set(keys, line, 'p', "consolePort");
        set(keys, line, 'b', "consoleListenAddress");
        set(keys, line, 'd', "consoleDataDir");
        ConsoleConfig config = ConfigBinder.conclude(ConsoleConfig::new, keys);
        if (config.namesrvAddr().isBlank()) {
            throw new IllegalStateException("no NameServer given: pass -n host:9876 (';' between several) "
                    + "or set NAMESRV_ADDR");
        }
        ConsoleServer console = new ConsoleServer(config);
        console.start();
        printWelcome(console, out);
        return console;
    }

    /** The URL, and where the initial admin password is while it exists. */
    public static void printWelcome(ConsoleServer console, PrintStream out) {
        out.println("Console at " + console.url());
        Path password = console.initialPasswordFile();
        if (Files.exists(password)) {
            out.println("Console login: user admin, initial password in " + password
                    + " (change it under User centre; the file is deleted then)");
        }
    }

    private static void set(Properties keys, CommandLine line, char option, String key) {
        if (line.hasOption(option)) {
            keys.setProperty(key, line.getOptionValue(option));
        }
    }
}
