package io.apogee.interop5;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.rocketmq.tools.command.MQAdminStartup;

/**
 * Runs RocketMQ 5.3.3 {@code mqadmin} command lines one after the other in one JVM, so a sweep pays for one JVM
 * start. The file named by the only argument holds one command line per line, arguments separated by tabs. Before
 * each command {@link #BEGIN} and its line number are printed, after it {@link #END}, the line number and the
 * milliseconds it took; between them its output and its log (sent to standard output by
 * {@code conf/logback_tools.xml} under {@code rocketmq.home.dir}). No END line: the command ended the JVM (a parse
 * error calls {@code System.exit}). 5.3.3's sub-commands keep their admin clients in fields, so each line gets new
 * instances, as in a JVM of its own.
 */
public final class MqAdmin5Batch extends MQAdminStartup {

    /** Printed before a command's output, followed by its line number. */
    public static final String BEGIN = "@@mqadmin5-begin ";
    /** Printed after a command's output, followed by its line number, a space and the milliseconds it took. */
    public static final String END = "@@mqadmin5-end ";

    private MqAdmin5Batch() {
    }

    /** Hides {@link MQAdminStartup#main}: {@code args[0]} is the file of command lines. */
    public static void main(String[] args) {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < lines.size(); i++) {
            System.out.println(BEGIN + i);
            long start = System.nanoTime();
            SUB_COMMANDS.clear();
            main0(lines.get(i).split("\t"), null);
            System.out.printf("%n%s%d %dms%n", END, i, (System.nanoTime() - start) / 1_000_000);
        }
        System.exit(0);
    }
}
