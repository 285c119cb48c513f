package io.apogee.tools.admin.command;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** A sub-command defined by its name, description, options and body (most commands are a few lines). */
record Command(String name, String description, Options options, Body body) implements SubCommand {

    /** What the command does. */
    @FunctionalInterface
    interface Body {
        void run(CommandLine line, AdminSession session) throws Exception;
    }

    @Override
    public void run(CommandLine line, AdminSession session) throws Exception {
        body.run(line, session);
    }
}
