package io.apogee.remoting.protocol.header;

/** GET_MAX_OFFSET (30) request. */
public class GetMaxOffsetRequestHeader extends TopicQueueRequestHeader {
}
