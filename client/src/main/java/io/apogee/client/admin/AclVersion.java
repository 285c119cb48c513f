package io.apogee.client.admin;

/**
 * A broker's ACL file version (GET_BROKER_CLUSTER_ACL_INFO, {@code mqadmin clusterAclConfigVersion}).
 *
 * @param version           the data version as JSON ({@code {"counter":..,"timestamp":..}})
 * @param allAclFileVersion the version of each ACL file, by path, as JSON
 */
public record AclVersion(String clusterName, String brokerName, String brokerAddr, String version,
        String allAclFileVersion) {
}
