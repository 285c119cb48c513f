package io.apogee.tools.admin.command;

import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** Small builders for RocketMQ-style sub-command options. */
final class Opts {

    private Opts() {
    }

    /** An option taking a value. */
    static Option arg(String shortName, String longName, boolean required, String description) {
        Option option = new Option(shortName, longName, true, description);
        option.setRequired(required);
        return option;
    }

    /** A flag without a value. */
    static Option flag(String shortName, String longName, String description) {
        return new Option(shortName, longName, false, description);
    }

    static Options of(Option... options) {
        Options out = new Options();
        for (Option o : options) {
            out.addOption(o);
        }
        return out;
    }
}
