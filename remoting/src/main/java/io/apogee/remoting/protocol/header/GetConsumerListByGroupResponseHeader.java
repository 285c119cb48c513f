package io.apogee.remoting.protocol.header;

import io.apogee.remoting.protocol.CommandCustomHeader;

/** GET_CONSUMER_LIST_BY_GROUP response (no fields; the ids are in the body). */
public class GetConsumerListByGroupResponseHeader implements CommandCustomHeader {
}
