package io.apogee.namesrv.processor;

import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.ResponseCode;

/** The one place the NameServer's processors get their response codes and remarks from. */
final class NamesrvResponses {

    private NamesrvResponses() {
    }

    static RemotingCommand success() {
        return RemotingCommand.response(ResponseCode.SUCCESS, null);
    }

    /** A malformed request: missing header field, bad value, corrupt body. */
    static RemotingCommand badRequest(String why) {
        return RemotingCommand.response(ResponseCode.SYSTEM_ERROR, why);
    }

    /** RocketMQ's remark, which its clients show to users. */
    static RemotingCommand topicNotExist(String topic) {
        return RemotingCommand.response(ResponseCode.TOPIC_NOT_EXIST, "No topic route info in name server for the "
                + "topic: " + topic + "\nSee http://rocketmq.apache.org/docs/faq/ for further details.");
    }

    static RemotingCommand kvNotFound(String namespace, String key) {
        return RemotingCommand.response(ResponseCode.QUERY_NOT_FOUND, "No config item, Namespace: " + namespace
                + " Key: " + key);
    }

    static RemotingCommand kvNamespaceNotFound(String namespace) {
        return RemotingCommand.response(ResponseCode.QUERY_NOT_FOUND, "No config item, Namespace: " + namespace);
    }

    /** RocketMQ's remark "crc32 not match", with both values. */
    static RemotingCommand crcMismatch(int declared, int actual) {
        return RemotingCommand.response(ResponseCode.SYSTEM_ERROR, "crc32 not match: header bodyCrc32=" + declared
                + ", body crc32=" + actual);
    }

    /** RocketMQ 4.9.8's remark for a config key in {@code configBlackList}. */
    static RemotingCommand configKeyBlacklisted(String key) {
        return RemotingCommand.response(ResponseCode.NO_PERMISSION, "Can not update config in black list. key="
                + key);
    }
}
