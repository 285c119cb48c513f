package io.apogee.common.config;

import io.apogee.common.io.AtomicFile;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * A properties config file that runtime updates are written back to, so that a restart keeps them (RocketMQ rewrites
 * its config file the same way). Only the changed keys are rewritten: comments, blank lines, order and the other keys
 * stay as the operator wrote them, and a changed key the file lacks is appended. The file is replaced atomically.
 */
public final class ConfigFile {

    private ConfigFile() {
    }

    /**
     * Writes {@code changes} into {@code file} (created when missing).
     *
     * @throws IOException when the file cannot be read or replaced
     */
    public static void update(Path file, Map<String, String> changes) throws IOException {
        AtomicFile atomic = new AtomicFile(file);
        atomic.write(merge(atomic.read().orElse(""), changes));
    }

    /** {@code text} with each changed key's line (continuation lines included) replaced, the others appended. */
    static String merge(String text, Map<String, String> changes) {
        List<String> lines = text.lines().toList();
        StringBuilder out = new StringBuilder();
        Set<String> written = new HashSet<>();
        int i = 0;
        while (i < lines.size()) {
            int start = i;
            if (!isCommentOrBlank(lines.get(i))) {
                while (continues(lines.get(i)) && i + 1 < lines.size()) {
                    i++;
                }
            }
            i++;
            String key = keyOf(String.join("\n", lines.subList(start, i)));
            if (key != null && changes.containsKey(key)) {
                out.append(line(key, changes.get(key))).append('\n');
                written.add(key);
            } else {
                lines.subList(start, i).forEach(l -> out.append(l).append('\n'));
            }
        }
        changes.forEach((key, value) -> {
            if (!written.contains(key)) {
                out.append(line(key, value)).append('\n');
            }
        });
        return out.toString();
    }

    private static boolean isCommentOrBlank(String line) {
        String s = line.stripLeading();
        return s.isEmpty() || s.charAt(0) == '#' || s.charAt(0) == '!';
    }

    /** An odd number of trailing backslashes continues the line. */
    private static boolean continues(String line) {
        int n = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            n++;
        }
        return n % 2 == 1;
    }

    private static String keyOf(String logicalLine) {
        Properties one = new Properties();
        try {
            one.load(new StringReader(logicalLine));
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
        return one.stringPropertyNames().stream().findFirst().orElse(null);
    }

    /** {@code key=value}, escaped as {@link Properties#store} escapes it. */
    private static String line(String key, String value) {
        Properties one = new Properties();
        one.setProperty(key, value);
        StringWriter text = new StringWriter();
        try {
            one.store(text, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString().lines().filter(l -> !l.startsWith("#")).findFirst().orElseThrow();
    }
}
