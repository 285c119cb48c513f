package io.apogee.remoting.protocol.body;

import com.alibaba.fastjson2.JSON;
import java.util.ArrayList;
import java.util.List;

/** GET_CONSUMER_LIST_BY_GROUP (38) response body: the client ids of a group's online consumers. */
public class GetConsumerListByGroupResponseBody {

    private List<String> consumerIdList = new ArrayList<>();

    /** Parses a body written by Apache RocketMQ or by us. */
    public static GetConsumerListByGroupResponseBody decode(byte[] body) {
        return JSON.parseObject(body, GetConsumerListByGroupResponseBody.class);
    }

    /** This object as a JSON body, the way fastjson 1.x writes it (object map keys included). */
    public byte[] encode() {
        return JSON.toJSONBytes(this);
    }

    public List<String> getConsumerIdList() {
        return consumerIdList;
    }

    public void setConsumerIdList(List<String> consumerIdList) {
        this.consumerIdList = consumerIdList;
    }
}
