package io.apogee.remoting;

/**
 * Thrown by an {@link RpcHook}'s {@code doBeforeRequest} to refuse a request with a response code of its choosing
 * (an ACL check answers {@code NO_PERMISSION}); the endpoint answers with {@link #code()} and the message as remark.
 */
public final class RequestRefusedException extends RuntimeException {

    private final int code;

    public RequestRefusedException(int code, String remark) {
        super(remark, null, false, false);
        this.code = code;
    }

    /** The response code the request is answered with. */
    public int code() {
        return code;
    }
}
