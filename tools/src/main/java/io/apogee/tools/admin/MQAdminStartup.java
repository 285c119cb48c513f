package io.apogee.tools.admin;

import io.apogee.client.acl.SessionCredentials;
import io.apogee.client.impl.api.NamesrvAddressList;
import io.apogee.tools.admin.command.AclCommands;
import io.apogee.tools.admin.command.AdminSession;
import io.apogee.tools.admin.command.BrokerCommands;
import io.apogee.tools.admin.command.ClusterListCommand;
import io.apogee.tools.admin.command.ClusterRtCommand;
import io.apogee.tools.admin.command.CommandFailedException;
import io.apogee.tools.admin.command.ConsumerCommands;
import io.apogee.tools.admin.command.ConsumerStatusCommand;
import io.apogee.tools.admin.command.ExportCommands;
import io.apogee.tools.admin.command.GroupCommands;
import io.apogee.tools.admin.command.KvConfigCommands;
import io.apogee.tools.admin.command.MessageCommands;
import io.apogee.tools.admin.command.MessageIoCommands;
import io.apogee.tools.admin.command.MessageTraceCommand;
import io.apogee.tools.admin.command.NamesrvConfigCommands;
import io.apogee.tools.admin.command.OffsetCommands;
import io.apogee.tools.admin.command.QueryCqCommand;
import io.apogee.tools.admin.command.SendCheckCommands;
import io.apogee.tools.admin.command.StartMonitoringCommand;
import io.apogee.tools.admin.command.StatsCommands;
import io.apogee.tools.admin.command.SubCommand;
import io.apogee.tools.admin.command.TopicCommands;
import io.apogee.tools.admin.command.TopicOrderCommands;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * {@code mqadmin}: RocketMQ's admin sub-commands with their names and options, against any RocketMQ 4.x-compatible
 * cluster. {@code -n} (or {@code NAMESRV_ADDR}) names the NameServers. Errors print one line and exit non-zero; the
 * stack trace only with {@code --verbose}.
 */
public final class MQAdminStartup {

    private final Map<String, SubCommand> commands = new LinkedHashMap<>();

    public MQAdminStartup() {
        List<SubCommand> all = new ArrayList<>();
        all.add(new ClusterListCommand());
        all.add(new ClusterRtCommand());
        all.addAll(TopicCommands.all());
        all.addAll(TopicOrderCommands.all());
        all.addAll(GroupCommands.all());
        all.addAll(ConsumerCommands.all());
        all.add(new ConsumerStatusCommand());
        all.add(new StartMonitoringCommand());
        all.addAll(OffsetCommands.all());
        all.addAll(BrokerCommands.all());
        all.addAll(StatsCommands.all());
        all.addAll(SendCheckCommands.all());
        all.addAll(MessageCommands.all());
        all.add(new MessageTraceCommand());
        all.addAll(MessageIoCommands.all());
        all.add(new QueryCqCommand());
        all.addAll(KvConfigCommands.all());
        all.addAll(NamesrvConfigCommands.all());
        all.addAll(AclCommands.all());
        all.addAll(ExportCommands.all());
        all.forEach(c -> commands.put(c.name(), c));
    }

    /** The sub-commands, in the order {@code mqadmin} lists them. */
    public Collection<SubCommand> commands() {
        return Collections.unmodifiableCollection(commands.values());
    }

    public static void main(String[] args) {
        System.exit(new MQAdminStartup().run(args, System.out, System.err));
    }

    /** Runs one sub-command; returns the process exit code. */
    public int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") && args.length == 1) {
            printCommands(out);
            return args.length == 0 ? 1 : 0;
        }
        if (args[0].equals("help")) {
            SubCommand command = commands.get(args[1]);
            if (command == null) {
                return unknown(args[1], err);
            }
            printUsage(command, out);
            return 0;
        }
        SubCommand command = commands.get(args[0]);
        if (command == null) {
            return unknown(args[0], err);
        }
        return execute(command, Arrays.copyOfRange(args, 1, args.length), out, err);
    }

    private int execute(SubCommand command, String[] args, PrintStream out, PrintStream err) {
        Options options = withCommonOptions(command.options());
        boolean verbose = Arrays.asList(args).contains("--verbose");
        CommandLine line;
        try {
            line = new DefaultParser().parse(options, args);
        } catch (ParseException e) {
            err.println("mqadmin " + command.name() + ": " + e.getMessage() + " (see: mqadmin help " + command.name()
                    + ")");
            return 1;
        }
        if (line.hasOption('h')) {
            printUsage(command, out);
            return 0;
        }
        String namesrv = namesrvAddr(line);
        if (namesrv == null) {
            err.println("mqadmin " + command.name() + ": no NameServer address: give -n host:port or set NAMESRV_ADDR");
            return 1;
        }
        try {
            NamesrvAddressList.parse(namesrv);
        } catch (IllegalArgumentException e) {
            err.println("mqadmin " + command.name() + ": " + e.getMessage());
            return 1;
        }
        SessionCredentials credentials;
        try {
            credentials = ownsKeyOptions(command.options()) ? ToolsCredentials.find(null, null)
                    : ToolsCredentials.find(line.getOptionValue("accessKey"), line.getOptionValue("secretKey"));
        } catch (IOException | IllegalArgumentException e) {
            err.println("mqadmin " + command.name() + ": " + e.getMessage());
            return 1;
        }
        try (AdminSession session = new AdminSession(namesrv, credentials, out)) {
            command.run(line, session);
            return 0;
        } catch (CommandFailedException e) {
            err.println("mqadmin " + command.name() + ": " + e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("mqadmin " + command.name() + ": " + describe(e));
            if (verbose) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static String namesrvAddr(CommandLine line) {
        if (line.hasOption('n')) {
            return line.getOptionValue('n');
        }
        String env = System.getenv("NAMESRV_ADDR");
        return env != null && !env.isBlank() ? env : System.getProperty("rocketmq.namesrv.addr");
    }

    private static Options withCommonOptions(Options own) {
        Options options = new Options();
        own.getOptions().forEach(options::addOption);
        options.addOption(new Option("n", "namesrvAddr", true, "name server address list, eg: '192.168.0.1:9876;"
                + "192.168.0.2:9876'"));
        options.addOption(new Option("h", "help", false, "print help"));
        options.addOption(Option.builder().longOpt("verbose").desc("print stack traces of errors").build());
        if (!ownsKeyOptions(own)) {
            options.addOption(Option.builder().longOpt("accessKey").hasArg().desc("ACL access key to sign requests"
                    + " with (default: " + ToolsCredentials.TOOLS_FILE + " under the home)").build());
            options.addOption(Option.builder().longOpt("secretKey").hasArg().desc("ACL secret key of --accessKey")
                    .build());
        }
        return options;
    }

    /**
     * Whether a command has {@code --accessKey}/{@code --secretKey} of its own (RocketMQ's updateAclConfig: the
     * account it writes); it then signs with {@code conf/tools.yml} only, as RocketMQ's mqadmin always does.
     */
    private static boolean ownsKeyOptions(Options own) {
        return own.hasLongOption("accessKey") || own.hasLongOption("secretKey");
    }

    private int unknown(String name, PrintStream err) {
        err.println("mqadmin: unknown command '" + name + "'");
        printCommands(err);
        return 1;
    }

    private void printCommands(PrintStream out) {
        out.println("The most commonly used mqadmin commands are:");
        commands.values().forEach(c -> out.printf("   %-24s %s%n", c.name(), c.description()));
        out.println();
        out.println("See 'mqadmin help <command>' for more information on a specific command.");
    }

    private static void printUsage(SubCommand command, PrintStream out) {
        HelpFormatter formatter = new HelpFormatter();
        formatter.setWidth(110);
        java.io.PrintWriter writer = new java.io.PrintWriter(out);
        formatter.printHelp(writer, 110, "mqadmin " + command.name(), command.description(),
                withCommonOptions(command.options()), 1, 3, null, true);
        writer.flush();
    }
}
