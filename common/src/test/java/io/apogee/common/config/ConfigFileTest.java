package io.apogee.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

    @Test
    void changedKeysAreRewrittenInPlaceAndCommentsAndOtherKeysStay(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broker.conf");
        Files.writeString(file, String.join("\n", "# the broker's name", "brokerName = broker-a", "",
                "! an old-style comment", "fileReservedTime=72", "deleteWhen=04", "# trailing comment\\", "x=1"));
        Map<String, String> changes = new LinkedHashMap<>();
        changes.put("fileReservedTime", "48");
        changes.put("defaultQueryMaxNum", "16");

        ConfigFile.update(file, changes);

        assertEquals(List.of("# the broker's name", "brokerName = broker-a", "", "! an old-style comment",
                "fileReservedTime=48", "deleteWhen=04", "# trailing comment\\", "x=1", "defaultQueryMaxNum=16"),
                Files.readAllLines(file));
        assertEquals("48", ConfigBinder.load(file).getProperty("fileReservedTime"));
        assertFalse(Files.exists(dir.resolve("broker.conf.tmp")));
    }

    @Test
    void aContinuedValueIsReplacedWholeAndValuesAreEscaped(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broker.conf");
        Files.writeString(file, "namesrvAddr=a:9876;\\\n    b:9876\nbrokerName=b\n");

        ConfigFile.update(file, Map.of("namesrvAddr", "c:9876", "storePathRootDir", "C:\\store #1"));

        assertEquals(List.of("namesrvAddr=c\\:9876", "brokerName=b", "storePathRootDir=C\\:\\\\store \\#1"),
                Files.readAllLines(file));
        assertEquals("C:\\store #1", ConfigBinder.load(file).getProperty("storePathRootDir"));
        assertEquals("c:9876", ConfigBinder.load(file).getProperty("namesrvAddr"));
    }

    @Test
    void aMissingFileIsCreatedWithTheChangedKeys(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("conf").resolve("broker.conf");
        ConfigFile.update(file, Map.of("brokerPermission", "4"));
        assertEquals(List.of("brokerPermission=4"), Files.readAllLines(file));
    }
}
