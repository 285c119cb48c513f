package io.apogee.client;

/** Codes of failures the client itself detects, as RocketMQ 4.9's {@code ClientErrorCode} numbers them. */
public final class ClientErrorCode {

    /** A {@code request()} was sent but no reply arrived within its timeout. */
    public static final int REQUEST_TIMEOUT_EXCEPTION = 10006;
    /** {@code MessageUtil.createReplyMessage} was given no request, or one without the {@code CLUSTER} property. */
    public static final int CREATE_REPLY_MESSAGE_EXCEPTION = 10007;

    private ClientErrorCode() {
    }
}
