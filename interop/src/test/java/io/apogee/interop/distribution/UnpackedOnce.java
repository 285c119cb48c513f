package io.apogee.interop.distribution;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Base of test classes whose tests share one unpacked installation (none of them starts a server). */
abstract class UnpackedOnce {

    @TempDir
    static Path tmp;
    static Distribution dist;

    @BeforeAll
    static void unpack() throws Exception {
        dist = Distribution.unpack(tmp);
    }
}
