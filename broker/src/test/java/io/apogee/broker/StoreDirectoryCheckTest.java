package io.apogee.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.broker.config.BrokerConfigs;
import io.apogee.common.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A store directory the broker cannot write stops it at start, in one line naming the path and the fix. Tests run as
 * root too, whom file permissions do not stop: a directory is made read-only by its permissions when that is enough
 * (another user), else by a read-only bind mount of it (root; skipped, saying so, where mounting is not allowed).
 */
class StoreDirectoryCheckTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"commitlog", "consumequeue", "index", "config"})
    void aReadOnlyStoreDirectoryStopsTheBroker(String sub) throws Exception {
        Path target = Files.createDirectories(dir.resolve(sub));
        try (ReadOnly readOnly = ReadOnly.make(target)) {
            ConfigException e = assertThrows(ConfigException.class, () -> start(dir, new Properties()));
            assertEquals("storePathRootDir", e.key());
            assertOneLine(e);
            assertTrue(e.getMessage().contains("store path " + target + " is not writable (" + readOnly.reason
                    + "): make it writable for user "), e.getMessage());
            assertTrue(e.getMessage().endsWith("or set storePathRootDir to a directory the broker can write"),
                    e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"commitlog", "consumequeue", "index", "config"})
    void aFileWhereAStoreDirectoryBelongsStopsTheBroker(String sub) throws Exception {
        Path file = Files.writeString(dir.resolve(sub), "not a directory");
        ConfigException e = assertThrows(ConfigException.class, () -> start(dir, new Properties()));
        assertEquals("storePathRootDir", e.key());
        assertOneLine(e);
        assertTrue(e.getMessage().contains("store path " + file + " is not a directory: move it away"),
                e.getMessage());
    }

    @Test
    void aSeparateCommitLogDirectoryIsNamedByItsKey() throws Exception {
        Path commitLog = Files.writeString(dir.resolve("elsewhere"), "not a directory");
        Properties p = new Properties();
        p.setProperty("storePathCommitLog", commitLog.toString());
        ConfigException e = assertThrows(ConfigException.class, () -> start(dir.resolve("root"), p));
        assertEquals("storePathCommitLog", e.key());
        assertTrue(e.getMessage().endsWith("or set storePathCommitLog to a directory the broker can write"),
                e.getMessage());
    }

    @Test
    void missingDirectoriesAreCreated() throws Exception {
        Path root = dir.resolve("a/b/store");
        StoreDirectoryCheck.check(BrokerConfigs.bind(properties(root, new Properties())).store());
        for (String sub : List.of("commitlog", "consumequeue", "index", "config")) {
            assertTrue(Files.isDirectory(root.resolve(sub)), sub);
            try (var left = Files.list(root.resolve(sub))) {
                assertEquals(0, left.count(), "the write probe is deleted in " + sub);
            }
        }
    }

    private static void start(Path root, Properties extra) throws Exception {
        new BrokerFixture(root, extra).close();
    }

    private static Properties properties(Path root, Properties extra) {
        Properties p = new Properties();
        p.setProperty("storePathRootDir", root.toString());
        p.setProperty("listenPort", "0");
        p.putAll(extra);
        return p;
    }

    private static void assertOneLine(ConfigException e) {
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    /** A directory made read-only for this user; {@link #reason} is what writing to it answers. */
    private static final class ReadOnly implements AutoCloseable {
        final Path dir;
        final String reason;
        final boolean mounted;

        private ReadOnly(Path dir, String reason, boolean mounted) {
            this.dir = dir;
            this.reason = reason;
            this.mounted = mounted;
        }

        static ReadOnly make(Path dir) throws Exception {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
            if (!writable(dir)) {
                return new ReadOnly(dir, "permission denied", false);
            }
            // Root: permissions do not stop it, a read-only mount does.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            boolean bound = run("mount", "--bind", dir.toString(), dir.toString());
            if (bound && run("mount", "-o", "remount,ro,bind", dir.toString())) {
                return new ReadOnly(dir, "Read-only file system", true);
            }
            if (bound) {
                run("umount", dir.toString());
            }
            Assumptions.abort("running as " + System.getProperty("user.name") + ", whom permissions do not stop, "
                    + "and a read-only bind mount is not allowed here: cannot make " + dir + " read-only");
            throw new AssertionError("unreachable");
        }

        private static boolean writable(Path dir) {
            try {
                Files.delete(Files.createTempFile(dir, "probe", null));
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        private static boolean run(String... command) throws Exception {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().transferTo(System.out);
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        }

        @Override
        public void close() throws Exception {
            if (mounted) {
                assertTrue(run("umount", dir.toString()), "umount " + dir);
            }
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
