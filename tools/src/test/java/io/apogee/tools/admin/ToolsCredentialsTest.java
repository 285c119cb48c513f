package io.apogee.tools.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.apogee.client.acl.SessionCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mqadmin's ACL credentials: the options, else RocketMQ's conf/tools.yml. */
class ToolsCredentialsTest {

    @TempDir
    Path dir;

    @Test
    void optionsComeFirstAndGoInPairs() throws Exception {
        SessionCredentials c = ToolsCredentials.find("ops-admin", "ops-secret");
        assertEquals("ops-admin", c.getAccessKey());
        assertEquals("ops-secret", c.getSecretKey());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ToolsCredentials.find("ops-admin", null));
        assertEquals("give both --accessKey and --secretKey", e.getMessage());
    }

    @Test
    void readsToolsYml() throws Exception {
        Path file = dir.resolve("tools.yml");
        Files.writeString(file, "# the admin account\naccessKey: rocketmq2\nsecretKey: '12345678'\n");
        SessionCredentials c = ToolsCredentials.read(file);
        assertEquals("rocketmq2", c.getAccessKey());
        assertEquals("12345678", c.getSecretKey());
        Files.writeString(file, "accessKey: rocketmq2\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ToolsCredentials.read(file));
        assertEquals(file + " needs both accessKey and secretKey", e.getMessage());
    }

    @Test
    void theShippedFileReads() throws Exception {
        SessionCredentials c = ToolsCredentials.read(Path.of("..", "distribution", "src", "main", "conf",
                ToolsCredentials.TOOLS_FILE.substring("conf/".length())));
        assertEquals("apogee-admin", c.getAccessKey());
        assertNull(c.getSecurityToken());
    }
}
