package io.apogee.interop.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.rocketmq.tools.command.MQAdminStartup;

/**
 * Runs several Apache 4.9.8 {@code mqadmin} command lines in one JVM, one after the other, so that a sweep pays for
 * one JVM start instead of one per command. The file named by the only argument holds one command line per line,
 * its arguments separated by tabs; each command's output (and its log, which {@code conf/logback_tools.xml} under
 * {@code ROCKETMQ_HOME} sends to standard output) is printed between {@link #BEGIN} and {@link #END} lines carrying
 * its line number. A missing END line means the command ended the JVM (Apache's parse errors call
 * {@code System.exit}). Each command line gets new sub-command instances, as in a JVM of its own (Apache's keep
 * their clients in fields, so an instance does not run twice).
 */
public final class ApacheMqAdminBatch {

    /** Printed before a command's output, followed by its line number. */
    public static final String BEGIN = "@@mqadmin-begin ";
    /** Printed after a command's output, followed by its line number. */
    public static final String END = "@@mqadmin-end ";

    private ApacheMqAdminBatch() {
    }

    public static void main(String[] args) throws IOException {
        int number = 0;
        for (String line : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
            System.out.println(BEGIN + number);
            System.out.flush();
            FreshCommands.forget();
            MQAdminStartup.main0(line.split("\t"), null);
            System.out.println();
            System.out.println(END + number);
            System.out.flush();
            number++;
        }
        System.exit(0);
    }

    /** Reaches Apache's list of sub-command instances, which each {@code main0} call fills again. */
    private static final class FreshCommands extends MQAdminStartup {

        static void forget() {
            subCommandList.clear();
        }
    }
}
