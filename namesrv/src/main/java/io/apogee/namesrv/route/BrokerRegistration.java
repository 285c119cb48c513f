package io.apogee.namesrv.route;

import io.apogee.remoting.protocol.body.TopicConfigSerializeWrapper;
import java.util.List;

/**
 * One REGISTER_BROKER as the route table applies it.
 *
 * @param brokerId      0 for a master; only a master's topics become queue data
 * @param haServerAddr  where this broker's slaves replicate from
 * @param topics        the broker's topics and their data version
 * @param filterServers the broker's filter servers (empty: none)
 */
public record BrokerRegistration(String clusterName, String brokerName, long brokerId, String brokerAddr,
        String haServerAddr, TopicConfigSerializeWrapper topics, List<String> filterServers) {
}
