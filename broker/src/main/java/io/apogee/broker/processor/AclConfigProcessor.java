package io.apogee.broker.processor;

import io.apogee.broker.acl.AclAdministration;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RemotingCommandException;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.header.CreateAccessConfigRequestHeader;
import io.apogee.remoting.protocol.header.DeleteAccessConfigRequestHeader;
import io.apogee.remoting.protocol.header.GetBrokerAclConfigResponseHeader;
import io.apogee.remoting.protocol.header.UpdateGlobalWhiteAddrsConfigRequestHeader;
import java.io.IOException;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ACL admin requests ({@code mqadmin updateAclConfig}, {@code deleteAccessConfig}, {@code updateGlobalWhiteAddr},
 * {@code clusterAclConfigVersion}): UPDATE_AND_CREATE_ACL_CONFIG, DELETE_ACL_CONFIG,
 * UPDATE_GLOBAL_WHITE_ADDRS_CONFIG and GET_BROKER_CLUSTER_ACL_INFO, answered with RocketMQ's codes (209, 210, 211
 * on failure) and a remark saying why. With ACL off each is refused saying so.
 */
public final class AclConfigProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(AclConfigProcessor.class);
    private static final String ACL_OFF = "ACL is off on this broker (aclEnable=false)";

    /** {@code null} when ACL is off. */
    private final AclAdministration acl;
    private final String brokerName;
    private final String clusterName;
    private final Supplier<String> brokerAddr;

    public AclConfigProcessor(AclAdministration acl, String brokerName, String clusterName,
            Supplier<String> brokerAddr) {
        this.acl = acl;
        this.brokerName = brokerName;
        this.clusterName = clusterName;
        this.brokerAddr = brokerAddr;
    }

    /** The ACL admin codes, each with its handler. */
    public Map<Integer, RequestProcessor> handlers() {
        return Map.of(
                RequestCode.UPDATE_AND_CREATE_ACL_CONFIG, (channel, request) -> change(request,
                        ResponseCode.UPDATE_AND_CREATE_ACL_CONFIG_FAILED, () -> {
                            CreateAccessConfigRequestHeader h =
                                    request.decodeHeader(CreateAccessConfigRequestHeader.class);
                            acl.updateAccount(h);
                            return "accessKey " + h.getAccessKey() + " updated";
                        }),
                RequestCode.DELETE_ACL_CONFIG, (channel, request) -> change(request,
                        ResponseCode.DELETE_ACL_CONFIG_FAILED, () -> {
                            String key = request.decodeHeader(DeleteAccessConfigRequestHeader.class).getAccessKey();
                            acl.deleteAccount(key);
                            return "accessKey " + key + " deleted";
                        }),
                RequestCode.UPDATE_GLOBAL_WHITE_ADDRS_CONFIG, (channel, request) -> change(request,
                        ResponseCode.UPDATE_GLOBAL_WHITE_ADDRS_CONFIG_FAILED, () -> {
                            UpdateGlobalWhiteAddrsConfigRequestHeader h =
                                    request.decodeHeader(UpdateGlobalWhiteAddrsConfigRequestHeader.class);
                            acl.updateGlobalWhiteAddresses(h.getGlobalWhiteAddrs(), h.getAclFileFullPath());
                            return "globalWhiteRemoteAddresses set to [" + h.getGlobalWhiteAddrs() + "]";
                        }),
                RequestCode.GET_BROKER_CLUSTER_ACL_INFO, (channel, request) -> version());
    }

    /** One change, answered SUCCESS or {@code failedCode} with why. */
    private RemotingCommand change(RemotingCommand request, int failedCode, Change change) {
        if (acl == null) {
            return RemotingCommand.response(failedCode, ACL_OFF);
        }
        try {
            String done = change.apply();
            LOG.info("ACL: {}", done);
            return RemotingCommand.response(ResponseCode.SUCCESS, null);
        } catch (RemotingCommandException | IllegalArgumentException e) {
            return RemotingCommand.response(failedCode, e.getMessage());
        } catch (IOException e) {
            LOG.error("ACL change of request code {} not written", request.code(), e);
            return RemotingCommand.response(failedCode, "the ACL file cannot be written: " + e.getMessage());
        }
    }

    private RemotingCommand version() {
        if (acl == null) {
            return RemotingCommand.response(ResponseCode.SYSTEM_ERROR, ACL_OFF);
        }
        GetBrokerAclConfigResponseHeader h = new GetBrokerAclConfigResponseHeader();
        h.setVersion(acl.versionJson());
        h.setAllAclFileVersion(acl.allFileVersionsJson());
        h.setBrokerName(brokerName);
        h.setBrokerAddr(brokerAddr.get());
        h.setClusterName(clusterName);
        return RemotingCommand.response(h);
    }

    @FunctionalInterface
    private interface Change {
        String apply() throws RemotingCommandException, IOException;
    }
}
