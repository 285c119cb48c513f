package io.apogee.interop.distribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** Keeps the in-process Apache 4.9.8 clients' logs and local offsets out of the user's home (unless already set). */
final class ApacheClientSettings {

    private ApacheClientSettings() {
    }

    static void apply() {
        if (System.getProperty("rocketmq.client.logRoot") != null) {
            return;
        }
        try {
            String root = Files.createTempDirectory("apache-client-logs-").toString();
            System.setProperty("rocketmq.client.logRoot", root);
            System.setProperty("rocketmq.client.localOffsetStoreDir", root + "/offsets");
            System.setProperty("rocketmq.client.logLevel", "WARN");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
