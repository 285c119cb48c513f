package io.apogee.tools.admin.command;

import java.util.Locale;
import org.apache.commons.cli.CommandLine;
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

    /**
     * The option's value as an int, {@code fallback} when absent.
     *
     * @throws CommandFailedException naming the option when the value is not a number
     */
    static int intValue(CommandLine line, char option, int fallback) throws CommandFailedException {
        return (int) longValue(line, option, fallback);
    }

    /**
     * The option's value as a long, {@code fallback} when absent.
     *
     * @throws CommandFailedException naming the option when the value is not a number
     */
    static long longValue(CommandLine line, char option, long fallback) throws CommandFailedException {
        String text = line.getOptionValue(option);
        if (text == null) {
            return fallback;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new CommandFailedException("-" + option + " must be a number, not '" + text + "'");
        }
    }

    /**
     * The option's value as a boolean, {@code fallback} when absent.
     *
     * @throws CommandFailedException naming the option when the value is neither true nor false
     */
    static boolean boolValue(CommandLine line, char option, boolean fallback) throws CommandFailedException {
        String text = line.getOptionValue(option);
        if (text == null) {
            return fallback;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new CommandFailedException("-" + option + " must be true or false, not '" + text + "'");
        };
    }

    /**
     * A timestamp option ({@code now}, milliseconds or {@code yyyy-MM-dd#HH:mm:ss:SSS}), {@code fallback} when absent.
     *
     * @throws CommandFailedException naming the option when the value is none of these
     */
    static long timeValue(CommandLine line, char option, long fallback) throws CommandFailedException {
        String text = line.getOptionValue(option);
        if (text == null) {
            return fallback;
        }
        try {
            return Times.parse(text.trim());
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException("-" + option + ": " + e.getMessage());
        }
    }
}
