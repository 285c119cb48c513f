package io.apogee.remoting.protocol.header;

/** GET_MIN_OFFSET (31) request. */
public class GetMinOffsetRequestHeader extends TopicQueueRequestHeader {
}
