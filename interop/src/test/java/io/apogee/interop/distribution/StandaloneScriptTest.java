package io.apogee.interop.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.interop.distribution.Distribution.Result;
import io.apogee.interop.distribution.Distribution.Server;
import io.apogee.interop.fixture.ApacheClients;
import io.apogee.testsupport.FreePorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/mqstandalone} from the unpacked tarball: prints where it listens and "ready", keeps its data where
 * {@code APOGEE_DATA} says, takes a send from Apache's producer, serves the console on loopback with the initial
 * admin password in an owner-only file, and stops gracefully on {@code mqshutdown standalone}.
 */
class StandaloneScriptTest {

    @TempDir
    Path tmp;

    @Test
    void standaloneStartsBothServersInOneJvmAndStopsOnMqshutdown() throws Exception {
        Distribution dist = Distribution.unpack(tmp);
        int namesrvPort = FreePorts.any();
        int brokerPort = FreePorts.forBroker();
        int consolePort = FreePorts.any();
        Path data = tmp.resolve("apogee-data");
        Map<String, String> env = dist.environment();
        env.put("APOGEE_DATA", data.toString());
        try (Server standalone = dist.start("standalone", env, "mqstandalone", "--namesrvPort",
                String.valueOf(namesrvPort), "--brokerPort", String.valueOf(brokerPort), "--consolePort",
                String.valueOf(consolePort))) {
            standalone.awaitOutput(System.lineSeparator() + "ready", Duration.ofSeconds(30));
            String out = standalone.output();
            assertTrue(out.contains("NameServer listening on 0.0.0.0:" + namesrvPort), out);
            assertTrue(out.contains("registered as 127.0.0.1:" + brokerPort), out);
            assertTrue(out.contains("Data under " + data), out);
            assertTrue(out.contains("Console at http://127.0.0.1:" + consolePort + "/"), out);
            Path password = data.resolve("console").resolve("initial-admin-password");
            assertTrue(out.contains("initial password in " + password), out);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(password)));
            HttpResponse<String> login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + consolePort + "/api/login")).timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\""
                            + Files.readString(password).trim() + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, login.statusCode(), login.body());

            DefaultMQProducer producer = ApacheClients.producer("127.0.0.1:" + namesrvPort, "standalone-producer");
            try {
                Message message = new Message("StandaloneTopic", "hello".getBytes(StandardCharsets.UTF_8));
                assertEquals(SendStatus.SEND_OK, producer.send(message).getSendStatus());
            } finally {
                producer.shutdown();
            }

            Result stopped = dist.run(env, "mqshutdown", "standalone");
            assertEquals(0, stopped.exitCode(), stopped.output());
            assertTrue(stopped.output().endsWith("mqstandalone (pid " + standalone.pid() + ") stopped"),
                    stopped.output());
            assertEquals(143, standalone.awaitExit(Duration.ofSeconds(30)), standalone.output());
        }
        assertTrue(Files.isDirectory(data.resolve("store/commitlog")), "store under APOGEE_DATA");
        String log = Files.readString(dist.home().resolve("logs/standalone-" + namesrvPort + ".log"));
        assertTrue(log.contains("broker broker-a stopped") && log.contains("NameServer stopped"), log);
    }
}
