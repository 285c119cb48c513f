package io.apogee.interop.broker;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.interop.fixture.ApacheClients;
import io.apogee.interop.fixture.ClusterKind;
import io.apogee.testsupport.TestCluster;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The official 4.9.8 admin's cleanExpiredConsumerQueueByAddr, cleanUnusedTopicByAddr and
 * deleteExpiredCommitLogByAddr against Apache RocketMQ 4.9.7's broker and ours.
 */
class StoreMaintenanceAdminTest {

    @ParameterizedTest
    @EnumSource(ClusterKind.class)
    void theCleanUpsSucceed(ClusterKind kind) throws Exception {
        try (TestCluster cluster = kind.builder().clusterName("Maintenance" + kind.name()).start()) {
            DefaultMQAdminExt admin = ApacheClients.admin(cluster.namesrvAddr());
            try {
                String broker = cluster.brokerAddr("broker-a");
                assertTrue(admin.cleanExpiredConsumerQueueByAddr(broker), "CLEAN_EXPIRED_CONSUMEQUEUE");
                assertTrue(admin.cleanUnusedTopicByAddr(broker), "CLEAN_UNUSED_TOPIC");
                assertTrue(admin.deleteExpiredCommitLogByAddr(broker), "DELETE_EXPIRED_COMMITLOG");
            } finally {
                admin.shutdown();
            }
        }
    }
}
