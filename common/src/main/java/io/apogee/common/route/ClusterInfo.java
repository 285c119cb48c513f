package io.apogee.common.route;

import io.apogee.common.route.BrokerData;
import java.util.Map;
import java.util.Set;

/**
 * GET_BROKER_CLUSTER_INFO's body.
 *
 * @param brokerAddrTable  broker name to its brokers
 * @param clusterAddrTable cluster name to its broker names
 */
public record ClusterInfo(Map<String, BrokerData> brokerAddrTable, Map<String, Set<String>> clusterAddrTable) {
}
