package io.apogee.interop.broker;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.interop.fixture.ApacheClients;
import io.apogee.testsupport.TestCluster;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Test;

/** The official 4.9.8 admin's cleanUnusedTopicByAddr and deleteExpiredCommitLogByAddr against our broker. */
class StoreMaintenanceAdminTest {

    @Test
    void theCleanUpsSucceed() throws Exception {
        try (TestCluster cluster = TestCluster.builder().start()) {
            DefaultMQAdminExt admin = ApacheClients.admin(cluster.namesrvAddr());
            try {
                String broker = cluster.brokerAddr("broker-a");
                assertTrue(admin.cleanUnusedTopicByAddr(broker), "CLEAN_UNUSED_TOPIC");
                assertTrue(admin.deleteExpiredCommitLogByAddr(broker), "DELETE_EXPIRED_COMMITLOG");
            } finally {
                admin.shutdown();
            }
        }
    }
}
