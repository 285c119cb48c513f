package io.apogee.remoting.protocol.header;

/** GET_EARLIEST_MSG_STORETIME (32) request. */
public class GetEarliestMsgStoretimeRequestHeader extends TopicQueueRequestHeader {
}
