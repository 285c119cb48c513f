package io.apogee.common.route;

import java.util.List;
import java.util.Map;

/**
 * GET_ROUTEINFO_BY_TOPIC's body: the topic's queues per broker name and those brokers' addresses.
 *
 * @param orderTopicConf    {@code brokerName:queueNums;...} for ordered topics (from the NameServer's
 *                          {@code ORDER_TOPIC_CONFIG} KV namespace), or {@code null} (then omitted)
 * @param filterServerTable broker address to its filter servers; RocketMQ clients need it present, even empty
 */
public record TopicRouteData(String orderTopicConf, List<QueueData> queueDatas, List<BrokerData> brokerDatas,
        Map<String, List<String>> filterServerTable) {
}
