package io.apogee.console;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.client.admin.DefaultMQAdminExt;
import io.apogee.common.admin.SubscriptionGroupConfig;
import io.apogee.common.topic.TopicConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The console at scale: 10,000 topics and 2,000 groups created through the admin API on one broker, then the list
 * pages' API calls timed (20 each, median and max), with the snapshot refresh's own time. Prints one line per
 * figure; the bar is 1 s per list page.
 *
 * <pre>mvn -B -ntp verify -Dbenchmarks -pl console -Dtest=ConsoleScaleBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@Tag("benchmark")
class ConsoleScaleBenchmark {

    static final int TOPICS = 10_000;
    static final int GROUPS = 2_000;
    static final int CALLS = 20;

    @Test
    void listPagesAnswerWithinOneSecondAt10000TopicsAnd2000Groups() throws Exception {
        try (ConsoleFixture fixture = ConsoleFixture.start()) {
            DefaultMQAdminExt admin = new DefaultMQAdminExt();
            admin.setNamesrvAddr(fixture.cluster().namesrvAddr());
            admin.setInstanceName("ScaleBenchmark");
            admin.start();
            String broker = fixture.cluster().brokerAddr("broker-a");
            long began = System.nanoTime();
            try {
                for (int i = 0; i < TOPICS; i++) {
                    admin.createAndUpdateTopicConfig(broker, TopicConfig.withDefaults(String.format("ScaleTopic%05d",
                            i)).withQueueNums(1, 1));
                }
                long topicsMillis = (System.nanoTime() - began) / 1_000_000;
                began = System.nanoTime();
                for (int i = 0; i < GROUPS; i++) {
                    SubscriptionGroupConfig group = new SubscriptionGroupConfig();
                    group.setGroupName(String.format("ScaleGroup%04d", i));
                    admin.createAndUpdateSubscriptionGroupConfig(broker, group);
                }
                long groupsMillis = (System.nanoTime() - began) / 1_000_000;
                System.out.printf("created %d topics in %d ms, %d groups in %d ms%n", TOPICS, topicsMillis, GROUPS,
                        groupsMillis);
            } finally {
                admin.shutdown();
            }
            ApiClient api = fixture.admin();
            await().atMost(Duration.ofMinutes(2)).until(() -> api.get("/api/topics?limit=1").json()
                    .getIntValue("total") >= TOPICS && api.get("/api/groups?limit=1").json()
                    .getIntValue("total") >= GROUPS);
            long refresh = System.nanoTime();
            assertEquals(200, api.get("/api/cluster?refresh=1").status());
            System.out.printf("snapshot refresh (cluster, all topic configs, all groups, all consume stats): %d ms%n",
                    (System.nanoTime() - refresh) / 1_000_000);

            double worst = 0;
            for (String path : List.of("/api/topics?offset=5000&limit=50", "/api/topics?search=ScaleTopic0999",
                    "/api/topics?type=normal&offset=9950", "/api/groups?offset=1000&limit=50",
                    "/api/groups?search=ScaleGroup19", "/api/dashboard", "/api/cluster")) {
                List<Long> micros = new ArrayList<>();
                for (int i = 0; i < CALLS; i++) {
                    long start = System.nanoTime();
                    ApiClient.Answer answer = api.get(path);
                    micros.add((System.nanoTime() - start) / 1_000);
                    assertEquals(200, answer.status(), answer.body());
                }
                Collections.sort(micros);
                System.out.printf("GET %-40s median %6.1f ms  max %6.1f ms%n", path, micros.get(CALLS / 2) / 1000.0,
                        micros.get(CALLS - 1) / 1000.0);
                worst = Math.max(worst, micros.get(CALLS - 1) / 1000.0);
            }
            assertTrue(worst < 1000, "a list page took " + worst + " ms");
        }
    }
}
