package io.apogee.remoting.protocol.body;

import com.alibaba.fastjson2.JSON;
import io.apogee.remoting.protocol.heartbeat.ConsumeFromWhere;
import io.apogee.remoting.protocol.heartbeat.ConsumeType;
import io.apogee.remoting.protocol.heartbeat.MessageModel;
import io.apogee.remoting.protocol.heartbeat.SubscriptionData;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** GET_CONSUMER_CONNECTION_LIST (203) response body: a consumer group's online clients and subscriptions. */
public class ConsumerConnection {

    private Set<Connection> connectionSet = new LinkedHashSet<>();
    /** topic to subscription */
    private Map<String, SubscriptionData> subscriptionTable = new LinkedHashMap<>();
    private ConsumeType consumeType;
    private MessageModel messageModel;
    private ConsumeFromWhere consumeFromWhere;

    /** Parses a body written by Apache RocketMQ or by us. */
    public static ConsumerConnection decode(byte[] body) {
        return JSON.parseObject(body, ConsumerConnection.class);
    }

    /** This object as a JSON body, the way fastjson 1.x writes it (object map keys included). */
    public byte[] encode() {
        return JSON.toJSONBytes(this);
    }

    public Set<Connection> getConnectionSet() {
        return connectionSet;
    }

    public void setConnectionSet(Set<Connection> connectionSet) {
        this.connectionSet = connectionSet;
    }

    public Map<String, SubscriptionData> getSubscriptionTable() {
        return subscriptionTable;
    }

    public void setSubscriptionTable(Map<String, SubscriptionData> subscriptionTable) {
        this.subscriptionTable = subscriptionTable;
    }

    public ConsumeType getConsumeType() {
        return consumeType;
    }

    public void setConsumeType(ConsumeType consumeType) {
        this.consumeType = consumeType;
    }

    public MessageModel getMessageModel() {
        return messageModel;
    }

    public void setMessageModel(MessageModel messageModel) {
        this.messageModel = messageModel;
    }

    public ConsumeFromWhere getConsumeFromWhere() {
        return consumeFromWhere;
    }

    public void setConsumeFromWhere(ConsumeFromWhere consumeFromWhere) {
        this.consumeFromWhere = consumeFromWhere;
    }
}
