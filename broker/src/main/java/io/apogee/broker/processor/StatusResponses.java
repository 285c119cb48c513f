package io.apogee.broker.processor;

import io.apogee.broker.slave.MasterLink;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.store.GetMessageStatus;
import io.apogee.store.PutMessageResult;
import io.apogee.store.PutMessageStatus;
import java.util.function.Supplier;

/** The one place that turns store outcomes into RocketMQ response codes and remarks. */
final class StatusResponses {

    private StatusResponses() {
    }

    /** The response code for an append outcome (stored outcomes are 0, 10, 11, 12). */
    static int sendCode(PutMessageStatus status) {
        return switch (status) {
            case PUT_OK -> ResponseCode.SUCCESS;
            case FLUSH_DISK_TIMEOUT -> ResponseCode.FLUSH_DISK_TIMEOUT;
            case FLUSH_SLAVE_TIMEOUT -> ResponseCode.FLUSH_SLAVE_TIMEOUT;
            case SLAVE_NOT_AVAILABLE -> ResponseCode.SLAVE_NOT_AVAILABLE;
            case SERVICE_NOT_AVAILABLE, DISK_FULL -> ResponseCode.SERVICE_NOT_AVAILABLE;
            case MESSAGE_ILLEGAL, PROPERTIES_SIZE_EXCEEDED -> ResponseCode.MESSAGE_ILLEGAL;
            case CREATE_MAPPED_FILE_FAILED, OS_PAGECACHE_BUSY, UNKNOWN_ERROR -> ResponseCode.SYSTEM_ERROR;
        };
    }

    /**
     * A readable remark for a failed append, or {@code null} for stored outcomes.
     *
     * @param diskUse the store's disk use, asked only for DISK_FULL
     */
    static String sendRemark(PutMessageStatus status, int maxMessageSize, Supplier<String> diskUse) {
        return switch (status) {
            case PUT_OK, FLUSH_DISK_TIMEOUT, FLUSH_SLAVE_TIMEOUT, SLAVE_NOT_AVAILABLE -> null;
            case SERVICE_NOT_AVAILABLE -> "service not available now: the store is shutting down or this broker is a"
                    + " slave";
            case DISK_FULL -> "service not available now: disk full, " + diskUse.get() + "; the broker refuses"
                    + " writes until retention frees space (fileReservedTime, diskMaxUsedSpaceRatio) or the disk grows";
            case MESSAGE_ILLEGAL -> "the message is illegal, maybe msg body or topic length is too long (max message"
                    + " size " + maxMessageSize + " bytes)";
            case PROPERTIES_SIZE_EXCEEDED -> "the message is illegal, its properties are longer than 32767 bytes";
            case CREATE_MAPPED_FILE_FAILED -> "create mapped file failed, server is busy or broken.";
            case OS_PAGECACHE_BUSY -> "[PC_SYNCHRONIZED]broker busy, start flow control for a while";
            case UNKNOWN_ERROR -> "UNKNOWN_ERROR";
        };
    }

    /**
     * The pull response code for a read outcome (message-format.md §10).
     *
     * @param requestOffset the offset the consumer asked for
     */
    static int pullCode(GetMessageStatus status, long requestOffset) {
        return switch (status) {
            case FOUND -> ResponseCode.SUCCESS;
            case NO_MATCHED_MESSAGE, MESSAGE_WAS_REMOVING -> ResponseCode.PULL_RETRY_IMMEDIATELY;
            case NO_MESSAGE_IN_QUEUE, NO_MATCHED_LOGIC_QUEUE ->
                    requestOffset == 0 ? ResponseCode.PULL_NOT_FOUND : ResponseCode.PULL_OFFSET_MOVED;
            case OFFSET_TOO_SMALL, OFFSET_OVERFLOW_BADLY -> ResponseCode.PULL_OFFSET_MOVED;
            case OFFSET_OVERFLOW_ONE, OFFSET_FOUND_NULL -> ResponseCode.PULL_NOT_FOUND;
        };
    }

    /**
     * The answer to an append that did not store its message, the same on every path that appends for a client
     * (send, send-back): SYSTEM_ERROR for a failure, the status's code and remark for a refusal.
     *
     * @param diskUse the store's disk use, for a DISK_FULL remark
     * @return the refusal, or {@code null} when the message was stored
     */
    static RemotingCommand putRefusal(PutMessageResult result, Throwable failure, int maxMessageSize,
            Supplier<String> diskUse) {
        if (failure != null || result == null) {
            return error(ResponseCode.SYSTEM_ERROR, "store failed: " + (failure == null ? "no result"
                    : failure.toString()));
        }
        PutMessageStatus status = result.status();
        return status.isStored() ? null : error(sendCode(status), sendRemark(status, maxMessageSize, diskUse));
    }

    /** RocketMQ's remark refusing topic and group changes on a slave (code 1); ours adds the master. */
    static final String SLAVE_ADMIN_REFUSAL = "Can't modify topic or subscription group from slave broker, please"
            + " execute it from master broker.";

    /** A slave refusing a topic or group change: SYSTEM_ERROR with RocketMQ's remark, then which broker is master. */
    static RemotingCommand slaveAdminRefusal(MasterLink master) {
        return error(ResponseCode.SYSTEM_ERROR, SLAVE_ADMIN_REFUSAL + " This broker is a slave; "
                + master.describeMaster() + ".");
    }

    /**
     * A slave refusing a send: SERVICE_NOT_AVAILABLE (RocketMQ's store answers a slave's sends so), naming the
     * master to send to.
     */
    static RemotingCommand slaveSendRefusal(String brokerName, MasterLink master) {
        return error(ResponseCode.SERVICE_NOT_AVAILABLE, "service not available now: the broker[" + brokerName
                + "] is a slave, sending message is forbidden; " + master.describeMaster() + ", send to it.");
    }

    /** A slave refusing END_TRANSACTION: SLAVE_NOT_AVAILABLE with RocketMQ's remark, then the master. */
    static RemotingCommand slaveEndTransactionRefusal(MasterLink master) {
        return error(ResponseCode.SLAVE_NOT_AVAILABLE, "Message store is slave mode, so end transaction is"
                + " forbidden; " + master.describeMaster() + ".");
    }

    /** A response with {@code code} and {@code remark}. */
    static RemotingCommand error(int code, String remark) {
        return RemotingCommand.response(code, remark);
    }
}
