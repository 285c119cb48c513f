package io.apogee.tools.admin.command;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.commons.cli.CommandLine;

/** NameServer config sub-commands: getNamesrvConfig, updateNamesrvConfig (every NameServer of {@code -n}). */
public final class NamesrvConfigCommands {

    private NamesrvConfigCommands() {
    }

    public static List<SubCommand> all() {
        return List.of(
                new Command("getNamesrvConfig", "Get configs of name server.", Opts.of(),
                        NamesrvConfigCommands::get),
                new Command("updateNamesrvConfig", "Update configs of name server.", Opts.of(
                        Opts.arg("k", "key", true, "config key"),
                        Opts.arg("v", "value", true, "config value")), NamesrvConfigCommands::update));
    }

    private static void get(CommandLine line, AdminSession session) throws Exception {
        for (Map.Entry<String, Properties> ns : session.admin().getNameServerConfig(null).entrySet()) {
            session.out().println("============" + ns.getKey() + "============");
            new TreeMap<>(ns.getValue()).forEach((k, v) -> session.out().printf("%-50s=  %s%n", k, v));
        }
    }

    private static void update(CommandLine line, AdminSession session) throws Exception {
        String key = line.getOptionValue('k').trim();
        String value = line.getOptionValue('v').trim();
        Properties change = new Properties();
        change.setProperty(key, value);
        session.admin().updateNameServerConfig(change, null);
        session.out().printf("update name server config success!%s%n%s : %s%n",
                session.admin().getNameServerAddressList(), key, value);
    }
}
