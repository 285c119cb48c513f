package io.apogee.interop.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONArray;
import com.alibaba.fastjson2.JSONObject;
import io.apogee.interop.distribution.Distribution.Result;
import io.apogee.interop.distribution.Distribution.Server;
import io.apogee.testsupport.FreePorts;
import io.apogee.testsupport.TestCluster;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/mqconsole -n} from the unpacked tarball serves a two-broker cluster: it prints its URL and where the
 * initial password is, lists both brokers, and stops on {@code mqshutdown console}; without {@code -n} it says what
 * to pass.
 */
class ConsoleScriptTest {

    @TempDir
    Path tmp;

    @Test
    void mqconsoleServesEveryBrokerOfACluster() throws Exception {
        Distribution dist = Distribution.unpack(tmp);
        Map<String, String> env = dist.environment();
        env.remove("NAMESRV_ADDR");
        Result noNamesrv = dist.run(env, "mqconsole", "-d", tmp.resolve("none").toString());
        assertEquals(1, noNamesrv.exitCode(), noNamesrv.output());
        assertTrue(noNamesrv.output().contains("no NameServer given: pass -n host:9876"), noNamesrv.output());

        int port = FreePorts.any();
        Path data = tmp.resolve("console-data");
        try (TestCluster cluster = TestCluster.builder().brokers("broker-a", "broker-b").start();
                Server console = dist.start("console", env, "mqconsole", "-n", cluster.namesrvAddr(), "-p",
                        String.valueOf(port), "-d", data.toString())) {
            console.awaitOutput(System.lineSeparator() + "ready", Duration.ofSeconds(30));
            String base = "http://127.0.0.1:" + port;
            assertTrue(console.output().contains("Console at " + base + "/"), console.output());
            Path password = data.resolve("initial-admin-password");
            assertTrue(console.output().contains("initial password in " + password), console.output());

            HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/login"))
                    .POST(HttpRequest.BodyPublishers.ofString(JSONObject.of("username", "admin", "password",
                            Files.readString(password).trim()).toJSONString())).timeout(Duration.ofSeconds(30))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, login.statusCode(), login.body());
            HttpResponse<String> clusterPage = http.send(HttpRequest.newBuilder(URI.create(base
                    + "/api/cluster?refresh=1")).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, clusterPage.statusCode(), clusterPage.body());
            JSONArray brokers = JSON.parseObject(clusterPage.body()).getJSONArray("brokers");
            Set<String> addrs = brokers.stream().map(b -> ((JSONObject) b).getString("addr"))
                    .collect(Collectors.toSet());
            assertEquals(Set.of(cluster.brokerAddr("broker-a"), cluster.brokerAddr("broker-b")), addrs);

            Result stopped = dist.run(env, "mqshutdown", "console");
            assertEquals(0, stopped.exitCode(), stopped.output());
            assertEquals(143, console.awaitExit(Duration.ofSeconds(30)), console.output());
        }
        assertTrue(Files.exists(dist.home().resolve("logs/console-" + port + ".log")), "console log file");
    }
}
