package io.apogee.remoting.protocol.header;

import io.apogee.remoting.protocol.CommandCustomHeader;
import io.apogee.remoting.protocol.Required;

/**
 * UPDATE_GLOBAL_WHITE_ADDRS_CONFIG (53) request: the {@code ,}-separated addresses, and the ACL file to write
 * (RocketMQ 4.9.8's {@code mqadmin} may name one; empty means the default file).
 */
public class UpdateGlobalWhiteAddrsConfigRequestHeader implements CommandCustomHeader {

    @Required
    private String globalWhiteAddrs;
    private String aclFileFullPath;

    public String getGlobalWhiteAddrs() {
        return globalWhiteAddrs;
    }

    public void setGlobalWhiteAddrs(String globalWhiteAddrs) {
        this.globalWhiteAddrs = globalWhiteAddrs;
    }

    public String getAclFileFullPath() {
        return aclFileFullPath;
    }

    public void setAclFileFullPath(String aclFileFullPath) {
        this.aclFileFullPath = aclFileFullPath;
    }
}
