package io.apogee.client.impl;

import io.apogee.remoting.RpcHook;
import io.apogee.remoting.protocol.RemotingCommand;

/**
 * Marks each request as a stream request, as RocketMQ's {@code StreamTypeRPCHook} does for
 * {@code enableStreamRequestType}: the extension field {@code ReqT} set to {@code 0} (RocketMQ's
 * {@code RequestType.STREAM}).
 */
final class StreamRequestTypeHook implements RpcHook {

    static final String FIELD = "ReqT";
    static final String STREAM = "0";

    @Override
    public void doBeforeRequest(String remoteAddr, RemotingCommand request) {
        request.addExtField(FIELD, STREAM);
    }

    @Override
    public void doAfterResponse(String remoteAddr, RemotingCommand request, RemotingCommand response) {
    }
}
