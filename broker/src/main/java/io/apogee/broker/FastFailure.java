package io.apogee.broker;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.remoting.netty.FairRequestQueue;
import io.apogee.remoting.protocol.ResponseCode;
import java.util.function.Supplier;

/**
 * RocketMQ's broker fast failure: a send that has waited in the send queue longer than
 * {@code waitTimeMillsInSendQueue} is answered SYSTEM_BUSY at once (clients back off and retry) instead of being
 * stored late after its producer gave up.
 *
 * <p>The send queue takes connections in turn ({@link FairRequestQueue}), so the sends that waited longest are the
 * heads of the connections' lanes rather than the head of one FIFO: each scan expires every lane's sends queued at or
 * before {@code now - waitTimeMillsInSendQueue}, as RocketMQ's scan expires the head of its queue until one is young
 * enough.
 */
final class FastFailure implements Runnable {

    private final FairRequestQueue sendQueue;
    private final Supplier<BrokerConfig> config;

    FastFailure(FairRequestQueue sendQueue, Supplier<BrokerConfig> config) {
        this.sendQueue = sendQueue;
        this.config = config;
    }

    @Override
    public void run() {
        BrokerConfig live = config.get();
        if (!live.isBrokerFastFailureEnable()) {
            return;
        }
        long now = System.currentTimeMillis();
        long limit = live.getWaitTimeMillsInSendQueue();
        sendQueue.expireQueuedBy(now - limit, (task, left) -> task.reject(ResponseCode.SYSTEM_BUSY,
                remark(now - task.createdMillis(), left, limit)));
    }

    /**
     * RocketMQ's remark (its {@code [TIMEOUT_CLEAN_QUEUE]} prefix and figures kept as they are), then how long the
     * send waited, the key that bounds it and what to do.
     */
    static String remark(long waitedMillis, int queueSize, long limitMillis) {
        return String.format("[TIMEOUT_CLEAN_QUEUE]broker busy, start flow control for a while, period in queue: %sms,"
                + " size of queue: %d; the send waited %d ms in the broker's send queue, longer than"
                + " waitTimeMillsInSendQueue (%d ms): the broker stores sends slower than they arrive (a slow disk,"
                + " or too few sendMessageThreadPoolNums); raise waitTimeMillsInSendQueue or spread the load over more"
                + " brokers", waitedMillis, queueSize, waitedMillis, limitMillis);
    }
}
