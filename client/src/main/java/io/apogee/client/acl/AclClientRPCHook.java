package io.apogee.client.acl;

import io.apogee.remoting.RpcHook;
import io.apogee.remoting.acl.AclSignature;
import io.apogee.remoting.protocol.RemotingCommand;

/**
 * Signs every request a client sends for a broker with ACL on (RocketMQ 4.9's ACL 1.0, as its
 * {@code AclClientRPCHook} of the same name): adds {@code AccessKey}, {@code SecurityToken} when set, and the
 * {@code Signature} over the request (see {@link AclSignature}). Pass it to a producer, consumer or admin
 * constructor, e.g. {@code new DefaultMQProducer("group", new AclClientRPCHook(new SessionCredentials(ak, sk)))}.
 */
public class AclClientRPCHook implements RpcHook {

    private final SessionCredentials sessionCredentials;

    public AclClientRPCHook(SessionCredentials sessionCredentials) {
        this.sessionCredentials = sessionCredentials;
    }

    @Override
    public void doBeforeRequest(String remoteAddr, RemotingCommand request) {
        AclSignature.signRequest(request, sessionCredentials.getAccessKey(), sessionCredentials.getSecretKey(),
                sessionCredentials.getSecurityToken());
    }

    @Override
    public void doAfterResponse(String remoteAddr, RemotingCommand request, RemotingCommand response) {
        // nothing to do with the answer
    }

    public SessionCredentials getSessionCredentials() {
        return sessionCredentials;
    }
}
