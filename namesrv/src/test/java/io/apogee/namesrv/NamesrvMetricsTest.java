package io.apogee.namesrv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics} of a NameServer with {@code metricsExporterType=PROM}, scraped with the JDK's HTTP client. */
class NamesrvMetricsTest {

    @TempDir
    Path home;

    @Test
    void requestsAndRegisteredBrokersShowInTheScrape() throws Exception {
        Map<String, Object> keys = Map.of("metricsExporterType", "PROM", "metricsPromExporterHost", "127.0.0.1",
                "namesrvMetricsPromExporterPort", 0);
        try (NamesrvFixture ns = new NamesrvFixture(home, keys)) {
            assertEquals(0, ns.call(NamesrvFixture.registerRequest("C1", "broker-a", 0, "127.0.0.1:10911", 1, false,
                    NamesrvFixture.topic("T", 4))).code());
            assertNotNull(ns.route("T"));
            assertNull(ns.route("Missing"));

            String url = ns.controller.metricsUrl();
            assertTrue(url.startsWith("http://127.0.0.1:") && url.endsWith("/metrics"), url);
            HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, scrape.statusCode());
            String text = scrape.body();

            assertEquals(1, value(text, "rocketmq_rpc_latency_count", "register_broker", "success"));
            assertEquals(1, value(text, "rocketmq_rpc_latency_count", "get_routeinfo_by_topic", "success"));
            assertEquals(1, value(text, "rocketmq_rpc_latency_count", "get_routeinfo_by_topic", "topic_not_exist"));
            assertEquals(1, value(text, "rocketmq_broker_number", "C1"));
            assertEquals(0, value(text, "rocketmq_processor_watermark", "client_request"));
            assertTrue(text.contains("jvm_memory_used_bytes{area=\"heap\""), text);
        }
    }

    @Test
    void aNameServerWithoutMetricsServesNone() throws Exception {
        try (NamesrvFixture ns = new NamesrvFixture(home)) {
            assertNull(ns.controller.metricsUrl());
            assertNull(ns.route("Missing"));
        }
    }

    /** The value of the sample of {@code name} whose labels contain every one of {@code labelValues}. */
    private static double value(String text, String name, String... labelValues) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\{([^}]*)} (\\S+)$").matcher(text);
        while (m.find()) {
            String labels = m.group(1);
            boolean all = labels.contains("node_type=\"nameserver\"");
            for (String v : labelValues) {
                all &= labels.contains("=\"" + v + "\"");
            }
            if (all) {
                return Double.parseDouble(m.group(2));
            }
        }
        throw new AssertionError(name + " with " + String.join(", ", labelValues) + " not in\n" + text);
    }
}
