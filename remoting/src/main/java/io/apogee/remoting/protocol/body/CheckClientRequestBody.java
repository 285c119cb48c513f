package io.apogee.remoting.protocol.body;

import com.alibaba.fastjson2.JSON;
import io.apogee.common.consumer.SubscriptionData;

/** CHECK_CLIENT_CONFIG (46) request body. */
public class CheckClientRequestBody {

    private String clientId;
    private String group;
    private SubscriptionData subscriptionData;

    /** Parses a body written by Apache RocketMQ or by us. */
    public static CheckClientRequestBody decode(byte[] body) {
        return JSON.parseObject(body, CheckClientRequestBody.class);
    }

    /** This object as a JSON body, the way fastjson 1.x writes it (object map keys included). */
    public byte[] encode() {
        return JSON.toJSONBytes(this);
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getGroup() {
        return group;
    }

    public void setGroup(String group) {
        this.group = group;
    }

    public SubscriptionData getSubscriptionData() {
        return subscriptionData;
    }

    public void setSubscriptionData(SubscriptionData subscriptionData) {
        this.subscriptionData = subscriptionData;
    }
}
