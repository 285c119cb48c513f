package io.apogee.tools.admin.command;

import java.util.List;
import org.apache.commons.cli.CommandLine;

/** NameServer KV config sub-commands: updateKvConfig, deleteKvConfig. */
public final class KvConfigCommands {

    private KvConfigCommands() {
    }

    public static List<SubCommand> all() {
        return List.of(
                new Command("updateKvConfig", "Create or update KV config.", Opts.of(
                        Opts.arg("s", "namespace", true, "set the namespace"),
                        Opts.arg("k", "key", true, "set the key name"),
                        Opts.arg("v", "value", true, "set the key value")), (line, session) -> {
                            session.admin().putKVConfig(line.getOptionValue('s'), line.getOptionValue('k'),
                                    line.getOptionValue('v'));
                            session.out().println("create or update kv config to namespace success.");
                        }),
                new Command("deleteKvConfig", "Delete KV config.", Opts.of(
                        Opts.arg("s", "namespace", true, "set the namespace"),
                        Opts.arg("k", "key", true, "set the key name")), KvConfigCommands::delete));
    }

    private static void delete(CommandLine line, AdminSession session) throws Exception {
        session.admin().deleteKVConfig(line.getOptionValue('s'), line.getOptionValue('k'));
        session.out().println("delete kv config from namespace success.");
    }
}
