package io.apogee.store.file;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prefault service runs beside appends: it must touch the pages ahead of the writer and never change a byte. */
class PrefaultServiceTest {

    /** Two files' worth: the service moves on to the second file when it becomes the newest. */
    private static final int FILE_SIZE = 4 * 1024 * 1024;
    /** Odd-sized records, so appends start and end anywhere in a page, across page boundaries. */
    private static final int RECORD = 1021;

    @TempDir
    Path dir;

    @Test
    void touchingPagesAheadWhileAppendsRunChangesNoByte() throws Exception {
        MappedFileQueue files = new MappedFileQueue(dir, FILE_SIZE);
        PrefaultService prefault = new PrefaultService(files, 64 * 1024);
        AtomicBoolean touching = new AtomicBoolean(true);
        AtomicInteger touched = new AtomicInteger();
        Thread toucher = new Thread(() -> {
            while (touching.get()) {
                touched.addAndGet(prefault.doWork());
            }
        }, "prefault-test");
        try {
            files.writableFile(0);
            toucher.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> touched.get() > 0);
            long offset = 0;
            long end = 2L * FILE_SIZE - 3 * RECORD;
            while (offset < end) {
                MappedFile file = files.writableFile(offset);
                int at = (int) (offset - file.fromOffset());
                if (at + RECORD > FILE_SIZE) {
                    file.setWrotePosition(FILE_SIZE);
                    offset = file.fromOffset() + FILE_SIZE;
                    continue;
                }
                ByteBuffer buffer = file.buffer();
                for (int i = 0; i < RECORD; i++) {
                    buffer.put(at + i, valueAt(offset + i));
                }
                file.setWrotePosition(at + RECORD);
                offset += RECORD;
            }
            touching.set(false);
            toucher.join();
            assertEquals(2, files.files().size());
            for (MappedFile file : files.files()) {
                ByteBuffer buffer = file.buffer();
                for (int i = 0; i < FILE_SIZE; i++) {
                    long storeOffset = file.fromOffset() + i;
                    byte expected = i < file.wrotePosition() && isRecordByte(storeOffset)
                            ? valueAt(storeOffset) : 0;
                    if (buffer.get(i) != expected) {
                        assertEquals(expected, buffer.get(i), "byte at store offset " + storeOffset);
                    }
                }
            }
        } finally {
            touching.set(false);
            toucher.join();
            files.close();
        }
    }

    @Test
    void touchesThePagesAheadOfTheWritePositionAndLeavesWrittenBytesAlone() throws Exception {
        MappedFileQueue files = new MappedFileQueue(dir, FILE_SIZE);
        try {
            MappedFile file = files.writableFile(0);
            int ahead = 16 * MappedFile.PAGE_SIZE;
            // An append that got ahead of the service: 100 bytes at the start, and the first int of page 2.
            for (int i = 0; i < 100; i++) {
                file.buffer().put(i, (byte) 7);
            }
            file.buffer().putInt(2 * MappedFile.PAGE_SIZE, 0x01020304);
            file.setWrotePosition(100);
            PrefaultService prefault = new PrefaultService(files, ahead);
            assertEquals(ahead / MappedFile.PAGE_SIZE + 1, prefault.doWork(), "pages from the written one on");
            assertEquals(0, prefault.doWork(), "nothing new to touch");
            file.setWrotePosition(100 + 4 * MappedFile.PAGE_SIZE);
            assertEquals(0, prefault.doWork(), "less than half the margin used: no step per page written");
            file.setWrotePosition(100 + 9 * MappedFile.PAGE_SIZE);
            assertEquals(9, prefault.doWork(), "past half the margin: touched a whole margin ahead again");
            for (int i = 0; i < 100; i++) {
                assertEquals(7, file.buffer().get(i));
            }
            assertEquals(0x01020304, file.buffer().getInt(2 * MappedFile.PAGE_SIZE));
            for (int i = 100; i < FILE_SIZE; i++) {
                if (i < 2 * MappedFile.PAGE_SIZE || i >= 2 * MappedFile.PAGE_SIZE + Integer.BYTES) {
                    assertEquals(0, file.buffer().get(i), "byte " + i);
                }
            }
        } finally {
            files.close();
        }
    }

    /** Whether the test wrote a record byte at {@code storeOffset} (the second file starts with a record too). */
    private static boolean isRecordByte(long storeOffset) {
        long inFile = storeOffset % FILE_SIZE;
        return inFile < (FILE_SIZE / RECORD) * RECORD;
    }

    /** Never 0, so a byte the service zeroed would show. */
    private static byte valueAt(long storeOffset) {
        return (byte) (1 + storeOffset % 251);
    }
}
