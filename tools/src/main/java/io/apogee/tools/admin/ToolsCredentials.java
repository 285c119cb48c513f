package io.apogee.tools.admin;

import io.apogee.client.acl.SessionCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The credentials mqadmin signs with for brokers with ACL on: {@code --accessKey} and {@code --secretKey}, else
 * RocketMQ's {@code conf/tools.yml} under the home ({@code accessKey: ...} and {@code secretKey: ...} lines), where
 * the home is {@code -Drocketmq.home.dir}, else the installation ({@code -Dapogee.home}), else {@code ROCKETMQ_HOME}.
 * None of these: requests go unsigned.
 */
final class ToolsCredentials {

    static final String TOOLS_FILE = "conf/tools.yml";

    private ToolsCredentials() {
    }

    /**
     * The credentials to sign with, or {@code null} for none.
     *
     * @throws IllegalArgumentException when only one of the two options is given, or tools.yml lacks a key
     */
    static SessionCredentials find(String accessKey, String secretKey) throws IOException {
        if (accessKey != null || secretKey != null) {
            if (accessKey == null || secretKey == null) {
                throw new IllegalArgumentException("give both --accessKey and --secretKey");
            }
            return new SessionCredentials(accessKey, secretKey);
        }
        String home = System.getProperty("rocketmq.home.dir", System.getProperty("apogee.home",
                System.getenv("ROCKETMQ_HOME")));
        if (home == null || home.isBlank()) {
            return null;
        }
        Path file = Path.of(home).resolve(TOOLS_FILE);
        return Files.isRegularFile(file) ? read(file) : null;
    }

    /** Reads the two keys of a tools.yml (plain {@code key: value} lines, values optionally quoted). */
    static SessionCredentials read(Path file) throws IOException {
        String ak = null;
        String sk = null;
        for (String raw : Files.readAllLines(file)) {
            String line = raw.strip();
            int colon = line.indexOf(':');
            if (line.startsWith("#") || colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip();
            String value = unquote(line.substring(colon + 1).strip());
            if ("accessKey".equals(key)) {
                ak = value;
            } else if ("secretKey".equals(key)) {
                sk = value;
            }
        }
        if (ak == null || ak.isEmpty() || sk == null || sk.isEmpty()) {
            throw new IllegalArgumentException(file + " needs both accessKey and secretKey");
        }
        return new SessionCredentials(ak, sk);
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
