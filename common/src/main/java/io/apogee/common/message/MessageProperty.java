package io.apogee.common.message;

import java.util.Set;

/**
 * Reserved message property names, spelled as RocketMQ spells them on the wire and on disk, and the separators of the
 * properties string (message-format.md §3). User properties must not use these names.
 */
public final class MessageProperty {

    /** Business keys, separated by {@link #KEY_SEPARATOR}; each is indexed for key queries. */
    public static final String KEYS = "KEYS";
    /** The message's single tag; its {@code String.hashCode()} is the consume-queue tag code. */
    public static final String TAGS = "TAGS";
    /** {@code "true"}/{@code "false"}: whether the broker waits for flush/replication before replying. */
    public static final String WAIT_STORE_MSG_OK = "WAIT";
    /** Delay level 1..18. */
    public static final String DELAY_TIME_LEVEL = "DELAY";
    /** Original topic of a retried message. */
    public static final String RETRY_TOPIC = "RETRY_TOPIC";
    /** Original topic of a delayed or half message. */
    public static final String REAL_TOPIC = "REAL_TOPIC";
    /** Original queue id of a delayed or half message. */
    public static final String REAL_QUEUE_ID = "REAL_QID";
    /** {@code "true"} marks a transactional half message. */
    public static final String TRANSACTION_PREPARED = "TRAN_MSG";
    /** Producer group of a transactional message. */
    public static final String PRODUCER_GROUP = "PGROUP";
    /** Added by the client after a pull. */
    public static final String MIN_OFFSET = "MIN_OFFSET";
    /** Added by the client after a pull. */
    public static final String MAX_OFFSET = "MAX_OFFSET";
    public static final String BUYER_ID = "BUYER_ID";
    /** Message id of the first delivery of a retried message. */
    public static final String ORIGIN_MESSAGE_ID = "ORIGIN_MESSAGE_ID";
    public static final String TRANSFER_FLAG = "TRANSFER_FLAG";
    public static final String CORRECTION_FLAG = "CORRECTION_FLAG";
    public static final String MQ2_FLAG = "MQ2_FLAG";
    public static final String RECONSUME_TIME = "RECONSUME_TIME";
    public static final String MSG_REGION = "MSG_REGION";
    public static final String TRACE_SWITCH = "TRACE_ON";
    /** Client-generated unique id, what users see as the message id. */
    public static final String UNIQ_CLIENT_MESSAGE_ID_KEYIDX = "UNIQ_KEY";
    public static final String MAX_RECONSUME_TIMES = "MAX_RECONSUME_TIMES";
    public static final String CONSUME_START_TIMESTAMP = "CONSUME_START_TIME";
    public static final String TRANSACTION_PREPARED_QUEUE_OFFSET = "TRAN_PREPARED_QUEUE_OFFSET";
    public static final String TRANSACTION_CHECK_TIMES = "TRANSACTION_CHECK_TIMES";
    public static final String CHECK_IMMUNITY_TIME_IN_SECONDS = "CHECK_IMMUNITY_TIME_IN_SECONDS";
    public static final String INSTANCE_ID = "INSTANCE_ID";
    public static final String CORRELATION_ID = "CORRELATION_ID";
    public static final String MESSAGE_REPLY_TO_CLIENT = "REPLY_TO_CLIENT";
    public static final String MESSAGE_TTL = "TTL";
    public static final String REPLY_MESSAGE_ARRIVE_TIME = "ARRIVE_TIME";
    public static final String PUSH_REPLY_TIME = "PUSH_REPLY_TIME";
    /** Cluster name of the storing broker, added on store. */
    public static final String CLUSTER = "CLUSTER";
    public static final String MESSAGE_TYPE = "MSG_TYPE";
    public static final String INNER_MULTI_DISPATCH = "INNER_MULTI_DISPATCH";
    public static final String INNER_MULTI_QUEUE_OFFSET = "INNER_MULTI_QUEUE_OFFSET";

    /** The names {@link Message#putUserProperty} refuses (RocketMQ 4.9.8's {@code MessageConst.STRING_HASH_SET}). */
    public static final Set<String> RESERVED = Set.of(
            REPLY_MESSAGE_ARRIVE_TIME, BUYER_ID, CLUSTER, CONSUME_START_TIMESTAMP, CORRECTION_FLAG, CORRELATION_ID,
            DELAY_TIME_LEVEL, INNER_MULTI_QUEUE_OFFSET, INSTANCE_ID, KEYS, MAX_OFFSET, MAX_RECONSUME_TIMES, MIN_OFFSET,
            MQ2_FLAG, MSG_REGION, MESSAGE_TYPE, ORIGIN_MESSAGE_ID, PRODUCER_GROUP, PUSH_REPLY_TIME, REAL_QUEUE_ID,
            REAL_TOPIC, RECONSUME_TIME, MESSAGE_REPLY_TO_CLIENT, RETRY_TOPIC, TAGS, TRACE_SWITCH, TRANSFER_FLAG,
            TRANSACTION_PREPARED, MESSAGE_TTL, UNIQ_CLIENT_MESSAGE_ID_KEYIDX, WAIT_STORE_MSG_OK);

    /** Separates the keys inside {@link #KEYS}. */
    public static final String KEY_SEPARATOR = " ";
    /** Separates a name from its value in the properties string ({@code \u0001}). */
    public static final char NAME_VALUE_SEPARATOR = 1;
    /** Separates one property from the next in the properties string ({@code \u0002}). */
    public static final char PROPERTY_SEPARATOR = 2;

    private MessageProperty() {
    }
}
