package io.apogee.broker.longpolling;

import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.store.MessageFilter;
import io.netty.channel.Channel;
import java.util.concurrent.CompletableFuture;

/**
 * A pull that found nothing new and waits for a message or its deadline.
 *
 * @param channel        the consumer's connection
 * @param request        the original request, replayed without suspension
 * @param topic          the queue's topic
 * @param queueId        the queue id
 * @param offset         the offset the consumer wants next
 * @param filter         what the consumer subscribed to (tag codes)
 * @param deadlineMillis when to answer anyway
 * @param response       completed once with the answer, which the remoting endpoint writes
 */
public record HeldPull(Channel channel, RemotingCommand request, String topic, int queueId, long offset,
        MessageFilter filter, long deadlineMillis, CompletableFuture<RemotingCommand> response) {
}
