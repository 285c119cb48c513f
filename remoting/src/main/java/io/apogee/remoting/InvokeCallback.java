package io.apogee.remoting;

import io.apogee.remoting.exception.RemotingException;
import io.apogee.remoting.protocol.RemotingCommand;

/** Completion of an asynchronous request: exactly one of {@code response} and {@code failure} is non-null. */
@FunctionalInterface
public interface InvokeCallback {

    void onComplete(RemotingCommand response, RemotingException failure);
}
