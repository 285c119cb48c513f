package io.apogee.client.admin;

import io.apogee.common.route.BrokerData;

/**
 * One broker process of {@link ClusterOverview}: where it is and either its figures or why they are missing.
 *
 * @param clusterName the cluster it registered in
 * @param brokerName its broker name (master and slaves share it)
 * @param brokerId 0 for the master, above 0 for a slave
 * @param addr the address it registered
 * @param figures what it reported, or {@code null} when it did not answer
 * @param error why it did not answer, or {@code null} when it did
 */
public record BrokerOverview(String clusterName, String brokerName, long brokerId, String addr,
        BrokerFigures figures, String error) {

    /** Whether the broker answered (then {@link #figures()} is set, otherwise {@link #error()}). */
    public boolean answered() {
        return figures != null;
    }

    public boolean master() {
        return brokerId == BrokerData.MASTER_ID;
    }
}
