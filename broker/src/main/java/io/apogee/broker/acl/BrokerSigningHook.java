package io.apogee.broker.acl;

import io.apogee.remoting.RpcHook;
import io.apogee.remoting.acl.AclSignature;
import io.apogee.remoting.protocol.RemotingCommand;

/**
 * Signs the requests a broker with ACL on sends itself, so that a slave's calls to its master (topics, groups,
 * offsets copied every 10 s) pass the master's ACL check: with the first {@code admin: true} account of the broker's
 * own plain_acl.yml (a cluster shares one file), read at each request so a reload takes effect. Without an admin
 * account the requests go unsigned.
 */
public final class BrokerSigningHook implements RpcHook {

    private final PlainAclFile file;

    public BrokerSigningHook(PlainAclFile file) {
        this.file = file;
    }

    /** The access key requests are signed with, or {@code null} when the file has no admin account. */
    public String accessKey() {
        AclAccountConfig account = signingAccount();
        return account == null ? null : account.accessKey();
    }

    private AclAccountConfig signingAccount() {
        return file.config().accounts().stream().filter(AclAccountConfig::admin).findFirst().orElse(null);
    }

    @Override
    public void doBeforeRequest(String remoteAddr, RemotingCommand request) {
        AclAccountConfig account = signingAccount();
        if (account != null && !request.isResponse()) {
            AclSignature.signRequest(request, account.accessKey(), account.secretKey(), null);
        }
    }

    @Override
    public void doAfterResponse(String remoteAddr, RemotingCommand request, RemotingCommand response) {
        // nothing to do with the answer
    }
}
