package io.apogee.client.admin;

import io.apogee.client.MQBrokerException;
import io.apogee.client.MQClientException;
import io.apogee.common.route.BrokerData;
import io.apogee.common.route.TopicRouteData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the masters of a route answered to one request: the answers by broker name, and the brokers that failed
 * (kept, not thrown, so a view shows what the others said and names the ones missing).
 */
record BrokerAnswers<T>(Map<String, T> answers, List<BrokerFailure> failures) {

    /** Asks the master of every broker of {@code route}, in broker-name order; brokers without a master are skipped. */
    static <T> BrokerAnswers<T> askMasters(TopicRouteData route, BrokerCall<T> call) throws InterruptedException {
        Map<String, T> answers = new LinkedHashMap<>();
        List<BrokerFailure> failures = new ArrayList<>();
        List<BrokerData> brokers = new ArrayList<>(route.brokerDatas());
        brokers.sort(Comparator.comparing(BrokerData::brokerName));
        for (BrokerData broker : brokers) {
            String addr = broker.brokerAddrs().get(BrokerData.MASTER_ID);
            if (addr == null) {
                continue;
            }
            try {
                answers.put(broker.brokerName(), call.call(addr));
            } catch (MQClientException | MQBrokerException e) {
                failures.add(new BrokerFailure(broker.brokerName(), addr, e.getMessage()));
            }
        }
        return new BrokerAnswers<>(answers, List.copyOf(failures));
    }
}
