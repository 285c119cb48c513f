package io.apogee.store.flush;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.apogee.common.service.ServiceLoop;
import io.apogee.store.PutMessageResult;
import io.apogee.store.PutMessageStatus;
import io.apogee.store.commitlog.CommitLog;
import io.apogee.store.file.MappedFileQueue;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitServiceTest {

    @TempDir
    Path dir;

    private CommitLog commitLogWith(int bytes) {
        CommitLog log = new CommitLog(new MappedFileQueue(dir, 64 * 1024), 1024);
        log.appendRaw(0, ByteBuffer.allocate(bytes));
        return log;
    }

    @Test
    void oneStepFlushesAndCompletesEveryWaitingRequest() {
        CommitLog log = commitLogWith(300);
        GroupCommitService service = new GroupCommitService(log, 5000);
        PutMessageResult first = new PutMessageResult(PutMessageStatus.PUT_OK, 0, 100, "a", 1, 0, 1);
        PutMessageResult second = new PutMessageResult(PutMessageStatus.PUT_OK, 100, 200, "b", 1, 1, 1);
        service.beginAppend();
        CompletableFuture<PutMessageResult> a = service.submit(first);
        service.beginAppend();
        CompletableFuture<PutMessageResult> b = service.submit(second);
        assertEquals(2, service.doWork());
        assertEquals(first, a.join());
        assertEquals(second, b.join());
        assertEquals(300, log.flushedOffset());
        assertEquals(0, service.doWork(), "nothing waits any more");
    }

    @Test
    void theWatchTimesOutARequestNoFlushServed() {
        GroupCommitService service = new GroupCommitService(commitLogWith(100), 1);
        service.beginAppend();
        CompletableFuture<PutMessageResult> waiting =
                service.submit(new PutMessageResult(PutMessageStatus.PUT_OK, 0, 100, "a", 1, 0, 1));
        ServiceLoop watch = service.timeoutWatch();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            watch.doWork();
            return waiting.isDone();
        });
        assertEquals(PutMessageStatus.FLUSH_DISK_TIMEOUT, waiting.join().status());
        assertEquals("a", waiting.join().msgId());
        service.doWork();
        assertFalse(waiting.join().isOk(), "a late flush does not undo the timeout");
    }
}
