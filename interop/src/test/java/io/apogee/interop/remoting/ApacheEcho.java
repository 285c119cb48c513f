package io.apogee.interop.remoting;

import io.netty.channel.ChannelHandlerContext;
import org.apache.rocketmq.remoting.netty.NettyRequestProcessor;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;

/** Apache's side of the echo: answers with the request's remark, extFields and body. */
final class ApacheEcho implements NettyRequestProcessor {

    @Override
    public RemotingCommand processRequest(ChannelHandlerContext ctx, RemotingCommand request) {
        RemotingCommand response = RemotingCommand.createResponseCommand(0, request.getRemark());
        response.setExtFields(request.getExtFields());
        response.setBody(request.getBody());
        return response;
    }

    @Override
    public boolean rejectRequest() {
        return false;
    }
}
