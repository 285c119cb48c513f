package io.apogee.client.producer;

import io.apogee.client.MQBrokerException;
import io.apogee.client.MQClientException;
import io.apogee.client.impl.LatencyFaultTolerance;
import io.apogee.client.impl.MQClientInstance;
import io.apogee.client.impl.MQProducerInner;
import io.apogee.client.impl.TopicPublishInfo;
import io.apogee.client.impl.UnboundLoggingWarning;
import io.apogee.client.impl.api.AdminApi;
import io.apogee.client.utils.MessageUtil;
import io.apogee.common.message.Message;
import io.apogee.common.message.MessageProperty;
import io.apogee.common.message.PropertiesCodec;
import io.apogee.common.message.MessageExt;
import io.apogee.remoting.exception.RemotingException;
import io.apogee.remoting.exception.RemotingTimeoutException;
import io.apogee.remoting.exception.RemotingTooMuchRequestException;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.common.message.MessageQueue;
import io.apogee.remoting.protocol.header.CheckTransactionStateRequestHeader;
import io.apogee.remoting.protocol.header.SendMessageRequestHeader;
import io.apogee.remoting.protocol.header.SendMessageRequestHeaderV2;
import io.apogee.common.route.TopicRouteData;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sending engine behind {@link DefaultMQProducer}: finds the topic's queues, picks one (round robin, avoiding
 * the broker that just failed and, with latency fault tolerance, brokers that were slow), encodes the request and
 * retries on another queue within the producer's retry budget.
 */
class MessageSender implements MQProducerInner {

    private static final Logger LOG = LoggerFactory.getLogger(MessageSender.class);
    private final DefaultMQProducer config;
    private final MQClientInstance instance;
    private final Map<String, TopicPublishInfo> publishInfos = new ConcurrentHashMap<>();
    private final LatencyFaultTolerance latency;

    MessageSender(DefaultMQProducer config, MQClientInstance instance) {
        this.config = config;
        this.instance = instance;
        this.latency = config.latencyFaultTolerance();
    }

    @Override
    public String groupName() {
        return config.getProducerGroup();
    }

    @Override
    public Set<String> publishTopics() {
        return publishInfos.keySet();
    }

    @Override
    public void updateTopicPublishInfo(String topic, TopicPublishInfo info) {
        publishInfos.computeIfPresent(topic, (t, old) -> info);
    }

    @Override
    public void checkTransactionState(String brokerAddr, MessageExt message,
            CheckTransactionStateRequestHeader header) {
        config.checkTransactionState(brokerAddr, message, header);
    }

    MQClientInstance instance() {
        return instance;
    }

    /** The topic's publish queues, from the cache or (first use) the NameServer, with the TBW102 fallback. */
    TopicPublishInfo publishInfo(String topic) throws MQClientException {
        TopicPublishInfo info = publishInfos.get(topic);
        if (info == null || !info.ok()) {
            publishInfos.putIfAbsent(topic, TopicPublishInfo.empty());
            instance.updateTopicRoute(topic, config.getDefaultTopicQueueNums());
            TopicRouteData route = instance.route(topic);
            if (route != null) {
                publishInfos.put(topic, TopicPublishInfo.of(topic, route));
            }
            info = publishInfos.get(topic);
        }
        if (info == null || !info.ok()) {
            throw new MQClientException(ResponseCode.TOPIC_NOT_EXIST, "No route info of this topic: " + topic
                    + instance.explainNoRoute(topic));
        }
        return info;
    }

    /** Sends with retries on other queues; the whole call is bounded by {@code timeoutMillis}. */
    SendResult sendWithRetry(OutgoingMessage out, long timeoutMillis)
            throws MQClientException, RemotingException, MQBrokerException, InterruptedException {
        long start = System.currentTimeMillis();
        TopicPublishInfo info;
        try {
            info = publishInfo(out.topic());
        } catch (MQClientException e) {
            UnboundLoggingWarning.process().onFailure("send to topic " + out.topic(), e);
            throw e;
        }
        int attempts = 1 + config.getRetryTimesWhenSendFailed();
        String lastBroker = null;
        Exception last = null;
        for (int attempt = 0; attempt < attempts; attempt++) {
            MessageQueue mq = selectQueue(info, lastBroker);
            long left = timeoutMillis - (System.currentTimeMillis() - start);
            if (left <= 0) {
                break;
            }
            long sendStart = System.currentTimeMillis();
            try {
                SendResult result = sendToQueue(out, mq, left);
                latency.update(mq.getBrokerName(), System.currentTimeMillis() - sendStart, false);
                if (result.getSendStatus() != SendStatus.SEND_OK && config.isRetryAnotherBrokerWhenNotStoreOK()) {
                    lastBroker = mq.getBrokerName();
                    continue;
                }
                return result;
            } catch (RemotingException | MQClientException e) {
                latency.update(mq.getBrokerName(), System.currentTimeMillis() - sendStart, true);
                LOG.warn("send of {} to {} failed, attempt {}: {}", out.uniqueIds(), mq, attempt + 1, e.getMessage());
                UnboundLoggingWarning.process().onFailure("send to " + mq, e);
                last = e;
            } catch (MQBrokerException e) {
                latency.update(mq.getBrokerName(), System.currentTimeMillis() - sendStart, true);
                UnboundLoggingWarning.process().onFailure("send to " + mq, e);
                if (!config.getRetryResponseCodes().contains(e.getResponseCode())) {
                    throw e;
                }
                last = e;
            }
            lastBroker = mq.getBrokerName();
        }
        if (last == null) {
            throw new RemotingTimeoutException("sending to topic " + out.topic() + " used up the " + timeoutMillis
                    + " ms timeout");
        }
        throw new MQClientException("Send [" + attempts + "] times, still failed, topic " + out.topic() + ": "
                + last.getMessage(), last);
    }

    /**
     * Starts an asynchronous send: on the producer's {@code asyncSenderExecutor} when it has one (the call returns
     * at once), else on the calling thread; {@code callback} then runs on its {@code callbackExecutor} when it has
     * one. Failures are retried on another queue (the same one for a {@code fixedQueue}) up to {@code retries} times.
     *
     * @throws MQClientException when the {@code asyncSenderExecutor} rejects the send
     */
    void sendAsync(OutgoingMessage out, MessageQueue fixedQueue, SendCallback callback, long timeoutMillis,
            int retries) throws MQClientException {
        SendCallback target = onCallbackExecutor(callback, config.callbackExecutor());
        ExecutorService senders = config.asyncSenderExecutor();
        if (senders == null) {
            sendAsyncWithRetry(out, fixedQueue, target, timeoutMillis, retries, null);
            return;
        }
        long submitted = System.currentTimeMillis();
        try {
            senders.execute(() -> {
                long left = timeoutMillis - (System.currentTimeMillis() - submitted);
                if (left <= 0) {
                    target.onException(new RemotingTooMuchRequestException("DEFAULT ASYNC send call timeout: "
                            + timeoutMillis + " ms went by before the asyncSenderExecutor ran the send"));
                } else {
                    sendAsyncWithRetry(out, fixedQueue, target, left, retries, null);
                }
            });
        } catch (RejectedExecutionException e) {
            throw new MQClientException("executor rejected: the asyncSenderExecutor refused the send of "
                    + out.uniqueIds() + "; give it a larger queue or more threads", e);
        }
    }

    /** {@code callback} run on {@code executor}, or on the calling thread when there is none or it refuses. */
    private static SendCallback onCallbackExecutor(SendCallback callback, ExecutorService executor) {
        if (executor == null) {
            return callback;
        }
        return new SendCallback() {
            @Override
            public void onSuccess(SendResult sendResult) {
                run(() -> callback.onSuccess(sendResult));
            }

            @Override
            public void onException(Throwable e) {
                run(() -> callback.onException(e));
            }

            private void run(Runnable task) {
                try {
                    executor.execute(task);
                } catch (RejectedExecutionException e) {
                    LOG.warn("callbackExecutor refused a send callback, running it on this thread: {}", e.toString());
                    task.run();
                }
            }
        };
    }

    /** Asynchronous send; failures are retried on another queue up to {@code retriesLeft} times. */
    private void sendAsyncWithRetry(OutgoingMessage out, MessageQueue fixedQueue, SendCallback callback,
            long timeoutMillis, int retriesLeft, String avoidBroker) {
        MessageQueue mq;
        try {
            mq = fixedQueue != null ? fixedQueue : selectQueue(publishInfo(out.topic()), avoidBroker);
            sendAsyncToQueue(out, mq, timeoutMillis, callback, retriesLeft, fixedQueue);
        } catch (MQClientException | RemotingException e) {
            UnboundLoggingWarning.process().onFailure("send to topic " + out.topic(), e);
            callback.onException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            callback.onException(e);
        }
    }

    private void sendAsyncToQueue(OutgoingMessage out, MessageQueue mq, long timeoutMillis, SendCallback callback,
            int retriesLeft, MessageQueue fixedQueue)
            throws MQClientException, RemotingException, InterruptedException {
        String addr = brokerAddr(mq);
        long start = System.currentTimeMillis();
        instance.remoting().invokeAsync(addr, request(out, mq), timeoutMillis, (response, failure) -> {
            if (failure == null) {
                try {
                    SendResult result = SendResponses.toResult(response, out, mq, addr, config.getNamespace());
                    latency.update(mq.getBrokerName(), System.currentTimeMillis() - start, false);
                    trace(out, addr, start, result);
                    callback.onSuccess(result);
                    return;
                } catch (MQBrokerException e) {
                    if (!config.getRetryResponseCodes().contains(e.getResponseCode()) || retriesLeft <= 0) {
                        UnboundLoggingWarning.process().onFailure("send to " + mq, e);
                        callback.onException(e);
                        return;
                    }
                }
            } else if (retriesLeft <= 0) {
                latency.update(mq.getBrokerName(), System.currentTimeMillis() - start, true);
                UnboundLoggingWarning.process().onFailure("send to " + mq, failure);
                callback.onException(failure);
                return;
            }
            latency.update(mq.getBrokerName(), System.currentTimeMillis() - start, true);
            sendAsyncWithRetry(out, fixedQueue, callback, timeoutMillis, retriesLeft - 1, mq.getBrokerName());
        });
    }

    /** One attempt to one queue, synchronously. */
    SendResult sendToQueue(OutgoingMessage out, MessageQueue mq, long timeoutMillis)
            throws MQClientException, RemotingException, MQBrokerException, InterruptedException {
        String addr = brokerAddr(mq);
        long start = System.currentTimeMillis();
        RemotingCommand response = instance.remoting().invokeSync(addr, request(out, mq), timeoutMillis);
        SendResult result = SendResponses.toResult(response, out, mq, addr, config.getNamespace());
        trace(out, addr, start, result);
        return result;
    }

    /** Queues the {@code Pub} trace of a send (one for a batch) when this producer traces and the broker allows. */
    private void trace(OutgoingMessage out, String addr, long start, SendResult result) {
        TraceDispatcher traces = config.getTraceDispatcher();
        if (traces == null || result.getRegionId() == null || !result.isTraceOn()) {
            return;
        }
        try {
            Message sent = new Message();
            sent.setTopic(out.topic());
            sent.setProperties(PropertiesCodec.decode(out.properties()));
            traces.append(TraceEncoder.pub(config.getProducerGroup(), sent, out.body().length, addr, start, result));
        } catch (RuntimeException e) {
            LOG.warn("no trace of {}: {}", out.uniqueIds(), e.toString());
        }
    }

    /** One oneway send to one queue: no answer, no retry. */
    void sendOnewayToQueue(OutgoingMessage out, MessageQueue mq, long timeoutMillis)
            throws MQClientException, RemotingException, InterruptedException {
        instance.remoting().invokeOneway(brokerAddr(mq), request(out, mq), timeoutMillis);
    }

    /** The next queue to use, skipping {@code avoidBroker} and (when enabled) brokers that recently misbehaved. */
    MessageQueue selectQueue(TopicPublishInfo info, String avoidBroker) {
        if (config.isSendLatencyFaultEnable()) {
            return info.selectQueue(avoidBroker, latency::isAvailable);
        }
        return info.selectQueue(avoidBroker, broker -> true);
    }

    private String brokerAddr(MessageQueue mq) throws MQClientException {
        String addr = instance.findBrokerAddressInPublish(mq.getBrokerName());
        if (addr == null) {
            instance.updateTopicRoute(mq.getTopic(), config.getDefaultTopicQueueNums());
            addr = instance.findBrokerAddressInPublish(mq.getBrokerName());
        }
        if (addr == null) {
            throw new MQClientException(ResponseCode.SYSTEM_ERROR, "The broker[" + mq.getBrokerName()
                    + "] not exist");
        }
        return config.isSendMessageWithVIPChannel() ? AdminApi.vipAddress(addr) : addr;
    }

    /** A reply to a request ({@code MSG_TYPE=reply}) goes as SEND_REPLY_MESSAGE_V2, as RocketMQ 4.9 sends it. */
    private static boolean isReply(OutgoingMessage out) {
        return MessageUtil.REPLY_MESSAGE_FLAG.equals(PropertiesCodec.find(out.properties(),
                MessageProperty.MESSAGE_TYPE));
    }

    private RemotingCommand request(OutgoingMessage out, MessageQueue mq) {
        SendMessageRequestHeader header = new SendMessageRequestHeader();
        header.setProducerGroup(config.getProducerGroup());
        header.setTopic(out.topic());
        header.setDefaultTopic(config.getCreateTopicKey());
        header.setDefaultTopicQueueNums(config.getDefaultTopicQueueNums());
        header.setQueueId(mq.getQueueId());
        header.setSysFlag(out.sysFlag());
        header.setBornTimestamp(System.currentTimeMillis());
        header.setFlag(out.flag());
        header.setProperties(out.properties());
        header.setReconsumeTimes(0);
        header.setBatch(out.batch());
        header.setBname(mq.getBrokerName());
        header.setUnitMode(config.isUnitMode());
        int code = out.batch() ? RequestCode.SEND_BATCH_MESSAGE
                : isReply(out) ? RequestCode.SEND_REPLY_MESSAGE_V2 : RequestCode.SEND_MESSAGE_V2;
        return RemotingCommand.request(code, SendMessageRequestHeaderV2.fromV1(header)).body(out.body());
    }
}
