package io.apogee.broker;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.remoting.netty.RequestTask;
import io.apogee.remoting.protocol.ResponseCode;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.Supplier;

/**
 * RocketMQ's broker fast failure: a send that has waited in the send queue longer than
 * {@code waitTimeMillsInSendQueue} is answered SYSTEM_BUSY at once (clients back off and retry) instead of being
 * stored late after its producer gave up.
 */
final class FastFailure implements Runnable {

    private final ThreadPoolExecutor sendExecutor;
    private final Supplier<BrokerConfig> config;

    FastFailure(ThreadPoolExecutor sendExecutor, Supplier<BrokerConfig> config) {
        this.sendExecutor = sendExecutor;
        this.config = config;
    }

    @Override
    public void run() {
        if (!config.get().isBrokerFastFailureEnable()) {
            return;
        }
        BlockingQueue<Runnable> queue = sendExecutor.getQueue();
        long now = System.currentTimeMillis();
        long limit = config.get().getWaitTimeMillsInSendQueue();
        while (queue.peek() instanceof RequestTask task) {
            long waited = now - task.createdMillis();
            if (waited < limit) {
                return;
            }
            if (queue.remove(task)) {
                task.reject(ResponseCode.SYSTEM_BUSY, remark(waited, queue.size(), limit));
            }
        }
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
