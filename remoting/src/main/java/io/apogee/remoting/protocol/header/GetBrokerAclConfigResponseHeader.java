package io.apogee.remoting.protocol.header;

import io.apogee.remoting.protocol.CommandCustomHeader;

/**
 * GET_BROKER_CLUSTER_ACL_INFO (52) response: the ACL file's data version as JSON ({@code version}), the version of
 * each ACL file by path as a JSON object ({@code allAclFileVersion}), and which broker answered.
 */
public class GetBrokerAclConfigResponseHeader implements CommandCustomHeader {

    private String version;
    private String allAclFileVersion;
    private String brokerName;
    private String brokerAddr;
    private String clusterName;

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public String getAllAclFileVersion() {
        return allAclFileVersion;
    }

    public void setAllAclFileVersion(String allAclFileVersion) {
        this.allAclFileVersion = allAclFileVersion;
    }

    public String getBrokerName() {
        return brokerName;
    }

    public void setBrokerName(String brokerName) {
        this.brokerName = brokerName;
    }

    public String getBrokerAddr() {
        return brokerAddr;
    }

    public void setBrokerAddr(String brokerAddr) {
        this.brokerAddr = brokerAddr;
    }

    public String getClusterName() {
        return clusterName;
    }

    public void setClusterName(String clusterName) {
        this.clusterName = clusterName;
    }
}
