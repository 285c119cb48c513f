package io.apogee.client.impl.api;

import io.apogee.client.MQBrokerException;
import io.apogee.remoting.protocol.CommandCustomHeader;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RemotingCommandException;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.BodyJson;

/** Turns broker responses into values or {@link MQBrokerException}s, one way for every call. */
final class Responses {

    private Responses() {
    }

    /** @throws MQBrokerException unless the response is SUCCESS */
    static RemotingCommand success(RemotingCommand response, String addr) throws MQBrokerException {
        if (response.code() != ResponseCode.SUCCESS) {
            throw new MQBrokerException(response.code(), response.remark(), addr);
        }
        return response;
    }

    /** The response's header; a header that does not decode is reported as a broker failure. */
    static <T extends CommandCustomHeader> T header(RemotingCommand response, Class<T> type, String addr)
            throws MQBrokerException {
        try {
            return response.decodeHeader(type);
        } catch (RemotingCommandException e) {
            throw new MQBrokerException(response.code(), "bad response header: " + e.getMessage(), addr);
        }
    }

    /** The body of a successful response; a missing body is reported as a broker failure. */
    static byte[] body(RemotingCommand response, String addr) throws MQBrokerException {
        success(response, addr);
        if (response.body() == null) {
            throw new MQBrokerException(response.code(), "response has no body", addr);
        }
        return response.body();
    }

    /** The body of a successful response as {@code type}; a body that does not parse is a broker failure. */
    static <T> T body(RemotingCommand response, Class<T> type, String addr) throws MQBrokerException {
        try {
            return BodyJson.decode(body(response, addr), type);
        } catch (RemotingCommandException e) {
            throw new MQBrokerException(response.code(), "bad response body: " + e.getMessage(), addr);
        }
    }
}
