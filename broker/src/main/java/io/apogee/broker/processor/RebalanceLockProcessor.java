package io.apogee.broker.processor;

import io.apogee.broker.lock.RebalanceLockManager;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.LockBatchRequestBody;
import io.apogee.remoting.protocol.body.LockBatchResponseBody;
import io.apogee.remoting.protocol.body.UnlockBatchRequestBody;
import java.util.Map;

/** LOCK_BATCH_MQ and UNLOCK_BATCH_MQ: orderly consumers' queue locks, kept by {@link RebalanceLockManager}. */
public final class RebalanceLockProcessor {

    private final RebalanceLockManager locks;

    public RebalanceLockProcessor(RebalanceLockManager locks) {
        this.locks = locks;
    }

    /** LOCK_BATCH_MQ and UNLOCK_BATCH_MQ, each with its handler. */
    public Map<Integer, RequestProcessor> handlers() {
        return Map.of(
                RequestCode.LOCK_BATCH_MQ, (channel, request) -> lock(request),
                RequestCode.UNLOCK_BATCH_MQ, (channel, request) -> unlock(request));
    }

    private RemotingCommand lock(RemotingCommand request) {
        if (request.body() == null) {
            return noBody();
        }
        LockBatchRequestBody body = LockBatchRequestBody.decode(request.body());
        LockBatchResponseBody answer = new LockBatchResponseBody();
        answer.setLockOKMQSet(locks.tryLock(body.getConsumerGroup(), body.getMqSet(), body.getClientId()));
        return RemotingCommand.response(ResponseCode.SUCCESS, null).body(answer.encode());
    }

    private RemotingCommand unlock(RemotingCommand request) {
        if (request.body() == null) {
            return noBody();
        }
        UnlockBatchRequestBody body = UnlockBatchRequestBody.decode(request.body());
        locks.unlock(body.getConsumerGroup(), body.getMqSet(), body.getClientId());
        return RemotingCommand.response(ResponseCode.SUCCESS, null);
    }

    private static RemotingCommand noBody() {
        return StatusResponses.error(ResponseCode.SYSTEM_ERROR, "the lock request has no body");
    }
}
