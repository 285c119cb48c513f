package io.apogee.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mqstandalone} serves both servers' metrics on loopback and prints where. */
class StandaloneMetricsTest {

    @TempDir
    Path tmp;

    @Test
    void bothServersServeMetricsAndTheUrlsArePrinted() throws Exception {
        Path conf = Files.writeString(tmp.resolve("broker.conf"), "metricsPromExporterPort=0\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Standalone standalone = Standalone.start(new String[] {"-d", tmp.resolve("data").toString(), "-c",
            conf.toString(), "--namesrvPort", "0", "--brokerPort", "0", "--consolePort", "0"},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        try {
            String printed = out.toString(StandardCharsets.UTF_8);
            for (String server : new String[] {"Broker", "NameServer"}) {
                Matcher url = Pattern.compile(server + " metrics at (http://127\\.0\\.0\\.1:\\d+/metrics)")
                        .matcher(printed);
                assertTrue(url.find(), printed);
                HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(url.group(1))).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, scrape.statusCode());
                assertTrue(scrape.body().contains("rocketmq_processor_watermark{"), scrape.body());
            }
        } finally {
            standalone.shutdown();
        }
    }

    @Test
    void aTakenMetricsPortFallsBackToAnyFreeOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            assertEquals(0, Standalone.freeOrAny(taken.getLocalPort()));
        }
    }
}
