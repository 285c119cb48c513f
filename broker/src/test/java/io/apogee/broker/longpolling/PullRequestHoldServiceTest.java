package io.apogee.broker.longpolling;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.apogee.common.message.MessageExt;
import io.apogee.common.message.TagHash;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.store.MessageFilter;
import io.apogee.store.MessageStoreConfig;
import io.apogee.store.core.LocalMessageStore;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PullRequestHoldServiceTest {

    @TempDir
    Path dir;
    private LocalMessageStore store;
    private final List<HeldPull> replayed = new CopyOnWriteArrayList<>();
    private PullRequestHoldService service;
    private final EmbeddedChannel channel = new EmbeddedChannel();

    @BeforeEach
    void start() throws Exception {
        MessageStoreConfig config = new MessageStoreConfig();
        config.setStorePathRootDir(dir.toString());
        config.setMappedFileSizeCommitLog(1024 * 1024);
        config.setMappedFileSizeConsumeQueue(100 * 20);
        config.setMaxHashSlotNum(100);
        config.setMaxIndexNum(400);
        store = new LocalMessageStore(config);
        store.start();
        service = new PullRequestHoldService(store, replayed::add);
        store.addDispatchListener(service);
    }

    @AfterEach
    void stop() {
        store.close();
        channel.close();
    }

    private HeldPull pull(String tag, long deadline) {
        MessageFilter filter = tag == null ? MessageFilter.ALL : code -> code == TagHash.of(tag);
        return new HeldPull(channel, RemotingCommand.request(11, null), "T", 0, 0, filter, deadline,
                new CompletableFuture<>());
    }

    private void put(String tag) {
        MessageExt m = new MessageExt();
        m.setTopic("T");
        m.setQueueId(0);
        m.setBody("x".getBytes(StandardCharsets.UTF_8));
        m.setTags(tag);
        m.setBornTimestamp(System.currentTimeMillis());
        m.setBornHost(new InetSocketAddress("127.0.0.1", 1));
        m.setStoreHost(new InetSocketAddress("127.0.0.1", 10911));
        store.putMessage(m).join();
    }

    @Test
    void aMatchingMessageWakesTheHeldPullAtOnce() {
        HeldPull wantsA = pull("TagA", Long.MAX_VALUE);
        HeldPull wantsB = pull("TagB", Long.MAX_VALUE);
        service.hold(wantsA);
        service.hold(wantsB);
        put("TagB");
        await().atMost(Duration.ofSeconds(30)).until(() -> replayed.contains(wantsB));
        assertEquals(List.of(wantsB), replayed);
        assertEquals(1, service.heldCount());
    }

    @Test
    void theDeadlineAnswersAPullThatGotNothing() {
        HeldPull expired = pull(null, System.currentTimeMillis() - 1);
        HeldPull waiting = pull(null, Long.MAX_VALUE);
        service.hold(expired);
        service.hold(waiting);
        service.doWork();
        assertEquals(List.of(expired), replayed);
        assertEquals(1, service.heldCount());
    }

    @Test
    void aPullHeldAfterItsMessageArrivedIsReplayedImmediately() {
        put("TagA");
        await().atMost(Duration.ofSeconds(30)).until(() -> store.getMaxOffsetInQueue("T", 0) == 1);
        HeldPull late = pull("TagA", Long.MAX_VALUE);
        service.hold(late);
        assertEquals(List.of(late), replayed);
    }
}
