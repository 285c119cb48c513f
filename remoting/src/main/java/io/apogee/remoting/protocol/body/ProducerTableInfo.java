package io.apogee.remoting.protocol.body;

import com.alibaba.fastjson2.JSON;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** GET_ALL_PRODUCER_INFO (328) response body: producer group to its clients. */
public class ProducerTableInfo {

    private Map<String, List<ProducerInfo>> data = new LinkedHashMap<>();

    /** Parses a body written by Apache RocketMQ or by us. */
    public static ProducerTableInfo decode(byte[] body) {
        return JSON.parseObject(body, ProducerTableInfo.class);
    }

    /** This object as a JSON body, the way fastjson 1.x writes it (object map keys included). */
    public byte[] encode() {
        return JSON.toJSONBytes(this);
    }

    public Map<String, List<ProducerInfo>> getData() {
        return data;
    }

    public void setData(Map<String, List<ProducerInfo>> data) {
        this.data = data;
    }
}
