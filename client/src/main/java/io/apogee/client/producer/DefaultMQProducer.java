package io.apogee.client.producer;

import io.apogee.client.MQBrokerException;
import io.apogee.client.MQClientException;
import io.apogee.client.RequestTimeoutException;
import io.apogee.client.acl.AclClientRPCHook;
import io.apogee.client.admin.MQAdminClient;
import io.apogee.client.acl.SessionCredentials;
import io.apogee.client.impl.LatencyFaultTolerance;
import io.apogee.client.impl.MQClientInstance;
import io.apogee.client.impl.MQClientManager;
import io.apogee.common.message.Message;
import io.apogee.common.message.MessageBatch;
import io.apogee.common.message.MessageQueue;
import io.apogee.common.message.MessageExt;
import io.apogee.common.topic.SystemTopics;
import io.apogee.common.topic.TopicValidator;
import io.apogee.remoting.RpcHook;
import io.apogee.remoting.exception.RemotingException;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.header.CheckTransactionStateRequestHeader;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends messages: synchronously (with retries on other queues and brokers), asynchronously or oneway, to a queue
 * of the producer's choosing, through a {@link MessageQueueSelector}, or in batches; and sends requests whose replies
 * it waits for ({@code request}). Configure, {@link #start()}, send from any number of threads, {@link #shutdown()}.
 */
public class DefaultMQProducer extends MQAdminClient implements MQProducer {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultMQProducer.class);

    private String producerGroup;
    private String createTopicKey = SystemTopics.AUTO_CREATE_TOPIC_KEY;
    private int defaultTopicQueueNums = 4;
    private int sendMsgTimeout = 3000;
    private int compressMsgBodyOverHowmuch = 4096;
    private int retryTimesWhenSendFailed = 2;
    private int retryTimesWhenSendAsyncFailed = 2;
    private boolean retryAnotherBrokerWhenNotStoreOK;
    private int maxMessageSize = 4 * 1024 * 1024;
    private boolean sendLatencyFaultEnable;
    /** Broker answers retried on another queue; RocketMQ 4.9.8's six (NO_BUYER_ID 204, NOT_IN_CURRENT_UNIT 205). */
    private final Set<Integer> retryResponseCodes = new CopyOnWriteArraySet<>(List.of(ResponseCode.TOPIC_NOT_EXIST,
            ResponseCode.SERVICE_NOT_AVAILABLE, ResponseCode.SYSTEM_ERROR, ResponseCode.NO_PERMISSION, 204, 205));
    private final LatencyFaultTolerance latencyFaultTolerance = new LatencyFaultTolerance();
    private volatile ExecutorService callbackExecutor;
    private volatile ExecutorService asyncSenderExecutor;
    private volatile MessageSender sender;
    private final RpcHook rpcHook;
    private final TraceDispatcher traceDispatcher;

    public DefaultMQProducer() {
        this("DEFAULT_PRODUCER");
    }

    public DefaultMQProducer(String producerGroup) {
        this(producerGroup, (RpcHook) null);
    }

    /** {@code rpcHook} runs on every request this client sends (an {@code AclClientRPCHook} signs them). */
    public DefaultMQProducer(RpcHook rpcHook) {
        this("DEFAULT_PRODUCER", rpcHook);
    }

    /** {@code rpcHook} runs on every request this client sends (an {@code AclClientRPCHook} signs them). */
    public DefaultMQProducer(String producerGroup, RpcHook rpcHook) {
        this(producerGroup, rpcHook, false, null);
    }

    /** With {@code enableMsgTrace}, every send is traced to {@code RMQ_SYS_TRACE_TOPIC} (see below). */
    public DefaultMQProducer(String producerGroup, boolean enableMsgTrace) {
        this(producerGroup, null, enableMsgTrace, null);
    }

    /**
     * With {@code enableMsgTrace}, each send answered by a broker is recorded (a RocketMQ {@code Pub} trace
     * record) in {@code customizedTraceTopic}, or {@code RMQ_SYS_TRACE_TOPIC} when it is null: asynchronously, never
     * holding up or failing the send.
     */
    public DefaultMQProducer(String producerGroup, boolean enableMsgTrace, String customizedTraceTopic) {
        this(producerGroup, null, enableMsgTrace, customizedTraceTopic);
    }

    /** {@code rpcHook} runs on every request, traces included; tracing as above. */
    public DefaultMQProducer(String producerGroup, RpcHook rpcHook, boolean enableMsgTrace,
            String customizedTraceTopic) {
        this.producerGroup = producerGroup;
        this.rpcHook = rpcHook;
        this.traceDispatcher = enableMsgTrace
                ? new TraceDispatcher(producerGroup, TraceDispatcher.Type.PRODUCE, customizedTraceTopic, rpcHook)
                : null;
    }

    /** In {@code namespace}: its topics and group are {@code namespace%name} on the wire. */
    public DefaultMQProducer(String namespace, String producerGroup) {
        this(namespace, producerGroup, null);
    }

    public DefaultMQProducer(String namespace, String producerGroup, RpcHook rpcHook) {
        this(namespace, producerGroup, rpcHook, false, null);
    }

    /** In {@code namespace}, with a hook and tracing as above. */
    public DefaultMQProducer(String namespace, String producerGroup, RpcHook rpcHook, boolean enableMsgTrace,
            String customizedTraceTopic) {
        this(producerGroup, rpcHook, enableMsgTrace, customizedTraceTopic);
        setNamespace(namespace);
    }

    /** Signs every request with {@code credentials} (an {@link AclClientRPCHook}). */
    public DefaultMQProducer(String producerGroup, SessionCredentials credentials) {
        this(producerGroup, new AclClientRPCHook(credentials));
    }

    /**
     * Joins (or starts) the client instance of this producer's client id and registers the group.
     *
     * @throws MQClientException when already started, the group name is invalid, or the group is already
     *     registered in this client instance
     */
    public synchronized void start() throws MQClientException {
        if (sender != null) {
            throw new MQClientException(-1, "producer " + producerGroup + " is already started");
        }
        String problem = TopicValidator.problemWith(producerGroup);
        if (problem != null) {
            throw new MQClientException(-1, "invalid producer group " + producerGroup + ": " + problem);
        }
        producerGroup = withNamespace(producerGroup);
        changeInstanceNameToPID();
        MQClientInstance instance = MQClientManager.getOrCreate(this, rpcHook);
        MessageSender created = new MessageSender(this, instance);
        if (!instance.registerProducer(created)) {
            throw new MQClientException(-1, "The producer group[" + producerGroup
                    + "] has been created before, specify another name please.");
        }
        instance.receiveRepliesWith(RequestFutureHolder.getInstance()::receiveReply);
        RequestFutureHolder.getInstance().startScheduledTask(this);
        instance.start();
        instance.heartbeatNow();
        if (traceDispatcher != null) {
            traceDispatcher.start(this);
        }
        sender = created;
        LOG.info("producer {} started in client {}", producerGroup, instance.clientId());
    }

    /** Unregisters the group from every broker and stops the client instance if nothing else uses it. */
    public synchronized void shutdown() {
        MessageSender s = sender;
        if (s == null) {
            return;
        }
        sender = null;
        RequestFutureHolder.getInstance().shutdown(this);
        if (traceDispatcher != null) {
            traceDispatcher.shutdown();
        }
        s.instance().unregisterProducer(producerGroup);
        s.instance().shutdownIfUnused();
        LOG.info("producer {} shut down", producerGroup);
    }

    /** Sends synchronously, retrying on other queues up to {@link #getRetryTimesWhenSendFailed()} times. */
    public SendResult send(Message msg)
            throws MQClientException, RemotingException, MQBrokerException, InterruptedException {
        return send(msg, sendMsgTimeout);
    }

    /** Like {@link #send(Message)} with a timeout for the whole call, retries included. */
    public SendResult send(Message msg, long timeout)
            throws MQClientException, RemotingException, MQBrokerException, InterruptedException {
        validate(msg);
        return running().sendWithRetry(outgoing(msg), timeout);
    }

    /** Sends asynchronously; {@code callback} runs on a client callback thread. */
    public void send(Message msg, SendCallback callback)
            throws MQClientException, RemotingException, InterruptedException {
        send(msg, callback, sendMsgTimeout);
    }

    public void send(Message msg, SendCallback callback, long timeout)
            throws MQClientException, RemotingException, InterruptedException {
        validate(msg);
        running().sendAsync(outgoing(msg), null, callback,
                timeout, retryTimesWhenSendAsyncFailed);
    }

    /** Sends without waiting for any answer: fastest, no delivery guarantee. */
    public void sendOneway(Message msg)
            throws MQClientException, RemotingException, InterruptedException {
        validate(msg);
        MessageSender s = running();
        s.sendOnewayToQueue(outgoing(msg),
                s.selectQueue(s.publishInfo(msg.getTopic()), null), sendMsgTimeout);
    }

    /** Sends synchronously to {@code mq}, without retries. */
    public SendResult send(Message msg, MessageQueue mq)
            throws MQClientException, RemotingException, MQBrokerException, InterruptedException {
        return send(msg, mq, sendMsgTimeout);
    }

    public SendResult send(Message msg, MessageQueue mq, long timeout)
            throws MQClientException, RemotingException, MQBrokerException, InterruptedException {
        validate(msg);
        MessageQueue queue = checkQueueTopic(msg.getTopic(), mq);
        return running().sendToQueue(outgoing(msg), queue, timeout);
    }

    /** Sends asynchronously to {@code mq}, retrying on the same queue. */
    public void send(Message msg, MessageQueue mq, SendCallback callback)
            throws MQClientException, RemotingException, InterruptedException {
        sendAsyncTo(msg, mq, callback, sendMsgTimeout);
    }

    public void send(Message msg, MessageQueue mq, SendCallback callback, long timeout)
            throws MQClientException, RemotingException, InterruptedException {
        sendAsyncTo(msg, mq, callback, timeout);
    }

    private void sendAsyncTo(Message msg, MessageQueue mq, SendCallback callback, long timeout)
            throws MQClientException {
        validate(msg);
        MessageQueue queue = checkQueueTopic(msg.getTopic(), mq);
        running().sendAsync(outgoing(msg), queue, callback,
                timeout, retryTimesWhenSendAsyncFailed);
    }

    public void sendOneway(Message msg, MessageQueue mq)
            throws MQClientException, RemotingException, InterruptedException {
        validate(msg);
        MessageQueue queue = checkQueueTopic(msg.getTopic(), mq);
        running().sendOnewayToQueue(outgoing(msg), queue, sendMsgTimeout);
    }

    /** Sends synchronously to the queue {@code selector} picks for {@code arg} (ordered messages). */
    public SendResult send(Message msg, MessageQueueSelector selector, Object arg)
            throws MQClientException, RemotingException, MQBrokerException, InterruptedException {
        return send(msg, selector, arg, sendMsgTimeout);
    }

    public SendResult send(Message msg, MessageQueueSelector selector, Object arg, long timeout)
            throws MQClientException, RemotingException, MQBrokerException, InterruptedException {
        validate(msg);
        return running().sendToQueue(outgoing(msg),
                select(msg, selector, arg), timeout);
    }

    public void send(Message msg, MessageQueueSelector selector, Object arg, SendCallback callback)
            throws MQClientException, RemotingException, InterruptedException {
        sendAsyncSelected(msg, selector, arg, callback, sendMsgTimeout);
    }

    public void send(Message msg, MessageQueueSelector selector, Object arg, SendCallback callback, long timeout)
            throws MQClientException, RemotingException, InterruptedException {
        sendAsyncSelected(msg, selector, arg, callback, timeout);
    }

    private void sendAsyncSelected(Message msg, MessageQueueSelector selector, Object arg, SendCallback callback,
            long timeout) throws MQClientException {
        validate(msg);
        running().sendAsync(outgoing(msg),
                select(msg, selector, arg), callback, timeout, retryTimesWhenSendAsyncFailed);
    }

    public void sendOneway(Message msg, MessageQueueSelector selector, Object arg)
            throws MQClientException, RemotingException, InterruptedException {
        validate(msg);
        running().sendOnewayToQueue(outgoing(msg),
                select(msg, selector, arg), sendMsgTimeout);
    }

    /** Sends messages of one topic as one batch, synchronously, with retries. */
    public SendResult send(Collection<Message> msgs)
            throws MQClientException, RemotingException, MQBrokerException, InterruptedException {
        return send(msgs, sendMsgTimeout);
    }

    public SendResult send(Collection<Message> msgs, long timeout)
            throws MQClientException, RemotingException, MQBrokerException, InterruptedException {
        OutgoingMessage batch = validBatch(msgs);
        return running().sendWithRetry(batch, timeout);
    }

    /** Sends messages of one topic as one batch to {@code mq}. */
    public SendResult send(Collection<Message> msgs, MessageQueue mq)
            throws MQClientException, RemotingException, MQBrokerException, InterruptedException {
        return send(msgs, mq, sendMsgTimeout);
    }

    public SendResult send(Collection<Message> msgs, MessageQueue mq, long timeout)
            throws MQClientException, RemotingException, MQBrokerException, InterruptedException {
        OutgoingMessage batch = validBatch(msgs);
        return running().sendToQueue(batch, checkQueueTopic(batch.topic(), mq), timeout);
    }

    /** Sends messages of one topic as one batch, asynchronously, with retries. */
    public void send(Collection<Message> msgs, SendCallback callback)
            throws MQClientException, RemotingException, MQBrokerException, InterruptedException {
        send(msgs, callback, sendMsgTimeout);
    }

    public void send(Collection<Message> msgs, SendCallback callback, long timeout)
            throws MQClientException, RemotingException, MQBrokerException, InterruptedException {
        running().sendAsync(validBatch(msgs), null, callback, timeout, retryTimesWhenSendAsyncFailed);
    }

    /** Sends messages of one topic as one batch to {@code mq}, asynchronously, retrying on the same queue. */
    public void send(Collection<Message> msgs, MessageQueue mq, SendCallback callback)
            throws MQClientException, RemotingException, MQBrokerException, InterruptedException {
        send(msgs, mq, callback, sendMsgTimeout);
    }

    public void send(Collection<Message> msgs, MessageQueue mq, SendCallback callback, long timeout)
            throws MQClientException, RemotingException, MQBrokerException, InterruptedException {
        OutgoingMessage batch = validBatch(msgs);
        running().sendAsync(batch, checkQueueTopic(batch.topic(), mq), callback, timeout,
                retryTimesWhenSendAsyncFailed);
    }

    /**
     * Sends {@code msg} as a request and waits for the reply a consumer sends with
     * {@link io.apogee.client.utils.MessageUtil#createReplyMessage}, pushed back by the broker; {@code timeout}
     * bounds the whole call and travels with the request as its {@code TTL}.
     *
     * @throws RequestTimeoutException when the request was sent but no reply came in time
     * @throws MQClientException       when the request could not be sent
     */
    public Message request(Message msg, long timeout) throws RequestTimeoutException, MQClientException,
            RemotingException, MQBrokerException, InterruptedException {
        validate(msg);
        return new Requester(running()).request(msg, timeout, requestSend(msg, null, null, null));
    }

    /**
     * Sends {@code msg} as a request without waiting: {@code callback} gets the reply, the send's failure, or a
     * {@link RequestTimeoutException} when no reply came within {@code timeout} ms.
     */
    public void request(Message msg, RequestCallback callback, long timeout)
            throws MQClientException, RemotingException, InterruptedException, MQBrokerException {
        validate(msg);
        new Requester(running()).request(msg, callback, timeout, requestSend(msg, null, null, null));
    }

    /** Like {@link #request(Message, long)}, to the queue {@code selector} picks for {@code arg}. */
    public Message request(Message msg, MessageQueueSelector selector, Object arg, long timeout)
            throws MQClientException, RemotingException, MQBrokerException, InterruptedException,
            RequestTimeoutException {
        validate(msg);
        return new Requester(running()).request(msg, timeout, requestSend(msg, selector, arg, null));
    }

    /** Like {@link #request(Message, RequestCallback, long)}, to the queue {@code selector} picks for {@code arg}. */
    public void request(Message msg, MessageQueueSelector selector, Object arg, RequestCallback callback,
            long timeout) throws MQClientException, RemotingException, InterruptedException, MQBrokerException {
        validate(msg);
        new Requester(running()).request(msg, callback, timeout, requestSend(msg, selector, arg, null));
    }

    /** Like {@link #request(Message, long)}, to {@code mq}. */
    public Message request(Message msg, MessageQueue mq, long timeout) throws MQClientException, RemotingException,
            MQBrokerException, InterruptedException, RequestTimeoutException {
        validate(msg);
        MessageQueue queue = checkQueueTopic(msg.getTopic(), mq);
        return new Requester(running()).request(msg, timeout, requestSend(msg, null, null, queue));
    }

    /** Like {@link #request(Message, RequestCallback, long)}, to {@code mq}. */
    public void request(Message msg, MessageQueue mq, RequestCallback callback, long timeout)
            throws MQClientException, RemotingException, InterruptedException, MQBrokerException {
        validate(msg);
        MessageQueue queue = checkQueueTopic(msg.getTopic(), mq);
        new Requester(running()).request(msg, callback, timeout, requestSend(msg, null, null, queue));
    }

    /**
     * The asynchronous send of a prepared request: to the queue {@code selector} picks (chosen once the request's
     * route is known), to {@code mq}, or (both null) to any queue with retries.
     */
    private Requester.AsyncSend requestSend(Message msg, MessageQueueSelector selector, Object arg,
            MessageQueue mq) {
        return (callback, left) -> running().sendAsync(outgoing(msg),
                selector != null ? select(msg, selector, arg) : mq, callback, left, retryTimesWhenSendAsyncFailed);
    }

    /**
     * Not for a plain producer, as in RocketMQ: use {@link TransactionMQProducer}.
     *
     * @throws RuntimeException always
     */
    public TransactionSendResult sendMessageInTransaction(Message msg, Object arg) throws MQClientException {
        throw new RuntimeException("sendMessageInTransaction not implement, please use TransactionMQProducer class");
    }

    /**
     * Not for a plain producer, as in RocketMQ: use {@link TransactionMQProducer}.
     *
     * @throws RuntimeException always
     * @deprecated as in RocketMQ; use {@link #sendMessageInTransaction(Message, Object)}
     */
    @Deprecated
    public TransactionSendResult sendMessageInTransaction(Message msg, LocalTransactionExecuter executer, Object arg)
            throws MQClientException {
        throw new RuntimeException("sendMessageInTransaction not implement, please use TransactionMQProducer class");
    }

    /** The writable queues of {@code topic}, in the order selectors see them (named without the namespace). */
    public List<MessageQueue> fetchPublishMessageQueues(String topic) throws MQClientException {
        return queuesWithoutNamespace(running().publishInfo(withNamespace(topic)).queues());
    }

    /** Called for a broker's check-back of a half message; only transactional producers answer it. */
    void checkTransactionState(String brokerAddr, MessageExt message, CheckTransactionStateRequestHeader header) {
        LOG.warn("producer {} is not transactional, ignoring check of {} from {}", producerGroup,
                header.getMsgId(), brokerAddr);
    }

    /** This producer's trace dispatcher ({@code null} without {@code enableMsgTrace}), as RocketMQ's getter. */
    public TraceDispatcher getTraceDispatcher() {
        return traceDispatcher;
    }

    LatencyFaultTolerance latencyFaultTolerance() {
        return latencyFaultTolerance;
    }

    ExecutorService callbackExecutor() {
        return callbackExecutor;
    }

    ExecutorService asyncSenderExecutor() {
        return asyncSenderExecutor;
    }

    @Override
    protected MQClientInstance runningInstance() throws MQClientException {
        return running().instance();
    }

    MessageSender running() throws MQClientException {
        MessageSender s = sender;
        if (s == null) {
            throw new MQClientException(-1, "The producer service state not OK, maybe started once or not started: "
                    + producerGroup);
        }
        return s;
    }

    /** The queue {@code selector} picks; it sees the queues as the app names them, without the namespace. */
    private MessageQueue select(Message msg, MessageQueueSelector selector, Object arg) throws MQClientException {
        List<MessageQueue> queues = running().publishInfo(msg.getTopic()).queues();
        MessageQueue mq = selector.select(getNamespace() == null ? queues : queuesWithoutNamespace(queues), msg, arg);
        if (mq == null) {
            throw new MQClientException(-1, "select message queue return null.");
        }
        return queueWithNamespace(mq);
    }

    /** {@code msg} encoded for the wire; a {@link MessageBatch} goes as one SEND_BATCH_MESSAGE of its messages. */
    private OutgoingMessage outgoing(Message msg) throws MQClientException {
        return msg instanceof MessageBatch batch ? validBatch(batch.messages())
                : OutgoingMessage.single(msg, compressMsgBodyOverHowmuch);
    }

    private OutgoingMessage validBatch(Collection<Message> msgs) throws MQClientException {
        if (msgs != null) {
            for (Message m : msgs) {
                validate(m);
            }
        }
        OutgoingMessage batch = OutgoingMessage.batch(msgs);
        if (batch.body().length > maxMessageSize) {
            throw new MQClientException(ResponseCode.MESSAGE_ILLEGAL,
                    "the message body size over max value, MAX: " + maxMessageSize);
        }
        return batch;
    }

    /** {@code mq} in this producer's namespace, checked against the (already wrapped) {@code topic}. */
    private MessageQueue checkQueueTopic(String topic, MessageQueue mq) throws MQClientException {
        MessageQueue queue = queueWithNamespace(mq);
        if (queue == null || !topic.equals(queue.getTopic())) {
            throw new MQClientException(-1, "message's topic not equal mq's topic");
        }
        return queue;
    }

    /**
     * Puts {@code msg}'s topic in this producer's namespace (as RocketMQ does, on the app's message) and runs the
     * client-side checks before anything goes on the wire, with RocketMQ's messages.
     */
    private void validate(Message msg) throws MQClientException {
        if (msg == null) {
            throw new MQClientException(ResponseCode.MESSAGE_ILLEGAL, "the message is null");
        }
        msg.setTopic(withNamespace(msg.getTopic()));
        String problem = TopicValidator.problemWith(msg.getTopic());
        if (problem != null) {
            throw new MQClientException(ResponseCode.MESSAGE_ILLEGAL, problem);
        }
        if (SystemTopics.isNotAllowedToSend(msg.getTopic())
                || SystemTopics.AUTO_CREATE_TOPIC_KEY.equals(msg.getTopic())) {
            throw new MQClientException(ResponseCode.NO_PERMISSION,
                    "Sending message to topic[" + msg.getTopic() + "] is forbidden.");
        }
        if (msg.getBody() == null || msg.getBody().length == 0) {
            throw new MQClientException(ResponseCode.MESSAGE_ILLEGAL, "the message body is null or empty");
        }
        if (msg.getBody().length > maxMessageSize) {
            throw new MQClientException(ResponseCode.MESSAGE_ILLEGAL,
                    "the message body size over max value, MAX: " + maxMessageSize);
        }
    }

    public String getProducerGroup() {
        return producerGroup;
    }

    public void setProducerGroup(String producerGroup) {
        this.producerGroup = producerGroup;
    }

    public String getCreateTopicKey() {
        return createTopicKey;
    }

    public void setCreateTopicKey(String createTopicKey) {
        this.createTopicKey = createTopicKey;
    }

    public int getDefaultTopicQueueNums() {
        return defaultTopicQueueNums;
    }

    public void setDefaultTopicQueueNums(int defaultTopicQueueNums) {
        this.defaultTopicQueueNums = defaultTopicQueueNums;
    }

    public int getSendMsgTimeout() {
        return sendMsgTimeout;
    }

    public void setSendMsgTimeout(int sendMsgTimeout) {
        this.sendMsgTimeout = sendMsgTimeout;
    }

    public int getCompressMsgBodyOverHowmuch() {
        return compressMsgBodyOverHowmuch;
    }

    public void setCompressMsgBodyOverHowmuch(int compressMsgBodyOverHowmuch) {
        this.compressMsgBodyOverHowmuch = compressMsgBodyOverHowmuch;
    }

    public int getRetryTimesWhenSendFailed() {
        return retryTimesWhenSendFailed;
    }

    public void setRetryTimesWhenSendFailed(int retryTimesWhenSendFailed) {
        this.retryTimesWhenSendFailed = retryTimesWhenSendFailed;
    }

    public int getRetryTimesWhenSendAsyncFailed() {
        return retryTimesWhenSendAsyncFailed;
    }

    public void setRetryTimesWhenSendAsyncFailed(int retryTimesWhenSendAsyncFailed) {
        this.retryTimesWhenSendAsyncFailed = retryTimesWhenSendAsyncFailed;
    }

    public boolean isRetryAnotherBrokerWhenNotStoreOK() {
        return retryAnotherBrokerWhenNotStoreOK;
    }

    public void setRetryAnotherBrokerWhenNotStoreOK(boolean retryAnotherBrokerWhenNotStoreOK) {
        this.retryAnotherBrokerWhenNotStoreOK = retryAnotherBrokerWhenNotStoreOK;
    }

    public int getMaxMessageSize() {
        return maxMessageSize;
    }

    public void setMaxMessageSize(int maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    public boolean isSendLatencyFaultEnable() {
        return sendLatencyFaultEnable;
    }

    public void setSendLatencyFaultEnable(boolean sendLatencyFaultEnable) {
        this.sendLatencyFaultEnable = sendLatencyFaultEnable;
    }

    /** The latency steps of {@code sendLatencyFaultEnable}, in ms (RocketMQ's 50, 100, 550 … 15,000). */
    public long[] getLatencyMax() {
        return latencyFaultTolerance.getLatencyMax();
    }

    /** Replaces the latency steps (ascending, in ms); takes effect at once, started or not. */
    public void setLatencyMax(long[] latencyMax) {
        latencyFaultTolerance.setLatencyMax(latencyMax);
    }

    /** How long a broker is avoided after a send reached each latency step, in ms (RocketMQ's 0, 0, 30 s … 600 s). */
    public long[] getNotAvailableDuration() {
        return latencyFaultTolerance.getNotAvailableDuration();
    }

    /** Replaces the pauses paired with {@link #getLatencyMax()}'s steps, in ms; takes effect at once. */
    public void setNotAvailableDuration(long[] notAvailableDuration) {
        latencyFaultTolerance.setNotAvailableDuration(notAvailableDuration);
    }

    /** The live set of broker response codes a synchronous or asynchronous send retries on another queue. */
    public Set<Integer> getRetryResponseCodes() {
        return retryResponseCodes;
    }

    /** Also retries a send the broker answered with {@code responseCode}. */
    public void addRetryResponseCode(int responseCode) {
        retryResponseCodes.add(responseCode);
    }

    /** Whether sends go to each broker's VIP port ({@code listenPort - 2}): {@link #isVipChannelEnabled()}. */
    public boolean isSendMessageWithVIPChannel() {
        return isVipChannelEnabled();
    }

    public void setSendMessageWithVIPChannel(boolean sendMessageWithVIPChannel) {
        setVipChannelEnabled(sendMessageWithVIPChannel);
    }

    /**
     * Runs every asynchronous send's callback on {@code callbackExecutor} instead of the client's callback threads
     * (on the answering thread when it refuses a task). RocketMQ sets it on the whole client instance; here it is
     * this producer's. The app keeps owning it: {@link #shutdown()} does not stop it.
     */
    public void setCallbackExecutor(ExecutorService callbackExecutor) {
        this.callbackExecutor = callbackExecutor;
    }

    /**
     * Runs asynchronous sends (route lookup, queue choice, encoding) on {@code asyncSenderExecutor}, so that
     * {@code send(msg, callback)} returns at once; a send that waited past its timeout in its queue fails with
     * RocketMQ's {@code RemotingTooMuchRequestException}, and one it refuses throws {@code MQClientException}.
     * Without it (the default) the calling thread does that work. The app keeps owning it.
     */
    public void setAsyncSenderExecutor(ExecutorService asyncSenderExecutor) {
        this.asyncSenderExecutor = asyncSenderExecutor;
    }
}
