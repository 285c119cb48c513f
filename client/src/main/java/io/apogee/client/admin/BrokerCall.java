package io.apogee.client.admin;

import io.apogee.client.MQBrokerException;
import io.apogee.client.MQClientException;

/** One request to the broker at an address, as the aggregate views make it for each broker they cover. */
@FunctionalInterface
interface BrokerCall<T> {

    T call(String addr) throws MQClientException, MQBrokerException, InterruptedException;
}
