package io.apogee.client.impl.consumer;

import io.apogee.client.MQBrokerException;
import io.apogee.remoting.protocol.ResponseCode;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A broker that answers pulls with SUBSCRIPTION_GROUP_NOT_EXIST (the group was never created there and the broker
 * does not create groups: {@code autoCreateSubscriptionGroup=false}) leaves the consumer receiving nothing; this
 * logs it at WARN once per group and broker, not once per pull, with the command that fixes it.
 */
final class MissingGroupWarning {

    private static final Logger LOG = LoggerFactory.getLogger(MissingGroupWarning.class);

    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /** @return whether {@code failure} was the missing group (then logged at WARN the first time per broker) */
    boolean onPullFailure(String group, String brokerAddr, String namesrvAddr, Exception failure) {
        if (!(failure instanceof MQBrokerException broker)
                || broker.getResponseCode() != ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST) {
            return false;
        }
        if (warned.add(group + "@" + brokerAddr)) {
            LOG.warn("consumer group {} does not exist on broker {} and the broker does not create groups"
                    + " (autoCreateSubscriptionGroup=false), so this consumer receives nothing from it: create the"
                    + " group with mqadmin updateSubGroup -n '{}' -b {} -g {} (or -c <cluster> for every broker)."
                    + " Broker said: {}", group, brokerAddr, namesrvAddr, brokerAddr, group, broker.getMessage());
        }
        return true;
    }
}
