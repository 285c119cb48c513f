package io.apogee.store;

import io.apogee.common.message.MessageExt;
import io.apogee.store.core.LocalMessageStore;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Child process of {@link CrashRecoveryTest}: appends with SYNC_FLUSH from 4 threads until killed, printing
 * {@code ACK <commit-log offset> <record as base64> END} for every acknowledged message.
 */
public final class CrashLoadMain {

    private CrashLoadMain() {
    }

    /** The config the child and the verifying test share. */
    static MessageStoreConfig config(Path root) {
        MessageStoreConfig c = StoreFixture.config(root);
        c.setMappedFileSizeCommitLog(256 * 1024);
        c.setFlushDiskType(FlushDiskType.SYNC_FLUSH);
        c.setFlushIntervalConsumeQueue(100);
        c.setFlushConsumeQueueThoroughInterval(300);
        c.validate();
        return c;
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true);
        LocalMessageStore store = StoreFixture.open(config(Path.of(args[0])));
        for (int t = 0; t < 4; t++) {
            int thread = t;
            new Thread(() -> appendForever(store, thread, out), "load-" + t).start();
        }
    }

    private static void appendForever(MessageStore store, int thread, PrintStream out) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (long seq = 0; ; seq++) {
            byte[] body = new byte[random.nextInt(100, 3000)];
            random.nextBytes(body);
            MessageExt m = StoreFixture.message("Crash" + thread % 2, thread, body, "T" + thread,
                    "t" + thread + "-" + seq);
            PutMessageResult r = store.putMessage(m).join();
            if (r.status() == PutMessageStatus.PUT_OK) {
                ByteBuffer record = store.selectOneMessageByOffset(r.wroteOffset());
                byte[] bytes = new byte[record.remaining()];
                record.get(bytes);
                out.println("ACK " + r.wroteOffset() + " " + Base64.getEncoder().encodeToString(bytes) + " END");
            }
        }
    }
}
