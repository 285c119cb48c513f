package io.apogee.remoting;

import io.apogee.remoting.protocol.RemotingCommand;

/** Sees every request before it is sent or processed and every response after it (e.g. to sign or check ACLs). */
public interface RpcHook {

    void doBeforeRequest(String remoteAddr, RemotingCommand request);

    void doAfterResponse(String remoteAddr, RemotingCommand request, RemotingCommand response);
}
