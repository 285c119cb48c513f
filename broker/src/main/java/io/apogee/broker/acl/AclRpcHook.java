package io.apogee.broker.acl;

import io.apogee.remoting.RequestRefusedException;
import io.apogee.remoting.RpcHook;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCodeNames;
import io.apogee.remoting.protocol.ResponseCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's ACL check, run before every request is processed: a request {@link AccessValidator} refuses is
 * answered {@code NO_PERMISSION} with the refusal as remark, and logged at INFO with the peer.
 */
public final class AclRpcHook implements RpcHook {

    private static final Logger LOG = LoggerFactory.getLogger(AclRpcHook.class);

    private final AccessValidator validator;

    public AclRpcHook(AccessValidator validator) {
        this.validator = validator;
    }

    @Override
    public void doBeforeRequest(String remoteAddr, RemotingCommand request) {
        if (request.isResponse()) {
            return;
        }
        String refusal = validator.refusal(remoteAddr, request);
        if (refusal != null) {
            LOG.info("{} from {} refused: {}", RequestCodeNames.of(request.code()), remoteAddr, refusal);
            throw new RequestRefusedException(ResponseCode.NO_PERMISSION, refusal);
        }
    }

    /** The broker's own requests to its clients (notifications, check-backs) are not judged. */
    @Override
    public boolean seesRequestsSent() {
        return false;
    }

    @Override
    public void doAfterResponse(String remoteAddr, RemotingCommand request, RemotingCommand response) {
        // nothing to do once answered
    }
}
