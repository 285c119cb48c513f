package io.apogee.remoting.protocol.heartbeat;

import com.alibaba.fastjson2.JSON;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;

/** HEART_BEAT (34) request body: a client's id and the producer and consumer groups it runs (bodies.md §5). */
public class HeartbeatData {

    private String clientID;
    private Set<ProducerData> producerDataSet = new LinkedHashSet<>();
    private Set<ConsumerData> consumerDataSet = new LinkedHashSet<>();

    /** Parses a HEART_BEAT body; unknown fields (5.x additions) are ignored. */
    public static HeartbeatData decode(byte[] body) {
        return JSON.parseObject(new String(body, StandardCharsets.UTF_8), HeartbeatData.class);
    }

    /** This heartbeat as a request body. */
    public byte[] encode() {
        return JSON.toJSONBytes(this);
    }

    public String getClientID() {
        return clientID;
    }

    public void setClientID(String clientID) {
        this.clientID = clientID;
    }

    public Set<ProducerData> getProducerDataSet() {
        return producerDataSet;
    }

    public void setProducerDataSet(Set<ProducerData> producerDataSet) {
        this.producerDataSet = producerDataSet;
    }

    public Set<ConsumerData> getConsumerDataSet() {
        return consumerDataSet;
    }

    public void setConsumerDataSet(Set<ConsumerData> consumerDataSet) {
        this.consumerDataSet = consumerDataSet;
    }

    @Override
    public String toString() {
        return "HeartbeatData[clientID=" + clientID + ", producers=" + producerDataSet + ", consumers="
                + consumerDataSet + "]";
    }
}
