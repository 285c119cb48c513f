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
        while (queue.peek() instanceof RequestTask task) {
            long waited = now - task.createdMillis();
            if (waited < config.get().getWaitTimeMillsInSendQueue()) {
                return;
            }
            if (queue.remove(task)) {
                task.reject(ResponseCode.SYSTEM_BUSY, String.format("[TIMEOUT_CLEAN_QUEUE]broker busy, start flow "
                        + "control for a while, period in queue: %sms, size of queue: %d", waited, queue.size()));
            }
        }
    }
}
