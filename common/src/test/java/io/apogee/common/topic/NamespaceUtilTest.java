package io.apogee.common.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** RocketMQ's namespace naming: {@code ns%res}, retry and DLQ prefixes in front, system resources shared. */
class NamespaceUtilTest {

    @Test
    void wrapsTopicsGroupsAndRetryAndDeadLetterTopics() {
        assertEquals("ns1%Orders", NamespaceUtil.wrapNamespace("ns1", "Orders"));
        assertEquals("%RETRY%ns1%billing", NamespaceUtil.wrapNamespace("ns1", "%RETRY%billing"));
        assertEquals("%DLQ%ns1%billing", NamespaceUtil.wrapNamespace("ns1", "%DLQ%billing"));
        assertEquals("%RETRY%ns1%billing", NamespaceUtil.wrapNamespaceAndRetry("ns1", "billing"));
        assertNull(NamespaceUtil.wrapNamespaceAndRetry("ns1", ""));
    }

    @Test
    void leavesAlreadyWrappedEmptyAndSystemResourcesAlone() {
        assertEquals("ns1%Orders", NamespaceUtil.wrapNamespace("ns1", "ns1%Orders"));
        assertEquals("Orders", NamespaceUtil.wrapNamespace(null, "Orders"));
        assertEquals("Orders", NamespaceUtil.wrapNamespace("", "Orders"));
        assertNull(NamespaceUtil.wrapNamespace("ns1", null));
        assertEquals("TBW102", NamespaceUtil.wrapNamespace("ns1", "TBW102"));
        assertEquals("RMQ_SYS_TRACE_TOPIC", NamespaceUtil.wrapNamespace("ns1", "RMQ_SYS_TRACE_TOPIC"));
        assertEquals("rmq_sys_anything", NamespaceUtil.wrapNamespace("ns1", "rmq_sys_anything"));
        assertEquals("CID_RMQ_SYS_TRANS", NamespaceUtil.wrapNamespace("ns1", "CID_RMQ_SYS_TRANS"));
    }

    @Test
    void unwrapsOnlyItsOwnNamespace() {
        assertEquals("Orders", NamespaceUtil.withoutNamespace("ns1%Orders", "ns1"));
        assertEquals("%RETRY%billing", NamespaceUtil.withoutNamespace("%RETRY%ns1%billing", "ns1"));
        assertEquals("%DLQ%billing", NamespaceUtil.withoutNamespace("%DLQ%ns1%billing", "ns1"));
        assertEquals("ns2%Orders", NamespaceUtil.withoutNamespace("ns2%Orders", "ns1"));
        assertEquals("ns1%Orders", NamespaceUtil.withoutNamespace("ns1%Orders", null));
        assertEquals("Orders", NamespaceUtil.withoutNamespace("Orders", "ns1"));
    }

    @Test
    void unwrapsAnyNamespaceAndNamesIt() {
        assertEquals("Orders", NamespaceUtil.withoutNamespace("ns2%Orders"));
        assertEquals("%RETRY%billing", NamespaceUtil.withoutNamespace("%RETRY%ns2%billing"));
        assertEquals("%RETRY%billing", NamespaceUtil.withoutNamespace("%RETRY%billing"));
        assertEquals("ns2", NamespaceUtil.getNamespaceFromResource("%DLQ%ns2%billing"));
        assertEquals("", NamespaceUtil.getNamespaceFromResource("Orders"));
        assertEquals("", NamespaceUtil.getNamespaceFromResource("TBW102"));
        assertTrue(NamespaceUtil.isAlreadyWithNamespace("%RETRY%ns1%g", "ns1"));
        assertFalse(NamespaceUtil.isAlreadyWithNamespace("ns10%g", "ns1"));
    }
}
