package io.apogee.interop.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.interop.distribution.Distribution.Result;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each server script of the unpacked tarball fails with one line on its output and a non-zero exit, before any
 * server starts, when Java is missing or too old, the {@code -c} file is missing, its port is taken or its store
 * cannot be written; the tools fail on a missing or old Java too, and the tools and mqshutdown say what is missing.
 */
class ScriptFailureTest extends UnpackedOnce {

    @ParameterizedTest
    @ValueSource(strings = {"mqnamesrv", "mqbroker", "mqstandalone", "mqadmin", "mqbench"})
    void noJavaOnPathNorJavaHome(String script) throws Exception {
        Map<String, String> env = dist.environment();
        env.put("JAVA_HOME", null);
        env.put("PATH", Files.createDirectories(tmp.resolve("empty-path")).toString());
        Result result = dist.run(env, List.of(bash(), dist.bin(script).toString()));
        assertOneLineFailure(result, script + ": no Java found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mqnamesrv", "mqbroker", "mqstandalone", "mqadmin", "mqbench"})
    void javaTooOld(String script) throws Exception {
        Path java = Files.createDirectories(tmp.resolve("java8/bin")).resolve("java");
        if (!Files.exists(java)) {
            Files.writeString(java, "#!/bin/sh\necho 'openjdk version \"1.8.0_412\"' >&2\n");
            Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Map<String, String> env = dist.environment();
        env.put("JAVA_HOME", tmp.resolve("java8").toString());
        assertOneLineFailure(dist.run(env, script), script + ": Java 8 at " + java + " is too old");
    }

    /** The version comes from the JDK's release file when it has one: its java is not even run. */
    @ParameterizedTest
    @ValueSource(strings = {"mqnamesrv", "mqbroker"})
    void javaTooOldByItsReleaseFile(String script) throws Exception {
        Path home = tmp.resolve("java11");
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        if (!Files.exists(java)) {
            Files.writeString(java, "#!/bin/sh\necho 'this java must not be run' >&2\nexit 1\n");
            Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"11.0.2\"\n");
        }
        Map<String, String> env = dist.environment();
        env.put("JAVA_HOME", home.toString());
        assertOneLineFailure(dist.run(env, script), script + ": Java 11 at " + java + " is too old");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mqnamesrv", "mqbroker", "mqstandalone"})
    void missingConfFile(String script) throws Exception {
        Path missing = tmp.resolve("no-such.conf");
        assertOneLineFailure(dist.run(dist.environment(), script, "-c", missing.toString()),
                script + ": config file " + missing + " not found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mqnamesrv", "mqbroker", "mqstandalone"})
    void portInUse(String script) throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();
            Path conf = Files.writeString(tmp.resolve(script + "-port.conf"), "listenPort=" + port
                    + "\nkvConfigPath=" + tmp.resolve("ns/kvConfig.json")
                    + "\nstorePathRootDir=" + tmp.resolve("store") + "\n");
            Result result = script.equals("mqstandalone")
                    ? dist.run(dist.environment(), script, "--namesrvPort", String.valueOf(port), "-d",
                            tmp.resolve("data").toString())
                    : dist.run(dist.environment(), script, "-c", conf.toString());
            assertOneLineFailure(result, script + ": port " + port + " (");
            assertTrue(result.output().contains("already in use"), result.output());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mqnamesrv", "mqbroker", "mqstandalone"})
    void storeDirectoryNotWritable(String script) throws Exception {
        // Below a regular file nothing can be created, whoever runs the test (root ignores permission bits).
        Path file = Files.writeString(tmp.resolve(script + "-a-file"), "x");
        Path conf = Files.writeString(tmp.resolve(script + "-store.conf"), "listenPort=0\nkvConfigPath="
                + file.resolve("namesrv/kvConfig.json") + "\nstorePathRootDir=" + file.resolve("store") + "\n");
        Result result = script.equals("mqstandalone")
                ? dist.run(dist.environment(), script, "-d", file.resolve("data").toString(), "--namesrvPort", "0",
                        "--brokerPort", "0")
                : dist.run(dist.environment(), script, "-c", conf.toString());
        assertOneLineFailure(result, script + ": cannot write ");
        assertTrue(result.output().contains(file + " is not a writable directory"), result.output());
    }

    @Test
    void shutdownWithNothingRunningOrNoRole() throws Exception {
        assertOneLineFailure(dist.run(dist.environment(), "mqshutdown", "broker"),
                "mqshutdown: no mqbroker running from " + dist.home().toRealPath());
        assertOneLineFailure(dist.run(dist.environment(), "mqshutdown"), "usage: mqshutdown namesrv|broker");
    }

    @Test
    void toolsSayWhatIsMissing() throws Exception {
        Map<String, String> env = dist.environment();
        env.put("NAMESRV_ADDR", null);
        Result admin = dist.run(env, "mqadmin");
        assertEquals(1, admin.exitCode(), admin.output());
        assertTrue(admin.output().contains("clusterList") && admin.output().contains("queryMsgByKey"),
                "mqadmin alone lists its sub-commands: " + admin.output());
        assertOneLineFailure(dist.run(env, "mqbench", "producer"), "mqbench: no NameServer address");
    }

    private static void assertOneLineFailure(Result result, String start) {
        assertNotEquals(0, result.exitCode(), result.output());
        assertEquals(1, result.output().lines().count(), "one line expected: " + result.output());
        assertTrue(result.output().startsWith(start), "expected '" + start + "...', got: " + result.output());
    }

    private static String bash() {
        return Files.isExecutable(Path.of("/bin/bash")) ? "/bin/bash" : "/usr/bin/bash";
    }
}
