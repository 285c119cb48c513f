package io.apogee.broker;

import io.apogee.common.config.ConfigException;
import io.apogee.store.MessageStoreConfig;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks at start that every directory the broker writes below its store root can be written: the root, the commit
 * log ({@code storePathCommitLog} when set), {@code consumequeue}, {@code index} and {@code config}, and the files
 * already in them that the broker opens for writing (commit-log files, checkpoint, abort and config files). A
 * directory that is missing is created. The first problem stops the broker with one line naming the path, what is
 * wrong and the key to change; otherwise the broker would start and then fail every send ("create mapped file
 * failed") with the cause only in its log.
 *
 * <p>A directory counts as writable when a file can be created and deleted in it (a permission check alone would
 * pass for root, whom permissions do not stop, on a read-only mount).
 */
final class StoreDirectoryCheck {

    private static final String PROBE = ".apogee-write-check";

    private StoreDirectoryCheck() {
    }

    /**
     * @throws ConfigException naming {@code storePathRootDir} or {@code storePathCommitLog}, with the path and the fix
     */
    static void check(MessageStoreConfig store) {
        Path root = store.rootDir().toAbsolutePath();
        Map<Path, String> dirs = new LinkedHashMap<>();
        dirs.put(root, "storePathRootDir");
        dirs.put(store.commitLogDir().toAbsolutePath(),
                store.getStorePathCommitLog().isEmpty() ? "storePathRootDir" : "storePathCommitLog");
        for (String sub : new String[] {"consumequeue", "index", "config"}) {
            dirs.put(root.resolve(sub), "storePathRootDir");
        }
        dirs.forEach(StoreDirectoryCheck::checkDirectory);
    }

    private static void checkDirectory(Path dir, String key) {
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir)) {
            throw refused(key, dir, "is not a directory", "move it away");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw refused(key, dir, "cannot be created (" + reason(e) + ")", "create it writable for user "
                    + user());
        }
        try {
            Files.delete(Files.createTempFile(dir, PROBE, null));
        } catch (IOException e) {
            throw refused(key, dir, "is not writable (" + reason(e) + ")", "make it writable for user " + user());
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, Files::isRegularFile)) {
            for (Path file : files) {
                if (!Files.isWritable(file)) {
                    throw refused(key, file, "is not writable", "make it writable for user " + user());
                }
            }
        } catch (IOException e) {
            throw refused(key, dir, "cannot be listed (" + reason(e) + ")", "make it readable for user " + user());
        }
    }

    private static ConfigException refused(String key, Path path, String problem, String fix) {
        return new ConfigException(key, "store path " + path + " " + problem + ": " + fix + ", or set " + key
                + " to a directory the broker can write");
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs) {
            return fs.getReason() != null ? fs.getReason() : fs.getClass().getSimpleName();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String user() {
        return System.getProperty("user.name");
    }
}
