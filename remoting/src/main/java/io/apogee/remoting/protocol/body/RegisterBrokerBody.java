package io.apogee.remoting.protocol.body;

import java.util.List;

/**
 * REGISTER_BROKER's body: the broker's topics and its filter servers. Written as JSON or in the compressed form;
 * see {@link RegisterBrokerBodyCodec}.
 *
 * @param filterServerList addresses of the broker's filter servers (empty: none)
 */
public record RegisterBrokerBody(TopicConfigSerializeWrapper topicConfigSerializeWrapper,
        List<String> filterServerList) {
}
