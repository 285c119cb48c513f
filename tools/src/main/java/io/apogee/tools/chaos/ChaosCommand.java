package io.apogee.tools.chaos;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * {@code mqbench chaos}: starts a NameServer and a broker from an Apogee installation ({@code --home}, else
 * {@code APOGEE_HOME}), loads them while injecting faults, and prints the {@link ChaosReport}. Exit code 2 when a
 * {@code SYNC_FLUSH} run lost an acknowledged message, 1 on bad options or a failed run, else 0.
 */
public final class ChaosCommand {

    /** The usage line. */
    public static final String USAGE = "mqbench chaos [--home dir] [--faults N] [--seconds S] [--interval S]"
            + " [--flushDiskType SYNC_FLUSH|ASYNC_FLUSH]";

    private final PrintStream out;

    public ChaosCommand(PrintStream out) {
        this.out = out;
    }

    /** Runs with the options after {@code chaos}; returns the exit code. */
    public int run(String[] args, PrintStream err) {
        Options options = options();
        try {
            CommandLine line = new DefaultParser().parse(options, args);
            if (line.hasOption("help")) {
                new HelpFormatter().printHelp(USAGE, options);
                return 0;
            }
            ChaosSettings settings = settings(line);
            ChaosReport report = new FaultRunner(settings, out).run();
            report.print(out);
            return report.lost() > 0 && settings.flushDiskType().equals("SYNC_FLUSH") ? 2 : 0;
        } catch (ParseException | IllegalArgumentException e) {
            err.println("mqbench chaos: " + e.getMessage());
            new HelpFormatter().printHelp(USAGE, options);
            return 1;
        } catch (Exception e) {
            err.println("mqbench chaos: " + e);
            return 1;
        }
    }

    private static ChaosSettings settings(CommandLine line) throws java.io.IOException {
        String home = line.getOptionValue("home", System.getenv("APOGEE_HOME"));
        if (home == null || home.isBlank()) {
            throw new IllegalArgumentException("no Apogee installation: give --home dir or set APOGEE_HOME");
        }
        Path workDir = line.hasOption("workDir") ? Files.createDirectories(Path.of(line.getOptionValue("workDir")))
                : Files.createTempDirectory("apogee-chaos-");
        List<Fault> kinds = Arrays.stream(line.getOptionValue("kinds", "kill,pause,namesrv").split(","))
                .map(Fault::parse).toList();
        return new ChaosSettings(Path.of(home).toAbsolutePath(), workDir,
                line.getOptionValue("flushDiskType", "SYNC_FLUSH"), integer(line, "faults", 10), kinds,
                seconds(line, "seconds", 300), seconds(line, "interval", 25), seconds(line, "hold", 5),
                seconds(line, "drain", 120), integer(line, "threads", 4), !line.hasOption("noOrdered"));
    }

    private static int integer(CommandLine line, String name, int fallback) {
        return Integer.parseInt(line.getOptionValue(name, String.valueOf(fallback)));
    }

    private static Duration seconds(CommandLine line, String name, int fallback) {
        return Duration.ofSeconds(integer(line, name, fallback));
    }

    private static Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("home").hasArg().desc("Apogee installation (default $APOGEE_HOME)").build());
        o.addOption(Option.builder().longOpt("workDir").hasArg()
                .desc("conf files, stores and logs of the servers (default a new temp dir)").build());
        o.addOption(Option.builder().longOpt("flushDiskType").hasArg()
                .desc("SYNC_FLUSH or ASYNC_FLUSH (default SYNC_FLUSH)").build());
        o.addOption(Option.builder().longOpt("faults").hasArg().desc("faults to inject at most (default 10)").build());
        o.addOption(Option.builder().longOpt("kinds").hasArg()
                .desc("faults injected in turn: kill,pause,namesrv (default all three)").build());
        o.addOption(Option.builder().longOpt("seconds").hasArg().desc("seconds of load (default 300)").build());
        o.addOption(Option.builder().longOpt("interval").hasArg()
                .desc("seconds from one fault to the next (default 25)").build());
        o.addOption(Option.builder().longOpt("hold").hasArg()
                .desc("seconds a fault lasts before restart or SIGCONT (default 5)").build());
        o.addOption(Option.builder().longOpt("drain").hasArg()
                .desc("seconds to wait for the consumers after sending stops (default 120)").build());
        o.addOption(Option.builder().longOpt("threads").hasArg().desc("producer threads (default 4)").build());
        o.addOption(Option.builder().longOpt("noOrdered").desc("no ordered topic").build());
        o.addOption(Option.builder().longOpt("help").desc("print this help").build());
        return o;
    }
}
