package io.apogee.remoting.protocol.body;

import com.alibaba.fastjson2.JSON;
import java.util.ArrayList;
import java.util.List;

/** QUERY_CONSUME_TIME_SPAN (303) response body. */
public class QueryConsumeTimeSpanBody {

    private List<QueueTimeSpan> consumeTimeSpanSet = new ArrayList<>();

    /** Parses a body written by Apache RocketMQ or by us. */
    public static QueryConsumeTimeSpanBody decode(byte[] body) {
        return JSON.parseObject(body, QueryConsumeTimeSpanBody.class);
    }

    /** This object as a JSON body, the way fastjson 1.x writes it (object map keys included). */
    public byte[] encode() {
        return JSON.toJSONBytes(this);
    }

    public List<QueueTimeSpan> getConsumeTimeSpanSet() {
        return consumeTimeSpanSet;
    }

    public void setConsumeTimeSpanSet(List<QueueTimeSpan> consumeTimeSpanSet) {
        this.consumeTimeSpanSet = consumeTimeSpanSet;
    }
}
