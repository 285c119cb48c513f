package io.apogee.remoting;

import io.apogee.remoting.protocol.RemotingCommand;

/**
 * Sees the requests and responses passing through one remoting endpoint: where ACL checks, per-code metrics and
 * tracing plug in.
 *
 * <p>Each request an endpoint receives gets exactly one {@link #doBeforeRequest} before its processor runs and
 * exactly one {@link #doAfterResponse} once its response is ready, just before it is written. That holds for
 * responses completed later (a send once stored, a pull held by long polling) and for requests refused without
 * being processed (unknown code, flow control), for which both calls come back to back. An exception thrown by
 * {@code doBeforeRequest} refuses the request (an ACL check's way to deny it): the hooks registered after it are
 * skipped, the request is answered {@code SYSTEM_ERROR} with the exception's description (a
 * {@link RequestRefusedException}: its code and message), and every hook's {@code doAfterResponse} sees that answer.
 *
 * <p>For requests an endpoint sends, {@code doBeforeRequest} runs before the request is written and
 * {@code doAfterResponse} when its response arrives (not on a timeout or a send failure), unless the hook's
 * {@link #seesRequestsSent} says false.
 *
 * <p>Hooks run on whichever thread got there (I/O, processor, store completion, long polling): they must be
 * thread-safe and quick.
 */
public interface RpcHook {

    void doBeforeRequest(String remoteAddr, RemotingCommand request);

    /**
     * Whether this hook also sees the requests its endpoint sends (true by default). A server-side ACL check says
     * false: it judges what clients ask, not what the broker asks its clients.
     */
    default boolean seesRequestsSent() {
        return true;
    }

    /**
     * @param response the response, already carrying the request's opaque; {@code null} when there is none (a
     *     request answered with nothing); for a oneway request, what its processor returned (nothing is written)
     */
    void doAfterResponse(String remoteAddr, RemotingCommand request, RemotingCommand response);
}
