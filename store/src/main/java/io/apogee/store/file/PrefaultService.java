package io.apogee.store.file;

import io.apogee.common.service.ServiceLoop;

/**
 * Reads one byte of every page of the newest file ahead of its write position, so that the page faults that map a
 * new file's pages (the kernel zero-fills them, and a virtual machine may first have to back them) are taken on this
 * thread instead of under the append lock. It only reads, so it can never disturb an append in progress.
 *
 * <p>It touches in batches: nothing until the writer has used half of the touched margin, then the whole margin
 * again, so a steady stream of appends costs one step per half margin written, not one per page.
 */
public final class PrefaultService implements ServiceLoop {

    private final MappedFileQueue files;
    private final int ahead;
    private MappedFile file;
    private int touchedUpTo;
    /** Keeps the page reads from being optimized away. */
    private volatile long checksum;

    /**
     * @param files the files to stay ahead in
     * @param ahead how many bytes past the write position to keep touched
     */
    public PrefaultService(MappedFileQueue files, int ahead) {
        this.files = files;
        this.ahead = ahead;
    }

    @Override
    public String roleName() {
        return "ApogeePrefault";
    }

    @Override
    public int doWork() {
        MappedFile last = files.last();
        if (last == null) {
            return 0;
        }
        if (last != file) {
            file = last;
            touchedUpTo = 0;
        }
        int wrote = file.wrotePosition();
        if (touchedUpTo >= file.fileSize() || touchedUpTo - wrote > ahead / 2) {
            return 0;
        }
        int from = Math.max(touchedUpTo, wrote - wrote % MappedFile.PAGE_SIZE);
        int to = (int) Math.min(file.fileSize(), (long) wrote + ahead);
        long sum = 0;
        int pages = 0;
        for (int p = from; p < to; p += MappedFile.PAGE_SIZE) {
            sum += file.buffer().get(p);
            pages++;
        }
        touchedUpTo = Math.max(touchedUpTo, to);
        checksum += sum;
        return pages;
    }
}
