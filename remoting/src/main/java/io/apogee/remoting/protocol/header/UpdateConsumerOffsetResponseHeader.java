package io.apogee.remoting.protocol.header;

import io.apogee.remoting.protocol.CommandCustomHeader;

/** UPDATE_CONSUMER_OFFSET response (no fields). */
public class UpdateConsumerOffsetResponseHeader implements CommandCustomHeader {
}
