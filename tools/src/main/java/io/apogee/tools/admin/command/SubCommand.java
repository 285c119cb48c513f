package io.apogee.tools.admin.command;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** One mqadmin sub-command, with RocketMQ's name and options. */
public interface SubCommand {

    /** The name typed after {@code mqadmin}, e.g. {@code clusterList}. */
    String name();

    /** One line for the command list. */
    String description();

    /** The command's own options (the shared {@code -n}, {@code -h} and {@code --verbose} are added for it). */
    Options options();

    /**
     * Runs the command.
     *
     * @throws CommandFailedException for an expected failure, with the one line to print
     * @throws Exception anything unexpected (printed as one line, with the stack trace under --verbose)
     */
    void run(CommandLine line, AdminSession session) throws Exception;
}
